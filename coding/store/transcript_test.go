package store_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/importer"
	"tessera/coding/store"
)

// interview is a transcript as an import might leave it: Anna's answer is
// inside the interviewer's first turn, and there is a typo ("teh").
const interview = "Interviewer: How was Luleå? Anna: Yes — fine.\r\n" +
	"Kohtamäki: We learnt from teh partners 👍 in Luleå.\r\n" +
	"Interviewer: And then?\r\n" +
	"Kohtamäki: Then we grew.\r\n"

// mustInterview stores interview with its detected turns.
func mustInterview(tb testing.TB, s *store.Store, pid string) *coding.Document {
	tb.Helper()
	text, _ := coding.NormalizeText(interview)
	d := &coding.Document{ProjectID: pid, Title: "Kohtamäki Oy", Text: text, Turns: importer.DetectTurns(text)}
	if err := s.CreateDocument(ctx, d); err != nil {
		tb.Fatal(err)
	}
	return d
}

// at returns the code-point offset of the first occurrence of sub in text.
func at(tb testing.TB, text, sub string) int {
	tb.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		tb.Fatalf("%q not in the text", sub)
	}
	return coding.RuneOffset(text, i)
}

// quoteOn codes the first occurrence of words in the document.
func quoteOn(tb testing.TB, s *store.Store, d *coding.Document, code, words string) *coding.Quote {
	tb.Helper()
	start := at(tb, d.Text, words)
	return mustQuote(tb, s, d.ProjectID, d.ID, start, start+coding.RuneLen(words), code)
}

// quoteTexts returns each quote's text as the document reads it now at
// its range, checked against the quote's own snapshot.
func quoteTexts(tb testing.TB, s *store.Store, d *coding.Document) map[string]string {
	tb.Helper()
	doc, err := s.FindDocument(ctx, d.ProjectID, d.ID)
	if err != nil {
		tb.Fatal(err)
	}
	qs, err := s.ListQuotes(ctx, d.ProjectID, coding.QuoteFilter{DocumentID: d.ID})
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, q := range qs {
		if got := coding.Slice(doc.Text, q.Start, q.End); got != q.Text {
			tb.Errorf("quote %s: document reads %q at [%d,%d), snapshot %q", q.ID, got, q.Start, q.End, q.Text)
		}
		out[q.ID] = q.Text
	}
	return out
}

// turnTexts returns each turn as "speaker: text".
func turnTexts(tb testing.TB, s *store.Store, d *coding.Document) []string {
	tb.Helper()
	doc, err := s.FindDocument(ctx, d.ProjectID, d.ID)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, t := range doc.Turns {
		out = append(out, t.Speaker+": "+coding.Slice(doc.Text, t.Start, t.End))
	}
	return out
}

func TestCorrectTextKeepsQuotesOnTheirWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tessera.db")
	s := mustOpenAt(t, path)
	p := mustProject(t, s, "Corrections")
	d := mustInterview(t, s, p.ID)
	c := mustCode(t, s, p.ID, "Learning", coding.LevelConcept, "")
	before := quoteOn(t, s, d, c.ID, "How was Luleå?")
	holding := quoteOn(t, s, d, c.ID, "teh partners 👍")
	partial := quoteOn(t, s, d, c.ID, "learnt from te")
	after := quoteOn(t, s, d, c.ID, "partners 👍 in Luleå")
	later := quoteOn(t, s, d, c.ID, "Then we grew")
	oldHash := d.Hash

	start := at(t, d.Text, "teh")
	res, err := s.ChangeTranscript(coding.WithActor(ctx, "elina"), p.ID, d.ID, coding.CorrectText{Start: start, End: start + 3, Text: "their"}, d.Version)
	if err != nil {
		t.Fatal(err)
	}
	if res.Seq == 0 || len(res.Quotes) != 4 {
		t.Errorf("result: got seq %d and %d changed quotes, want a seq and 4", res.Seq, len(res.Quotes))
	}
	want := map[string]string{
		before.ID:  "How was Luleå?",
		holding.ID: "their partners 👍",
		partial.ID: "learnt from their",
		after.ID:   "partners 👍 in Luleå",
		later.ID:   "Then we grew",
	}
	if diff := cmp.Diff(want, quoteTexts(t, s, d)); diff != "" {
		t.Errorf("quotes after the correction (-want +got):\n%s", diff)
	}
	wantTurns := []string{
		"Interviewer: How was Luleå? Anna: Yes — fine.",
		"Kohtamäki: We learnt from their partners 👍 in Luleå.",
		"Interviewer: And then?",
		"Kohtamäki: Then we grew.",
	}
	if diff := cmp.Diff(wantTurns, turnTexts(t, s, d)); diff != "" {
		t.Errorf("turns after the correction (-want +got):\n%s", diff)
	}
	q, err := s.FindQuote(ctx, p.ID, holding.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantCorr := []coding.QuoteCorrection{{Time: frozen, Actor: "elina", Before: "teh partners 👍", After: "their partners 👍"}}
	if diff := cmp.Diff(wantCorr, q.Corrections); diff != "" {
		t.Errorf("corrections of the quote holding the edit (-want +got):\n%s", diff)
	}
	if q, _ := s.FindQuote(ctx, p.ID, after.ID); len(q.Corrections) != 0 {
		t.Errorf("a quote only shifted records corrections %+v, want none", q.Corrections)
	}
	entries, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if e := entries[0]; e.Op != "correct_transcript" || e.Actor != "elina" || e.Seq != res.Seq || len(e.Changes) != 6 {
		t.Errorf("audit entry: got op %q by %q seq %d with %d changes, want correct_transcript by elina seq %d with 6 (document, text, 4 quotes)", e.Op, e.Actor, e.Seq, len(e.Changes), res.Seq)
	}
	if dups, _ := s.FindDocumentsByHash(ctx, p.ID, res.Document.Hash); len(dups) != 1 {
		t.Errorf("documents under the new hash: got %d, want 1", len(dups))
	}

	// The correction survives reopening the file.
	s.Close()
	s = mustOpenAt(t, path)
	if diff := cmp.Diff(want, quoteTexts(t, s, d)); diff != "" {
		t.Errorf("quotes after reopening (-want +got):\n%s", diff)
	}

	// Undo puts text, turns, quotes and the hash lookup back.
	if _, err := s.Undo(ctx, p.ID, res.Seq); err != nil {
		t.Fatal(err)
	}
	want[holding.ID], want[partial.ID] = "teh partners 👍", "learnt from te"
	if diff := cmp.Diff(want, quoteTexts(t, s, d)); diff != "" {
		t.Errorf("quotes after undo (-want +got):\n%s", diff)
	}
	if dups, _ := s.FindDocumentsByHash(ctx, p.ID, oldHash); len(dups) != 1 {
		t.Errorf("documents under the old hash after undo: got %d, want 1", len(dups))
	}
	if dups, _ := s.FindDocumentsByHash(ctx, p.ID, res.Document.Hash); len(dups) != 0 {
		t.Errorf("documents under the corrected text's hash after undo: got %d, want 0", len(dups))
	}
}

func TestCorrectTextEdges(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Edges")
	d := mustInterview(t, s, p.ID)
	c := mustCode(t, s, p.ID, "Growth", coding.LevelConcept, "")
	grew := quoteOn(t, s, d, c.ID, "we grew")

	// Text inserted right at a quote's start stays outside it; CRLF typed
	// in becomes "\n".
	pos := at(t, d.Text, "we grew")
	res, err := s.ChangeTranscript(ctx, p.ID, d.ID, coding.CorrectText{Start: pos, End: pos, Text: "quickly\r\n"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := quoteTexts(t, s, d)[grew.ID]; got != "we grew" {
		t.Errorf("quote after an insertion at its start: got %q, want %q", got, "we grew")
	}
	if !strings.Contains(res.Document.Text, "Then quickly\nwe grew.") {
		t.Errorf("text after the insertion: got %q, want it to hold %q", res.Document.Text, "Then quickly\nwe grew.")
	}
	d = res.Document

	// Refusals change nothing.
	grewAt := at(t, d.Text, "we grew")
	turn2 := at(t, d.Text, "teh")
	for _, tc := range []struct {
		name string
		ch   coding.CorrectText
		code string
	}{
		{"removes a quote's text", coding.CorrectText{Start: grewAt - 1, End: grewAt + 7}, coding.ECONFLICT},
		{"crosses a turn's edge", coding.CorrectText{Start: turn2, End: d.Length - 2, Text: "x"}, coding.EUNPROCESSABLE},
		{"joins a combining mark", coding.CorrectText{Start: turn2 + 2, End: turn2 + 2, Text: "\u0301"}, coding.EUNPROCESSABLE},
		{"outside the text", coding.CorrectText{Start: d.Length, End: d.Length + 1, Text: "x"}, coding.EUNPROCESSABLE},
		{"the same text", coding.CorrectText{Start: turn2, End: turn2 + 3, Text: "teh"}, coding.EINVALID},
		{"a control character", coding.CorrectText{Start: turn2, End: turn2 + 3, Text: "t\x00h"}, coding.EINVALID},
	} {
		_, err := s.ChangeTranscript(ctx, p.ID, d.ID, tc.ch, 0)
		wantCode(t, err, tc.code)
	}
	_, err = s.ChangeTranscript(ctx, p.ID, d.ID, coding.CorrectText{Start: turn2, End: turn2 + 3, Text: "the"}, d.Version-1)
	wantCode(t, err, coding.ESTALE)
	now, err := s.FindDocument(ctx, p.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if now.Text != d.Text || now.Version != d.Version {
		t.Errorf("after refused corrections: text or version changed (version %d, want %d)", now.Version, d.Version)
	}
}

func TestTurnAndSpeakerEdits(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Turns")
	d := mustInterview(t, s, p.ID)
	c := mustCode(t, s, p.ID, "Fine", coding.LevelConcept, "")
	fine := quoteOn(t, s, d, c.ID, "Yes — fine.")
	change := func(ch coding.TranscriptChange) *coding.Document {
		t.Helper()
		res, err := s.ChangeTranscript(ctx, p.ID, d.ID, ch, 0)
		if err != nil {
			t.Fatalf("%s: %v", ch.Op(), err)
		}
		if len(res.Quotes) != 0 {
			t.Errorf("%s moved %d quotes, want none", ch.Op(), len(res.Quotes))
		}
		return res.Document
	}
	wantTurns := func(step string, want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, turnTexts(t, s, d)); diff != "" {
			t.Errorf("turns after %s (-want +got):\n%s", step, diff)
		}
	}

	// Splitting before Anna's label gives her the rest of the turn.
	doc := change(coding.SplitTurn{Turn: 1, At: at(t, d.Text, "Anna:") - 1, Label: importer.ReadLabel})
	wantTurns("the split", "Interviewer: How was Luleå?", "Anna: Yes — fine.",
		"Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Interviewer: And then?", "Kohtamäki: Then we grew.")
	wantSpeakers := []coding.Speaker{{Name: "Interviewer", Role: coding.RoleInterviewer}, {Name: "Anna", Role: coding.RoleInformant}, {Name: "Kohtamäki", Role: coding.RoleInformant}}
	if diff := cmp.Diff(wantSpeakers, doc.Speakers); diff != "" {
		t.Errorf("speakers after the split (-want +got):\n%s", diff)
	}

	// Anna and Kohtamäki are one person: merge them, rename, set a role.
	change(coding.MergeSpeakers{Speakers: []string{"Kohtamäki", "Anna"}, Into: "Anna"})
	doc = change(coding.RenameSpeaker{From: "Anna", To: "Anna Kohtamäki"})
	wantTurns("merge and rename", "Interviewer: How was Luleå?", "Anna Kohtamäki: Yes — fine.",
		"Anna Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Interviewer: And then?", "Anna Kohtamäki: Then we grew.")
	if len(doc.Speakers) != 2 {
		t.Errorf("speakers after the merge: got %+v, want 2", doc.Speakers)
	}

	// Split the speaker: turn 5 is a colleague; then change turn 4's
	// speaker and merge turns 4 and 5.
	change(coding.SplitSpeaker{Speaker: "Anna Kohtamäki", Turns: []int{5}, Name: "Åsa Lindqvist"})
	change(coding.SetTurnSpeaker{Turn: 4, Speaker: "Åsa Lindqvist"})
	change(coding.MergeTurns{Turn: 4})
	wantTurns("split speaker, set speaker, merge turns", "Interviewer: How was Luleå?", "Anna Kohtamäki: Yes — fine.",
		"Anna Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Åsa Lindqvist: And then?\nKohtamäki: Then we grew.")
	doc = change(coding.SetSpeakerRole{Speaker: "Interviewer", Role: coding.RoleInformant})
	wantSpeakers = []coding.Speaker{{Name: "Interviewer", Role: coding.RoleInformant}, {Name: "Anna Kohtamäki", Role: coding.RoleInformant}, {Name: "Åsa Lindqvist", Role: coding.RoleInformant}}
	if diff := cmp.Diff(wantSpeakers, doc.Speakers); diff != "" {
		t.Errorf("speakers at the end (-want +got):\n%s", diff)
	}
	if got := quoteTexts(t, s, d)[fine.ID]; got != "Yes — fine." {
		t.Errorf("quote after the turn edits: got %q, want %q", got, "Yes — fine.")
	}

	// Bad input is refused and changes nothing.
	for _, tc := range []struct {
		ch   coding.TranscriptChange
		code string
	}{
		{coding.RenameSpeaker{From: "Anna Kohtamäki", To: "Interviewer"}, coding.ECONFLICT},
		{coding.RenameSpeaker{From: "Nobody", To: "X"}, coding.EINVALID},
		{coding.RenameSpeaker{From: "Interviewer", To: "  "}, coding.EINVALID},
		{coding.MergeSpeakers{Speakers: []string{"Interviewer"}, Into: "Interviewer"}, coding.EINVALID},
		{coding.SplitSpeaker{Speaker: "Interviewer", Turns: []int{2}, Name: "X"}, coding.EUNPROCESSABLE},
		{coding.SplitSpeaker{Speaker: "Interviewer", Turns: []int{9}, Name: "X"}, coding.EINVALID},
		{coding.SetTurnSpeaker{Turn: 0, Speaker: "X"}, coding.EINVALID},
		{coding.SetTurnSpeaker{Turn: 1, Speaker: "X\nY"}, coding.EINVALID},
		{coding.SplitTurn{Turn: 1, At: 0, Speaker: "X"}, coding.EUNPROCESSABLE},
		{coding.SplitTurn{Turn: 1, At: at(t, doc.Text, "was"), Label: importer.ReadLabel}, coding.EINVALID},
		{coding.MergeTurns{Turn: 4}, coding.EUNPROCESSABLE},
	} {
		_, err := s.ChangeTranscript(ctx, p.ID, d.ID, tc.ch, 0)
		wantCode(t, err, tc.code)
	}
	wantTurns("refused edits", "Interviewer: How was Luleå?", "Anna Kohtamäki: Yes — fine.",
		"Anna Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Åsa Lindqvist: And then?\nKohtamäki: Then we grew.")

	// Each edit is one change: undoing the merge of turns brings them back.
	entries, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Op: "merge_turns"})
	if err != nil || len(entries) != 1 {
		t.Fatalf("merge_turns entries: got %d (%v), want 1", len(entries), err)
	}
	if _, err := s.Undo(ctx, p.ID, entries[0].Seq); err == nil {
		t.Errorf("undo of the merge after a later change: got no error, want a conflict")
	}
}

func TestTranscriptEditsKeepInformantsAndExcerpts(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Links")
	d := mustInterview(t, s, p.ID)
	res, err := s.LinkSpeakers(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Linked == 0 {
		t.Fatalf("linked %d speakers, want some", res.Linked)
	}
	linkOf := func(doc *coding.Document, name string) string {
		for _, sp := range doc.Speakers {
			if sp.Name == name {
				return sp.InformantID
			}
		}
		t.Fatalf("no speaker %q in %+v", name, doc.Speakers)
		return ""
	}
	doc, err := s.FindDocument(ctx, p.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	informant := linkOf(doc, "Kohtamäki")
	change := func(ch coding.TranscriptChange) *coding.Document {
		t.Helper()
		r, err := s.ChangeTranscript(ctx, p.ID, d.ID, ch, 0)
		if err != nil {
			t.Fatalf("%s: %v", ch.Op(), err)
		}
		return r.Document
	}

	// Renaming keeps the link; a speaker merged into a new name brings
	// its informant; a speaker split off is linked to no one.
	doc = change(coding.RenameSpeaker{From: "Kohtamäki", To: "Jyrki Kohtamäki"})
	if got := linkOf(doc, "Jyrki Kohtamäki"); got != informant {
		t.Errorf("informant after renaming: got %q, want %q", got, informant)
	}
	doc = change(coding.SplitSpeaker{Speaker: "Jyrki Kohtamäki", Turns: []int{4}, Name: "Åsa"})
	if got := linkOf(doc, "Åsa"); got != "" {
		t.Errorf("informant of the speaker split off: got %q, want none", got)
	}
	doc = change(coding.MergeSpeakers{Speakers: []string{"Jyrki Kohtamäki", "Åsa"}, Into: "Jyrki"})
	if got := linkOf(doc, "Jyrki"); got != informant {
		t.Errorf("informant after merging into a new name: got %q, want %q", got, informant)
	}

	// A print excerpt follows a correction of words it holds once, and
	// goes (kept in the record) when it no longer matches.
	c := mustCode(t, s, p.ID, "Partners", coding.LevelConcept, "")
	q := quoteOn(t, s, d, c.ID, "We learnt from teh partners 👍 in Luleå.")
	for _, tc := range []struct {
		excerpt, words, repl, want string
	}{
		{"We learnt from teh partners […] in Luleå.", "teh", "the", "We learnt from the partners […] in Luleå."},
		{"We learnt […] in Luleå.", "teh", "the", "We learnt […] in Luleå."},
		{"teh partners", "teh partners", "our suppliers", "our suppliers"},
		{"learnt from […] Luleå.", "learnt", "learned", "learned from […] Luleå."},
		{"We learnt […] Luleå.", "learnt from", "learned with", ""},
	} {
		ex := tc.excerpt
		if _, err := s.UpdateQuote(ctx, p.ID, q.ID, coding.QuoteUpdate{Excerpt: &ex}); err != nil {
			t.Fatal(err)
		}
		before, _ := s.FindQuote(ctx, p.ID, q.ID)
		start := at(t, doc.Text, tc.words)
		r, err := s.ChangeTranscript(ctx, p.ID, d.ID, coding.CorrectText{Start: start, End: start + coding.RuneLen(tc.words), Text: tc.repl}, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindQuote(ctx, p.ID, q.ID)
		if got.Excerpt != tc.want {
			t.Errorf("excerpt %q after %q → %q: got %q, want %q", tc.excerpt, tc.words, tc.repl, got.Excerpt, tc.want)
		}
		last := got.Corrections[len(got.Corrections)-1]
		if wantRec := map[bool]string{true: "", false: tc.excerpt}[tc.want == tc.excerpt]; last.Excerpt != wantRec {
			t.Errorf("excerpt %q: recorded %q, want %q", tc.excerpt, last.Excerpt, wantRec)
		}
		if _, err := s.Undo(ctx, p.ID, r.Seq); err != nil {
			t.Fatal(err)
		}
		if undone, _ := s.FindQuote(ctx, p.ID, q.ID); undone.Excerpt != before.Excerpt || undone.Text != before.Text {
			t.Errorf("after undo: got %q / %q, want %q / %q", undone.Excerpt, undone.Text, before.Excerpt, before.Text)
		}
	}
}

// BenchmarkCorrectTextLongTranscript corrects one word near the start of
// a transcript of 100,000 words in 4,000 turns with 2,000 quotes, so that
// nearly every quote shifts: the whole change, audit entry included.
func BenchmarkCorrectTextLongTranscript(b *testing.B) {
	s := mustOpen(b)
	p := mustProject(b, s, "Bench")
	line := "Kohtamäki: In Luleå 👍 the trade fair taught us a lot, and teh partners helped us to grow.\n"
	text, _ := coding.NormalizeText(strings.Repeat(line, 4000))
	d := &coding.Document{ProjectID: p.ID, Title: "Long", Text: text, Turns: importer.DetectTurns(text)}
	if err := s.CreateDocument(ctx, d); err != nil {
		b.Fatal(err)
	}
	c := mustCode(b, s, p.ID, "Partners", coding.LevelConcept, "")
	n := coding.RuneLen(line)
	start := at(b, line, "teh")
	ranges := make([]coding.QuoteRange, 2000)
	for i := range ranges {
		ranges[i] = coding.QuoteRange{DocumentID: d.ID, Start: (2*i+1)*n + start, End: (2*i+1)*n + start + 12}
	}
	if _, err := s.CodeRanges(ctx, p.ID, coding.CodeRangesRequest{CodeID: c.ID, Ranges: ranges}); err != nil {
		b.Fatal(err)
	}
	fix := []coding.CorrectText{{Start: start, End: start + 3, Text: "their"}, {Start: start, End: start + 5, Text: "teh"}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.ChangeTranscript(ctx, p.ID, d.ID, fix[i%2], 0); err != nil {
			b.Fatal(err)
		}
	}
}
