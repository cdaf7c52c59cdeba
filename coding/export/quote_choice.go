package export

import (
	"strings"

	"tessera/coding"
)

// The default representative quote is the shortest whose length, in
// characters, lies within this band: long enough to say something, short
// enough to print. When none does, the shortest quote is taken.
const (
	quoteBandMin = 60
	quoteBandMax = 300
)

// RepresentativeQuote is the quote shown for a code, with its attribution.
type RepresentativeQuote struct {
	QuoteID  string `json:"quote_id"`
	Text     string `json:"text"` // whitespace runs collapsed to one space
	Document string `json:"document"`
	Case     string `json:"case"`
	// Role is the informant role of the document's metadata, else the
	// name of the informant speaking where the quote starts.
	Role string `json:"role"`
}

// Attribution returns "Case, Role", with the document's title in place
// of the case when it has none; either part may be missing.
func (q *RepresentativeQuote) Attribution() string {
	source := q.Case
	if source == "" {
		source = q.Document
	}
	return joinNonEmpty(", ", source, q.Role)
}

// Cite returns the quote in typographic quotation marks followed by its
// attribution in parentheses.
func (q *RepresentativeQuote) Cite() string {
	s := "“" + q.Text + "”"
	if a := q.Attribution(); a != "" {
		s += " (" + a + ")"
	}
	return s
}

// representative picks the quote for code id: chosen when it names one
// of the code's quotes, else the shortest within the length band, else
// the shortest; ties go to the quote that comes first in the project.
// It returns nil when the code has no quotes.
func (ix *index) representative(id, chosen string) *RepresentativeQuote {
	var best *coding.Quote
	bestLen, bestIn := 0, false
	for _, q := range ix.quotes[id] {
		if chosen != "" && q.ID == chosen {
			best = q
			break
		}
		n := coding.RuneLen(collapseSpace(q.Text))
		in := n >= quoteBandMin && n <= quoteBandMax
		if best == nil || (in && !bestIn) || (in == bestIn && n < bestLen) {
			best, bestLen, bestIn = q, n, in
		}
	}
	if best == nil {
		return nil
	}
	return ix.quoteRef(best)
}

// quoteRef describes q with its attribution.
func (ix *index) quoteRef(q *coding.Quote) *RepresentativeQuote {
	r := &RepresentativeQuote{QuoteID: q.ID, Text: collapseSpace(q.Text)}
	if c := ix.caseOf(q); c != nil {
		r.Case = c.Name
	}
	d := ix.docs[q.DocumentID]
	if d == nil {
		return r
	}
	r.Document = d.Title
	r.Role = d.Meta.InformantRole
	if r.Role == "" {
		if sp := ix.speakerOf(q); sp != "" && roleOf(d, sp) != coding.RoleInterviewer {
			r.Role = sp
		}
	}
	return r
}

// roleOf returns the role the document records for a speaker, else the
// role its label suggests.
func roleOf(d *coding.Document, speaker string) string {
	for _, s := range d.Speakers {
		if s.Name == speaker && s.Role != "" {
			return s.Role
		}
	}
	return coding.GuessRole(speaker)
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
