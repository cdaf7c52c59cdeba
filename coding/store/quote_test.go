package store_test

import (
	"testing"

	"tessera/coding"
)

func TestQuoteOffsetsAreCodePoints(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Offsets")
	// "Lulea\u030a" is a decomposed å: stored NFC it is one code point.
	text := "Interviewer: Where?\r\nJyrki Kohtamäki: In Lulea\u030a 👍 we failed.\r\n"
	d := mustDocument(t, s, p.ID, "Kohtamäki", text)
	c := mustCode(t, s, p.ID, "place", coding.LevelConcept, "")

	want := "Kohtamäki: In Luleå 👍"
	start := coding.RuneLen("Interviewer: Where?\nJyrki ")
	q := mustQuote(t, s, p.ID, d.ID, start, start+coding.RuneLen(want), c.ID)
	if q.Text != want {
		t.Fatalf("got %q, want %q", q.Text, want)
	}
	got, err := s.FindDocument(ctx, p.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Length != coding.RuneLen(got.Text) || got.Length != 59 {
		t.Errorf("got length %d, want 59 code points", got.Length)
	}

	for _, tt := range []struct {
		name       string
		start, end int
		codes      []string
		wantCode   string
	}{
		{"end past text", 0, got.Length + 1, []string{c.ID}, coding.EUNPROCESSABLE},
		{"empty", 5, 5, []string{c.ID}, coding.EUNPROCESSABLE},
		{"negative", -1, 3, []string{c.ID}, coding.EUNPROCESSABLE},
		{"no codes", 0, 3, nil, coding.EINVALID},
		{"unknown code", 0, 3, []string{"nope"}, coding.ENOTFOUND},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := s.CreateQuote(ctx, &coding.Quote{ProjectID: p.ID, DocumentID: d.ID, Start: tt.start, End: tt.end, CodeIDs: tt.codes})
			wantCode(t, err, tt.wantCode)
		})
	}

	// Resizing takes a new snapshot.
	end := start + coding.RuneLen("Kohtamäki")
	q2, err := s.UpdateQuote(ctx, p.ID, q.ID, coding.QuoteUpdate{End: &end})
	if err != nil {
		t.Fatal(err)
	}
	if q2.Text != "Kohtamäki" {
		t.Errorf("got %q, want %q", q2.Text, "Kohtamäki")
	}
}

func TestRecodeAndDimensionsCannotCode(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Recode")
	d := mustDocument(t, s, p.ID, "Doc", "Åsa: text text")
	dim := mustCode(t, s, p.ID, "D", coding.LevelDimension, "")
	theme := mustCode(t, s, p.ID, "T", coding.LevelTheme, dim.ID)
	a := mustCode(t, s, p.ID, "a", coding.LevelConcept, theme.ID)
	q := mustQuote(t, s, p.ID, d.ID, 0, 3, a.ID)
	_, err := s.UpdateQuote(ctx, p.ID, q.ID, coding.QuoteUpdate{CodeIDs: []string{dim.ID}})
	wantCode(t, err, coding.EUNPROCESSABLE)
	got, err := s.UpdateQuote(ctx, p.ID, q.ID, coding.QuoteUpdate{CodeIDs: []string{theme.ID, a.ID, theme.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.CodeIDs) != 2 {
		t.Errorf("got codes %v, want theme and concept once each", got.CodeIDs)
	}
	// Listing by a dimension finds quotes coded below it.
	qs, err := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{CodeID: dim.ID})
	if err != nil || len(qs) != 1 {
		t.Fatalf("got %d quotes (%v), want 1", len(qs), err)
	}
}

func TestDeleteDocumentNeedsConfirmation(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Docs")
	d := mustDocument(t, s, p.ID, "Doc", "Åsa: text text")
	c := mustCode(t, s, p.ID, "a", coding.LevelConcept, "")
	q := mustQuote(t, s, p.ID, d.ID, 0, 3, c.ID)
	wantCode(t, s.DeleteDocument(ctx, p.ID, d.ID, false), coding.ECONFLICT)
	if _, err := s.FindQuote(ctx, p.ID, q.ID); err != nil {
		t.Fatalf("refused delete lost the quote: %v", err)
	}
	if err := s.DeleteDocument(ctx, p.ID, d.ID, true); err != nil {
		t.Fatal(err)
	}
	_, err := s.FindQuote(ctx, p.ID, q.ID)
	wantCode(t, err, coding.ENOTFOUND)
	dups, _ := s.FindDocumentsByHash(ctx, p.ID, d.Hash)
	if len(dups) != 0 {
		t.Errorf("got %d documents by hash, want 0", len(dups))
	}
}

func TestDocumentSpeakersAndDuplicates(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Speakers")
	text := "Interviewer: Hi\nMaria: Hello"
	d := &coding.Document{ProjectID: p.ID, Title: "Doc", Text: text, Turns: []coding.Turn{
		{Speaker: "Interviewer", Start: 13, End: 15}, {Speaker: "Maria", Start: 23, End: 28},
	}}
	if err := s.CreateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	if d.Speakers[0].Role != coding.RoleInterviewer || d.Speakers[1].Role != coding.RoleInformant {
		t.Errorf("got speakers %+v, want interviewer then informant", d.Speakers)
	}
	got, err := s.UpdateDocument(ctx, p.ID, d.ID, coding.DocumentUpdate{RenameSpeakers: map[string]string{"Maria": "Maria Ångström"}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Turns[1].Speaker != "Maria Ångström" || got.Speakers[1].Name != "Maria Ångström" {
		t.Errorf("got %+v / %+v, want the renamed speaker", got.Turns[1], got.Speakers[1])
	}
	_, err = s.UpdateDocument(ctx, p.ID, d.ID, coding.DocumentUpdate{SpeakerRoles: map[string]string{"Nobody": "informant"}})
	wantCode(t, err, coding.EINVALID)
	dup := mustDocument(t, s, p.ID, "Copy", text)
	found, err := s.FindDocumentsByHash(ctx, p.ID, dup.Hash)
	if err != nil || len(found) != 2 {
		t.Fatalf("got %d documents with the hash (%v), want 2", len(found), err)
	}
}
