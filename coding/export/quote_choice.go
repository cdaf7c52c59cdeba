package export

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"tessera/coding"
)

// QuoteMode says which quotes an export prints for a code.
type QuoteMode string

// Quote modes.
const (
	// QuotesBoth prints the quotes the researcher chose and, for codes
	// with none chosen, quotes chosen automatically (the default).
	QuotesBoth QuoteMode = "both"
	// QuotesChosen prints only the quotes the researcher chose.
	QuotesChosen QuoteMode = "chosen"
	// QuotesAuto ignores the researcher's choice and chooses every quote
	// automatically.
	QuotesAuto QuoteMode = "auto"
)

// Validate reports a mode that is not chosen, auto or both ("" is both).
func (m QuoteMode) Validate() error {
	switch m {
	case "", QuotesBoth, QuotesChosen, QuotesAuto:
		return nil
	}
	return coding.Errorf(coding.EINVALID, "quote choice %q is not chosen, auto or both", m)
}

// Automatic choice prefers quotes whose printed length, in characters,
// lies within this band: long enough to say something, short enough to
// print.
const (
	quoteBandMin = 60
	quoteBandMax = 300
	// quoteGrowMax is how many characters extending a quote to whole
	// sentences may add; a longer extension is left out and the cut
	// marked with an omission.
	quoteGrowMax = 200
)

// Choice labels of RepresentativeQuote.Kind for quotes nobody chose.
const kindAuto = "auto"

// RepresentativeQuote is a quote printed for a code, with its attribution.
type RepresentativeQuote struct {
	QuoteID string `json:"quote_id"`
	// Text is what is printed: the quote's excerpt when it has one, else
	// its text (extended to whole sentences when chosen automatically),
	// with white-space runs collapsed to one space.
	Text string `json:"text"`
	// Kind is "power" or "proof" for a quote the researcher chose, else
	// "auto".
	Kind string `json:"kind"`
	// Order is a chosen quote's order among the quotes chosen for its
	// code (1 first); 0 for a quote chosen automatically.
	Order int `json:"order,omitempty"`
	// CodeID is the code the quote was chosen for, or, chosen
	// automatically, the first code it carries of the row's code and
	// those below it: the code to choose it for.
	CodeID string `json:"code_id"`
	Attribution
}

// Cite returns the quote in typographic quotation marks followed by its
// attribution in parentheses.
func (q *RepresentativeQuote) Cite() string {
	s := "“" + q.Text + "”"
	if a := q.Source(); a != "" {
		s += " (" + a + ")"
	}
	return s
}

// chooser picks the quotes a table prints, row by row. In a table
// (fair), a quote is printed for one row only and automatic choice
// spreads the quotes across cases and informants.
type chooser struct {
	ix   *index
	mode QuoteMode
	fair bool
	// used holds the IDs of the quotes printed, and the texts printed:
	// two quotes of one sentence print the same text once extended.
	used map[string]bool
	// cases and informants count the quotes printed so far per case and
	// per informant.
	cases, informants map[string]int
	runes             map[string][]rune   // document ID -> text
	texts             map[string]printout // quote ID -> printed text
}

// printout is what automatic choice prints for a quote.
type printout struct {
	text  string
	whole bool
}

func (ix *index) newChooser(mode QuoteMode, fair bool) *chooser {
	ch := &chooser{ix: ix, mode: mode, fair: fair, used: map[string]bool{},
		cases: map[string]int{}, informants: map[string]int{}, runes: map[string][]rune{}, texts: map[string]printout{}}
	if fair && mode != QuotesAuto {
		// Chosen quotes are kept for the rows they were chosen for.
		for _, q := range ix.snap.Quotes {
			for _, p := range q.Picks {
				if q.HasCode(p.CodeID) {
					ch.used[q.ID] = true
				}
			}
		}
	}
	return ch
}

// pick returns the quotes to print for code id: the chosen ones in their
// order (all of them), or, where the mode allows and none is chosen, up
// to n chosen automatically.
func (ch *chooser) pick(id string, n int) []*RepresentativeQuote {
	var out []*RepresentativeQuote
	if ch.mode != QuotesAuto {
		for _, c := range ch.chosen(id) {
			r := ch.cite(c.q, string(c.kind), ch.asCoded(c.q))
			r.CodeID, r.Order = c.code, c.order
			out = append(out, r)
		}
	}
	if len(out) > 0 || ch.mode == QuotesChosen {
		return out
	}
	for range n {
		q := ch.auto(id, out)
		if q == nil {
			break
		}
		out = append(out, q)
	}
	return out
}

// chosenQuote is a quote chosen for a code, with its pick.
type chosenQuote struct {
	q     *coding.Quote
	kind  coding.PickKind
	order int
	code  string // the code it was chosen for
	rank  int    // codebook position of that code
	pos   int    // position of the quote in the project
}

// chosen returns the quotes chosen for code id or a code below it, by
// order, then power before proof, then the code's place in the codebook,
// then the quote's place in the project.
func (ch *chooser) chosen(id string) []chosenQuote {
	var out []chosenQuote
	top := ch.ix.tree.ByID[id]
	for i, q := range ch.ix.quotes[id] {
		best := chosenQuote{q: q, pos: i}
		for _, p := range q.Picks {
			if !q.HasCode(p.CodeID) || !ch.ix.under(ch.ix.tree.ByID[p.CodeID], top) {
				continue
			}
			c := chosenQuote{q: q, kind: p.Kind, order: p.Order, code: p.CodeID, rank: ch.ix.rank[p.CodeID], pos: i}
			if best.kind == "" || compareChosen(c, best) < 0 {
				best = c
			}
		}
		if best.kind != "" {
			out = append(out, best)
		}
	}
	slices.SortStableFunc(out, compareChosen)
	return out
}

func compareChosen(a, b chosenQuote) int {
	power := func(k coding.PickKind) int {
		if k == coding.PickPower {
			return 0
		}
		return 1
	}
	return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(power(a.kind), power(b.kind)),
		cmp.Compare(a.rank, b.rank), cmp.Compare(a.pos, b.pos))
}

// candidate is a quote automatic choice weighs.
type candidate struct {
	q     *coding.Quote
	text  string
	whole bool
	att   Attribution
	pos   int
}

// auto chooses the next quote for code id, given those already printed
// for the row. It prefers, in turn: a case and then an informant the row
// does not cite yet; a printed length within the band; the case and then
// the informant cited least in the table so far; a quote coded as whole
// sentences; the shorter quote; the quote that comes first.
func (ch *chooser) auto(id string, row []*RepresentativeQuote) *RepresentativeQuote {
	rowCases, rowInformants := map[string]int{}, map[string]int{}
	for _, r := range row {
		rowCases[r.Case]++
		rowInformants[r.Informant]++
	}
	var best *candidate
	var bestKey []int
	for i, q := range ch.ix.quotes[id] {
		if ch.used[q.ID] || (!ch.fair && slices.ContainsFunc(row, func(r *RepresentativeQuote) bool { return r.QuoteID == q.ID })) {
			continue
		}
		c := candidate{q: q, att: ch.ix.attribution(q), pos: i}
		c.text, c.whole = ch.printed(q)
		if ch.used["text:"+c.text] {
			// Extended, it repeats a printed quote: print it as coded.
			if c.text = ch.asCoded(q); ch.used["text:"+c.text] {
				continue
			}
		}
		n := coding.RuneLen(c.text)
		key := []int{
			rowCases[c.att.Case], rowInformants[c.att.Informant],
			b2i(n < quoteBandMin || n > quoteBandMax),
			ch.cases[c.att.Case], ch.informants[c.att.Informant],
			b2i(!c.whole), n, i,
		}
		if best == nil || slices.Compare(key, bestKey) < 0 {
			best, bestKey = &c, key
		}
	}
	if best == nil {
		return nil
	}
	r := ch.cite(best.q, kindAuto, best.text)
	top := ch.ix.tree.ByID[id]
	for _, c := range ch.ix.codesOf(best.q) {
		if ch.ix.under(c, top) {
			r.CodeID = c.ID
			break
		}
	}
	return r
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cite describes q printed as text and counts it as used.
func (ch *chooser) cite(q *coding.Quote, kind, text string) *RepresentativeQuote {
	r := &RepresentativeQuote{QuoteID: q.ID, Kind: kind, Text: text, Attribution: ch.ix.attribution(q)}
	if ch.fair {
		ch.used[q.ID] = true
		ch.used["text:"+r.Text] = true
		ch.cases[r.Case]++
		ch.informants[r.Informant]++
	}
	return r
}

// asCoded returns the text printed for q as coded: its excerpt, else its
// text.
func (ch *chooser) asCoded(q *coding.Quote) string {
	if q.Excerpt != "" {
		return collapseSpace(q.Excerpt)
	}
	return collapseSpace(q.Text)
}

// printed returns the text automatic choice prints for q: its excerpt
// when it has one; else its text extended to whole sentences within its
// turn, with an omission mark where that would add too much. whole
// reports whether the quote was coded as whole sentences.
func (ch *chooser) printed(q *coding.Quote) (text string, whole bool) {
	if p, ok := ch.texts[q.ID]; ok {
		return p.text, p.whole
	}
	text, whole = ch.extend(q)
	ch.texts[q.ID] = printout{text, whole}
	return text, whole
}

// extend does the work of printed.
func (ch *chooser) extend(q *coding.Quote) (text string, whole bool) {
	if q.Excerpt != "" {
		return collapseSpace(q.Excerpt), true
	}
	d := ch.ix.docs[q.DocumentID]
	if d == nil || d.Text == "" {
		return collapseSpace(q.Text), false
	}
	rs, ok := ch.runes[d.ID]
	if !ok {
		rs = []rune(d.Text)
		ch.runes[d.ID] = rs
	}
	if q.End > len(rs) {
		return collapseSpace(q.Text), false
	}
	// The unit is the turn where the quote starts, or the whole text.
	from, to, speaker := 0, len(rs), ""
	if i := d.TurnAt(q.Start); i >= 0 {
		t := d.Turns[i]
		from, to, speaker = t.Start, max(t.End, min(q.End, len(rs))), t.Speaker
	}
	unit := string(rs[from:to])
	s := len(string(rs[from:q.Start]))
	e := s + len(string(rs[q.Start:q.End]))
	// Measure the quote without the spaces around it.
	core := strings.TrimSpace(unit[s:e])
	s += strings.Index(unit[s:e], core)
	e = s + len(core)
	bs, be := coding.SentenceAround(unit, s, e, speaker)
	if last, _ := utf8.DecodeLastRuneInString(core); strings.ContainsRune(".!?…", last) {
		be = e // the quote ends its sentence
	}
	whole = bs == s && be == e
	lead, tail := unit[bs:s], unit[e:be]
	if coding.RuneLen(lead)+coding.RuneLen(tail) > quoteGrowMax {
		lead, tail = "", ""
		if bs < s {
			lead = coding.Omission + " "
		}
		if be > e {
			tail = " " + coding.Omission
		}
	}
	return collapseSpace(lead + core + tail), whole
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
