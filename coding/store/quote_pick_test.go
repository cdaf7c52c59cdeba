package store_test

import (
	"testing"

	"tessera/coding"
)

// TestPickQuote chooses quotes as power and proof quotes, orders them,
// trims one for print, undoes a choice, and checks that recoding and
// merging carry the choices along.
func TestPickQuote(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Evidence")
	text := "Anna: We ran small pilots before every launch. Each pilot taught us what the market would pay.\n"
	d := mustDocument(t, s, p.ID, "Alder", text)
	pilots := mustCode(t, s, p.ID, "pilots", coding.LevelConcept, "")
	prices := mustCode(t, s, p.ID, "prices", coding.LevelConcept, "")
	other := mustCode(t, s, p.ID, "other", coding.LevelConcept, "")
	start := coding.RuneLen("Anna: ")
	q1 := mustQuote(t, s, p.ID, d.ID, start, coding.RuneLen(text)-1, pilots.ID, prices.ID)
	q2 := mustQuote(t, s, p.ID, d.ID, start, start+coding.RuneLen("We ran small pilots before every launch."), pilots.ID)

	pick := func(q *coding.Quote, code string, kind coding.PickKind, order int) (*coding.Quote, error) {
		t.Helper()
		return s.UpdateQuote(ctx, p.ID, q.ID, coding.QuoteUpdate{Pick: &coding.QuotePick{CodeID: code, Kind: kind, Order: order}})
	}
	got, err := pick(q1, pilots.ID, coding.PickPower, 0)
	if err != nil {
		t.Fatal(err)
	}
	if pk := got.PickFor(pilots.ID); pk == nil || pk.Kind != coding.PickPower || pk.Order != 1 {
		t.Fatalf("got pick %+v, want power, order 1", pk)
	}
	// Order 0 places the quote after the code's other chosen quotes.
	got, err = pick(q2, pilots.ID, coding.PickProof, 0)
	if err != nil {
		t.Fatal(err)
	}
	if pk := got.PickFor(pilots.ID); pk.Order != 2 {
		t.Errorf("got order %d, want 2", pk.Order)
	}
	if _, err := pick(q1, prices.ID, coding.PickProof, 5); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name  string
		code  string
		kind  coding.PickKind
		order int
		want  string
	}{
		{"code the quote lacks", other.ID, coding.PickPower, 1, coding.EUNPROCESSABLE},
		{"unknown kind", pilots.ID, "best", 1, coding.EINVALID},
		{"order too high", pilots.ID, coding.PickPower, coding.MaxPickOrder + 1, coding.EINVALID},
		{"negative order", pilots.ID, coding.PickPower, -1, coding.EINVALID},
		{"no code", "", coding.PickPower, 1, coding.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pick(q1, tc.code, tc.kind, tc.order)
			wantCode(t, err, tc.want)
		})
	}
	stored, _ := s.FindQuote(ctx, p.ID, q1.ID)
	if len(stored.Picks) != 2 {
		t.Fatalf("got picks %+v after refused changes, want the two made", stored.Picks)
	}

	// The excerpt is pieces of the text in order; the range stays.
	excerpt := "We ran small pilots […] Each pilot taught us what the market would pay."
	got, err = s.UpdateQuote(ctx, p.ID, q1.ID, coding.QuoteUpdate{Excerpt: &excerpt})
	if err != nil {
		t.Fatal(err)
	}
	if got.Excerpt != excerpt || got.Start != q1.Start || got.End != q1.End || got.Text != q1.Text {
		t.Errorf("got excerpt %q over [%d,%d) %q, want the excerpt over the unchanged quote", got.Excerpt, got.Start, got.End, got.Text)
	}
	for _, bad := range []string{"We ran big pilots", "Each pilot taught […] We ran small", "[…]"} {
		_, err := s.UpdateQuote(ctx, p.ID, q1.ID, coding.QuoteUpdate{Excerpt: &bad})
		if code := coding.ErrorCode(err); code != coding.EUNPROCESSABLE && code != coding.EINVALID {
			t.Errorf("excerpt %q: got %v, want it refused", bad, err)
		}
	}
	dots := "We ran [...] launch."
	if got, err = s.UpdateQuote(ctx, p.ID, q1.ID, coding.QuoteUpdate{Excerpt: &dots}); err != nil || got.Excerpt != "We ran […] launch." {
		t.Errorf("got %q, %v; want the three dots stored as one omission mark", got.Excerpt, err)
	}

	// Undo takes the last change back, as for every quote edit.
	e := newest(t, s, p.ID)
	if _, err := s.Undo(ctx, p.ID, e.Seq); err != nil {
		t.Fatal(err)
	}
	stored, _ = s.FindQuote(ctx, p.ID, q1.ID)
	if stored.Excerpt != excerpt {
		t.Errorf("after undo got excerpt %q, want %q", stored.Excerpt, excerpt)
	}

	// Removing a pick; recoding drops the picks of codes the quote loses.
	if got, err = pick(q2, pilots.ID, "", 0); err != nil || got.PickFor(pilots.ID) != nil {
		t.Errorf("got %+v, %v; want the pick removed", got.Picks, err)
	}
	got, err = s.UpdateQuote(ctx, p.ID, q1.ID, coding.QuoteUpdate{CodeIDs: []string{pilots.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Picks) != 1 || got.Picks[0].CodeID != pilots.ID {
		t.Errorf("after recoding got picks %+v, want only the pilots pick", got.Picks)
	}
	// Resizing away from the excerpt's text drops the excerpt.
	end := start + coding.RuneLen("We ran small pilots")
	if got, err = s.UpdateQuote(ctx, p.ID, q1.ID, coding.QuoteUpdate{End: &end}); err != nil || got.Excerpt != "" {
		t.Errorf("after resizing got excerpt %q, %v; want none", got.Excerpt, err)
	}
	// Merging moves the picks to the code merged into.
	if _, err := s.MergeCodes(ctx, p.ID, pilots.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	stored, _ = s.FindQuote(ctx, p.ID, q1.ID)
	if pk := stored.PickFor(other.ID); pk == nil || pk.Kind != coding.PickPower {
		t.Errorf("after merging got picks %+v, want the power pick on the merged code", stored.Picks)
	}
}
