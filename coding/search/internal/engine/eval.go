package engine

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// eval returns the units of segment s that match n, at least among
// within (nil for every unit): the result agrees with n on within and may
// hold other units outside it. Restricting the search this way lets a
// phrase check positions only in the units its siblings leave. The
// result may be a posting list's own bitmap: it is never modified.
func (e *Engine) eval(n *enode, s *segCtx, within *roaring.Bitmap) (*roaring.Bitmap, error) {
	switch n.op {
	case opNone:
		return empty, nil
	case opAll:
		if within != nil {
			return within, nil
		}
		return s.liveDocs(), nil
	case opTerms:
		return s.anyTerm(n.field, n.terms)
	case opOr:
		bms := make([]*roaring.Bitmap, 0, len(n.kids))
		for _, k := range n.kids {
			bm, err := e.eval(k, s, within)
			if err != nil {
				return nil, err
			}
			bms = append(bms, bm)
		}
		return orAll(bms), nil
	case opAnd:
		return e.evalAnd(n, s, within)
	case opPos:
		bms := make([]*roaring.Bitmap, 0, len(n.terms)+1)
		if within != nil {
			bms = append(bms, within)
		}
		for _, t := range n.terms {
			bm, err := s.bitmap(n.field, t)
			if err != nil {
				return nil, err
			}
			if bm.IsEmpty() {
				return empty, nil
			}
			bms = append(bms, bm)
		}
		// Smallest first: intersections shrink fastest that way.
		slices.SortFunc(bms, func(a, b *roaring.Bitmap) int {
			return int(a.GetCardinality()) - int(b.GetCardinality())
		})
		cand := roaring.FastAnd(bms...)
		if cand.IsEmpty() {
			return empty, nil
		}
		return e.verify(n, s, cand)
	}
	return empty, nil
}

// evalAnd intersects the required nodes, cheapest first (those without
// positions to check), then removes the excluded ones.
func (e *Engine) evalAnd(n *enode, s *segCtx, within *roaring.Bitmap) (*roaring.Bitmap, error) {
	must := slices.Clone(n.must)
	slices.SortStableFunc(must, func(a, b *enode) int { return btoi(a.positional()) - btoi(b.positional()) })
	cur := within
	restricted := false // cur already reflects a required node
	for _, k := range must {
		bm, err := e.eval(k, s, cur)
		if err != nil {
			return nil, err
		}
		if !restricted || cur == nil {
			cur = bm
			if within != nil && k.op != opAll {
				cur = roaring.And(bm, within)
			}
		} else if bm != cur {
			cur = roaring.And(cur, bm)
		}
		restricted = true
		if cur.IsEmpty() {
			return empty, nil
		}
	}
	for _, k := range n.not {
		bm, err := e.eval(k, s, cur)
		if err != nil {
			return nil, err
		}
		if !bm.IsEmpty() {
			cur = roaring.AndNot(cur, bm)
		}
	}
	if cur == nil {
		return s.liveDocs(), nil
	}
	return cur, nil
}

// positional reports whether n or a node below it checks positions.
func (n *enode) positional() bool {
	if n.op == opPos {
		return true
	}
	for _, k := range append(slices.Clone(n.must), append(n.not, n.kids...)...) {
		if k.positional() {
			return true
		}
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// anyTerm returns the units holding any of terms in field.
func (s *segCtx) anyTerm(field string, terms []string) (*roaring.Bitmap, error) {
	bms := make([]*roaring.Bitmap, 0, len(terms))
	for _, t := range terms {
		bm, err := s.bitmap(field, t)
		if err != nil {
			return nil, err
		}
		if !bm.IsEmpty() {
			bms = append(bms, bm)
		}
	}
	return orAll(bms), nil
}

// orAll returns the union of bms without copying a single bitmap.
func orAll(bms []*roaring.Bitmap) *roaring.Bitmap {
	switch len(bms) {
	case 0:
		return empty
	case 1:
		return bms[0]
	}
	return roaring.FastOr(bms...)
}
