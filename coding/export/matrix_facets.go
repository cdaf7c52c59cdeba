package export

import (
	"strings"

	"tessera/coding"
)

// rowValues returns the effective values of facet f that quote q carries
// for row code row: one per code of q at or below row, "" for such a code
// without a value; each value once, in the order of q's codes.
func (ix *index) rowValues(row *coding.Code, q *coding.Quote, f *coding.Facet) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range ix.codesOf(q) {
		if !ix.under(c, row) {
			continue
		}
		v, _ := ix.tree.EffectiveFacet(c, f.ID)
		if k := strings.ToLower(v); !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// under reports whether c is code top or a code below it.
func (ix *index) under(c, top *coding.Code) bool {
	for cur := c; cur != nil; cur = ix.tree.ByID[cur.ParentID] {
		if cur.ID == top.ID {
			return true
		}
	}
	return false
}

// quotesWithValue keeps the quotes of qs that carry value v of facet f
// for row code row (see rowValues).
func (ix *index) quotesWithValue(row *coding.Code, qs []*coding.Quote, f *coding.Facet, v string) []*coding.Quote {
	var out []*coding.Quote
	for _, q := range qs {
		for _, got := range ix.rowValues(row, q, f) {
			if strings.EqualFold(got, v) {
				out = append(out, q)
				break
			}
		}
	}
	return out
}

// facetMatrix lays out the rows' quotes by the values of the column
// facet: one column per value of the facet in order, then values the
// facet no longer lists, then a "not set" column when some quote of a row
// comes from a code without a value. Every column's base (for shares) is
// every quote that carries its value for some row.
func (ix *index) facetMatrix(spec matrixSpec, rowCodes []*coding.Code, rowQuotes [][]*coding.Quote) *MatrixResult {
	f := spec.colFacet
	m := &MatrixResult{Level: spec.level, Columns: spec.cols, Cell: spec.cell, Filter: spec.filter, Rows: []CodeRef{}}
	pos := map[string]int{}
	add := func(key, label string) {
		if _, ok := pos[strings.ToLower(key)]; !ok {
			pos[strings.ToLower(key)] = len(m.Cols)
			m.Cols = append(m.Cols, MatrixColumn{Key: key, Label: label})
		}
	}
	for _, v := range f.Values {
		add(v, v)
	}
	// Each row's quotes by column, gathered before the "not set" column
	// is known to be needed.
	split := make([]map[string][]*coding.Quote, len(rowCodes))
	for r, c := range rowCodes {
		m.Rows = append(m.Rows, *refOf(c))
		split[r] = map[string][]*coding.Quote{}
		for _, q := range rowQuotes[r] {
			for _, v := range ix.rowValues(c, q, f) {
				split[r][strings.ToLower(v)] = append(split[r][strings.ToLower(v)], q)
				if v != "" {
					add(v, v)
				}
			}
		}
	}
	for r := range split {
		if len(split[r][""]) > 0 {
			add("", f.Name+" not set")
			break
		}
	}
	// A row's cell holds its quotes of the column's value; fill's column
	// membership is per quote, so each row is filled on its own and the
	// totals gathered from all of them.
	inCol := make([][]*coding.Quote, len(m.Cols))
	rank := map[string]int{}
	for i, q := range ix.snap.Quotes {
		rank[q.ID] = i
	}
	for r := range split {
		for key, qs := range split[r] {
			inCol[pos[key]] = append(inCol[pos[key]], qs...)
		}
	}
	for i := range inCol {
		inCol[i] = distinct(inCol[i], rank)
	}
	m.fill(spec.cell, len(split), func(r, c int) []*coding.Quote {
		return split[r][strings.ToLower(m.Cols[c].Key)]
	}, inCol, ix.snap.Quotes)
	return m
}

// carries reports whether row code row, or a code below it, has value v
// of facet f (its own or inherited).
func (ix *index) carries(row *coding.Code, f *coding.Facet, v string) bool {
	if got, _ := ix.tree.EffectiveFacet(row, f.ID); strings.EqualFold(got, v) {
		return true
	}
	for _, c := range ix.tree.Children[row.ID] {
		if ix.carries(c, f, v) {
			return true
		}
	}
	return false
}

// emptyFilter explains why a facet filter kept no row of the matrix.
func (ix *index) emptyFilter(spec matrixSpec) error {
	var on []string
	for _, c := range ix.order {
		if strings.EqualFold(c.Facets[spec.facet.ID], spec.value) {
			on = append(on, c.Name+" ("+string(c.Level)+")")
		}
	}
	level := coding.LevelLabel(spec.level)
	if len(on) == 0 {
		return coding.Errorf(coding.EINVALID, "no %s matches %s = %s: no code has that value, on itself or through a code above it", level, spec.facet.Name, spec.value)
	}
	return coding.Errorf(coding.EINVALID, "no %s matches %s = %s: the value is set only on %s, which is neither a %s nor below one",
		level, spec.facet.Name, spec.value, strings.Join(on, ", "), level)
}
