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
		{"gioia-md", []string{"facets", "sections", "counts", "quotes", "table"}},
		{"gioia-xlsx", []string{"facets", "sections", "counts", "quotes", "table", "raw"}},
		{"gioia-svg", []string{"sections", "split", "page", "orientation", "badges", "header"}},
		{"gioia-pdf", []string{"sections", "split", "page", "orientation", "badges", "header"}},
		{"codebook-csv", []string{"raw"}},
		{"codebook-docx", []string{}},
		{"codebook-table-tex", []string{"table"}},
		{"matrix-html", []string{"level", "columns", "cell", "facet_filter", "table"}},
		{"cases-csv", []string{"attributes", "counts", "table", "raw"}},
		{"cooccurrence-md", []string{"unit", "level", "table"}},
		{"quotes-xlsx", []string{"facets", "table", "raw"}},
		{"qdpx", []string{}},
		{"no-such-format", []string{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, export.FormatOptions(tt.format)); diff != "" {
			t.Errorf("FormatOptions(%q) (-want +got):\n%s", tt.format, diff)
		}
	}
}
