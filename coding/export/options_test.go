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
		{"gioia-md", []string{"facets", "sections", "counts", "quotes"}},
		{"gioia-xlsx", []string{"facets", "sections", "counts", "quotes", "raw"}},
		{"gioia-svg", []string{"sections", "split", "page", "orientation", "badges", "header"}},
		{"gioia-pdf", []string{"sections", "split", "page", "orientation", "badges", "header"}},
		{"codebook-csv", []string{"raw"}},
		{"codebook-docx", []string{}},
		{"matrix-html", []string{"level", "columns", "cell", "facet_filter"}},
		{"cases-csv", []string{"attributes", "counts", "raw"}},
		{"cooccurrence-md", []string{"unit", "level"}},
		{"quotes-xlsx", []string{"facets", "raw"}},
		{"qdpx", []string{}},
		{"no-such-format", []string{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, export.FormatOptions(tt.format)); diff != "" {
			t.Errorf("FormatOptions(%q) (-want +got):\n%s", tt.format, diff)
		}
	}
}
