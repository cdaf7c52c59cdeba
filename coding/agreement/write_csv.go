package agreement

import (
	"encoding/csv"
	"io"

	"tessera/coding"
)

// WriteCSV writes the agreement table of r as RFC 4180 CSV in UTF-8: a
// header line, then one line per code and level and a pooled line per
// level. codeNames maps code IDs to the names shown (codes without a name
// show their ID). Undefined figures are empty cells; percent agreement has
// two decimals and coefficients four. Text that a spreadsheet program
// would run as a formula gets a leading apostrophe unless opt.Raw.
func WriteCSV(w io.Writer, r *Report, codeNames map[string]string, opt SheetOptions) error {
	cols := append([]column{
		{"Level", kindText, func(x row) any { return x.level }},
		{"Code", kindText, func(x row) any { return x.code }},
		{"Code ID", kindText, func(x row) any { return x.ca.CodeID }},
	}, countColumns(r)...)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = opt.text(c.header)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, x := range tableRows(r, codeNames) {
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = formatValue(c.value(x), c.kind)
			if c.kind == kindText {
				rec[i] = opt.text(rec[i])
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SheetOptions are the options of the spreadsheet writers (CSV, XLSX).
type SheetOptions struct {
	// Raw writes text cells as they are; by default text that reads like
	// a formula gets a leading apostrophe (coding.SpreadsheetSafe).
	Raw bool
}

// text returns s as a text cell holds it.
func (o SheetOptions) text(s string) string {
	if o.Raw {
		return s
	}
	return coding.SpreadsheetSafe(s)
}
