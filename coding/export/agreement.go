package export

import (
	"io"
	"math"

	"tessera/coding"
	"tessera/coding/agreement"
)

// WriteAgreement writes the agreement table p in a page format, "docx"
// or "tex", shaped by the table options: a section per level, a row per
// code, the pooled rows in bold. It returns EINVALID for another format
// or bad options.
func WriteAgreement(w io.Writer, format string, p agreement.PageTable, opt TableOptions) error {
	t := &table{Title: p.Title, Sheet: "Agreement", Header: append([]string(nil), p.Header...), Landscape: len(p.Header) > 9}
	if p.Intro != "" {
		t.Intro = []string{p.Intro}
	}
	t.Widths = []float64{3}
	for range p.Header[1:] {
		t.Widths = append(t.Widths, 1)
	}
	for _, s := range p.Sections {
		t.Rows = append(t.Rows, tableRow{IsSection: true, Section: s.Title, SectionValue: s.Title})
		for _, r := range s.Rows {
			row := tableRow{Total: r.Pooled}
			for i, c := range r.Cells {
				cell := tableCell{Text: c.Text, Value: c.Value}
				if i > 0 && c.Text == "n/a" {
					cell.Value = math.NaN() // an undefined figure in a number column
				}
				row.Cells = append(row.Cells, cell)
			}
			t.Rows = append(t.Rows, row)
		}
	}
	if err := opt.apply(t); err != nil {
		return err
	}
	switch format {
	case "docx":
		return writeTableDOCX(w, t)
	case "tex":
		return writeTableTeX(w, t)
	}
	return coding.Errorf(coding.EINVALID, "agreement format %q is not docx or tex", format)
}
