package export

import (
	"slices"
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
	Columns string         `json:"columns"` // "case", "document", "speaker", "informant", "attr:NAME", "iattr:NAME" or "facet:NAME"
	Cell    string         `json:"cell"`
	Filter  string         `json:"filter,omitempty"` // the facet filter, "Facet=value"
	Rows    []CodeRef      `json:"rows"`             // codes of the level, codebook order
	Cols    []MatrixColumn `json:"cols"`
	// Cells is indexed [row][column].
	Cells     [][]MatrixCell `json:"cells"`
	RowTotals []MatrixCell   `json:"row_totals"`
	ColTotals []MatrixCell   `json:"col_totals"`
	Total     MatrixCell     `json:"total"`
	// Attributions says who said each quote of a framework matrix (cells
	// of quotes), by quote ID.
	Attributions map[string]Attribution `json:"attributions,omitempty"`
}

// MatrixColumn is one column: a case, document, speaker, attribute value
// or facet value.
type MatrixColumn struct {
	Key   string `json:"key"`   // case, document or informant ID, speaker name, attribute value; "" for the "none" column
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
	// colFacet is the facet whose values are the columns ("facet:NAME").
	colFacet *coding.Facet
	bins     []float64 // lower bounds of the bins of a numeric attribute
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
	case s.cols == "case" || s.cols == "document" || s.cols == "speaker" || s.cols == "informant" || s.cols == "set":
	case strings.HasPrefix(s.cols, "attr:") && strings.TrimSpace(s.cols[5:]) != "":
	case strings.HasPrefix(s.cols, "iattr:") && strings.TrimSpace(s.cols[6:]) != "":
	case strings.HasPrefix(s.cols, "facet:") && strings.TrimSpace(s.cols[6:]) != "":
		name := strings.TrimSpace(s.cols[6:])
		if s.colFacet = snap.FacetByName(name); s.colFacet == nil {
			return s, coding.Errorf(coding.EINVALID, "matrix columns: the project has no facet %q%s", name, knownFacets(snap))
		}
		s.cols = "facet:" + s.colFacet.Name
	default:
		return s, coding.Errorf(coding.EINVALID, "matrix columns %q are not case, document, speaker, informant, set, attr:NAME, iattr:NAME or facet:NAME", opt.Columns)
	}
	var err error
	if s.bins, err = parseBins(opt.Bins); err != nil {
		return s, err
	}
	if len(s.bins) > 0 && !strings.HasPrefix(s.cols, "attr:") && !strings.HasPrefix(s.cols, "iattr:") {
		return s, coding.Errorf(coding.EINVALID, "bins need columns by a case or informant attribute (attr:NAME, iattr:NAME), not %q", s.cols)
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
// the codes of Options.Level (default theme) in codebook order; columns
// are cases (default), documents, speakers (of the turn where a quote
// starts), informants (see coding.Snapshot.QuoteInformant), the values of
// a case or informant attribute or the values of a facet, plus a "none"
// column when some quotes have no case, speaker, informant or value. A row
// code's quotes include those of the codes below it.
//
// Facet values roll up: a quote counts under a facet value for a row when
// it is coded with the row's code, or a code below it, whose effective
// value (its own, or else inherited from above) is that value. So a theme
// counts for every value its concepts carry, each quote under the value
// of the concept it was coded with. Options.FacetFilter keeps the rows
// that carry the value, themselves or through a code below them, and
// counts only the quotes that carry it; facet columns split a row's quotes the
// same way. A filter that keeps no row is an error that says why.
//
// Totals count distinct quotes (count, quotes), present cells (presence),
// or the share of the union of the quotes' text (share). It returns
// EINVALID for bad options.
func Matrix(snap *coding.Snapshot, opt Options) (*MatrixResult, error) {
	snap, err := InSet(snap, opt.Set)
	if err != nil {
		return nil, err
	}
	spec, err := resolveMatrix(snap, opt)
	if err != nil {
		return nil, err
	}
	ix := newIndex(snap)
	ix.reorder(opt.Table.Order)
	setRows, err := ix.setRows(opt.Rows)
	if err != nil {
		return nil, err
	}
	var rowCodes []*coding.Code
	var rowQuotes [][]*coding.Quote
	for _, c := range ix.order {
		if setRows != nil && !slices.Contains(setRows, c) || setRows == nil && c.Level != spec.level {
			continue
		}
		qs := ix.quotes[c.ID]
		if spec.facet != nil {
			if !ix.carries(c, spec.facet, spec.value) {
				continue
			}
			qs = ix.quotesWithValue(c, qs, spec.facet, spec.value)
		}
		rowCodes = append(rowCodes, c)
		rowQuotes = append(rowQuotes, qs)
	}
	if spec.facet != nil && len(rowCodes) == 0 {
		return nil, ix.emptyFilter(spec)
	}
	if spec.colFacet != nil {
		return ix.attributed(ix.facetMatrix(spec, rowCodes, rowQuotes)), nil
	}
	cols, colsOf, err := ix.matrixColumns(spec.cols, spec.bins)
	if err != nil {
		return nil, err
	}
	m := &MatrixResult{Level: spec.level, Columns: spec.cols, Cell: spec.cell, Filter: spec.filter, Rows: []CodeRef{}, Cols: cols}
	for _, c := range rowCodes {
		m.Rows = append(m.Rows, *refOf(c))
	}

	// Which quotes fall in which column, and how much text each column has coded.
	inCol := make([][]*coding.Quote, len(cols))
	for _, q := range snap.Quotes {
		for _, c := range colsOf(q) {
			inCol[c] = append(inCol[c], q)
		}
	}
	m.fill(spec.cell, len(rowQuotes), byColumn(rowQuotes, inCol), inCol, snap.Quotes)
	return ix.attributed(m), nil
}

// attributed adds to a framework matrix (cells of quotes) who said each
// of its quotes.
func (ix *index) attributed(m *MatrixResult) *MatrixResult {
	if m.Cell != CellQuotes {
		return m
	}
	in := map[string]bool{}
	for _, id := range m.Total.QuoteIDs {
		in[id] = true
	}
	m.Attributions = map[string]Attribution{}
	for _, q := range ix.snap.Quotes {
		if in[q.ID] {
			m.Attributions[q.ID] = ix.attribution(q)
		}
	}
	return m
}
