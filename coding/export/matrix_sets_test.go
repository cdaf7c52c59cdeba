package export_test

import (
	"bytes"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// withSets adds to the small project a set of documents d1 and d2
// ("Interviews"), one of d2 and d3 ("Later"), and a code set of c2 and T2
// ("Contrast").
func withSets(t *testing.T) *coding.Snapshot {
	t.Helper()
	snap := small(t)
	id := func(title string) string {
		for _, d := range snap.Documents {
			if d.Title == title {
				return d.ID
			}
		}
		t.Fatalf("no document %q", title)
		return ""
	}
	code := func(name string) string {
		for _, c := range snap.Codes {
			if c.Name == name {
				return c.ID
			}
		}
		t.Fatalf("no code %q", name)
		return ""
	}
	snap.Sets = []*coding.Set{
		{ID: "S1", Name: "Interviews", DocumentIDs: []string{id("d1"), id("d2")}},
		{ID: "S2", Name: "Later", DocumentIDs: []string{id("d2"), id("d3")}},
		{ID: "S3", Name: "Contrast", CodeIDs: []string{code("c2"), code("T2")}},
	}
	return snap
}

func TestMatrixWithSets(t *testing.T) {
	snap := withSets(t)
	tests := []struct {
		name     string
		opt      export.Options
		wantRows []string
		wantCols []string
		want     [][]float64
	}{
		// d1: q1 c1, q2 c2, q3 c3; d2: q4 c1, q5 c1 c3; d3: q6 c3.
		{"document sets as columns", export.Options{Level: coding.LevelConcept, Columns: "set"}, []string{"c1", "c2", "c3"}, []string{"Interviews", "Later"},
			[][]float64{{3, 2, 3}, {1, 0, 1}, {2, 2, 3}, {5, 3, 6}}},
		{"code set as rows", export.Options{Rows: "set:contrast", Columns: "document"}, []string{"c2", "T2"}, []string{"d1", "d2", "d3"},
			[][]float64{{1, 0, 0, 1}, {1, 1, 1, 3}, {2, 1, 1, 4}}},
		{"document set as filter", export.Options{Level: coding.LevelConcept, Columns: "document", Set: "Later"}, []string{"c1", "c2", "c3"}, []string{"d2", "d3"},
			[][]float64{{2, 0, 2}, {0, 0, 0}, {1, 1, 2}, {2, 1, 3}}},
		// Kept: the quotes with c2, or T2 and the c3 below it (q2, q3, q5,
		// q6); q5 counts for T1 too, through its c1.
		{"code set as filter", export.Options{Level: coding.LevelTheme, Set: "S3"}, []string{"T1", "T2"}, []string{"A", "B", "No case"},
			[][]float64{{1, 1, 0, 2}, {1, 1, 1, 3}, {2, 1, 1, 4}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkMatrix(t, snap, tc.opt, tc.wantRows, tc.wantCols, tc.want)
		})
	}
	for _, bad := range []export.Options{{Set: "Nope"}, {Rows: "set:Interviews"}, {Rows: "codes"}} {
		if _, err := export.Matrix(snap, bad); coding.ErrorCode(err) != coding.EINVALID {
			t.Errorf("%+v: got %v, want %s", bad, err, coding.EINVALID)
		}
	}
	// Exports take the set filter too.
	var buf bytes.Buffer
	if err := export.Export(&buf, snap, "matrix-csv", export.Options{Columns: "document", Set: "Later"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "d1") || !strings.Contains(buf.String(), "d3") {
		t.Errorf("matrix CSV narrowed to the set Later: got\n%s", buf.String())
	}
}
