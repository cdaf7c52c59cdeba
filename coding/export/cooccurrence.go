package export

import (
	"cmp"
	"slices"

	"tessera/coding"
)

// Co-occurrence units.
const (
	UnitQuote    = "quote"
	UnitTurn     = "turn"
	UnitDocument = "document"
)

// CooccurrenceResult tells which codes occur together, as a symmetric
// matrix and as a list of pairs.
type CooccurrenceResult struct {
	Unit  string       `json:"unit"`
	Level coding.Level `json:"level,omitempty"` // "" when codes count as tagged
	// Codes are the codes that occur at all, in codebook order; they index
	// Matrix both ways.
	Codes []CodeRef `json:"codes"`
	// Matrix[i][j] counts the units where codes i and j occur together;
	// the diagonal counts the units where code i occurs.
	Matrix [][]int `json:"matrix"`
	// Pairs lists the pairs that occur together, most frequent first, then
	// in codebook order.
	Pairs []CooccurrencePair `json:"pairs"`
}

// CooccurrencePair is two codes and how often they occur together.
type CooccurrencePair struct {
	A     CodeRef `json:"a"`
	B     CodeRef `json:"b"`
	Count int     `json:"count"`
}

// Cooccurrence counts codes that occur together within a unit
// (Options.Unit): "quote" (default), where the unit is a coded passage, a
// quote or a run of quotes whose texts overlap, so that two codes
// co-occur when they tag one quote or overlapping quotes; "turn", the
// speaker turns (a quote belongs to every turn it overlaps); or
// "document".
// With Options.Level set, codes roll up to their ancestor at that level
// (codes above it are left out). An unknown unit counts as "quote".
func Cooccurrence(snap *coding.Snapshot, opt Options) *CooccurrenceResult {
	ix := newIndex(snap)
	unit := opt.Unit
	if unit != UnitTurn && unit != UnitDocument {
		unit = UnitQuote
	}
	level := opt.Level
	if !level.Valid() {
		level = ""
	}
	// Each unit is a set of code IDs; count every pair within a set.
	var units []map[string]bool
	switch unit {
	case UnitQuote:
		units = ix.quoteUnits(level)
	default:
		units = ix.spanUnits(unit, level)
	}
	present := map[string]bool{}
	for _, u := range units {
		for id := range u {
			present[id] = true
		}
	}
	res := &CooccurrenceResult{Unit: unit, Level: level, Codes: []CodeRef{}, Pairs: []CooccurrencePair{}}
	pos := map[string]int{}
	for _, c := range ix.order {
		if present[c.ID] {
			pos[c.ID] = len(res.Codes)
			res.Codes = append(res.Codes, *refOf(c))
		}
	}
	res.Matrix = make([][]int, len(res.Codes))
	for i := range res.Matrix {
		res.Matrix[i] = make([]int, len(res.Codes))
	}
	for _, u := range units {
		for a := range u {
			for b := range u {
				res.Matrix[pos[a]][pos[b]]++
			}
		}
	}
	for i := range res.Codes {
		for j := i + 1; j < len(res.Codes); j++ {
			if n := res.Matrix[i][j]; n > 0 {
				res.Pairs = append(res.Pairs, CooccurrencePair{A: res.Codes[i], B: res.Codes[j], Count: n})
			}
		}
	}
	slices.SortStableFunc(res.Pairs, func(x, y CooccurrencePair) int { return cmp.Compare(y.Count, x.Count) })
	return res
}

// codeSet returns the codes of a quote, rolled up to level when set.
func (ix *index) codeSet(q *coding.Quote, level coding.Level, into map[string]bool) {
	for _, c := range ix.codesOf(q) {
		if level != "" {
			if c = ix.tree.Ancestor(c, level); c == nil {
				continue
			}
		}
		into[c.ID] = true
	}
}

// quoteUnits returns a unit per passage: a quote, or a run of quotes of
// one document whose texts overlap (chains of overlaps join one passage).
func (ix *index) quoteUnits(level coding.Level) []map[string]bool {
	qs := slices.Clone(ix.snap.Quotes)
	slices.SortStableFunc(qs, func(a, b *coding.Quote) int {
		return cmp.Or(cmp.Compare(a.DocumentID, b.DocumentID), cmp.Compare(a.Start, b.Start))
	})
	var units []map[string]bool
	var cur map[string]bool
	doc, end := "", 0
	for _, q := range qs {
		if cur == nil || q.DocumentID != doc || q.Start >= end {
			cur = map[string]bool{}
			units = append(units, cur)
			doc, end = q.DocumentID, q.End
		}
		end = max(end, q.End)
		ix.codeSet(q, level, cur)
	}
	return units
}

// spanUnits returns a unit per turn or per document that has quotes.
func (ix *index) spanUnits(unit string, level coding.Level) []map[string]bool {
	keyed := map[string]map[string]bool{}
	var keys []string
	add := func(key string, q *coding.Quote) {
		u, ok := keyed[key]
		if !ok {
			u = map[string]bool{}
			keyed[key] = u
			keys = append(keys, key)
		}
		ix.codeSet(q, level, u)
	}
	for _, q := range ix.snap.Quotes {
		d := ix.docs[q.DocumentID]
		if unit == UnitDocument || d == nil || len(d.Turns) == 0 {
			add(q.DocumentID, q)
			continue
		}
		for i, t := range d.Turns {
			if t.Start < q.End && q.Start < t.End {
				add(q.DocumentID+"#"+itoa(i), q)
			}
		}
	}
	out := make([]map[string]bool, len(keys))
	for i, k := range keys {
		out[i] = keyed[k]
	}
	return out
}
