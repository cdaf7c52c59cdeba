package export

import (
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tessera/coding"
)

// fixedDate stamps the properties of office files so that one snapshot
// always gives the same bytes.
const fixedDate = "2000-01-01T00:00:00Z"

// xlsxStyle is the look of a cell; xlsxBook turns each into a style ID once.
type xlsxStyle struct {
	header, section, bold, right, pct bool
	// grid draws every border and fills the header and sections; else
	// top and bottom give the rules of an APA table (1 thin, 2 medium).
	grid        bool
	top, bottom int
}

type xlsxBook struct {
	f      *excelize.File
	styles map[xlsxStyle]int
	// text turns text cells into what the workbook holds (see
	// table.spreadsheetText).
	text func(string) string
}

func newXLSXBook(title string) (*xlsxBook, error) {
	f := excelize.NewFile()
	err := f.SetDocProps(&excelize.DocProperties{
		Creator: "Tessera", LastModifiedBy: "Tessera", Title: title,
		Created: fixedDate, Modified: fixedDate,
	})
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxBook{f: f, styles: map[xlsxStyle]int{}, text: coding.SpreadsheetSafe}, nil
}

func (b *xlsxBook) style(s xlsxStyle) (int, error) {
	if id, ok := b.styles[s]; ok {
		return id, nil
	}
	st := &excelize.Style{
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Font:      &excelize.Font{Bold: s.bold || s.header || s.section, Italic: s.section},
	}
	if s.right {
		st.Alignment.Horizontal = "right"
	}
	if s.grid && (s.header || s.section) {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	}
	if s.grid {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "808080", Style: 1})
		}
	}
	if s.top > 0 {
		st.Border = append(st.Border, excelize.Border{Type: "top", Color: "000000", Style: s.top})
	}
	if s.bottom > 0 {
		st.Border = append(st.Border, excelize.Border{Type: "bottom", Color: "000000", Style: s.bottom})
	}
	if s.pct {
		code := "0.0%"
		st.CustomNumFmt = &code
	}
	id, err := b.f.NewStyle(st)
	b.styles[s] = id
	return id, err
}

// set writes one cell with its value and style.
func (b *xlsxBook) set(sheet string, col, row int, v any, s xlsxStyle) error {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if s, ok := v.(string); ok {
		v = b.text(s)
	}
	if v != nil {
		if err := b.f.SetCellValue(sheet, name, v); err != nil {
			return err
		}
	}
	id, err := b.style(s)
	if err != nil {
		return err
	}
	return b.f.SetCellStyle(sheet, name, name, id)
}

// merge merges the cells from (c1, r1) to (c2, r2).
func (b *xlsxBook) merge(sheet string, c1, r1, c2, r2 int) error {
	from, _ := excelize.CoordinatesToCellName(c1, r1)
	to, _ := excelize.CoordinatesToCellName(c2, r2)
	return b.f.MergeCell(sheet, from, to)
}

// writeTableXLSX writes t as a one-sheet workbook: a bold header row that
// stays in view, wrapped text, merged cells for spans and section rows,
// numbers as numbers. Borders follow the table's style: the rules of an
// APA table (medium above and thin below the header, thin above new
// sections, dimensions and themes, medium under the last row) or a grid
// with a shaded header.
func writeTableXLSX(w io.Writer, t *table) error {
	b, err := newXLSXBook(t.Title)
	if err != nil {
		return err
	}
	defer b.f.Close()
	b.text = t.spreadsheetText
	if err := b.addTable(t); err != nil {
		return err
	}
	return b.f.Write(w)
}

// addTable fills the workbook's first sheet with t.
func (b *xlsxBook) addTable(t *table) error {
	sheet := t.Sheet
	if err := b.f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	total := 120.0
	if t.Landscape {
		total = 180
	}
	widths := t.fitWidths(total, 1.1, 2)
	for i, wd := range widths {
		widths[i] = math.Round(min(max(wd, 6), 80)*10) / 10
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, col, col, widths[i]); err != nil {
			return err
		}
	}
	num := t.numeric()
	grid := t.Style == StyleGrid
	for i, h := range t.Header {
		s := xlsxStyle{header: true, right: num[i], grid: grid}
		if !grid {
			s.top, s.bottom = 2, 1
		}
		if err := b.set(sheet, i+1, 1, h, s); err != nil {
			return err
		}
	}
	// rules returns the APA rules of a cell of row ri, column ci.
	rules := func(ri, ci int) (top, bottom int) {
		if grid {
			return 0, 0
		}
		r := t.Rows[ri]
		if ri > 0 && (r.IsSection && !r.Sub || r.Rule == ruleFull || r.Rule == rulePart && ci < 2) {
			top = 1
		}
		if ri == len(t.Rows)-1 {
			bottom = 2
		}
		return top, bottom
	}
	if err := b.fitRow(sheet, 1, t.Header, widths); err != nil {
		return err
	}
	for ri, r := range t.Rows {
		row := ri + 2
		if r.IsSection {
			for ci := range t.Header {
				s := xlsxStyle{section: true, grid: grid}
				s.top, s.bottom = rules(ri, ci)
				var v any
				if ci == 0 {
					v = r.Section
				}
				if err := b.set(sheet, ci+1, row, v, s); err != nil {
					return err
				}
			}
			if err := b.merge(sheet, 1, row, len(t.Header), row); err != nil {
				return err
			}
			continue
		}
		for ci, c := range r.Cells {
			s := xlsxStyle{bold: c.Bold || r.Total, right: num[ci], pct: c.Percent, grid: grid}
			s.top, s.bottom = rules(ri, ci)
			var v any = c.Text
			switch {
			case c.Covered:
				v = nil
			case c.Value != nil:
				v = c.Value
			case c.Text == "":
				v = nil
			}
			if err := b.set(sheet, ci+1, row, v, s); err != nil {
				return err
			}
			if c.Span > 1 {
				if err := b.merge(sheet, ci+1, row, ci+1, row+c.Span-1); err != nil {
					return err
				}
			}
		}
		// Merged cells share their rows' height; size rows by the others.
		texts := make([]string, len(r.Cells))
		for ci, c := range r.Cells {
			if !c.Covered && c.Span <= 1 {
				texts[ci] = c.Text
			}
		}
		if err := b.fitRow(sheet, row, texts, widths); err != nil {
			return err
		}
	}
	return b.pageSetup(sheet, t.Landscape)
}

// fitRow sets a row's height to the lines its wrapped texts need. Not
// every program sizes rows of wrapped text when it opens a file.
func (b *xlsxBook) fitRow(sheet string, row int, texts []string, widths []float64) error {
	lines := 1
	for i, s := range texts {
		if i < len(widths) && s != "" {
			lines = max(lines, wrappedLines(s, int(widths[i])-1))
		}
	}
	if lines == 1 {
		return nil
	}
	return b.f.SetRowHeight(sheet, row, min(float64(lines)*15+2, 409))
}

// wrappedLines counts the lines s takes when wrapped at width characters.
func wrappedLines(s string, width int) int {
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n++
		col := 0
		for _, word := range strings.Fields(para) {
			w := utf8.RuneCountInString(word)
			switch {
			case col == 0:
				col = w
			case col+1+w <= width:
				col += 1 + w
			default:
				n++
				col = w
			}
			for col > width {
				n++
				col -= width
			}
		}
	}
	return n
}

// pageSetup prints the sheet on A4, one page wide, with the header row
// repeated on every page, and freezes the header row on screen.
func (b *xlsxBook) pageSetup(sheet string, landscape bool) error {
	orient, a4, one, any := "portrait", 9, 1, 0
	if landscape {
		orient = "landscape"
	}
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return err
	}
	quoted := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: quoted + "!$1:$1", Scope: sheet}); err != nil {
		return err
	}
	return b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
