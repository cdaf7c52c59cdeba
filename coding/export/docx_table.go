package export

import (
	"io"
	"strconv"
)

// writeTableDOCX writes t as a Word document: the title, the intro
// paragraphs and a real table whose merged cells use w:vMerge and whose
// section rows span all columns.
func writeTableDOCX(w io.Writer, t *table) error {
	d := newDocx(t.Title, t.Landscape)
	if t.Title != "" {
		d.heading(0, t.Title)
	}
	for _, p := range t.Intro {
		d.para(docRun{text: p})
	}
	d.table(t)
	return d.writeTo(w)
}

// table appends t as a w:tbl with a w:tblGrid sized to the page, a header
// row repeated on every page, and borders on every cell.
func (d *docx) table(t *table) {
	b := &d.body
	// Widths in twips: a bold 9 pt character takes about 7 pt.
	total := d.textWidth()
	widths := t.fitWidths(float64(total), 7*20, 10*20)
	cols := make([]int, len(widths))
	for i, f := range widths {
		cols[i] = int(f)
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="808080"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(c) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)

	// Header row, repeated at the top of each page.
	num := t.numeric()
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	for i, h := range t.Header {
		d.cell(cols[i], 1, "", "E7E6E6", alignOf(num[i]), docRun{text: h, bold: true})
	}
	b.WriteString(`</w:tr>`)

	for _, r := range t.Rows {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		if r.IsSection {
			d.cell(total, len(t.Header), "", "F4F4F4", "", docRun{text: r.Section, bold: true, italic: true})
			b.WriteString(`</w:tr>`)
			continue
		}
		for i, c := range r.Cells {
			merge := ""
			switch {
			case c.Covered:
				merge = "continue"
			case c.Span > 1:
				merge = "restart"
			}
			jc := alignOf(num[i])
			run := docRun{text: c.Text, bold: c.Bold || r.Total}
			if c.Covered {
				run.text = ""
			}
			d.cell(cols[i], 1, merge, "", jc, run)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	// Word needs a paragraph between a table and the section properties.
	d.para()
}

// cell writes one w:tc. merge is "restart" or "continue" for vertically
// merged cells, span the number of grid columns, fill a shading colour.
func (d *docx) cell(width, span int, merge, fill, jc string, run docRun) {
	b := &d.body
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/>`)
	if span > 1 {
		b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
	}
	switch merge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	if fill != "" {
		b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="` + fill + `"/>`)
	}
	b.WriteString(`</w:tcPr>`)
	d.paragraph("TableText", jc, run)
	b.WriteString(`</w:tc>`)
}

// alignOf returns the justification of a column's paragraphs.
func alignOf(numeric bool) string {
	if numeric {
		return "right"
	}
	return ""
}
