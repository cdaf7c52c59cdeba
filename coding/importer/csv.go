package importer

import (
	"encoding/csv"
	"strings"

	"tessera/coding"
)

// readCSV reads a spreadsheet saved as CSV: any encoding Decode accepts
// (Excel writes UTF-8 with a BOM or Windows-1252), separated by commas,
// semicolons (European Excel) or tabs, whichever the header line holds
// most of. Blank rows are dropped.
func readCSV(what string, data []byte) ([][]string, error) {
	text, _, err := Decode(data)
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "%s: %s", what, coding.ErrorMessage(err))
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = separator(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "%s: %v", what, err)
	}
	out := rows[:0]
	for _, row := range rows {
		if strings.TrimSpace(strings.Join(row, "")) != "" {
			out = append(out, row)
		}
	}
	return out, nil
}

// separator picks the field separator from the first line.
func separator(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(first, ",")
	for _, c := range []rune{';', '\t'} {
		if k := strings.Count(first, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}

// cell returns row[i] trimmed, or "" when the row is short.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}
