package store_test

import (
	"fmt"
	"slices"
	"strings"
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

// TestCodeRangesIsOneUndoableChange codes ranges of a text with Nordic
// letters, emoji and CRLF-origin line breaks in one change: new quotes
// where there were none, the code added to a quote of the same extent,
// other coders' hidden quotes left alone; then undoes and redoes it as a
// whole.
func TestCodeRangesIsOneUndoableChange(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Auto")
	text := "Interviewer: Trade fairs?\r\nKohtamäki: In Luleå 👍 the trade fair taught us.\r\nInterviewer: And then?\r\nKohtamäki: Another trade fair 🎉.\r\n"
	d := mustDocument(t, s, p.ID, "Kohtamäki", text)
	fairs := mustCode(t, s, p.ID, "trade fairs", coding.LevelConcept, "")
	other := mustCode(t, s, p.ID, "learning", coding.LevelConcept, "")
	stored, err := s.FindDocument(ctx, p.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	at := func(word string, nth int) coding.QuoteRange {
		t.Helper()
		runes := []rune(stored.Text)
		w := []rune(word)
		for i := 0; i+len(w) <= len(runes); i++ {
			if string(runes[i:i+len(w)]) == word {
				if nth == 0 {
					return coding.QuoteRange{DocumentID: d.ID, Start: i, End: i + len(w)}
				}
				nth--
			}
		}
		t.Fatalf("%q not found", word)
		return coding.QuoteRange{}
	}
	first, second, third := at("trade fair", 0), at("trade fair", 1), at("trade fair 🎉", 0)
	// An existing quote of the first range, and another coder's hidden one
	// of the second.
	mine := mustQuote(t, s, p.ID, d.ID, first.Start, first.End, other.ID)
	theirs := &coding.Quote{ProjectID: p.ID, DocumentID: d.ID, Start: second.Start, End: second.End, CodeIDs: []string{other.ID}, Coder: "bob"}
	if err := s.CreateQuote(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	before, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}

	req := coding.CodeRangesRequest{CodeID: fairs.ID, Coder: "anna", Ranges: []coding.QuoteRange{first, second, third, third},
		Hidden: func(q *coding.Quote) bool { return q.Coder == "bob" }}
	res, err := s.CodeRanges(ctx, p.ID, req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 2 || res.Existing != 1 || len(res.QuoteIDs) != 3 || res.QuoteIDs[0] != mine.ID || res.Seq == 0 {
		t.Fatalf("got %+v, want 2 created, 1 existing (%s first), 3 quotes and an audit entry", res, mine.ID)
	}
	quotes, err := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{CodeID: fairs.ID})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, q := range quotes {
		texts = append(texts, q.Text)
	}
	if want := []string{"trade fair", "trade fair", "trade fair 🎉"}; !slices.Equal(texts, want) {
		t.Errorf("coded %q, want %q", texts, want)
	}
	if q, _ := s.FindQuote(ctx, p.ID, mine.ID); !slices.Equal(q.CodeIDs, []string{other.ID, fairs.ID}) {
		t.Errorf("existing quote has codes %v, want the new one added", q.CodeIDs)
	}
	if q, _ := s.FindQuote(ctx, p.ID, theirs.ID); !slices.Equal(q.CodeIDs, []string{other.ID}) {
		t.Errorf("hidden quote has codes %v, want it untouched", q.CodeIDs)
	}
	after, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 || after[0].Seq != res.Seq || after[0].Op != "auto_code" || len(after[0].Changes) != 3 {
		t.Fatalf("audit: got %d new entries, newest %+v; want one auto_code entry with 3 changes, seq %d", len(after)-len(before), after[0], res.Seq)
	}

	// Again: nothing to do, nothing recorded.
	again, err := s.CodeRanges(ctx, p.ID, req)
	if err != nil {
		t.Fatal(err)
	}
	if again.Created != 0 || again.Existing != 3 || again.Seq != 0 {
		t.Errorf("second run: got %+v, want 3 existing and no change", again)
	}

	undo, err := s.Undo(ctx, p.ID, res.Seq)
	if err != nil {
		t.Fatal(err)
	}
	if quotes, _ := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{CodeID: fairs.ID}); len(quotes) != 0 {
		t.Errorf("after undo %d quotes have the code, want 0", len(quotes))
	}
	if all, _ := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{}); len(all) != 2 {
		t.Errorf("after undo %d quotes, want the 2 from before", len(all))
	}
	if _, err := s.Undo(ctx, p.ID, undo.Seq); err != nil {
		t.Fatal(err)
	}
	if quotes, _ := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{CodeID: fairs.ID}); len(quotes) != 3 {
		t.Errorf("after redo %d quotes have the code, want 3", len(quotes))
	}
}

func TestCodeRangesRejectsBadInputAndKeepsEverything(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Bad")
	d := mustDocument(t, s, p.ID, "Short", "Kohtamäki: Luleå.")
	c := mustCode(t, s, p.ID, "place", coding.LevelConcept, "")
	dim := mustCode(t, s, p.ID, "dimension", coding.LevelDimension, "")
	ok := coding.QuoteRange{DocumentID: d.ID, Start: 11, End: 16}
	for _, tt := range []struct {
		name   string
		code   string
		ranges []coding.QuoteRange
		want   string
	}{
		{"range past the text", c.ID, []coding.QuoteRange{ok, {DocumentID: d.ID, Start: 11, End: 99}}, coding.EUNPROCESSABLE},
		{"empty range", c.ID, []coding.QuoteRange{ok, {DocumentID: d.ID, Start: 3, End: 3}}, coding.EUNPROCESSABLE},
		{"unknown document", c.ID, []coding.QuoteRange{ok, {DocumentID: "nope", Start: 0, End: 3}}, coding.ENOTFOUND},
		{"unknown code", "nope", []coding.QuoteRange{ok}, coding.ENOTFOUND},
		{"dimension", dim.ID, []coding.QuoteRange{ok}, coding.EUNPROCESSABLE},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CodeRanges(ctx, p.ID, coding.CodeRangesRequest{CodeID: tt.code, Ranges: tt.ranges})
			wantCode(t, err, tt.want)
			if quotes, _ := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{}); len(quotes) != 0 {
				t.Errorf("a failed request stored %d quotes", len(quotes))
			}
		})
	}
	res, err := s.CodeRanges(ctx, p.ID, coding.CodeRangesRequest{CodeID: c.ID, Ranges: []coding.QuoteRange{ok}})
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := s.FindQuote(ctx, p.ID, res.QuoteIDs[0]); q.Text != "Luleå" {
		t.Errorf("got %q, want Luleå", q.Text)
	}
}

// BenchmarkCodeRanges codes 5,000 ranges of one long transcript in one
// change, as auto-coding a frequent word does.
func BenchmarkCodeRanges(b *testing.B) {
	s := mustOpen(b)
	p := mustProject(b, s, "Bench")
	text := strings.Repeat("Kohtamäki: In Luleå 👍 the trade fair taught us a lot.\n", 5000)
	d := mustDocument(b, s, p.ID, "Long", text)
	line := coding.RuneLen("Kohtamäki: In Luleå 👍 the trade fair taught us a lot.\n")
	ranges := make([]coding.QuoteRange, 5000)
	for i := range ranges {
		ranges[i] = coding.QuoteRange{DocumentID: d.ID, Start: i*line + 27, End: i*line + 37}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		other := mustCode(b, s, p.ID, fmt.Sprintf("run %d", i), coding.LevelConcept, "")
		b.StartTimer()
		if _, err := s.CodeRanges(ctx, p.ID, coding.CodeRangesRequest{CodeID: other.ID, Ranges: ranges}); err != nil {
			b.Fatal(err)
		}
	}
}
