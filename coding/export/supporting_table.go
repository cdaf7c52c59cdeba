package export

import "tessera/coding"

// supportingTable builds the supporting-data table for print (Word,
// LaTeX, web page, Markdown): dimension, theme (and concept) cells
// spanning their quotes, the facet columns, then one row per quote, each
// followed by its attribution.
func supportingTable(snap *coding.Snapshot, opt Options) (*table, error) {
	return buildSupporting(snap, opt, false)
}

// supportingSheet is the supporting-data table for CSV and XLSX: the
// print table with the kind of choice and the quote ID added, so the
// sheet can be sorted and traced back.
func supportingSheet(snap *coding.Snapshot, opt Options) (*table, error) {
	return buildSupporting(snap, opt, true)
}

func buildSupporting(snap *coding.Snapshot, opt Options, sheet bool) (*table, error) {
	spec, err := resolveSupporting(snap, opt, true)
	if err != nil {
		return nil, err
	}
	ix := newIndex(snap)
	ix.reorder(opt.Table.Order)
	rows := supportingRows(ix, spec)
	t := &table{
		Title:     "Representative supporting data: " + snap.Project.Name,
		Sheet:     "Supporting data",
		Header:    []string{headDimension, headTheme},
		Widths:    []float64{1.8, 2},
		Landscape: true,
	}
	if spec.concepts {
		t.Header = append(t.Header, headConcept)
		t.Widths = append(t.Widths, 2.2)
	}
	for _, f := range spec.facets {
		t.Header = append(t.Header, f.Name)
		t.Widths = append(t.Widths, 1.3)
	}
	t.Header = append(t.Header, headQuoteText, headInformant, headRole, headCase)
	t.Widths = append(t.Widths, 5.5, 1.1, 1.1, 1.3)
	if sheet {
		t.Header = append(t.Header, "Choice", "Quote ID")
		t.Widths = append(t.Widths, 0.8, 1.2)
	}
	if spec.sections != nil {
		t.SectionColumn = spec.sections.Name
	}

	// Each row prints one line per quote (one line when it has none), so
	// spans count lines.
	lines := make([]int, len(rows))
	gioia := make([]GioiaRow, len(rows))
	for i, r := range rows {
		lines[i] = max(1, len(r.quotes))
		gioia[i] = r.GioiaRow
	}
	span := func(i, n int) int {
		sum := 0
		for k := i; k < i+n && k < len(lines); k++ {
			sum += lines[k]
		}
		return sum
	}
	facetSpan := facetSpans(ix, gioia, spec.facets)
	for i, r := range rows {
		newSection := spec.sections != nil && (i == 0 || rows[i-1].Section != r.Section)
		if newSection {
			t.Rows = append(t.Rows, tableRow{IsSection: true, Section: opt.Table.sectionLabel(spec.sections.Name, r.Section), SectionValue: r.Section})
		}
		if spec.subs != nil && (newSection || rows[i-1].Subsection != r.Subsection) {
			t.Rows = append(t.Rows, tableRow{IsSection: true, Sub: true, Section: opt.Table.sectionLabel(spec.subs.Name, r.Subsection), SectionValue: r.Section})
		}
		for k := range lines[i] {
			first := k == 0
			row := tableRow{}
			if first && i > 0 && sameSection(&rows[i-1].GioiaRow, &r.GioiaRow) && (r.DimensionSpan > 0 || r.Dimension == nil) {
				row.Rule = ruleFull
			}
			row.Cells = append(row.Cells,
				mergedCell(r.Dimension, lineSpan(first, r.DimensionSpan, func() int { return span(i, r.DimensionSpan) })),
				mergedCell(r.Theme, lineSpan(first, r.ThemeSpan, func() int { return span(i, r.ThemeSpan) })))
			if spec.concepts {
				row.Cells = append(row.Cells, mergedCell(r.Concept, lineSpan(first, 1, func() int { return lines[i] })))
			}
			for j, fv := range r.Facets {
				cell := textCell(fv.Value)
				cell.Span = lineSpan(first, facetSpan[i][j], func() int { return span(i, facetSpan[i][j]) })
				cell.Covered = cell.Span == 0
				row.Cells = append(row.Cells, cell)
			}
			var q RepresentativeQuote
			if k < len(r.quotes) {
				q = *r.quotes[k]
			}
			text := ""
			if q.QuoteID != "" {
				text = "“" + q.Text + "”"
			}
			row.Cells = append(row.Cells, textCell(text), textCell(q.Informant), textCell(q.Role), textCell(caseOrDocument(q.Attribution)))
			if sheet {
				row.Cells = append(row.Cells, textCell(q.Kind), textCell(q.QuoteID))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t, nil
}

// lineSpan is the span of a merged cell on a line: on the first line of
// a row that starts the merge (rowSpan > 0) the lines it covers, else 0.
func lineSpan(first bool, rowSpan int, lines func() int) int {
	if !first || rowSpan == 0 {
		return 0
	}
	return lines()
}

// caseOrDocument names the source of a quote: its case, else its
// document.
func caseOrDocument(a Attribution) string {
	if a.Case != "" {
		return a.Case
	}
	return a.Document
}
