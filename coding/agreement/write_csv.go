package agreement

import (
	"encoding/csv"
	"io"
)

// WriteCSV writes the agreement table of r as RFC 4180 CSV in UTF-8: a
// header line, then one line per code and level and a pooled line per
// level. codeNames maps code IDs to the names shown (codes without a name
// show their ID). Undefined figures are empty cells; percent agreement has
// two decimals and coefficients four.
func WriteCSV(w io.Writer, r *Report, codeNames map[string]string) error {
	cols := append([]column{
		{"Level", kindText, func(x row) any { return x.level }},
		{"Code", kindText, func(x row) any { return x.code }},
		{"Code ID", kindText, func(x row) any { return x.ca.CodeID }},
	}, countColumns(r)...)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.header
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, x := range tableRows(r, codeNames) {
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = formatValue(c.value(x), c.kind)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
