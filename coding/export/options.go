package export

import "strings"

// familyOptions lists the options each family of formats reads, by the
// part of the format name before the dash, as the query parameters of
// the export route name them.
var familyOptions = map[string][]string{
	"gioia":        {"facets", "sections", "counts", "quotes", "set"},
	"matrix":       {"level", "columns", "rows", "cell", "facet_filter", "set"},
	"cases":        {"attributes", "counts"},
	"cooccurrence": {"unit", "level", "set"},
	"quotes":       {"facets", "set"},
	"qdpx":         {"positions"},
}

// FormatOptions returns the options the named format reads: those of its
// family (the Gioia figures read none), and raw for CSV and XLSX. An
// unknown format reads none.
func FormatOptions(name string) []string {
	out := []string{}
	f, ok := FormatByName(name)
	if !ok {
		return out
	}
	if family, _, _ := strings.Cut(f.Name, "-"); f.Ext != ".svg" && f.Ext != ".png" {
		out = append(out, familyOptions[family]...)
	}
	if f.Ext == ".csv" || f.Ext == ".xlsx" {
		out = append(out, "raw")
	}
	return out
}
