package export_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

// small builds a project whose matrix can be worked out by hand:
//
//	d1 (case A): q1 [0,10) c1, q2 [5,20) c2, q3 [30,40) c3
//	d2 (case B): q4 [0,10) c1, q5 [20,30) c1 c3
//	d3 (no case): q6 [0,5) c3
//
// with themes T1 (c1, c2) and T2 (c3) under one dimension, T1 early and
// c2 late in the Phase facet.
func small(t *testing.T) *coding.Snapshot {
	t.Helper()
	b := newBuilder(t, "Small")
	phase := b.facet("Phase", "early", "late")
	dim := b.code(coding.LevelDimension, nil, "D")
	t1 := b.code(coding.LevelTheme, dim, "T1", phase, "early")
	c1 := b.code(coding.LevelConcept, t1, "c1")
	c2 := b.code(coding.LevelConcept, t1, "c2", phase, "late")
	t2 := b.code(coding.LevelTheme, dim, "T2")
	c3 := b.code(coding.LevelConcept, t2, "c3")
	a := b.kase("A", coding.Attribute{Name: "Markets", Type: coding.AttrList, Value: "X; Y"})
	bb := b.kase("B", coding.Attribute{Name: "Sector", Value: "Software"})
	text := strings.Repeat("abcdefghij", 5)
	d1 := b.doc("d1", a, "", "Anna: "+text)
	d2 := b.doc("d2", bb, "", "Ben: "+text)
	d3 := b.doc("d3", nil, "", "Notes "+text)
	b.quoteAt(d1, 0, 10, c1)
	b.quoteAt(d1, 5, 20, c2)
	b.quoteAt(d1, 30, 40, c3)
	b.quoteAt(d2, 0, 10, c1)
	b.quoteAt(d2, 20, 30, c1, c3)
	b.quoteAt(d3, 0, 5, c3)
	return b.done()
}

// values returns the cells, then the row totals, then the column totals
// and the grand total as the last row.
func values(m *export.MatrixResult) [][]float64 {
	var out [][]float64
	round := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	for r := range m.Rows {
		var row []float64
		for _, c := range m.Cells[r] {
			row = append(row, round(c.Value))
		}
		out = append(out, append(row, round(m.RowTotals[r].Value)))
	}
	var totals []float64
	for _, c := range m.ColTotals {
		totals = append(totals, round(c.Value))
	}
	return append(out, append(totals, round(m.Total.Value)))
}

// checkMatrix computes the matrix of snap with opt and compares its row
// names, column labels and values (with totals) with the wanted ones.
func checkMatrix(t *testing.T, snap *coding.Snapshot, opt export.Options, wantRows, wantCols []string, want [][]float64) {
	t.Helper()
	m, err := export.Matrix(snap, opt)
	if err != nil {
		t.Fatal(err)
	}
	var rows, cols []string
	for _, r := range m.Rows {
		rows = append(rows, r.Name)
	}
	for _, c := range m.Cols {
		cols = append(cols, c.Label)
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantCols, cols); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, values(m)); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

func TestMatrix(t *testing.T) {
	snap := small(t)
	tests := []struct {
		name     string
		opt      export.Options
		wantRows []string
		wantCols []string
		want     [][]float64
	}{
		{"counts by case", export.Options{}, []string{"T1", "T2"}, []string{"A", "B", "No case"},
			[][]float64{{2, 2, 0, 4}, {1, 1, 1, 3}, {3, 2, 1, 6}}},
		{"presence", export.Options{Cell: "presence"}, []string{"T1", "T2"}, []string{"A", "B", "No case"},
			[][]float64{{1, 1, 0, 2}, {1, 1, 1, 3}, {2, 2, 1, 5}}},
		// A has coded [0,20) and [30,40) of d1: 30 code points, 20 of them T1.
		{"share", export.Options{Cell: "share"}, []string{"T1", "T2"}, []string{"A", "B", "No case"},
			[][]float64{{0.6667, 1, 0, 0.7273}, {0.3333, 0.5, 1, 0.4545}, {1, 1, 1, 1}}},
		{"concepts by document", export.Options{Level: coding.LevelConcept, Columns: "document"}, []string{"c1", "c2", "c3"}, []string{"d1", "d2", "d3"},
			[][]float64{{1, 2, 0, 3}, {1, 0, 0, 1}, {1, 1, 1, 3}, {3, 2, 1, 6}}},
		{"list attribute", export.Options{Columns: "attr:markets"}, []string{"T1", "T2"}, []string{"X", "Y", "Markets not set"},
			[][]float64{{2, 2, 2, 4}, {1, 1, 2, 3}, {3, 3, 3, 6}}},
		{"speakers", export.Options{Level: coding.LevelDimension, Columns: "speaker"}, []string{"D"}, []string{"Anna", "Ben", "No speaker"},
			[][]float64{{3, 2, 1, 6}, {3, 2, 1, 6}}},
		{"facet filter", export.Options{Level: coding.LevelConcept, FacetFilter: "phase=LATE"}, []string{"c2"}, []string{"A", "B", "No case"},
			[][]float64{{1, 0, 0, 1}, {1, 0, 0, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkMatrix(t, snap, tc.opt, tc.wantRows, tc.wantCols, tc.want)
		})
	}
}

func TestMatrixCellQuotes(t *testing.T) {
	snap := small(t)
	m, err := export.Matrix(snap, export.Options{Cell: "quotes"})
	if err != nil {
		t.Fatal(err)
	}
	// The T2 cell of case B holds the quote coded with c1 and c3.
	got := m.Cells[1][1].QuoteIDs
	if len(got) != 1 || snap.Quotes[4].ID != got[0] {
		t.Errorf("got quotes %v, want [%s]", got, snap.Quotes[4].ID)
	}
	if m.Total.Value != 6 || len(m.Total.QuoteIDs) != 6 {
		t.Errorf("got total %v with %d quotes, want 6 distinct quotes", m.Total.Value, len(m.Total.QuoteIDs))
	}
	out := string(mustExport(t, snap, "matrix-md", export.Options{Cell: "quotes"}))
	// Each quote is followed by who said it (speaker or informant, case;
	// the document's title without a case), and prints its excerpt.
	if !strings.Contains(out, "| T2 | “efghijabcd” (Anna, A) | “fghijabcde” (Ben, B) | “Notes” (d3) | 3 |") {
		t.Errorf("got\n%s\nwant the T2 row with attributed quotes and a count total", out)
	}
	snap.Quotes[4].Excerpt = "fghij […]"
	out = string(mustExport(t, snap, "matrix-md", export.Options{Cell: "quotes"}))
	if !strings.Contains(out, "| T2 | “efghijabcd” (Anna, A) | “fghij \\[…\\]” (Ben, B) |") {
		t.Errorf("got\n%s\nwant the excerpt of the trimmed quote", out)
	}
}

func TestCooccurrence(t *testing.T) {
	snap := small(t)
	tests := []struct {
		name  string
		opt   export.Options
		codes []string
		want  [][]int
		pairs []string
	}{
		// Passages: d1 {c1,c2} (q1 and q2 overlap), d1 {c3}, d2 {c1}, d2 {c1,c3}, d3 {c3}.
		{"quote", export.Options{}, []string{"c1", "c2", "c3"},
			[][]int{{3, 1, 1}, {1, 1, 0}, {1, 0, 3}}, []string{"c1+c2=1", "c1+c3=1"}},
		// One turn per document.
		{"turn", export.Options{Unit: "turn"}, []string{"c1", "c2", "c3"},
			[][]int{{2, 1, 2}, {1, 1, 1}, {2, 1, 3}}, []string{"c1+c3=2", "c1+c2=1", "c2+c3=1"}},
		{"document, themes", export.Options{Unit: "document", Level: coding.LevelTheme}, []string{"T1", "T2"},
			[][]int{{2, 2}, {2, 3}}, []string{"T1+T2=2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := export.Cooccurrence(snap, tc.opt)
			var codes, pairs []string
			for _, c := range res.Codes {
				codes = append(codes, c.Name)
			}
			for _, p := range res.Pairs {
				pairs = append(pairs, p.A.Name+"+"+p.B.Name+"="+strconv.Itoa(p.Count))
			}
			if diff := cmp.Diff(tc.codes, codes); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, res.Matrix); diff != "" {
				t.Errorf("matrix (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.pairs, pairs); diff != "" {
				t.Errorf("pairs (-want +got):\n%s", diff)
			}
		})
	}
}
