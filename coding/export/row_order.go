package export

import (
	"cmp"
	"slices"
	"strings"

	"tessera/coding"
)

// Row orders of TableOptions.Order.
const (
	// OrderCodebook keeps the codebook order (default).
	OrderCodebook = "codebook"
	// OrderAlpha sorts by name.
	OrderAlpha = "alpha"
	// OrderCount puts the codes (cases) with the most quotes first.
	OrderCount = "count"
)

// reorder sorts the index's codebook walk by order: the codes under each
// parent (and the top-level codes of each level) by name or by their
// number of quotes, most first, codebook order breaking ties. The
// hierarchy stays: concepts stay under their theme, themes under their
// dimension.
func (ix *index) reorder(order string) {
	if order == "" || order == OrderCodebook {
		return
	}
	key := func(a, b *coding.Code) int {
		if order == OrderCount {
			if c := cmp.Compare(len(ix.quotes[b.ID]), len(ix.quotes[a.ID])); c != 0 {
				return c
			}
		} else if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return ix.rank[a.ID] - ix.rank[b.ID]
	}
	var out []*coding.Code
	var visit func(c *coding.Code)
	visit = func(c *coding.Code) {
		out = append(out, c)
		kids := slices.Clone(ix.tree.Children[c.ID])
		slices.SortStableFunc(kids, key)
		for _, k := range kids {
			visit(k)
		}
	}
	roots := slices.Clone(ix.tree.Children[""])
	slices.SortStableFunc(roots, func(a, b *coding.Code) int {
		if c := cmp.Compare(b.Level.Rank(), a.Level.Rank()); c != 0 {
			return c
		}
		return key(a, b)
	})
	for _, r := range roots {
		visit(r)
	}
	ix.order = out
	for i, c := range out {
		ix.rank[c.ID] = i
	}
}

// sortCases returns the cases in the order asked for: project order, by
// name, by number of quotes (most first), or by a case attribute
// ("attr:NAME": numbers by value, other values by text, cases without
// the attribute last).
func (ix *index) sortCases(order string) []*coding.Case {
	cases := slices.Clone(ix.snap.Cases)
	switch {
	case strings.HasPrefix(order, "attr:"):
		name := strings.TrimSpace(order[5:])
		slices.SortStableFunc(cases, func(a, b *coding.Case) int { return compareAttr(a.Attribute(name), b.Attribute(name)) })
	case order == OrderAlpha:
		slices.SortStableFunc(cases, func(a, b *coding.Case) int {
			return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		})
	case order == OrderCount:
		n := map[string]int{}
		for _, q := range ix.snap.Quotes {
			if c := ix.caseOf(q); c != nil {
				n[c.ID]++
			}
		}
		slices.SortStableFunc(cases, func(a, b *coding.Case) int { return cmp.Compare(n[b.ID], n[a.ID]) })
	}
	return cases
}

// compareAttr orders attribute values: numbers before text and by value,
// text by its lower case, missing or empty values last.
func compareAttr(a, b *coding.Attribute) int {
	empty := func(x *coding.Attribute) bool { return x == nil || x.String() == "" }
	switch {
	case empty(a) || empty(b):
		return cmp.Compare(boolInt(empty(a)), boolInt(empty(b)))
	}
	fa, na := a.Value.(float64)
	fb, nb := b.Value.(float64)
	switch {
	case na && nb:
		return cmp.Compare(fa, fb)
	case na != nb:
		return cmp.Compare(boolInt(nb), boolInt(na))
	}
	return strings.Compare(strings.ToLower(a.String()), strings.ToLower(b.String()))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
