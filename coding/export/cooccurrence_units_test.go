package export_test

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

// TestCooccurrenceUnitsCounts checks that every cell of the co-occurrence
// matrix has as many units behind it as it counts, for each unit and
// level, on the golden-test study.
func TestCooccurrenceUnitsCounts(t *testing.T) {
	for _, snap := range []*coding.Snapshot{small(t), study(t)} {
		for _, unit := range []string{"quote", "turn", "document"} {
			for _, level := range []coding.Level{"", coding.LevelConcept, coding.LevelTheme, coding.LevelDimension} {
				opt := export.Options{Unit: unit, Level: level}
				res := export.Cooccurrence(snap, opt)
				for i, a := range res.Codes {
					for j, b := range res.Codes {
						pair, err := export.CooccurrenceUnits(snap, opt, a.ID, b.ID)
						if err != nil {
							t.Fatalf("%s %s/%s: %v", snap.Project.Name, unit, level, err)
						}
						if got, want := len(pair.Units), res.Matrix[i][j]; got != want {
							t.Errorf("%s %s/%s %s+%s: got %d units, want %d", snap.Project.Name, unit, level, a.Name, b.Name, got, want)
						}
						for _, u := range pair.Units {
							if len(u.QuoteIDs) == 0 {
								t.Errorf("%s %s/%s %s+%s: unit %+v has no quotes", snap.Project.Name, unit, level, a.Name, b.Name, u)
							}
						}
					}
				}
			}
		}
	}
}

// TestCooccurrenceUnits checks the units and quotes of pairs worked out by
// hand on the small project (see small).
func TestCooccurrenceUnits(t *testing.T) {
	snap := small(t)
	id := map[string]string{}
	for _, c := range snap.Codes {
		id[c.Name] = c.ID
	}
	docTitle := map[string]string{}
	for _, d := range snap.Documents {
		docTitle[d.ID] = d.Title
	}
	// Quotes are named "document@start".
	label := map[string]string{}
	for _, q := range snap.Quotes {
		label[q.ID] = docTitle[q.DocumentID] + "@" + strconv.Itoa(q.Start)
	}
	type unit struct {
		Doc        string
		Turn       int
		Start, End int
		Quotes     []string
	}
	tests := []struct {
		name string
		opt  export.Options
		a, b string
		want []unit
	}{
		// q1 and q2 overlap: one passage of d1 with c1 and c2.
		{"quote", export.Options{}, "c1", "c2", []unit{{"d1", -1, 0, 20, []string{"d1@0", "d1@5"}}}},
		// q5 carries c1 and c3 alone.
		{"quote, one quote", export.Options{}, "c1", "c3", []unit{{"d2", -1, 20, 30, []string{"d2@20"}}}},
		// The diagonal lists each passage of the code.
		{"quote, diagonal", export.Options{}, "c2", "c2", []unit{{"d1", -1, 0, 20, []string{"d1@5"}}}},
		{"turn", export.Options{Unit: "turn"}, "c1", "c3", []unit{
			{"d1", 0, 0, 57, []string{"d1@0", "d1@30"}},
			{"d2", 0, 0, 56, []string{"d2@0", "d2@20"}},
		}},
		{"document, themes", export.Options{Unit: "document", Level: coding.LevelTheme}, "T1", "T2", []unit{
			{"d1", -1, 0, 40, []string{"d1@0", "d1@5", "d1@30"}},
			{"d2", -1, 0, 30, []string{"d2@0", "d2@20"}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := export.CooccurrenceUnits(snap, tc.opt, id[tc.a], id[tc.b])
			if err != nil {
				t.Fatal(err)
			}
			var got []unit
			for _, u := range res.Units {
				var qs []string
				for _, q := range u.QuoteIDs {
					qs = append(qs, label[q])
				}
				got = append(got, unit{docTitle[u.DocumentID], u.Turn, u.Start, u.End, qs})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("units (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCooccurrenceUnitsErrors checks unknown codes and codes of the wrong
// level.
func TestCooccurrenceUnitsErrors(t *testing.T) {
	snap := small(t)
	id := map[string]string{}
	for _, c := range snap.Codes {
		id[c.Name] = c.ID
	}
	tests := []struct {
		name string
		opt  export.Options
		a, b string
		want string
	}{
		{"unknown", export.Options{}, id["c1"], "nope", coding.ENOTFOUND},
		{"wrong level", export.Options{Level: coding.LevelTheme}, id["c1"], id["T1"], coding.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := export.CooccurrenceUnits(snap, tc.opt, tc.a, tc.b)
			if got := coding.ErrorCode(err); got != tc.want {
				t.Errorf("got error %v (%s), want %s", err, got, tc.want)
			}
		})
	}
}
