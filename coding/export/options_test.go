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
		{"gioia-md", []string{"facets", "sections", "counts", "quotes", "set"}},
		{"gioia-xlsx", []string{"facets", "sections", "counts", "quotes", "set", "raw"}},
		{"gioia-svg", []string{}},
		{"codebook-csv", []string{"raw"}},
		{"codebook-docx", []string{}},
		{"matrix-html", []string{"level", "columns", "rows", "cell", "facet_filter", "set"}},
		{"cases-csv", []string{"attributes", "counts", "raw"}},
		{"cooccurrence-md", []string{"unit", "level", "set"}},
		{"quotes-xlsx", []string{"facets", "set", "raw"}},
		{"qdpx", []string{"positions"}},
		{"no-such-format", []string{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, export.FormatOptions(tt.format)); diff != "" {
			t.Errorf("FormatOptions(%q) (-want +got):\n%s", tt.format, diff)
		}
	}
}
