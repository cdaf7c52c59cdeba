package export

import (
	"strings"
	"unicode/utf8"

	"tessera/coding"
)

// table is the format-neutral form of every tabular export; one writer
// per file format turns it into bytes.
type table struct {
	Title string // heading of document formats
	Sheet string // worksheet name (at most 31 characters)
	// Intro holds paragraphs printed between the title and the table in
	// document formats (options in effect, notes on reading the table).
	Intro  []string
	Header []string
	Rows   []tableRow
	// Widths are the relative widths of the columns in page and sheet
	// formats; nil gives equal widths.
	Widths []float64
	// SectionColumn is the header of the leading column CSV adds to carry
	// the section of each row; "" when the table has no sections.
	SectionColumn string
	Landscape     bool
	// Raw keeps text that reads like a formula as it is in CSV and XLSX;
	// see Options.Raw.
	Raw bool
	// Number, Notes and Style come from TableOptions: the table number,
	// the notes below the table, and the page style (StyleAPA, StyleGrid;
	// "" is APA).
	Number string
	Notes  string
	Style  string
	// Once prints the header row only at the top of the table: no
	// repeated header and no "(continued)" on later pages (DOCX, LaTeX).
	Once bool
}

// tableRow is a row of cells, or a section row spanning all columns.
type tableRow struct {
	IsSection    bool
	Sub          bool   // a subsection row, nested in the section above
	Section      string // label printed on a section row
	SectionValue string // value written in the CSV section column
	Cells        []tableCell
	Total        bool // a totals row, printed in bold
	// Rule asks page formats for a horizontal rule above the row.
	Rule rule
}

type rule int

const (
	ruleNone rule = iota
	rulePart      // a rule under the first two columns (a new theme)
	ruleFull      // a rule across the table (a new dimension)
)

// tableCell is one cell. A cell spanning several rows (Span > 1) covers
// the cells below it, which carry the same Text with Covered set: merging
// formats leave them out, CSV repeats them.
type tableCell struct {
	Text    string
	Value   any  // int or float64 written as a number in spreadsheets; nil for text
	Percent bool // Value is a fraction shown as a percentage
	Span    int
	Covered bool
	Bold    bool
}

// spreadsheetText returns s as CSV and XLSX write it: neutralised as a
// formula unless the table is raw.
func (t *table) spreadsheetText(s string) string {
	if t.Raw {
		return s
	}
	return coding.SpreadsheetSafe(s)
}

func textCell(s string) tableCell { return tableCell{Text: s} }

func intCell(n int) tableCell { return tableCell{Text: itoa(n), Value: n} }

// numeric reports, per column, whether its data cells are all numbers
// (such columns align right).
func (t *table) numeric() []bool {
	return t.columnsAll(func(c tableCell) (bool, bool) { return c.Text != "", c.Value != nil })
}

// columnsAll reports, per column, whether every data cell that test
// counts passes it, with at least one counted; test returns whether the
// cell counts and whether it passes.
func (t *table) columnsAll(test func(c tableCell) (counts, ok bool)) []bool {
	out := make([]bool, len(t.Header))
	seen := make([]bool, len(t.Header))
	for i := range out {
		out[i] = true
	}
	for _, r := range t.Rows {
		for i, c := range r.Cells {
			if counts, ok := test(c); i < len(out) && counts {
				seen[i] = true
				out[i] = out[i] && ok
			}
		}
	}
	for i := range out {
		out[i] = out[i] && seen[i]
	}
	return out
}

// fitWidths shares total among the columns by their relative widths,
// giving each column at least room for the longest word of its header or
// of its cells at perRune units per character plus pad (scaled down when
// the table cannot give every column that much).
func (t *table) fitWidths(total, perRune, pad float64) []float64 {
	rel := t.widths()
	longest := make([]int, len(rel))
	note := func(i int, s string) {
		for _, w := range strings.Fields(s) {
			longest[i] = max(longest[i], utf8.RuneCountInString(w))
		}
	}
	for i, h := range t.Header {
		note(i, h)
	}
	for _, r := range t.Rows {
		for i, c := range r.Cells {
			if i < len(longest) && !c.Covered {
				note(i, c.Text)
			}
		}
	}
	mins := make([]float64, len(rel))
	sum := 0.0
	for i, n := range longest {
		mins[i] = float64(n)*perRune + pad
		sum += mins[i]
	}
	if sum > total {
		for i := range mins {
			mins[i] *= total / sum
		}
	}
	// Columns below their minimum get it; the others share what is left
	// in proportion, repeating until no other column falls short.
	out := make([]float64, len(rel))
	fixed := make([]bool, len(rel))
	for {
		left, share := total, 0.0
		for i := range rel {
			if fixed[i] {
				left -= mins[i]
			} else {
				share += rel[i]
			}
		}
		changed := false
		for i := range rel {
			if fixed[i] {
				out[i] = mins[i]
				continue
			}
			out[i] = max(left, 0) * rel[i] / share
			if out[i] < mins[i] {
				fixed[i], changed = true, true
			}
		}
		if !changed {
			return out
		}
	}
}

// widths returns the relative column widths normalised to sum to 1.
func (t *table) widths() []float64 {
	n := len(t.Header)
	out := make([]float64, n)
	sum := 0.0
	for i := range out {
		out[i] = 1
		if i < len(t.Widths) && t.Widths[i] > 0 {
			out[i] = t.Widths[i]
		}
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
