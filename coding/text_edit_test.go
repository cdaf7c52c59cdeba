package coding_test

import (
	"strings"
	"testing"
	"time"

	"tessera/coding"
)

// TestCorrectTextQuoteRules checks where quotes and turns go when text is
// replaced, inserted or deleted around them, in text with non-ASCII
// letters and emoji.
func TestCorrectTextQuoteRules(t *testing.T) {
	const text = "Kohtamäki: We met teh team 👍 in Luleå."
	speech := strings.Index(text, "We")
	turnStart := coding.RuneOffset(text, speech)
	pos := func(sub string) int { return coding.RuneOffset(text, strings.Index(text, sub)) }
	for _, tc := range []struct {
		name       string
		start, end int
		repl       string
		quote      string // the quote's words before
		want       string // its words after; "" when it must not change
		wantRecord bool
		wantTurn   string
	}{
		{"replace inside", pos("teh"), pos("teh") + 3, "the", "met teh team", "met the team", true, "We met the team 👍 in Luleå."},
		{"quote before", pos("teh"), pos("teh") + 3, "the", "We met", "", false, "We met the team 👍 in Luleå."},
		{"quote after shifts", pos("teh"), pos("teh") + 3, "their", "👍 in Luleå", "👍 in Luleå", false, "We met their team 👍 in Luleå."},
		{"overlap from the left", pos("teh") + 1, pos("team") + 2, "he te", "met te", "met the te", true, "We met the team 👍 in Luleå."},
		{"overlap from the right", pos("met") + 1, pos("teh") + 1, "eet t", "teh team", "eet teh team", true, "We meet teh team 👍 in Luleå."},
		{"insert at a quote's start stays out", pos("team"), pos("team"), "whole ", "team 👍", "team 👍", false, "We met teh whole team 👍 in Luleå."},
		{"insert at a quote's end stays out", pos(" in"), pos(" in"), "!", "team 👍", "", false, "We met teh team 👍! in Luleå."},
		{"insert inside", pos("👍"), pos("👍"), "🤖", "team 👍", "team 🤖👍", true, "We met teh team 🤖👍 in Luleå."},
		{"insert at the turn's end joins it", coding.RuneLen(text), coding.RuneLen(text), " Yes.", "Luleå", "", false, "We met teh team 👍 in Luleå. Yes."},
		{"insert at the turn's start joins it", turnStart, turnStart, "So, ", "We met", "We met", false, "So, We met teh team 👍 in Luleå."},
		{"delete inside", pos(" 👍"), pos(" 👍") + 2, "", "team 👍 in", "team in", true, "We met teh team in Luleå."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &coding.Document{Title: "Kohtamäki", Text: text, Turns: []coding.Turn{{Speaker: "Kohtamäki", Start: turnStart, End: coding.RuneLen(text)}}}
			if err := d.Validate(); err != nil {
				t.Fatal(err)
			}
			qs := pos(tc.quote)
			q := &coding.Quote{ID: "q", Start: qs, End: qs + coding.RuneLen(tc.quote), Text: tc.quote}
			changed, err := coding.CorrectText{Start: tc.start, End: tc.end, Text: tc.repl}.Apply(d, []*coding.Quote{q}, time.Unix(0, 0), "ann")
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if want == "" {
				want = tc.quote
			}
			if q.Text != want || coding.Slice(d.Text, q.Start, q.End) != want {
				t.Errorf("quote: got %q (text reads %q at [%d,%d)), want %q", q.Text, coding.Slice(d.Text, q.Start, q.End), q.Start, q.End, want)
			}
			if tc.want == "" && len(changed) != 0 {
				t.Errorf("changed quotes: got %d, want none", len(changed))
			}
			if got := len(q.Corrections) == 1; got != tc.wantRecord {
				t.Errorf("recorded the correction: got %v (%+v), want %v", got, q.Corrections, tc.wantRecord)
			}
			if got := coding.Slice(d.Text, d.Turns[0].Start, d.Turns[0].End); got != tc.wantTurn {
				t.Errorf("turn: got %q, want %q", got, tc.wantTurn)
			}
		})
	}
}
