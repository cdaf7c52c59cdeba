package export

import "strings"

// familyOptions lists the options each family of formats reads, by the
// part of the format name before the dash, as the query parameters of
// the export route name them.
var familyOptions = map[string][]string{
	"gioia":        {"facets", "sections", "counts", "quotes"},
	"matrix":       {"level", "columns", "cell", "facet_filter"},
	"cases":        {"attributes", "counts"},
	"cooccurrence": {"unit", "level"},
	"quotes":       {"facets"},
}

// tableFamilies are the families whose formats print a table and read
// the table options (the option "table" stands for them all: header,
// section_label, caption, table_number, notes, style, order, continued
// and preset).
var tableFamilies = map[string]bool{"gioia": true, "matrix": true, "cases": true, "cooccurrence": true, "quotes": true}

// figureOptions are the options of the data-structure figure's formats.
var figureOptions = []string{"sections", "split", "page", "orientation", "badges", "header"}

// FormatOptions returns the options the named format reads: those of its
// family (the Gioia figures have their own), "table" for the table
// options of table formats, and raw for CSV and XLSX.
// An unknown format reads none.
func FormatOptions(name string) []string {
	out := []string{}
	f, ok := FormatByName(name)
	if !ok {
		return out
	}
	if family, _, _ := strings.Cut(f.Name, "-"); isFigure(f) {
		out = append(out, figureOptions...)
	} else {
		out = append(out, familyOptions[family]...)
		if tableFamilies[family] || strings.HasPrefix(f.Name, "codebook-table-") {
			out = append(out, "table")
		}
	}
	if f.Ext == ".csv" || f.Ext == ".xlsx" {
		out = append(out, "raw")
	}
	return out
}

// isFigure reports whether f is a format of the data-structure figure.
func isFigure(f Format) bool {
	return strings.HasPrefix(f.Name, "gioia-") && (f.Ext == ".svg" || f.Ext == ".png" || f.Ext == ".pdf" || f.Ext == ".zip")
}
