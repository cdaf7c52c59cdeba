package export

import (
	"slices"

	"tessera/coding"
)

// fill computes the cells and totals of nRows rows: cell gives the quotes
// of a cell, cols each column's quotes (the base of shares).
func (m *MatrixResult) fill(kind string, nRows int, cell func(r, c int) []*coding.Quote, cols [][]*coding.Quote, all []*coding.Quote) {
	rank := map[string]int{}
	for i, q := range all {
		rank[q.ID] = i
	}
	m.Cells = make([][]MatrixCell, nRows)
	m.RowTotals = make([]MatrixCell, nRows)
	colQuotes := make([][]*coding.Quote, len(cols))
	present := make([]int, len(cols)) // presence: rows present per column
	for r := range nRows {
		m.Cells[r] = make([]MatrixCell, len(cols))
		var inAny []*coding.Quote
		n := 0
		for c := range cols {
			qs := cell(r, c)
			m.Cells[r][c] = cellOf(kind, qs, cols[c])
			colQuotes[c] = append(colQuotes[c], qs...)
			inAny = append(inAny, qs...)
			if len(qs) > 0 {
				n++
				present[c]++
			}
		}
		m.RowTotals[r] = cellOf(kind, distinct(inAny, rank), all)
		if kind == CellPresence {
			m.RowTotals[r].Value = float64(n)
		}
	}
	m.ColTotals = make([]MatrixCell, len(cols))
	var every []*coding.Quote
	cells := 0
	for c := range cols {
		qs := distinct(colQuotes[c], rank)
		m.ColTotals[c] = cellOf(kind, qs, cols[c])
		if kind == CellPresence {
			m.ColTotals[c].Value = float64(present[c])
			cells += present[c]
		}
		every = append(every, qs...)
	}
	m.Total = cellOf(kind, distinct(every, rank), all)
	if kind == CellPresence {
		m.Total.Value = float64(cells)
	}
}

// cellOf computes one cell from its quotes; base are all the quotes of
// the column, whose text is the denominator of a share.
func cellOf(kind string, qs, base []*coding.Quote) MatrixCell {
	c := MatrixCell{QuoteIDs: make([]string, len(qs))}
	for i, q := range qs {
		c.QuoteIDs[i] = q.ID
	}
	switch kind {
	case CellPresence:
		if len(qs) > 0 {
			c.Value = 1
		}
	case CellShare:
		if d := coverage(base); d > 0 {
			c.Value = float64(coverage(qs)) / float64(d)
		}
	default:
		c.Value = float64(len(qs))
	}
	return c
}

// distinct removes repeated quotes and sorts them into project order.
func distinct(qs []*coding.Quote, rank map[string]int) []*coding.Quote {
	seen := map[string]bool{}
	var out []*coding.Quote
	for _, q := range qs {
		if !seen[q.ID] {
			seen[q.ID] = true
			out = append(out, q)
		}
	}
	slices.SortFunc(out, func(a, b *coding.Quote) int { return rank[a.ID] - rank[b.ID] })
	return out
}

// coverage returns the number of code points the quotes cover, counting
// overlapping text once.
func coverage(qs []*coding.Quote) int {
	byDoc := map[string][][2]int{}
	for _, q := range qs {
		byDoc[q.DocumentID] = append(byDoc[q.DocumentID], [2]int{q.Start, q.End})
	}
	total := 0
	for _, spans := range byDoc {
		slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
		end := -1
		for _, s := range spans {
			switch {
			case s[0] >= end:
				total += s[1] - s[0]
				end = s[1]
			case s[1] > end:
				total += s[1] - end
				end = s[1]
			}
		}
	}
	return total
}

// byColumn returns a cell function for fill where a column holds the same
// quotes for every row: the row's quotes that are in the column.
func byColumn(rows, cols [][]*coding.Quote) func(r, c int) []*coding.Quote {
	inCol := make([]map[string]bool, len(cols))
	for c, qs := range cols {
		inCol[c] = map[string]bool{}
		for _, q := range qs {
			inCol[c][q.ID] = true
		}
	}
	return func(r, c int) []*coding.Quote {
		var qs []*coding.Quote
		for _, q := range rows[r] {
			if inCol[c][q.ID] {
				qs = append(qs, q)
			}
		}
		return qs
	}
}
