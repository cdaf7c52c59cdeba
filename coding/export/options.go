package export

import (
	"strings"

	"tessera/coding"
)

// familyOptions lists the options each family of formats reads, by the
// part of the format name before the dash, as the query parameters of
// the export route name them.
var familyOptions = map[string][]string{
	"gioia":        {"facets", "sections", "counts", "quotes", "set"},
	"matrix":       {"level", "columns", "rows", "cell", "facet_filter", "set"},
	"cases":        {"attributes", "counts"},
	"informants":   {"attributes"},
	"cooccurrence": {"unit", "level", "set"},
	"quotes":       {"facets", "set"},
	"supporting":   {"facets", "sections", "level", "quotes", "per_row", "set"},
	"qdpx":         {"positions"},
	"model":        {"model"},
}

// allLevels are the code levels, as the level option names them.
var allLevels = []string{string(coding.LevelConcept), string(coding.LevelTheme), string(coding.LevelDimension)}

// supportingLevels are the levels the supporting-data table has rows by.
var supportingLevels = []string{string(coding.LevelTheme), string(coding.LevelConcept)}

// familyChoices lists, by family, the values an option of fixed values
// accepts (besides the empty default).
var familyChoices = map[string]map[string][]string{
	"matrix":       {"level": allLevels},
	"cooccurrence": {"level": allLevels},
	"supporting":   {"level": supportingLevels},
}

// FormatChoices returns the values the named format accepts for each of
// its options that takes one of a fixed few (besides the empty default),
// so a form offers only those; options of free values are not listed.
func FormatChoices(name string) map[string][]string {
	out := map[string][]string{}
	f, ok := FormatByName(name)
	if !ok || isFigure(f) {
		return out
	}
	family, _, _ := strings.Cut(f.Name, "-")
	for opt, values := range familyChoices[family] {
		out[opt] = append([]string(nil), values...)
	}
	return out
}

// tableFamilies are the families whose formats print a table and read
// the table options (the option "table" stands for them all: header,
// section_label, caption, table_number, notes, style, order, continued
// and preset).
var tableFamilies = map[string]bool{
	"gioia": true, "matrix": true, "cases": true, "informants": true, "cooccurrence": true, "quotes": true, "supporting": true,
}

// figureOptions are the options of the data-structure figure's formats.
var figureOptions = []string{"sections", "split", "page", "orientation", "badges", "header"}

// FormatOptions returns the options the named format reads: those of its
// family (the Gioia figures have their own; the model formats read
// model), "table" for the table options of table formats, raw for CSV
// and XLSX, and anonymise, which every format takes.
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
	return append(out, "anonymise")
}

// ParseQuotes reads the quotes option: "" or "false" shows no quote
// column in the Gioia table; "true" or "both", "chosen" and "auto" show
// one with that QuoteMode ("true" is both). The supporting-data table
// always prints quotes and reads only the mode.
func ParseQuotes(s string) (show bool, mode QuoteMode, err error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "", "false", "0", "no":
		return false, QuotesBoth, nil
	case "true", "1", "yes":
		return true, QuotesBoth, nil
	default:
		mode = QuoteMode(v)
		if err := mode.Validate(); err != nil {
			return false, "", err
		}
		return true, mode, nil
	}
}

// isFigure reports whether f is a format of the data-structure figure.
func isFigure(f Format) bool {
	switch f.Ext {
	case ".svg", ".png", ".pdf", ".zip", ".pptx", ".drawio":
		return strings.HasPrefix(f.Name, "gioia-")
	}
	return false
}
