package store_test

import (
	"testing"
	"time"

	"tessera/coding"
)

func TestImportQuotes(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Import")
	d := mustDocument(t, s, p.ID, "Doc", "We learned from peers at the trade fair.")
	c := mustCode(t, s, p.ID, "Peers", coding.LevelConcept, "")
	then := time.Date(2019, 6, 7, 3, 36, 36, 0, time.UTC)

	// One bad quote refuses the whole batch.
	bad := []*coding.Quote{
		{Start: 3, End: 10, CodeIDs: []string{c.ID}},
		{Start: 30, End: 400, CodeIDs: []string{c.ID}},
	}
	if err := s.ImportQuotes(ctx, p.ID, d.ID, bad); err == nil {
		t.Fatal("ImportQuotes with a quote outside the text: got no error")
	}
	if qs, _ := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{}); len(qs) != 0 {
		t.Fatalf("a refused batch left %d quotes", len(qs))
	}

	good := []*coding.Quote{
		{Start: 3, End: 10, CodeIDs: []string{c.ID}, CreatedAt: then, Coder: "ana"},
		{Start: 19, End: 39, CodeIDs: []string{c.ID}},
	}
	if err := s.ImportQuotes(ctx, p.ID, d.ID, good); err != nil {
		t.Fatal(err)
	}
	qs, err := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{})
	if err != nil || len(qs) != 2 {
		t.Fatalf("got %d quotes (%v), want 2", len(qs), err)
	}
	if !qs[0].CreatedAt.Equal(then) || qs[0].Text != "learned" {
		t.Errorf("first quote: created %v, text %q; want %v, learned", qs[0].CreatedAt, qs[0].Text, then)
	}
	if qs[1].CreatedAt.IsZero() || qs[1].CreatedAt.Equal(then) {
		t.Errorf("second quote: created %v, want the store's time", qs[1].CreatedAt)
	}
}
