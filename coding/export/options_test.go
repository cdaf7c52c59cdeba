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
		{"gioia-md", []string{"facets", "sections", "counts", "quotes", "set", "table", "anonymise"}},
		{"gioia-xlsx", []string{"facets", "sections", "counts", "quotes", "set", "table", "raw", "anonymise"}},
		{"gioia-svg", []string{"sections", "split", "page", "orientation", "badges", "header", "anonymise"}},
		{"gioia-pdf", []string{"sections", "split", "page", "orientation", "badges", "header", "anonymise"}},
		{"codebook-csv", []string{"raw", "anonymise"}},
		{"codebook-docx", []string{"anonymise"}},
		{"codebook-table-tex", []string{"table", "anonymise"}},
		{"matrix-html", []string{"level", "columns", "rows", "cell", "facet_filter", "set", "table", "anonymise"}},
		{"cases-csv", []string{"attributes", "counts", "table", "raw", "anonymise"}},
		{"cooccurrence-md", []string{"unit", "level", "set", "table", "anonymise"}},
		{"quotes-xlsx", []string{"facets", "set", "table", "raw", "anonymise"}},
		{"supporting-docx", []string{"facets", "sections", "level", "quotes", "per_row", "set", "table", "anonymise"}},
		{"supporting-csv", []string{"facets", "sections", "level", "quotes", "per_row", "set", "table", "raw", "anonymise"}},
		{"qdpx", []string{"positions", "anonymise"}},
		{"no-such-format", []string{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, export.FormatOptions(tt.format)); diff != "" {
			t.Errorf("FormatOptions(%q) (-want +got):\n%s", tt.format, diff)
		}
	}
}
