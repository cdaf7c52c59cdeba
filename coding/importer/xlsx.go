package importer

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"tessera/coding"
	"tessera/coding/unzip"
)

// readXLSX returns the rows of the first worksheet of an .xlsx file.
// Numbers come unformatted (no thousands separators); numbers formatted
// as dates come as YYYY-MM-DD.
func readXLSX(data []byte) ([][]string, error) {
	// Workbooks that would unpack to more than a case sheet needs are
	// refused before the spreadsheet reader inflates them; other faults
	// are reported by the reader below.
	if _, err := unzip.Open(data, "case sheet (.xlsx)", unzip.Workbook); coding.ErrorCode(err) == coding.ETOOLARGE {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzip.Workbook.MaxTotal})
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "the case sheet is not a readable .xlsx file (%v)", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "the case sheet has no worksheet")
	}
	sheet := sheets[0]
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "the case sheet cannot be read (%v)", err)
	}
	var rows [][]string
	for r, row := range raw {
		for c, v := range row {
			if _, err := strconv.ParseFloat(v, 64); err == nil && r > 0 {
				row[c] = xlsxNumber(f, sheet, c, r, v)
			}
		}
		if strings.TrimSpace(strings.Join(row, "")) != "" {
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// xlsxNumber returns a numeric cell as a date when its number format is
// a date format, else as the plain number.
func xlsxNumber(f *excelize.File, sheet string, col, row int, v string) string {
	name, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return v
	}
	idx, err := f.GetCellStyle(sheet, name)
	if err != nil || idx == 0 {
		return v
	}
	st, err := f.GetStyle(idx)
	if err != nil || !isDateFormat(st) {
		return v
	}
	serial, _ := strconv.ParseFloat(v, 64)
	t, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return v
	}
	return t.Format("2006-01-02")
}

// isDateFormat reports built-in date formats (14-17, 22, 27-36, 50-58)
// and custom formats with day, month and year codes outside quotes.
func isDateFormat(st *excelize.Style) bool {
	if st.CustomNumFmt != nil {
		s := strings.ToLower(*st.CustomNumFmt)
		var b strings.Builder
		quoted := false
		for _, r := range s {
			if r == '"' {
				quoted = !quoted
			} else if !quoted {
				b.WriteRune(r)
			}
		}
		s = b.String()
		return strings.Contains(s, "y") && strings.Contains(s, "d")
	}
	n := st.NumFmt
	return (n >= 14 && n <= 17) || n == 22 || (n >= 27 && n <= 36) || (n >= 50 && n <= 58)
}
