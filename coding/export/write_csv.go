package export

import (
	"encoding/csv"
	"io"
	"strconv"
)

// writeTableCSV writes t as RFC 4180 CSV in UTF-8 without a byte-order
// mark: one header line, then one line per data row. Merged cells are
// repeated on every row they cover; section rows become a leading column;
// numbers are written plainly (fractions, not percentages).
func writeTableCSV(w io.Writer, t *table) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := t.Header
	if t.SectionColumn != "" {
		header = append([]string{t.SectionColumn}, header...)
	}
	safe := make([]string, len(header))
	for i, h := range header {
		safe[i] = t.spreadsheetText(h)
	}
	if err := cw.Write(safe); err != nil {
		return err
	}
	section := ""
	for _, r := range t.Rows {
		if r.IsSection {
			section = r.SectionValue
			continue
		}
		rec := make([]string, 0, len(header))
		if t.SectionColumn != "" {
			rec = append(rec, t.spreadsheetText(section))
		}
		for _, c := range r.Cells {
			rec = append(rec, csvValue(t, c))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvValue returns the machine-readable form of a cell.
func csvValue(t *table, c tableCell) string {
	switch v := c.Value.(type) {
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return t.spreadsheetText(c.Text)
}
