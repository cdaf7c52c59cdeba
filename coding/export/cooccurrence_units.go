package export

import (
	"cmp"
	"slices"

	"tessera/coding"
)

// CooccurrenceUnit is one unit of text (a coded passage, a speaker turn or
// a document) in which two codes occur together.
type CooccurrenceUnit struct {
	DocumentID string `json:"document_id"`
	// Turn is the index of the speaker turn for the unit "turn", else -1.
	Turn int `json:"turn"`
	// Start and End span the unit in code points: the passage, the turn,
	// or the coded part of the document.
	Start int `json:"start"`
	End   int `json:"end"`
	// QuoteIDs lists the unit's quotes tagged with either code (or a code
	// below it), in text order.
	QuoteIDs []string `json:"quote_ids"`
}

// CooccurrenceUnitsResult lists the units behind one cell of the
// co-occurrence matrix.
type CooccurrenceUnitsResult struct {
	Unit  string             `json:"unit"`
	Level coding.Level       `json:"level,omitempty"`
	A     CodeRef            `json:"a"`
	B     CodeRef            `json:"b"`
	Units []CooccurrenceUnit `json:"units"`
}

// unitOf is a unit being collected: its place and its quotes with the
// (rolled-up) codes of each.
type unitOf struct {
	CooccurrenceUnit
	quotes []*coding.Quote
	codes  map[string]bool
}

// CooccurrenceUnits returns the units where codes a and b occur together,
// counted as Cooccurrence counts them (Options.Unit and Options.Level), so
// that len(Units) equals the matrix cell of a and b; with a == b, the
// units where the code occurs. Units come in document order, then text
// order. It returns ENOTFOUND for an unknown code and EINVALID for a code
// of another level than Options.Level.
func CooccurrenceUnits(snap *coding.Snapshot, opt Options, a, b string) (*CooccurrenceUnitsResult, error) {
	ix := newIndex(snap)
	unit := opt.Unit
	if unit != UnitTurn && unit != UnitDocument {
		unit = UnitQuote
	}
	level := opt.Level
	if !level.Valid() {
		level = ""
	}
	res := &CooccurrenceUnitsResult{Unit: unit, Level: level, Units: []CooccurrenceUnit{}}
	var err error
	if res.A, err = ix.pairCode(a, level); err != nil {
		return nil, err
	}
	if res.B, err = ix.pairCode(b, level); err != nil {
		return nil, err
	}

	var units []*unitOf
	if unit == UnitQuote {
		units = ix.passages(level)
	} else {
		units = ix.spans(unit, level)
	}
	docRank := map[string]int{}
	for i, d := range snap.Documents {
		docRank[d.ID] = i
	}
	slices.SortStableFunc(units, func(x, y *unitOf) int {
		return cmp.Or(cmp.Compare(docRank[x.DocumentID], docRank[y.DocumentID]), cmp.Compare(x.Start, y.Start), cmp.Compare(x.Turn, y.Turn))
	})
	for _, u := range units {
		if !u.codes[a] || !u.codes[b] {
			continue
		}
		// Keep the quotes that carry either code.
		u.QuoteIDs = []string{}
		for _, q := range u.quotes {
			set := map[string]bool{}
			ix.codeSet(q, level, set)
			if set[a] || set[b] {
				u.QuoteIDs = append(u.QuoteIDs, q.ID)
			}
		}
		res.Units = append(res.Units, u.CooccurrenceUnit)
	}
	return res, nil
}

// pairCode resolves one code of a pair, which must be of level when set.
func (ix *index) pairCode(id string, level coding.Level) (CodeRef, error) {
	c := ix.tree.ByID[id]
	if c == nil {
		return CodeRef{}, coding.Errorf(coding.ENOTFOUND, "the project has no code %q", id)
	}
	if level != "" && c.Level != level {
		return CodeRef{}, coding.Errorf(coding.EINVALID, "code %q is a %s, but the co-occurrences are counted between codes of level %s", c.Name, c.Level, level)
	}
	return *refOf(c), nil
}

// passages groups the quotes of each document into runs whose texts
// overlap, as quoteUnits does.
func (ix *index) passages(level coding.Level) []*unitOf {
	qs := slices.Clone(ix.snap.Quotes)
	slices.SortStableFunc(qs, func(a, b *coding.Quote) int {
		return cmp.Or(cmp.Compare(a.DocumentID, b.DocumentID), cmp.Compare(a.Start, b.Start))
	})
	var units []*unitOf
	var cur *unitOf
	for _, q := range qs {
		if cur == nil || q.DocumentID != cur.DocumentID || q.Start >= cur.End {
			cur = &unitOf{CooccurrenceUnit: CooccurrenceUnit{DocumentID: q.DocumentID, Turn: -1, Start: q.Start, End: q.End}, codes: map[string]bool{}}
			units = append(units, cur)
		}
		cur.End = max(cur.End, q.End)
		cur.quotes = append(cur.quotes, q)
		ix.codeSet(q, level, cur.codes)
	}
	return units
}

// spans returns a unit per turn or per document that has quotes, as
// spanUnits does; a document without turns is one unit.
func (ix *index) spans(unit string, level coding.Level) []*unitOf {
	keyed := map[string]*unitOf{}
	var units []*unitOf
	add := func(key string, q *coding.Quote, turn, start, end int) {
		u, ok := keyed[key]
		if !ok {
			u = &unitOf{CooccurrenceUnit: CooccurrenceUnit{DocumentID: q.DocumentID, Turn: turn, Start: start, End: end}, codes: map[string]bool{}}
			keyed[key] = u
			units = append(units, u)
		}
		u.quotes = append(u.quotes, q)
		ix.codeSet(q, level, u.codes)
	}
	for _, q := range ix.snap.Quotes {
		d := ix.docs[q.DocumentID]
		if unit == UnitDocument || d == nil || len(d.Turns) == 0 {
			add(q.DocumentID, q, -1, 0, 0)
			continue
		}
		for i, t := range d.Turns {
			if t.Start < q.End && q.Start < t.End {
				add(q.DocumentID+"#"+itoa(i), q, i, t.Start, t.End)
			}
		}
	}
	// A document unit spans its quotes; its quotes go into text order.
	for _, u := range units {
		slices.SortStableFunc(u.quotes, func(a, b *coding.Quote) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
		if u.Turn < 0 {
			u.Start, u.End = u.quotes[0].Start, 0
			for _, q := range u.quotes {
				u.Start, u.End = min(u.Start, q.Start), max(u.End, q.End)
			}
		}
	}
	return units
}
