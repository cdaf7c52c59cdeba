package agreement

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxDate stamps the workbook properties so that one report always gives
// the same bytes.
const xlsxDate = "2000-01-01T00:00:00Z"

// WriteXLSX writes the agreement table of r as a one-sheet workbook with
// the columns of WriteCSV: a bold header row that stays in view, counts
// and figures as numbers (percent agreement with two decimals,
// coefficients with four), undefined figures as empty cells. codeNames
// maps code IDs to the names shown. Text that a spreadsheet program would
// run as a formula gets a leading apostrophe unless opt.Raw.
func WriteXLSX(w io.Writer, r *Report, codeNames map[string]string, opt SheetOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Agreement"
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "Tessera", LastModifiedBy: "Tessera", Title: "Intercoder agreement",
		Created: xlsxDate, Modified: xlsxDate,
	}); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	styles, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	cols := append([]column{
		{"Level", kindText, func(x row) any { return x.level }},
		{"Code", kindText, func(x row) any { return x.code }},
		{"Code ID", kindText, func(x row) any { return x.ca.CodeID }},
	}, countColumns(r)...)
	// Header row.
	for i, c := range cols {
		if err := setCell(f, sheet, i+1, 1, c.header, styles.header); err != nil {
			return err
		}
	}
	// One row per code and level; pooled rows in bold.
	for n, x := range tableRows(r, codeNames) {
		for i, c := range cols {
			style := styles.forKind(c.kind, x.ca.CodeID == "")
			v := c.value(x)
			if s, ok := v.(string); ok {
				v = opt.text(s)
			}
			if err := setCell(f, sheet, i+1, n+2, v, style); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", 12); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "C", 28); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := f.SetColWidth(sheet, "D", last, 14); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.Write(w)
}

// xlsxStyles holds the style IDs of the workbook: plain and bold variants
// of text, count, percent and coefficient cells.
type xlsxStyles struct {
	header int
	plain  [4]int // indexed by valueKind
	bold   [4]int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	s := &xlsxStyles{}
	var err error
	s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	if err != nil {
		return nil, err
	}
	formats := [4]string{"", "0", "0.00", "0.0000"}
	for k, code := range formats {
		for _, bold := range []bool{false, true} {
			st := &excelize.Style{Font: &excelize.Font{Bold: bold}}
			if code != "" {
				st.CustomNumFmt = &code
			}
			id, err := f.NewStyle(st)
			if err != nil {
				return nil, err
			}
			if bold {
				s.bold[k] = id
			} else {
				s.plain[k] = id
			}
		}
	}
	return s, nil
}

func (s *xlsxStyles) forKind(k valueKind, bold bool) int {
	if bold {
		return s.bold[k]
	}
	return s.plain[k]
}

// setCell writes one cell's value (nil leaves it empty) and style.
func setCell(f *excelize.File, sheet string, col, row int, v any, style int) error {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if v != nil {
		if err := f.SetCellValue(sheet, name, v); err != nil {
			return err
		}
	}
	return f.SetCellStyle(sheet, name, name, style)
}
