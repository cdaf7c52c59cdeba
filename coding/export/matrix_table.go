package export

import (
	"math"
	"strconv"
	"strings"

	"tessera/coding"
)

// levelPlural names a level's codes as table headers do.
func levelPlural(l coding.Level) string {
	switch l {
	case coding.LevelConcept:
		return headConcept
	case coding.LevelTheme:
		return headTheme
	}
	return headDimension
}

// matrixTable lays the matrix out with a totals column and a totals row.
// Cells print as numbers (count), ✓ (presence; 1 or 0 in CSV and XLSX),
// percentages (share; fractions in CSV and XLSX) or the quotes' text
// with who said them, separated by blank lines (quotes, whose totals are
// quote counts).
func matrixTable(snap *coding.Snapshot, opt Options) (*table, error) {
	m, err := Matrix(snap, opt)
	if err != nil {
		return nil, err
	}
	texts := map[string]string{}
	if m.Cell == CellQuotes {
		texts = citedQuotes(snap, m.Attributions)
	}
	colName := m.Columns
	for _, prefix := range []string{"attr:", "iattr:", "facet:"} {
		colName = strings.TrimPrefix(colName, prefix)
	}
	t := &table{
		Title:     levelPlural(m.Level) + " by " + colName + ": " + snap.Project.Name,
		Sheet:     "Matrix",
		Header:    []string{levelPlural(m.Level)},
		Widths:    []float64{3},
		Landscape: len(m.Cols) > 6 || m.Cell == CellQuotes,
		Intro:     []string{matrixIntro(m)},
	}
	for _, c := range m.Cols {
		t.Header = append(t.Header, c.Label)
		if m.Cell == CellQuotes {
			t.Widths = append(t.Widths, 4)
		} else {
			t.Widths = append(t.Widths, 1)
		}
	}
	t.Header = append(t.Header, "Total")
	t.Widths = append(t.Widths, 1)
	for r, code := range m.Rows {
		cells := []tableCell{textCell(code.Name)}
		for _, c := range m.Cells[r] {
			cells = append(cells, matrixCell(m.Cell, c, texts))
		}
		cells = append(cells, matrixCell(totalKind(m.Cell), m.RowTotals[r], texts))
		t.Rows = append(t.Rows, tableRow{Cells: cells})
	}
	total := tableRow{Total: true, Cells: []tableCell{textCell("Total")}}
	for _, c := range m.ColTotals {
		total.Cells = append(total.Cells, matrixCell(totalKind(m.Cell), c, texts))
	}
	total.Cells = append(total.Cells, matrixCell(totalKind(m.Cell), m.Total, texts))
	t.Rows = append(t.Rows, total)
	return t, nil
}

// totalKind is how totals print: quote cells total to counts, presence
// totals are counts of present cells.
func totalKind(kind string) string {
	if kind == CellQuotes || kind == CellPresence {
		return CellCount
	}
	return kind
}

func matrixCell(kind string, c MatrixCell, texts map[string]string) tableCell {
	switch kind {
	case CellPresence:
		if c.Value > 0 {
			return tableCell{Text: "✓", Value: 1}
		}
		return tableCell{Text: "", Value: 0}
	case CellShare:
		return tableCell{Text: percent(c.Value), Value: math.Round(c.Value*1e4) / 1e4, Percent: true}
	case CellQuotes:
		parts := make([]string, len(c.QuoteIDs))
		for i, id := range c.QuoteIDs {
			parts[i] = texts[id]
		}
		return textCell(strings.Join(parts, "\n\n"))
	}
	return intCell(int(c.Value))
}

// citedQuotes returns each quote as a framework matrix cell cites it: its
// print excerpt (else its text) in quotation marks, followed by who said
// it ("I-03, CEO, Birch AB") when that is known.
func citedQuotes(snap *coding.Snapshot, by map[string]Attribution) map[string]string {
	out := make(map[string]string, len(by))
	for _, q := range snap.Quotes {
		a, ok := by[q.ID]
		if !ok {
			continue
		}
		text := q.Text
		if q.Excerpt != "" {
			text = q.Excerpt
		}
		s := "“" + collapseSpace(text) + "”"
		if src := a.Source(); src != "" {
			s += " (" + src + ")"
		}
		out[q.ID] = s
	}
	return out
}

// matrixIntro says what the rows, columns and cells hold.
func matrixIntro(m *MatrixResult) string {
	s := "Rows: " + strings.ToLower(levelPlural(m.Level))
	if m.Filter != "" {
		s += " where " + strings.Replace(m.Filter, "=", " is ", 1)
	}
	s += ". Columns: " + m.Columns + " (" + strconv.Itoa(len(m.Cols)) + "). Cells: "
	switch m.Cell {
	case CellPresence:
		s += "presence of quotes; totals count the cells present."
	case CellShare:
		s += "share of the column's coded text coded with the row's code."
	case CellQuotes:
		s += "the quotes; totals count distinct quotes."
	default:
		s += "number of quotes; totals count distinct quotes."
	}
	return s
}
