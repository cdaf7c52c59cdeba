package agreement_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding/agreement"
)

// TestDisagreementsWorkedExample lists the disagreements of the worked
// example of docs/agreement.md: the two risk segments nobody else coded,
// and the trust passage [20, 30) whose boundaries differ (8 of 10 code
// points shared, below 0.9). The matched trust pair [0, 10) / [0, 9) is
// agreed and not listed.
func TestDisagreementsWorkedExample(t *testing.T) {
	got, err := agreement.Disagreements(exampleInput(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []agreement.Disagreement{
		{CodeID: "risk", DocumentID: "d1", Start: 12, End: 18, Coders: []string{"aino"}, Missing: []string{"bjorn"},
			Segments: []agreement.Segment{{Coder: "aino", Start: 12, End: 18, QuoteIDs: []string{"q4"}}}},
		{CodeID: "risk", DocumentID: "d1", Start: 30, End: 36, Coders: []string{"bjorn"}, Missing: []string{"aino"},
			Segments: []agreement.Segment{{Coder: "bjorn", Start: 30, End: 36, QuoteIDs: []string{"q7"}}}},
		{CodeID: "trust", DocumentID: "d1", Start: 20, End: 30, Coders: []string{"aino", "bjorn"}, Missing: []string{},
			Segments: []agreement.Segment{
				{Coder: "aino", Start: 20, End: 30, QuoteIDs: []string{"q3"}},
				{Coder: "bjorn", Start: 22, End: 30, QuoteIDs: []string{"q6"}},
			}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("disagreements mismatch (-want +got):\n%s", diff)
	}

	// With a threshold of 0.8 the trust passage [20, 30) matches too.
	in := exampleInput(t)
	in.MinOverlap = 0.8
	if got, err = agreement.Disagreements(in); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].CodeID != "risk" || got[1].CodeID != "risk" {
		t.Errorf("got %+v, want only the two risk disagreements at 0.8", got)
	}

	// Merged quotes keep their IDs: aino's q1 and q2 form one segment,
	// listed when bjorn has not coded it.
	in = exampleInput(t)
	in.Quotes = in.Quotes[:4] // aino's quotes only
	in.Codes = []string{"trust"}
	if got, err = agreement.Disagreements(in); err != nil {
		t.Fatal(err)
	}
	wantFirst := agreement.Segment{Coder: "aino", Start: 0, End: 10, QuoteIDs: []string{"q1", "q2"}}
	if len(got) != 2 || !cmp.Equal(got[0].Segments, []agreement.Segment{wantFirst}) {
		t.Errorf("got %+v, want two trust passages, the first %+v", got, wantFirst)
	}

	// Invalid input is refused as Compute refuses it.
	in.Coders = []string{"aino"}
	if _, err := agreement.Disagreements(in); err == nil {
		t.Error("got no error for one coder, want one")
	}
}
