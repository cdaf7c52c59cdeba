package export

import (
	"strings"

	"tessera/coding"
)

// Matrix cell kinds.
const (
	CellCount    = "count"
	CellPresence = "presence"
	CellShare    = "share"
	CellQuotes   = "quotes"
)

// MatrixResult is a code x column matrix for cross-case comparison.
type MatrixResult struct {
	Level   coding.Level   `json:"level"`
	Columns string         `json:"columns"` // "case", "document", "speaker" or "attr:NAME"
	Cell    string         `json:"cell"`
	Filter  string         `json:"filter,omitempty"` // the facet filter, "Facet=value"
	Rows    []CodeRef      `json:"rows"`             // codes of the level, codebook order
	Cols    []MatrixColumn `json:"cols"`
	// Cells is indexed [row][column].
	Cells     [][]MatrixCell `json:"cells"`
	RowTotals []MatrixCell   `json:"row_totals"`
	ColTotals []MatrixCell   `json:"col_totals"`
	Total     MatrixCell     `json:"total"`
}

// MatrixColumn is one column: a case, document, speaker or attribute value.
type MatrixColumn struct {
	Key   string `json:"key"`   // case or document ID, speaker name, attribute value; "" for the "none" column
	Label string `json:"label"` // what the table prints
}

// MatrixCell is one cell. Value depends on the cell kind: the number of
// quotes (count, quotes), 1 or 0 (presence), or a fraction of coded text
// (share). QuoteIDs lists the quotes behind the cell, in project order.
type MatrixCell struct {
	Value    float64  `json:"value"`
	QuoteIDs []string `json:"quote_ids"`
}

// matrixSpec is the resolved form of the matrix options.
type matrixSpec struct {
	level  coding.Level
	cols   string
	cell   string
	facet  *coding.Facet
	value  string
	filter string
}

func resolveMatrix(snap *coding.Snapshot, opt Options) (matrixSpec, error) {
	s := matrixSpec{level: opt.Level, cols: opt.Columns, cell: opt.Cell}
	if s.level == "" {
		s.level = coding.LevelTheme
	}
	if s.cols == "" {
		s.cols = "case"
	}
	if s.cell == "" {
		s.cell = CellCount
	}
	if !s.level.Valid() {
		return s, coding.Errorf(coding.EINVALID, "matrix level %q is not concept, theme or dimension", opt.Level)
	}
	switch s.cell {
	case CellCount, CellPresence, CellShare, CellQuotes:
	default:
		return s, coding.Errorf(coding.EINVALID, "matrix cell %q is not count, presence, share or quotes", opt.Cell)
	}
	switch {
	case s.cols == "case" || s.cols == "document" || s.cols == "speaker":
	case strings.HasPrefix(s.cols, "attr:") && strings.TrimSpace(s.cols[5:]) != "":
	default:
		return s, coding.Errorf(coding.EINVALID, "matrix columns %q are not case, document, speaker or attr:NAME", opt.Columns)
	}
	if opt.FacetFilter != "" {
		name, value, ok := strings.Cut(opt.FacetFilter, "=")
		if !ok {
			return s, coding.Errorf(coding.EINVALID, "facet filter %q is not of the form Facet=value", opt.FacetFilter)
		}
		if s.facet = snap.FacetByName(strings.TrimSpace(name)); s.facet == nil {
			return s, coding.Errorf(coding.EINVALID, "facet filter: the project has no facet %q%s", strings.TrimSpace(name), knownFacets(snap))
		}
		if s.value, ok = s.facet.HasValue(value); !ok {
			return s, coding.Errorf(coding.EINVALID, "facet filter: %q is not a value of %s (values: %s)", strings.TrimSpace(value), s.facet.Name, strings.Join(s.facet.Values, ", "))
		}
		s.filter = s.facet.Name + "=" + s.value
	}
	return s, nil
}

// Matrix computes the code x column matrix the options describe: rows are
// the codes of Options.Level (default theme) in codebook order, kept when
// their effective value of the Options.FacetFilter facet matches; columns
// are cases (default), documents, speakers (of the turn where a quote
// starts) or the values of a case attribute, plus a "none" column when
// some quotes have no case, speaker or value. A row code's quotes include
// those of the codes below it. Totals count distinct quotes (count,
// quotes), present cells (presence), or the share of the union of the
// quotes' text (share). It returns EINVALID for bad options.
func Matrix(snap *coding.Snapshot, opt Options) (*MatrixResult, error) {
	spec, err := resolveMatrix(snap, opt)
	if err != nil {
		return nil, err
	}
	ix := newIndex(snap)
	cols, colsOf, err := ix.matrixColumns(spec.cols)
	if err != nil {
		return nil, err
	}
	m := &MatrixResult{Level: spec.level, Columns: spec.cols, Cell: spec.cell, Filter: spec.filter, Rows: []CodeRef{}, Cols: cols}

	// Which quotes fall in which column, and how much text each column has coded.
	inCol := make([][]*coding.Quote, len(cols))
	for _, q := range snap.Quotes {
		for _, c := range colsOf(q) {
			inCol[c] = append(inCol[c], q)
		}
	}
	var rowQuotes [][]*coding.Quote
	for _, c := range ix.order {
		if c.Level != spec.level {
			continue
		}
		if spec.facet != nil {
			if v, _ := ix.tree.EffectiveFacet(c, spec.facet.ID); !strings.EqualFold(v, spec.value) {
				continue
			}
		}
		m.Rows = append(m.Rows, *refOf(c))
		rowQuotes = append(rowQuotes, ix.quotes[c.ID])
	}
	m.fill(spec.cell, rowQuotes, inCol, snap.Quotes)
	return m, nil
}
