package export

import (
	"slices"

	"tessera/coding"
)

// figNode is a code as the figure draws it: its box, and the codes drawn
// to its left joined by a bracket. A page holds copies of the nodes it
// shows; a copy of a code already drawn on an earlier page is Cont.
type figNode struct {
	Code   *coding.Code
	Kids   []*figNode
	Badges []figBadge
	Cont   bool
}

// figSpec is one figure before it is split into pages: its caption and
// its top-level codes.
type figSpec struct {
	Caption string
	Roots   []*figNode
}

// figureTree builds the nodes of every code the figure shows: roots in
// codebook order, each code's Gioia children (retired codes left out),
// with the badges of the named facets on themes. keep, when not nil,
// tells which concepts to show; codes above no kept concept are left out
// then.
func figureTree(ix *index, badges []*coding.Facet, keep func(*coding.Code) bool) []*figNode {
	var build func(c *coding.Code) *figNode
	build = func(c *coding.Code) *figNode {
		n := &figNode{Code: c}
		if c.Level == coding.LevelTheme {
			for _, f := range badges {
				if v, _ := ix.tree.EffectiveFacet(c, f.ID); v != "" {
					n.Badges = append(n.Badges, figBadge{Facet: f.Name, Value: v})
				}
			}
		}
		for _, k := range ix.gioiaChildren(c) {
			if kn := build(k); kn != nil {
				n.Kids = append(n.Kids, kn)
			}
		}
		if keep != nil && len(n.Kids) == 0 && (c.Level != coding.LevelConcept || !keep(c)) {
			return nil
		}
		return n
	}
	roots := slices.DeleteFunc(append([]*coding.Code(nil), ix.tree.Children[""]...), func(c *coding.Code) bool { return c.Retired })
	sortByRank(roots, ix.rank)
	var out []*figNode
	for _, r := range roots {
		if n := build(r); n != nil {
			out = append(out, n)
		}
	}
	return out
}

// figureSpecs splits the data structure into the figures opt asks for:
// one, one per dimension, or one per value of the section facet.
func figureSpecs(snap *coding.Snapshot, ix *index, opt Options) ([]figSpec, error) {
	badges, err := badgeFacets(snap, opt.Figure.Badges)
	if err != nil {
		return nil, err
	}
	switch opt.Figure.Split {
	case SplitDimension:
		var specs []figSpec
		var rest []*figNode
		for _, n := range figureTree(ix, badges, nil) {
			if n.Code.Level == coding.LevelDimension {
				specs = append(specs, figSpec{Caption: n.Code.Name, Roots: []*figNode{n}})
			} else {
				rest = append(rest, n)
			}
		}
		if len(rest) > 0 {
			specs = append(specs, figSpec{Caption: "Codes outside the dimensions", Roots: rest})
		}
		return specs, nil
	case SplitSection:
		if opt.Sections == "" {
			return nil, coding.Errorf(coding.EINVALID, "a figure per section needs a facet for the sections")
		}
		f := snap.FacetByName(opt.Sections)
		if f == nil {
			return nil, coding.Errorf(coding.EINVALID, "cannot make sections: the project has no facet %q%s", opt.Sections, knownFacets(snap))
		}
		var specs []figSpec
		for _, v := range append(append([]string(nil), f.Values...), "") {
			roots := figureTree(ix, badges, func(c *coding.Code) bool {
				got, _ := ix.tree.EffectiveFacet(c, f.ID)
				return got == v
			})
			if len(roots) > 0 {
				specs = append(specs, figSpec{Caption: opt.Table.sectionLabel(f.Name, v), Roots: roots})
			}
		}
		return specs, nil
	}
	return []figSpec{{Roots: figureTree(ix, badges, nil)}}, nil
}

// badgeFacets resolves the facet names of the badges.
func badgeFacets(snap *coding.Snapshot, names []string) ([]*coding.Facet, error) {
	if len(names) == 0 {
		return nil, nil
	}
	return facetColumns(snap, names, nil)
}
