package export

import (
	"strconv"
	"strings"

	"tessera/coding"
)

// figurePages lays out every page of the figures opt asks for. fallback
// is the page size used when opt names none ("" lets each figure grow to
// fit on one page).
func figurePages(snap *coding.Snapshot, opt Options, fallback string) ([]*figure, error) {
	if err := opt.Figure.Validate(); err != nil {
		return nil, err
	}
	header, err := figHeaders(opt.Table.Headers)
	if err != nil {
		return nil, err
	}
	ix := newIndex(snap)
	specs, err := figureSpecs(snap, ix, opt)
	if err != nil {
		return nil, err
	}
	if len(specs) == 0 {
		specs = []figSpec{{}}
	}
	g := freeGeom
	if w, h := opt.Figure.pageSize(fallback); w > 0 {
		g = pageGeom(w, h)
	}
	title := "Data structure: " + snap.Project.Name
	var pages []*figure
	for _, s := range specs {
		newPage := func(i int) *figure {
			f := &figure{Geom: g, Title: title, Header: header, Caption: s.Caption}
			if s.Caption != "" {
				f.Title += ", " + s.Caption
			}
			if i > 0 && f.Caption != "" {
				f.Caption += " (continued)"
			}
			return f
		}
		chunks := [][]*figNode{s.Roots}
		if g.PageH > 0 {
			first := newPage(0)
			if chunks, err = paginate(g, s.Roots, g.PageH-first.top()-g.Margin); err != nil {
				return nil, err
			}
		}
		for i, roots := range chunks {
			f := newPage(i)
			f.layout(roots)
			pages = append(pages, f)
		}
	}
	if len(pages) > 1 {
		for i, f := range pages {
			f.Title += " (page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(pages)) + ")"
		}
	}
	return pages, nil
}

// figHeaders returns the column headings: the figure's own, replaced in
// order by the non-empty ones given.
func figHeaders(given []string) ([3]string, error) {
	h := [3]string{headConcept, headTheme, headDimension}
	if len(given) > len(h) {
		return h, coding.Errorf(coding.EINVALID, "%d column headers given, but the figure has 3 columns (%s)", len(given), strings.Join(h[:], ", "))
	}
	for i, s := range given {
		if s = strings.TrimSpace(s); s != "" {
			h[i] = s
		}
	}
	return h, nil
}

// figLeaf is a code drawn with nothing to its left, with the codes above
// it from the top level down.
type figLeaf struct {
	path []*figNode
	leaf *figNode
}

// figLeaves lists the leaves below roots in drawing order.
func figLeaves(roots []*figNode) []figLeaf {
	var out []figLeaf
	var walk func(n *figNode, path []*figNode)
	walk = func(n *figNode, path []*figNode) {
		if len(n.Kids) == 0 {
			out = append(out, figLeaf{path: path, leaf: n})
			return
		}
		path = append(path[:len(path):len(path)], n)
		for _, k := range n.Kids {
			walk(k, path)
		}
	}
	for _, r := range roots {
		walk(r, nil)
	}
	return out
}

// parentOf is the code right above a leaf, nil at the top level.
func (l figLeaf) parentOf() *figNode {
	if len(l.path) == 0 {
		return nil
	}
	return l.path[len(l.path)-1]
}

// assemble builds the page tree of the leaves: copies of their codes,
// each code once, marked continued when an earlier page drew it.
func assemble(leaves []figLeaf, drawn map[*figNode]bool) []*figNode {
	var roots, copies, origs []*figNode
	for _, l := range leaves {
		chain := append(l.path[:len(l.path):len(l.path)], l.leaf)
		k := 0
		for k < len(origs) && k < len(chain) && origs[k] == chain[k] {
			k++
		}
		copies, origs = copies[:k], origs[:k]
		for _, o := range chain[k:] {
			cp := &figNode{Code: o.Code, Badges: o.Badges, Cont: drawn[o]}
			if len(copies) == 0 {
				roots = append(roots, cp)
			} else {
				p := copies[len(copies)-1]
				p.Kids = append(p.Kids, cp)
			}
			copies, origs = append(copies, cp), append(origs, o)
		}
	}
	return roots
}

// paginate splits the roots' leaves into pages whose drawing is at most
// avail high. A theme's concepts stay together on a page when they fit
// on one; a longer theme is split between concepts, and the codes above
// are drawn again, marked continued, on the next page.
func paginate(g figGeom, roots []*figNode, avail float64) ([][]*figNode, error) {
	leaves := figLeaves(roots)
	// Group the leaves that share a parent.
	var groups [][]figLeaf
	for i, l := range leaves {
		if i > 0 && l.parentOf() != nil && l.parentOf() == leaves[i-1].parentOf() {
			groups[len(groups)-1] = append(groups[len(groups)-1], l)
		} else {
			groups = append(groups, []figLeaf{l})
		}
	}

	drawn := map[*figNode]bool{}
	var pages [][]*figNode
	var cur []figLeaf
	fits := func(more ...figLeaf) bool {
		return g.height(assemble(append(cur[:len(cur):len(cur)], more...), drawn)) <= avail
	}
	flush := func() {
		pages = append(pages, assemble(cur, drawn))
		for _, l := range cur {
			for _, n := range l.path {
				drawn[n] = true
			}
			drawn[l.leaf] = true
		}
		cur = nil
	}
	for _, grp := range groups {
		if fits(grp...) {
			cur = append(cur, grp...)
			continue
		}
		if len(cur) > 0 {
			flush()
			if fits(grp...) {
				cur = append(cur, grp...)
				continue
			}
		}
		// The group is longer than a page: split it between leaves.
		for _, l := range grp {
			if fits(l) {
				cur = append(cur, l)
				continue
			}
			if len(cur) > 0 {
				flush()
				if fits(l) {
					cur = append(cur, l)
					continue
				}
			}
			return nil, coding.Errorf(coding.EINVALID, "the code %q and the codes above it do not fit on one page at %g pt: choose a larger page or landscape", l.leaf.Code.Name, g.Font)
		}
	}
	if len(cur) > 0 || len(pages) == 0 {
		flush()
	}
	return pages, nil
}
