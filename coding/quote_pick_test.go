package coding_test

import (
	"testing"

	"tessera/coding"
)

func TestCheckExcerpt(t *testing.T) {
	const text = "We ran small pilots before every launch.\nEach pilot taught us   what the market would pay."
	for _, tc := range []struct {
		excerpt string
		want    string // error code, "" for none
	}{
		{"We ran small pilots […] launch.", ""},
		{"[…] small pilots before every launch. Each pilot taught us what […]", ""},
		{"We ran [...] would pay.", ""},
		{"launch. Each pilot", ""}, // line break and spaces compare as one space
		{"Each pilot […] We ran", coding.EUNPROCESSABLE},
		{"We ran big pilots", coding.EUNPROCESSABLE},
		{"We ran small pilots before every launch. Each pilot taught us what the market would pay. Twice.", coding.EUNPROCESSABLE},
		{"[…]", coding.EINVALID},
		{"  ", coding.EINVALID},
	} {
		if got := coding.ErrorCode(coding.CheckExcerpt(text, tc.excerpt)); got != tc.want {
			t.Errorf("CheckExcerpt(%q): got code %q, want %q", tc.excerpt, got, tc.want)
		}
	}
}

func TestQuotePicks(t *testing.T) {
	q := &coding.Quote{Text: "We ran small pilots.", CodeIDs: []string{"a", "b"}, Excerpt: "We ran […] pilots."}
	q.SetPick(coding.QuotePick{CodeID: "a", Kind: coding.PickPower, Order: 1})
	q.SetPick(coding.QuotePick{CodeID: "b", Kind: coding.PickProof, Order: 2})
	q.SetPick(coding.QuotePick{CodeID: "a", Kind: coding.PickProof, Order: 3})
	if p := q.PickFor("a"); p == nil || p.Kind != coding.PickProof || p.Order != 3 || len(q.Picks) != 2 {
		t.Fatalf("got picks %+v, want a replaced by proof 3 beside b", q.Picks)
	}
	q.CodeIDs = []string{"a", "c"}
	q.RetargetPicks("b", "c")
	q.TidyPicks()
	if p := q.PickFor("c"); p == nil || p.Order != 2 || len(q.Picks) != 2 {
		t.Errorf("got picks %+v, want b's pick moved to c", q.Picks)
	}
	q.Text = "Something else."
	q.TidyPicks()
	if q.Excerpt != "" {
		t.Errorf("got excerpt %q over a text that no longer holds it, want none", q.Excerpt)
	}
}
