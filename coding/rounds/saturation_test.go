package rounds_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
	"tessera/coding/rounds"
)

// saturationFixture codes seven interviews of two cases so that, in
// coding order, they add 3, 1, 0, 0, 0, 0 and 1 new concepts (the
// first interview's third concept coded last).
func saturationFixture(t *testing.T) *coding.Snapshot {
	t.Helper()
	f := newFixture(t)
	alpha, beta := f.caseNamed("Alpha"), f.caseNamed("Beta")
	a1, a2, a3 := f.doc("A1", alpha.ID, "2025-02-01"), f.doc("A2", alpha.ID, "2025-02-03"), f.doc("A3", alpha.ID, "2025-02-05")
	b1, b2, b3, b4 := f.doc("B1", beta.ID, "2025-02-02"), f.doc("B2", beta.ID, "2025-02-04"), f.doc("B3", beta.ID, ""), f.doc("B4", beta.ID, "2025-01-15")
	t1 := f.code("T1", coding.LevelTheme, "")
	t2 := f.code("T2", coding.LevelTheme, "")
	c1, c2, c3 := f.code("c1", coding.LevelConcept, t1.ID), f.code("c2", coding.LevelConcept, t1.ID), f.code("c3", coding.LevelConcept, t1.ID)
	c3a := f.code("c3a", coding.LevelConcept, c3.ID) // a sub-concept counts as c3
	c4, c5 := f.code("c4", coding.LevelConcept, t2.ID), f.code("c5", coding.LevelConcept, t2.ID)

	f.quote(a1, 0, c1.ID)
	f.quote(a1, 1, c2.ID)
	f.quote(b1, 0, c2.ID, c4.ID)
	f.quote(a2, 0, c3a.ID)
	f.quote(b2, 0, c1.ID)
	f.quote(a3, 0, c4.ID)
	f.quote(b3, 0, c2.ID)
	f.quote(b4, 0, c5.ID)
	f.quote(a1, 2, c3.ID) // later coding of the first interview moves nothing
	snap, err := f.s.Snapshot(ctx, f.pid, false)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// curveOf lists a curve's steps as "title:new concepts:concepts so far:themes so far".
func curveOf(cv *rounds.Curve) []string {
	var out []string
	for _, st := range cv.Steps {
		out = append(out, st.Title+":"+strings.Join(st.NewConcepts, "+")+":"+strconv.Itoa(st.Concepts)+":"+strconv.Itoa(st.Themes))
	}
	return out
}

func TestSaturationCurve(t *testing.T) {
	snap := saturationFixture(t)
	tests := []struct {
		name       string
		opt        rounds.SaturationOptions
		want       []string
		wantPoint  int
		wantCases  map[string]int
		wantLength map[string]int
	}{
		{"coding order, default window", rounds.SaturationOptions{},
			[]string{"A1:c1+c2+c3:3:1", "B1:c4:4:2", "A2::4:2", "B2::4:2", "A3::4:2", "B3::4:2", "B4:c5:5:2"},
			2, map[string]int{"Alpha": 0, "Beta": 0}, map[string]int{"Alpha": 3, "Beta": 4}},
		{"coding order, window 4", rounds.SaturationOptions{Window: 4},
			[]string{"A1:c1+c2+c3:3:1", "B1:c4:4:2", "A2::4:2", "B2::4:2", "A3::4:2", "B3::4:2", "B4:c5:5:2"},
			2, map[string]int{"Alpha": 0, "Beta": 0}, nil},
		{"coding order, window 5", rounds.SaturationOptions{Window: 5},
			[]string{"A1:c1+c2+c3:3:1", "B1:c4:4:2", "A2::4:2", "B2::4:2", "A3::4:2", "B3::4:2", "B4:c5:5:2"},
			0, map[string]int{"Alpha": 0, "Beta": 0}, nil},
		{"date order, window 1", rounds.SaturationOptions{Order: rounds.OrderDate, Window: 1},
			[]string{"B4:c5:1:1", "A1:c1+c2+c3:4:2", "B1:c4:5:2", "A2::5:2", "B2::5:2", "A3::5:2", "B3::5:2"},
			3, map[string]int{"Alpha": 1, "Beta": 3}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := rounds.Measure(snap, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, curveOf(s.Overall)); diff != "" {
				t.Errorf("curve (-want +got):\n%s", diff)
			}
			if s.Overall.SaturatedAfter != tc.wantPoint {
				t.Errorf("got saturation after %d, want %d", s.Overall.SaturatedAfter, tc.wantPoint)
			}
			gotCases, gotLen := map[string]int{}, map[string]int{}
			for _, cv := range s.Cases {
				gotCases[cv.Case], gotLen[cv.Case] = cv.SaturatedAfter, len(cv.Steps)
			}
			if diff := cmp.Diff(tc.wantCases, gotCases); diff != "" {
				t.Errorf("case points (-want +got):\n%s", diff)
			}
			if tc.wantLength != nil {
				if diff := cmp.Diff(tc.wantLength, gotLen); diff != "" {
					t.Errorf("case lengths (-want +got):\n%s", diff)
				}
			}
		})
	}

	for _, bad := range []rounds.SaturationOptions{{Order: "alphabet"}, {Window: -1}} {
		if _, err := rounds.Measure(snap, bad); coding.ErrorCode(err) != coding.EINVALID {
			t.Errorf("options %+v: got error %v, want invalid", bad, err)
		}
	}
}

func TestSaturationTable(t *testing.T) {
	s, err := rounds.Measure(saturationFixture(t), rounds.SaturationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var md, csv bytes.Buffer
	if err := export.WriteSaturation(&md, s, "md"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"All interviews: saturated after interview 2 (B1).",
		"Case Alpha: not saturated (3 interviews).",
		"| 2 | B1 | Beta | 2025-02-02 | 1 | 1 | 4 | 2 | c4 |",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}
	if err := export.WriteSaturation(&csv, s, "csv"); err != nil {
		t.Fatal(err)
	}
	if want := "Case Beta,4,B4,Beta,2025-01-15,1,0,4,2,c5\r\n"; !strings.Contains(csv.String(), want) {
		t.Errorf("CSV lacks %q:\n%s", want, csv.String())
	}
}
