package export

import (
	"slices"

	"tessera/coding"
)

// index holds the lookups every analysis needs, built once per export.
type index struct {
	snap  *coding.Snapshot
	tree  *coding.CodeTree
	order []*coding.Code // codes in codebook (walk) order
	rank  map[string]int // code ID -> position in order
	docs  map[string]*coding.Document
	cases map[string]*coding.Case
	// quotes maps a code ID to the distinct quotes tagged with it or with
	// a code below it, in snapshot order.
	quotes map[string][]*coding.Quote
	// attributions caches who said each quote (see attribution).
	attributions map[string]Attribution
}

func newIndex(snap *coding.Snapshot) *index {
	ix := &index{
		snap:   snap,
		tree:   snap.Tree(),
		rank:   map[string]int{},
		docs:   map[string]*coding.Document{},
		cases:  map[string]*coding.Case{},
		quotes: map[string][]*coding.Quote{},

		attributions: map[string]Attribution{},
	}
	ix.tree.Walk(func(c *coding.Code, _ int) {
		ix.rank[c.ID] = len(ix.order)
		ix.order = append(ix.order, c)
	})
	for _, d := range snap.Documents {
		ix.docs[d.ID] = d
	}
	for _, c := range snap.Cases {
		ix.cases[c.ID] = c
	}
	for _, q := range snap.Quotes {
		seen := map[string]bool{}
		for _, id := range q.CodeIDs {
			for c := ix.tree.ByID[id]; c != nil && !seen[c.ID]; c = ix.tree.ByID[c.ParentID] {
				seen[c.ID] = true
				ix.quotes[c.ID] = append(ix.quotes[c.ID], q)
			}
		}
	}
	return ix
}

// caseOf returns the case of the quote's document, or nil.
func (ix *index) caseOf(q *coding.Quote) *coding.Case {
	if d := ix.docs[q.DocumentID]; d != nil {
		return ix.cases[d.CaseID]
	}
	return nil
}

// speakerOf returns the speaker of the turn where the quote starts, or "".
func (ix *index) speakerOf(q *coding.Quote) string {
	d := ix.docs[q.DocumentID]
	if d == nil {
		return ""
	}
	if i := d.TurnAt(q.Start); i >= 0 {
		return d.Turns[i].Speaker
	}
	return ""
}

// codesOf returns the quote's codes that the tree knows, in codebook order.
func (ix *index) codesOf(q *coding.Quote) []*coding.Code {
	var out []*coding.Code
	for _, id := range q.CodeIDs {
		if c := ix.tree.ByID[id]; c != nil {
			out = append(out, c)
		}
	}
	sortByRank(out, ix.rank)
	return out
}

// facetColumns resolves facet names to facets, in the snapshot's order
// when names is empty; skip is a facet left out of that default list.
func facetColumns(snap *coding.Snapshot, names []string, skip *coding.Facet) ([]*coding.Facet, error) {
	if len(names) == 0 {
		var out []*coding.Facet
		for _, f := range snap.Facets {
			if f != skip {
				out = append(out, f)
			}
		}
		return out, nil
	}
	out := make([]*coding.Facet, 0, len(names))
	for _, n := range names {
		f := snap.FacetByName(n)
		if f == nil {
			return nil, coding.Errorf(coding.EINVALID, "the project has no facet %q%s", n, knownFacets(snap))
		}
		out = append(out, f)
	}
	return out, nil
}

// knownFacets lists the project's facets for error messages.
func knownFacets(snap *coding.Snapshot) string {
	if len(snap.Facets) == 0 {
		return " (it has no facets)"
	}
	s := " (known: "
	for i, f := range snap.Facets {
		if i > 0 {
			s += ", "
		}
		s += f.Name
	}
	return s + ")"
}

// sortByRank sorts codes into codebook order.
func sortByRank(codes []*coding.Code, rank map[string]int) {
	slices.SortStableFunc(codes, func(a, b *coding.Code) int { return rank[a.ID] - rank[b.ID] })
}
