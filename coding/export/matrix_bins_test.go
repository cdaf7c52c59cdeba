package export_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

// TestMatrixNumericAttribute orders a numeric attribute's columns by
// value, bins them, and rejects bins that cannot apply.
func TestMatrixNumericAttribute(t *testing.T) {
	snap := study(t)
	byCase, err := export.Matrix(snap, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	total := map[string]float64{}
	for i, c := range byCase.Cols {
		total[c.Label] = byCase.ColTotals[i].Value
	}
	for _, tt := range []struct {
		bins string
		want []string
		from [][]string // the cases behind each column
	}{
		{"", []string{"45", "120", "300", "Employees not set"}, [][]string{{"Kohtamäki Oy"}, {"Luleå Stål AB"}, {"Nordlys AS"}, {"No case"}}},
		{"50,200", []string{"under 50", "50 to under 200", "200 or more", "Employees not set"}, [][]string{{"Kohtamäki Oy"}, {"Luleå Stål AB"}, {"Nordlys AS"}, {"No case"}}},
		{"150", []string{"under 150", "150 or more", "Employees not set"}, [][]string{{"Kohtamäki Oy", "Luleå Stål AB"}, {"Nordlys AS"}, {"No case"}}},
	} {
		m, err := export.Matrix(snap, export.Options{Columns: "attr:employees", Bins: tt.bins})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i, c := range m.Cols {
			got = append(got, c.Label)
			want := 0.0
			for _, k := range tt.from[i] {
				want += total[k]
			}
			if m.ColTotals[i].Value != want {
				t.Errorf("bins %q, column %s: got %v quotes, want %v", tt.bins, c.Label, m.ColTotals[i].Value, want)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("bins %q: columns (-want +got):\n%s", tt.bins, diff)
		}
	}
	for _, opt := range []export.Options{
		{Columns: "attr:sector", Bins: "10"},
		{Columns: "case", Bins: "10"},
		{Columns: "attr:employees", Bins: "200,50"},
		{Columns: "attr:employees", Bins: "many"},
	} {
		if _, err := export.Matrix(snap, opt); coding.ErrorCode(err) != coding.EINVALID {
			t.Errorf("%+v: got %v, want invalid", opt, err)
		}
	}
}
