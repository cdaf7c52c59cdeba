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
	"model":        {"model"},
}

// FormatOptions returns the options the named format reads: those of its
// family (the Gioia figures read none; the model formats read model), and raw for CSV and XLSX. An
// unknown format reads none.
func FormatOptions(name string) []string {
	out := []string{}
	f, ok := FormatByName(name)
	if !ok {
		return out
	}
	if family, _, _ := strings.Cut(f.Name, "-"); family == "model" || f.Ext != ".svg" && f.Ext != ".png" {
		out = append(out, familyOptions[family]...)
	}
	if f.Ext == ".csv" || f.Ext == ".xlsx" {
		out = append(out, "raw")
	}
	return out
}
