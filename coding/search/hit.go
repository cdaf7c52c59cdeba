package search

import (
	"context"
	"strings"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"tessera/coding"
)

// unitText is the text a unit was indexed from and where it lies: base is
// the code-point offset of its first character in the document (turns,
// quotes) or 0 (memos, codes).
type unitText struct {
	text string
	base int
}

// hit builds a result hit from a bleve hit and its term locations. It
// reports false for a unit the catalog no longer knows (deleted between
// the search and now).
func (ix *Index) hit(ctx context.Context, p *project, pl *plan, h *bsearch.DocumentMatch, kwic int) (Hit, bool, error) {
	ref, ok := parseUnitID(h.ID)
	if !ok {
		return Hit{}, false, nil
	}
	cat := p.cat
	hit := Hit{Kind: ref.Kind, ID: ref.ID, Score: h.Score, Matches: []Match{}, KWIC: []KWICLine{}}
	texts := map[string]unitText{}
	switch ref.Kind {
	case KindTurn:
		d := cat.docByID[ref.ID]
		if d == nil {
			return Hit{}, false, nil
		}
		t, err := ix.texts.get(ctx, ix.store, p.id, ref.ID)
		if coding.ErrorCode(err) == coding.ENOTFOUND {
			return Hit{}, false, nil
		} else if err != nil {
			return Hit{}, false, err
		}
		if ref.Turn >= len(t.turns) {
			return Hit{}, false, nil
		}
		tr := t.turns[ref.Turn]
		hit.ID = h.ID
		hit.DocumentID, hit.DocumentTitle, hit.CaseID = d.ID, d.Title, d.CaseID
		hit.Speaker, hit.Start, hit.End = tr.Speaker, tr.Start, tr.End
		texts[fieldText] = unitText{text: t.turnText(ref.Turn), base: tr.Start}
	case KindQuote:
		q := cat.quotes[ref.ID]
		if q == nil {
			return Hit{}, false, nil
		}
		if d := cat.docByID[q.DocumentID]; d != nil {
			hit.DocumentID, hit.DocumentTitle, hit.CaseID = d.ID, d.Title, d.CaseID
		}
		hit.Start, hit.End = q.Start, q.End
		hit.InQuotes = []QuoteRef{{ID: q.ID, Start: q.Start, End: q.End, Codes: cat.codeRefs(q.CodeIDs)}}
		texts[fieldText] = unitText{text: q.Text, base: q.Start}
		texts[fieldTitle] = unitText{text: cat.quoteLabels(q)}
	case KindMemo:
		m := cat.memos[ref.ID]
		if m == nil {
			return Hit{}, false, nil
		}
		hit.Title, hit.End = m.Title, coding.RuneLen(m.Body)
		if m.TargetType == coding.MemoDocument {
			if d := cat.docByID[m.TargetID]; d != nil {
				hit.DocumentID, hit.DocumentTitle, hit.CaseID = d.ID, d.Title, d.CaseID
			}
		}
		texts[fieldText] = unitText{text: m.Body}
		texts[fieldTitle] = unitText{text: m.Title}
	case KindCode:
		c := cat.tree.ByID[ref.ID]
		if c == nil {
			return Hit{}, false, nil
		}
		text := codeText(c)
		hit.Title, hit.End = c.Name, coding.RuneLen(text)
		texts[fieldText] = unitText{text: text}
		texts[fieldTitle] = unitText{text: c.Name}
	}
	hit.CaseName = cat.caseName(hit.CaseID)

	// Matches in the main text first, then in the title.
	for _, field := range []string{fieldText, fieldTitle} {
		ut, ok := texts[field]
		if !ok {
			continue
		}
		for _, m := range pl.m.matches(ut, field) {
			hit.MatchCount++
			if len(hit.Matches) >= maxMatchesPerHit {
				continue
			}
			hit.KWIC = append(hit.KWIC, kwicLine(ut, m, kwic))
			hit.Matches = append(hit.Matches, m)
		}
	}
	if ref.Kind == KindTurn {
		markQuotes(cat, &hit)
	}
	return hit, true, nil
}

// codeText is the indexed text of a code: its definition and notes.
func codeText(c *coding.Code) string {
	text := c.Definition
	for _, s := range []string{c.Inclusion, c.Exclusion} {
		if s != "" {
			text += "\n\n" + s
		}
	}
	return text
}

// kwicLine cuts the context of match m from its unit's text: up to n code
// points each side, on one line.
func kwicLine(ut unitText, m Match, n int) KWICLine {
	s := byteAt(ut.text, m.Start-ut.base)
	e := s + byteAt(ut.text[s:], m.End-m.Start)
	left := ut.text[:s]
	cut := len(left)
	for i := 0; i < n && cut > 0; i++ {
		_, size := utf8.DecodeLastRuneInString(left[:cut])
		cut -= size
	}
	right := ut.text[e:]
	rc := 0
	for i := 0; i < n && rc < len(right); i++ {
		_, size := utf8.DecodeRuneInString(right[rc:])
		rc += size
	}
	return KWICLine{
		Left:  oneLine(left[cut:]),
		Match: oneLine(ut.text[s:e]),
		Right: oneLine(right[:rc]),
		Start: m.Start,
		End:   m.End,
	}
}

// byteAt returns the byte offset of code point n of s (len(s) beyond it).
func byteAt(s string, n int) int {
	if n <= 0 {
		return 0
	}
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

var lineBreaks = strings.NewReplacer("\n", " ", "\t", " ")

func oneLine(s string) string { return lineBreaks.Replace(s) }

// markQuotes notes, for each match of a turn hit, the existing quotes it
// overlaps, and lists those quotes with their codes on the hit.
func markQuotes(cat *catalog, hit *Hit) {
	seen := map[string]bool{}
	for i := range hit.Matches {
		m := &hit.Matches[i]
		if m.Field != fieldText {
			continue
		}
		for _, q := range cat.quotesIn(hit.DocumentID, m.Start, m.End) {
			m.QuoteIDs = append(m.QuoteIDs, q.ID)
			if !seen[q.ID] {
				seen[q.ID] = true
				hit.InQuotes = append(hit.InQuotes, QuoteRef{ID: q.ID, Start: q.Start, End: q.End, Codes: cat.codeRefs(q.CodeIDs)})
			}
		}
	}
}
