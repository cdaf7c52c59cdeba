package agreement_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tessera/coding"
	"tessera/coding/agreement"
)

// exampleText is the 40-code-point document of the worked example in
// docs/agreement.md. The "å" of "på" is written decomposed here, as it
// may arrive from an import; stored text is NFC, where it is one code point.
const exampleText = "Vi litar pa\u030a Luleå 👍 men Kohtamäki tvekar"

func ptr(v float64) *float64 { return &v }

// approx compares floats to 1e-12, since the expected values below are
// hand-computed fractions.
var approx = cmpopts.EquateApprox(0, 1e-12)

// exampleInput is the worked example: two coders, one document, the codes
// "trust" and "risk", plus quotes that the report must ignore.
func exampleInput(t *testing.T) agreement.Input {
	t.Helper()
	text, _ := coding.NormalizeText(exampleText)
	if n := coding.RuneLen(text); n != 40 {
		t.Fatalf("got example length %d, want 40", n)
	}
	q := func(id, coder string, start, end int, codes ...string) *coding.Quote {
		return &coding.Quote{ID: id, DocumentID: "d1", Coder: coder, Start: start, End: end, CodeIDs: codes}
	}
	other := q("q9", "aino", 0, 500, "trust")
	other.DocumentID = "d2" // not compared
	return agreement.Input{
		Documents: map[string]int{"d1": coding.RuneLen(text)},
		Coders:    []string{"aino", "bjorn"},
		Quotes: []*coding.Quote{
			q("q1", "aino", 0, 10, "trust"),
			q("q2", "aino", 2, 6, "trust"), // inside q1: merges into it
			q("q3", "aino", 20, 30, "trust"),
			q("q4", "aino", 12, 18, "risk"),
			q("q5", "bjorn", 0, 9, "trust"),
			q("q6", "bjorn", 22, 30, "trust"),
			q("q7", "bjorn", 30, 36, "risk"),
			q("q8", "carl", 10, 40, "trust", "risk"), // not a compared coder
			other,
		},
	}
}

// TestComputeWorkedExample reproduces the worked example of
// docs/agreement.md; every expected figure was computed by hand there.
func TestComputeWorkedExample(t *testing.T) {
	got, err := agreement.Compute(exampleInput(t))
	if err != nil {
		t.Fatal(err)
	}
	want := &agreement.Report{
		Coders:     []string{"aino", "bjorn"},
		Documents:  []string{"d1"},
		MinOverlap: 0.9,
		Character: agreement.Level{
			PerCode: []agreement.CodeAgreement{
				// risk: a=0 b=6 c=6 d=28.
				{CodeID: "risk", Units: 40, Coded: []int{6, 6}, UnitsByCoders: []int{28, 12, 0},
					PercentAgreement: ptr(70), Kappa: ptr(-72.0 / 408), Alpha: ptr(-11.0 / 68)},
				// trust: a=17 b=3 c=0 d=20.
				{CodeID: "trust", Units: 40, Coded: []int{20, 17}, UnitsByCoders: []int{20, 3, 17},
					PercentAgreement: ptr(92.5), Kappa: ptr(0.85), Alpha: ptr(1354.0 / 1591)},
			},
			// pooled: a=17 b=9 c=6 d=48.
			Pooled: agreement.CodeAgreement{Units: 80, Coded: []int{26, 23}, UnitsByCoders: []int{48, 15, 17},
				PercentAgreement: ptr(81.25), Kappa: ptr(127.0 / 227), Alpha: ptr(3054.0 / 5439)},
		},
		Segment: agreement.Level{
			PerCode: []agreement.CodeAgreement{
				// risk: a=0 b=1 c=1 d=3 (gaps [0,12) [18,30) [36,40)).
				{CodeID: "risk", Units: 5, Coded: []int{1, 1}, UnitsByCoders: []int{3, 2, 0},
					Segments: 2, MatchedSegments: 0,
					PercentAgreement: ptr(0), Kappa: ptr(-0.25), Alpha: ptr(-0.125)},
				// trust: a=1 b=1 c=1 d=2 (gaps [10,20) [30,40)).
				{CodeID: "trust", Units: 5, Coded: []int{2, 2}, UnitsByCoders: []int{2, 2, 1},
					Segments: 4, MatchedSegments: 2,
					PercentAgreement: ptr(50), Kappa: ptr(1.0 / 6), Alpha: ptr(0.25)},
			},
			// pooled: a=1 b=2 c=2 d=5.
			Pooled: agreement.CodeAgreement{Units: 10, Coded: []int{3, 3}, UnitsByCoders: []int{5, 4, 1},
				Segments: 6, MatchedSegments: 2,
				PercentAgreement: ptr(100.0 / 3), Kappa: ptr(1.0 / 21), Alpha: ptr(2.0 / 21)},
		},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("report mismatch (-want +got):\n%s", diff)
	}
}

// TestComputeThreeCoders reproduces the three-coder example of
// docs/agreement.md.
func TestComputeThreeCoders(t *testing.T) {
	q := func(coder string, start, end int) *coding.Quote {
		return &coding.Quote{DocumentID: "d", Coder: coder, Start: start, End: end, CodeIDs: []string{"x"}}
	}
	got, err := agreement.Compute(agreement.Input{
		Documents: map[string]int{"d": 10},
		Coders:    []string{"c1", "c2", "c3"},
		Quotes:    []*coding.Quote{q("c1", 0, 5), q("c2", 0, 5), q("c3", 0, 4)},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Character level: 4 units coded by all, 1 by two, 5 by none.
	char := agreement.CodeAgreement{CodeID: "x", Units: 10, Coded: []int{5, 5, 4}, UnitsByCoders: []int{5, 0, 1, 4},
		PercentAgreement: ptr(90), Alpha: ptr(195.0 / 224)}
	// Segment level: c1 and c2 match, c3 (4 of 5) does not, one gap.
	seg := agreement.CodeAgreement{CodeID: "x", Units: 3, Coded: []int{1, 1, 1}, UnitsByCoders: []int{1, 1, 1, 0},
		Segments: 3, MatchedSegments: 0, PercentAgreement: ptr(0), Alpha: ptr(1.0 / 9)}
	charPooled, segPooled := char, seg
	charPooled.CodeID, segPooled.CodeID = "", ""
	checks := []struct {
		name      string
		got, want agreement.CodeAgreement
	}{
		{"character per code", got.Character.PerCode[0], char},
		{"segment per code", got.Segment.PerCode[0], seg},
		{"character pooled", got.Character.Pooled, charPooled},
		{"segment pooled", got.Segment.Pooled, segPooled},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got, approx); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", c.name, diff)
		}
	}
}
