package export

import (
	"strings"

	"tessera/coding"
)

// Column headers of the Gioia table.
const (
	headConcept   = "1st-order concepts"
	headTheme     = "2nd-order themes"
	headDimension = "Aggregate dimensions"
	headQuote     = "Representative quote"
)

// gioiaTable builds the data-structure table: concept, theme and
// dimension columns, one column per facet, then counts and quote columns
// when asked for. Theme and dimension cells span the rows of their
// concepts within a section.
func gioiaTable(snap *coding.Snapshot, opt Options) (*table, error) {
	spec, err := resolveGioia(snap, opt, true)
	if err != nil {
		return nil, err
	}
	ix := newIndex(snap)
	ix.reorder(opt.Table.Order)
	rows := gioiaRows(ix, spec)
	t := &table{
		Title:     "Data structure: " + snap.Project.Name,
		Sheet:     "Data structure",
		Header:    []string{headConcept, headTheme, headDimension},
		Widths:    []float64{3, 2.2, 2},
		Landscape: true,
	}
	for _, f := range spec.facets {
		t.Header = append(t.Header, f.Name)
		t.Widths = append(t.Widths, 1.5)
	}
	if spec.counts {
		t.Header = append(t.Header, "Quotes", "Documents", "Cases")
		t.Widths = append(t.Widths, 1, 1.3, 0.9)
	}
	if spec.quotes {
		t.Header = append(t.Header, headQuote)
		t.Widths = append(t.Widths, 4.5)
	}
	if spec.sections != nil {
		t.SectionColumn = spec.sections.Name
	}
	spans := facetSpans(ix, rows, spec.facets)

	for i, r := range rows {
		// A section row starts each section, a subsection row each
		// subsection.
		newSection := spec.sections != nil && (i == 0 || rows[i-1].Section != r.Section)
		if newSection {
			t.Rows = append(t.Rows, tableRow{IsSection: true, Section: opt.Table.sectionLabel(spec.sections.Name, r.Section), SectionValue: r.Section})
		}
		if spec.subs != nil && (newSection || rows[i-1].Subsection != r.Subsection) {
			t.Rows = append(t.Rows, tableRow{IsSection: true, Sub: true, Section: opt.Table.sectionLabel(spec.subs.Name, r.Subsection), SectionValue: r.Section})
		}
		row := tableRow{Rule: gioiaRule(rows, i)}
		concept := nameOf(r.Concept)
		if r.Sub != nil {
			concept = strings.Repeat("\u00b7 ", r.SubDepth-1) + "\u21b3 " + r.Sub.Name
		}
		row.Cells = append(row.Cells,
			textCell(concept),
			mergedCell(r.Theme, r.ThemeSpan),
			mergedCell(r.Dimension, r.DimensionSpan))
		for j, fv := range r.Facets {
			cell := textCell(fv.Value)
			cell.Span = spans[i][j]
			cell.Covered = spans[i][j] == 0
			row.Cells = append(row.Cells, cell)
		}
		if r.Counts != nil {
			row.Cells = append(row.Cells, intCell(r.Counts.Quotes), intCell(r.Counts.Documents), intCell(r.Counts.Cases))
		}
		if spec.quotes {
			cite := ""
			if r.Quote != nil {
				cite = r.Quote.Cite()
			}
			row.Cells = append(row.Cells, textCell(cite))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// mergedCell is the theme or dimension cell of a row: the first row of a
// merge carries the span, the rows below are covered.
func mergedCell(c *CodeRef, span int) tableCell {
	cell := tableCell{Text: nameOf(c), Span: span}
	if c != nil && span == 0 {
		cell.Covered = true
	}
	return cell
}

func nameOf(c *CodeRef) string {
	if c == nil {
		return ""
	}
	return c.Name
}

// gioiaRule tells page formats where a new dimension (full rule) or a new
// theme (partial rule) begins.
func gioiaRule(rows []GioiaRow, i int) rule {
	if i == 0 || !sameSection(&rows[i-1], &rows[i]) {
		return ruleNone
	}
	if rows[i].DimensionSpan > 0 || rows[i].Dimension == nil {
		return ruleFull
	}
	if rows[i].ThemeSpan > 0 || rows[i].Theme == nil {
		return rulePart
	}
	return ruleNone
}
