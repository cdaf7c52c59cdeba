package export_test

import (
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// TestNumbersFollowProjectLanguage checks digit grouping and decimal
// marks by the project's language, years left as they are, and CSV
// keeping plain numbers.
func TestNumbersFollowProjectLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want string
	}{
		{"", "| Pöllö Oy | 12,500 | 1998 | 2.5 |"},
		{"en", "| Pöllö Oy | 12,500 | 1998 | 2.5 |"},
		{"de", "| Pöllö Oy | 12.500 | 1998 | 2,5 |"},
		{"fi", "| Pöllö Oy | 12\u00a0500 | 1998 | 2,5 |"},
	} {
		b := newBuilder(t, "Numbers")
		b.snap.Project.Language = tt.lang
		b.kase("Pöllö Oy",
			coding.Attribute{Name: "Employees", Value: 12500.0},
			coding.Attribute{Name: "Founding year", Value: 1998.0},
			coding.Attribute{Name: "Growth", Value: 2.5})
		snap := b.done()
		if got := string(mustExport(t, snap, "cases-md", export.Options{})); !strings.Contains(got, tt.want) {
			t.Errorf("language %q: got\n%s\nwant a row %q", tt.lang, got, tt.want)
		}
		if got := string(mustExport(t, snap, "cases-csv", export.Options{})); !strings.Contains(got, "Pöllö Oy,12500,1998,2.5") {
			t.Errorf("language %q: CSV got\n%s\nwant plain numbers", tt.lang, got)
		}
	}
}
