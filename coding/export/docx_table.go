package export

import (
	"io"
	"strconv"
)

// writeTableDOCX writes t as a Word document holding a real table whose
// merged cells use w:vMerge and whose section rows span all columns. In
// the APA style the table number (bold) and the title (italic) stand above
// the table and the intro and notes below it, after "Note."; in the grid
// style the title is the document's heading and the intro precedes the
// table.
func writeTableDOCX(w io.Writer, t *table) error {
	d := newDocx(t.Title, t.Landscape)
	d.tableWithCaption(t)
	return d.writeTo(w)
}

// tableWithCaption appends t with its number, title and notes as its
// style places them.
func (d *docx) tableWithCaption(t *table) {
	if t.Style == StyleGrid {
		if n := t.numberLabel(); n != "" {
			d.paragraph("TableNumber", "", docRun{text: n, bold: true})
		}
		if t.Title != "" {
			d.heading(0, t.Title)
		}
		for _, p := range t.Intro {
			d.para(docRun{text: p})
		}
		d.table(t)
		if t.Notes != "" {
			d.paragraph("TableNote", "", docRun{text: "Note. ", italic: true}, docRun{text: t.Notes})
		}
		d.para()
		return
	}
	if n := t.numberLabel(); n != "" {
		d.paragraph("TableNumber", "", docRun{text: n, bold: true})
	}
	if t.Title != "" {
		d.paragraph("TableTitle", "", docRun{text: t.Title, italic: true})
	}
	d.table(t)
	if note := t.noteText(); note != "" {
		d.paragraph("TableNote", "", docRun{text: "Note. ", italic: true}, docRun{text: note})
	}
	// Word needs a paragraph between a table and the section properties.
	d.para()
}

// Border widths in eighths of a point.
const (
	ruleHeavy = "8" // top and bottom rules of an APA table
	ruleLight = "4" // the rule under the header, group rules, grid lines
)

// table appends t as a w:tbl with a w:tblGrid sized to the page and a
// header row repeated on every page. The APA style draws a rule above
// and below the header and one under the table, thin rules above new
// sections and dimensions and under the first two columns at a new theme;
// the grid style draws every border and shades the header and sections.
func (d *docx) table(t *table) {
	b := &d.body
	apa := t.Style != StyleGrid
	// Widths in twips: a bold 9 pt character takes about 7 pt.
	total := d.textWidth()
	widths := t.fitWidths(float64(total), 7*20, 10*20)
	cols := make([]int, len(widths))
	for i, f := range widths {
		cols[i] = int(f)
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="` + map[bool]string{true: "APATable", false: "GridTable"}[apa] + `"/><w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/><w:tblBorders>`)
	if apa {
		b.WriteString(`<w:top w:val="single" w:sz="` + ruleHeavy + `" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="` + ruleHeavy + `" w:space="0" w:color="000000"/>`)
		for _, side := range []string{"left", "right", "insideH", "insideV"} {
			b.WriteString(`<w:` + side + ` w:val="nil"/>`)
		}
	} else {
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			b.WriteString(`<w:` + side + ` w:val="single" w:sz="` + ruleLight + `" w:space="0" w:color="808080"/>`)
		}
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(c) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)

	// Header row, repeated at the top of each page unless t.Once.
	num := t.numeric()
	headFill, sectionFill, underHead := "E7E6E6", "F4F4F4", ""
	if apa {
		headFill, sectionFill, underHead = "", "", "bottom"
	}
	repeat := `<w:tblHeader/>`
	if t.Once {
		repeat = ""
	}
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/>` + repeat + `</w:trPr>`)
	for i, h := range t.Header {
		d.cell(cellSpec{width: cols[i], span: 1, fill: headFill, jc: alignOf(num[i]), border: underHead}, docRun{text: h, bold: !apa})
	}
	b.WriteString(`</w:tr>`)

	for i, r := range t.Rows {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		ruleAbove := ""
		if apa && i > 0 && (r.IsSection && !r.Sub || r.Rule == ruleFull) {
			ruleAbove = "top"
		}
		if r.IsSection {
			d.cell(cellSpec{width: total, span: len(t.Header), fill: sectionFill, border: ruleAbove, indent: r.Sub}, docRun{text: r.Section, bold: !r.Sub, italic: true})
			b.WriteString(`</w:tr>`)
			continue
		}
		for j, c := range r.Cells {
			spec := cellSpec{width: cols[j], span: 1, jc: alignOf(num[j]), border: ruleAbove}
			switch {
			case c.Covered:
				spec.merge = "continue"
			case c.Span > 1:
				spec.merge = "restart"
			}
			if apa && i > 0 && r.Rule == rulePart && j < 2 {
				spec.border = "top"
			}
			run := docRun{text: c.Text, bold: c.Bold || r.Total}
			if c.Covered {
				run.text = ""
			}
			d.cell(spec, run)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

// cellSpec is the layout of one table cell: its width in twips, the
// number of grid columns it spans, "restart" or "continue" for vertically
// merged cells, a shading colour, the justification, a thin rule on its
// "top" or "bottom" edge, and an indent for subsection labels.
type cellSpec struct {
	width, span int
	merge, fill string
	jc, border  string
	indent      bool
}

// cell writes one w:tc.
func (d *docx) cell(c cellSpec, run docRun) {
	b := &d.body
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(c.width) + `" w:type="dxa"/>`)
	if c.span > 1 {
		b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(c.span) + `"/>`)
	}
	switch c.merge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	if c.border != "" {
		b.WriteString(`<w:tcBorders><w:` + c.border + ` w:val="single" w:sz="` + ruleLight + `" w:space="0" w:color="000000"/></w:tcBorders>`)
	}
	if c.fill != "" {
		b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="` + c.fill + `"/>`)
	}
	b.WriteString(`</w:tcPr>`)
	style := "TableText"
	if c.indent {
		style = "TableSubsection"
	}
	d.paragraph(style, c.jc, run)
	b.WriteString(`</w:tc>`)
}

// alignOf returns the justification of a column's paragraphs.
func alignOf(numeric bool) string {
	if numeric {
		return "right"
	}
	return ""
}
