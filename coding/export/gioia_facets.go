package export

import "tessera/coding"

// facetSpans merges the facet columns of the Gioia table by the level
// their values sit at: over a dimension's rows when every row takes its
// value from the dimension itself, else over a theme's rows when every row
// takes its value from that theme (or from the dimension above it), else
// one cell per row. Blank cells never merge. The result is indexed
// [row][facet]: the span on the first row of a merge (1 for a single
// cell), 0 on the rows it covers.
func facetSpans(ix *index, rows []GioiaRow, facets []*coding.Facet) [][]int {
	out := make([][]int, len(rows))
	for i := range out {
		out[i] = make([]int, len(facets))
		for j := range out[i] {
			out[i][j] = 1
		}
	}
	for j, f := range facets {
		// src[i] is the code above the row's concept whose own value the
		// row shows; "" for a value set on the concept, or no value.
		src := make([]string, len(rows))
		for i := range rows {
			if s := facetSource(ix.tree, ix.tree.ByID[rows[i].code().ID], f.ID); s != nil && s.Level != coding.LevelConcept {
				src[i] = s.ID
			}
		}
		// same reports whether rows i..i+n-1 all show the value of code id.
		same := func(i, n int, id string) bool {
			for k := i; k < i+n; k++ {
				if src[k] == "" || src[k] != id {
					return false
				}
			}
			return true
		}
		merge := func(i, n int) {
			out[i][j] = n
			for k := i + 1; k < i+n; k++ {
				out[k][j] = 0
			}
		}
		for i := 0; i < len(rows); {
			r := &rows[i]
			switch {
			case r.Dimension != nil && r.DimensionSpan > 1 && same(i, r.DimensionSpan, r.Dimension.ID):
				merge(i, r.DimensionSpan)
				i += r.DimensionSpan
			case r.Theme != nil && r.ThemeSpan > 1 && same(i, r.ThemeSpan, src[i]):
				merge(i, r.ThemeSpan)
				i += r.ThemeSpan
			default:
				i++
			}
		}
	}
	return out
}

// facetSource returns the code whose own value of the facet c shows: c
// itself or the nearest code above it that sets one; nil when none does.
func facetSource(tree *coding.CodeTree, c *coding.Code, fid string) *coding.Code {
	for cur := c; cur != nil; cur = tree.ByID[cur.ParentID] {
		if cur.Facets[fid] != "" {
			return cur
		}
	}
	return nil
}
