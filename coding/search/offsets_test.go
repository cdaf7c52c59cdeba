package search_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/search"
)

// allIndexes returns the code-point offsets of every s in text.
func allIndexes(text, s string) []int {
	var out []int
	for i := 0; i+len(s) <= len(text); i++ {
		if text[i:i+len(s)] == s {
			out = append(out, coding.RuneLen(text[:i]))
		}
	}
	return out
}

// matchStarts returns the starts of every match of the hits, in order.
func matchStarts(res *search.Result) []int {
	var out []int
	for _, h := range res.Hits {
		for _, m := range h.Matches {
			out = append(out, m.Start)
		}
	}
	return out
}

func TestHitOffsetsAreCodePoints(t *testing.T) {
	e := mustEnv(t)
	// CRLF line ends, a decomposed å, emoji: stored normalised.
	d := e.doc("Luleå interview", "", readFile(t, "lulea_crlf.txt"))
	if strings.Contains(d.Text, "\r") || !strings.Contains(d.Text, "Luleå and") {
		t.Fatalf("got text %q, want it normalised", d.Text)
	}
	tests := []struct {
		query, want string
	}{
		{"lulea", "Luleå"},
		{"kohtamaki", "Kohtamäki"},
		{`"trade fair"`, "trade fair"},
		{"distributor", "distributor"},
		{"signed", "signed"},
	}
	for _, tt := range tests {
		res := e.search(search.Request{Query: tt.query, Sort: "document"})
		if diff := cmp.Diff(allIndexes(d.Text, tt.want), matchStarts(res)); diff != "" {
			t.Errorf("%q: match starts differ (-want +got):\n%s", tt.query, diff)
		}
		for _, h := range res.Hits {
			if h.DocumentID != d.ID || h.End <= h.Start {
				t.Errorf("%q: got hit %s [%d,%d) in %q", tt.query, h.ID, h.Start, h.End, h.DocumentID)
			}
			line := strings.ReplaceAll(coding.Slice(d.Text, h.Start, h.End), "\n", " ")
			for i, m := range h.Matches {
				if got := coding.Slice(d.Text, m.Start, m.End); got != tt.want {
					t.Errorf("%q: match [%d,%d) slices to %q, want %q", tt.query, m.Start, m.End, got, tt.want)
				}
				if m.Start < h.Start || m.End > h.End {
					t.Errorf("%q: match [%d,%d) outside its turn [%d,%d)", tt.query, m.Start, m.End, h.Start, h.End)
				}
				k := h.KWIC[i]
				if k.Match != tt.want || k.Start != m.Start || k.End != m.End {
					t.Errorf("%q: got KWIC %+v, want match %q at [%d,%d)", tt.query, k, tt.want, m.Start, m.End)
				}
				if !strings.Contains(line, k.Left+k.Match+k.Right) {
					t.Errorf("%q: KWIC %q|%q|%q is not in its turn %q", tt.query, k.Left, k.Match, k.Right, line)
				}
			}
		}
	}
}

func TestKWICContextAndQuotes(t *testing.T) {
	e := mustEnv(t)
	d := e.doc("Luleå interview", "", readFile(t, "lulea_crlf.txt"))
	code := e.code("Trade fairs", coding.LevelConcept, "")
	start := allIndexes(d.Text, "trade fair in")[0]
	q := e.quote(d.ID, start, start+coding.RuneLen("trade fair in Luleå"), code.ID)

	res := e.search(search.Request{Query: "lulea", Context: 8, Sort: "document"})
	var inQuote []search.Match
	for _, h := range res.Hits {
		for _, m := range h.Matches {
			if len(m.QuoteIDs) > 0 {
				inQuote = append(inQuote, m)
			}
		}
		for _, k := range h.KWIC {
			if coding.RuneLen(k.Left) > 8 || coding.RuneLen(k.Right) > 8 || strings.Contains(k.Left+k.Right, "\n") {
				t.Errorf("got KWIC context %q / %q, want at most 8 characters on one line", k.Left, k.Right)
			}
		}
	}
	want := []search.Match{{Start: start + coding.RuneLen("trade fair in "), End: start + coding.RuneLen("trade fair in Luleå"), Field: "text", QuoteIDs: []string{q.ID}}}
	if diff := cmp.Diff(want, inQuote); diff != "" {
		t.Errorf("matches inside quotes differ (-want +got):\n%s", diff)
	}
	hit := res.Hits[1]
	wantRefs := []search.QuoteRef{{ID: q.ID, Start: q.Start, End: q.End, Codes: []search.CodeRef{{ID: code.ID, Name: "Trade fairs", Level: "concept", Color: coding.DefaultColor}}}}
	if diff := cmp.Diff(wantRefs, hit.InQuotes); diff != "" {
		t.Errorf("quotes of the hit differ (-want +got):\n%s", diff)
	}
	if got := hit.KWIC[0]; got.Left != "tamäki: " || got.Right != " was col" {
		t.Errorf("got context %q / %q, want %q / %q", got.Left, got.Right, "tamäki: ", " was col")
	}
}

// TestLongTurn indexes a 100,000-word transcript without speaker labels:
// one turn holding the whole text.
func TestLongTurn(t *testing.T) {
	e := mustEnv(t)
	var b strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "Sentence %d says little here. ", i)
		if i == 19990 {
			b.WriteString("Then Kohtamäki 👍 went to the trade fair. ")
		}
	}
	d := e.doc("Long", "", b.String())
	if len(d.Turns) != 1 {
		t.Fatalf("got %d turns, want 1", len(d.Turns))
	}
	res := e.search(search.Request{Query: `"trade fair"`})
	if res.Total != 1 || len(res.Hits[0].Matches) != 1 {
		t.Fatalf("got %d hits, want 1 with 1 match", res.Total)
	}
	want := allIndexes(d.Text, "trade fair")[0]
	if m := res.Hits[0].Matches[0]; m.Start != want || coding.Slice(d.Text, m.Start, m.End) != "trade fair" {
		t.Errorf("got match [%d,%d), want [%d,%d)", m.Start, m.End, want, want+10)
	}
	if k := res.Hits[0].KWIC[0]; !strings.HasSuffix(k.Left, "Kohtamäki 👍 went to the ") {
		t.Errorf("got left context %q", k.Left)
	}
	res = e.search(search.Request{Query: "little"})
	if h := res.Hits[0]; h.MatchCount != 20000 || len(h.Matches) != 100 || len(h.KWIC) != 100 {
		t.Errorf("got %d matches, %d listed, %d KWIC lines; want 20000, 100, 100", h.MatchCount, len(h.Matches), len(h.KWIC))
	}
}
