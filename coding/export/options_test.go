package export_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding/export"
)

func TestFormatOptions(t *testing.T) {
	tests := []struct {
		format string
		want   []string
	}{
		{"gioia-md", []string{"facets", "sections", "counts", "quotes", "anonymise"}},
		{"gioia-xlsx", []string{"facets", "sections", "counts", "quotes", "raw", "anonymise"}},
		{"gioia-svg", []string{"anonymise"}},
		{"codebook-csv", []string{"raw", "anonymise"}},
		{"codebook-docx", []string{"anonymise"}},
		{"matrix-html", []string{"level", "columns", "cell", "facet_filter", "anonymise"}},
		{"cases-csv", []string{"attributes", "counts", "raw", "anonymise"}},
		{"cooccurrence-md", []string{"unit", "level", "anonymise"}},
		{"quotes-xlsx", []string{"facets", "raw", "anonymise"}},
		{"supporting-docx", []string{"facets", "sections", "level", "quotes", "per_row", "anonymise"}},
		{"supporting-csv", []string{"facets", "sections", "level", "quotes", "per_row", "raw", "anonymise"}},
		{"qdpx", []string{"anonymise"}},
		{"no-such-format", []string{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, export.FormatOptions(tt.format)); diff != "" {
			t.Errorf("FormatOptions(%q) (-want +got):\n%s", tt.format, diff)
		}
	}
}
