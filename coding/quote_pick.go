package coding

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// PickKind says how a chosen quote serves as evidence for a code, after
// Pratt (2008): a power quote is printed in the text of a paper, proof
// quotes in its supporting-data table.
type PickKind string

// The kinds of chosen quotes.
const (
	PickPower PickKind = "power"
	PickProof PickKind = "proof"
)

// MaxPickOrder is the highest order a chosen quote may take.
const MaxPickOrder = 999

// Omission is the mark a print excerpt puts where it leaves text out.
// The three-dot form "[...]" is read as the same mark.
const Omission = "[…]"

// QuotePick marks a quote as chosen evidence for one of the codes it
// carries: a power or proof quote, printed in Order among the code's
// chosen quotes (1 first).
type QuotePick struct {
	CodeID string   `json:"code_id"`
	Kind   PickKind `json:"kind"`
	Order  int      `json:"order"`
}

// Validate reports a pick that no quote may hold.
func (p QuotePick) Validate() error {
	switch {
	case p.CodeID == "":
		return Errorf(EINVALID, "code_id is required: the code the quote is chosen for")
	case p.Kind != PickPower && p.Kind != PickProof:
		return Errorf(EINVALID, "kind %q is not power or proof", p.Kind)
	case p.Order < 1 || p.Order > MaxPickOrder:
		return Errorf(EINVALID, "order %d is not between 1 and %d", p.Order, MaxPickOrder)
	}
	return nil
}

// PickFor returns the quote's pick for code id, or nil when the quote is
// not chosen for it (also when it no longer carries the code).
func (q *Quote) PickFor(id string) *QuotePick {
	if !q.HasCode(id) {
		return nil
	}
	for i := range q.Picks {
		if q.Picks[i].CodeID == id {
			return &q.Picks[i]
		}
	}
	return nil
}

// SetPick replaces the quote's pick for p.CodeID with p, or removes it
// when p.Kind is "". The caller validates p first.
func (q *Quote) SetPick(p QuotePick) {
	out := q.Picks[:0:0]
	for _, old := range q.Picks {
		if old.CodeID != p.CodeID {
			out = append(out, old)
		}
	}
	if p.Kind != "" {
		out = append(out, p)
	}
	if len(out) == 0 {
		out = nil
	}
	q.Picks = out
}

// RetargetPicks moves the quote's picks from code from to code to, after
// the quote was recoded from one to the other (codes merged or split); a
// pick the quote already holds for to wins.
func (q *Quote) RetargetPicks(from, to string) {
	for i := range q.Picks {
		if q.Picks[i].CodeID == from {
			p := q.Picks[i]
			q.SetPick(QuotePick{CodeID: from})
			if q.PickFor(to) == nil {
				p.CodeID = to
				q.SetPick(p)
			}
			return
		}
	}
}

// TidyPicks drops the picks for codes the quote no longer carries and an
// excerpt its text no longer holds.
func (q *Quote) TidyPicks() {
	out := q.Picks[:0:0]
	for _, p := range q.Picks {
		if q.HasCode(p.CodeID) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = nil
	}
	q.Picks = out
	if q.Excerpt != "" && CheckExcerpt(q.Text, q.Excerpt) != nil {
		q.Excerpt = ""
	}
}

// ExcerptPieces splits a print excerpt at its omission marks ("[…]" or
// "[...]") into the pieces of quoted text, each trimmed, leaving out
// empty ones; lead and tail report an omission mark at the start or end.
func ExcerptPieces(excerpt string) (pieces []string, lead, tail bool) {
	s := strings.ReplaceAll(excerpt, "[...]", Omission)
	parts := strings.Split(s, Omission)
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			lead = lead || i == 0 && len(parts) > 1
			tail = tail || i == len(parts)-1 && len(parts) > 1
			continue
		}
		pieces = append(pieces, p)
	}
	return pieces, lead, tail
}

// CheckExcerpt reports whether excerpt is a print excerpt of text: pieces
// of the text, in order and without overlap, joined by omission marks.
// Runs of white space compare equal to one space, so an excerpt may
// rejoin lines the text breaks.
func CheckExcerpt(text, excerpt string) error {
	pieces, _, _ := ExcerptPieces(norm.NFC.String(excerpt))
	if len(pieces) == 0 {
		return Errorf(EINVALID, "the excerpt holds no text of the quote")
	}
	hay := strings.Join(strings.Fields(text), " ")
	at := 0
	for _, p := range pieces {
		p = strings.Join(strings.Fields(p), " ")
		i := strings.Index(hay[at:], p)
		if i < 0 {
			if strings.Contains(hay, p) {
				return Errorf(EUNPROCESSABLE, "the excerpt's piece %q comes before the piece ahead of it in the quote: pieces must keep the quote's order", shorten(p))
			}
			return Errorf(EUNPROCESSABLE, "the excerpt's piece %q is not in the quote's text; mark left-out text with %s", shorten(p), Omission)
		}
		at += i + len(p)
	}
	return nil
}

// shorten cuts s to a length that reads well in an error message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}
