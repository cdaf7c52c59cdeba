package agreement

import "fmt"

// PageTable is the agreement table laid out for page formats (Word,
// LaTeX), which other packages write: one header, a section per level
// (character, then segment), a row per code and a pooled row.
type PageTable struct {
	Title    string
	Intro    string
	Header   []string
	Sections []PageSection
}

// PageSection is the rows of one level.
type PageSection struct {
	Title string
	Rows  []PageRow
}

// PageRow is one code's row, or the pooled row of a level.
type PageRow struct {
	Cells  []PageCell
	Pooled bool
}

// PageCell is a cell's text and, for numbers, its value (an int or a
// float64); undefined figures read "n/a", counts that a level does not
// have are empty.
type PageCell struct {
	Text  string
	Value any
}

// Page lays the report out as a PageTable; codeNames maps code IDs to
// the names shown.
func Page(r *Report, codeNames map[string]string) PageTable {
	cols := append([]column{{"Code", kindText, func(x row) any { return x.code }}}, countColumns(r)...)
	p := PageTable{
		Title: "Intercoder agreement",
		Intro: fmt.Sprintf("Coders: %s. Documents: %d. At segment level two segments agree when they share at least %g%% of the text they cover together.",
			joinNames(r.Coders), len(r.Documents), 100*r.MinOverlap),
	}
	for _, c := range cols {
		p.Header = append(p.Header, c.header)
	}
	rows := tableRows(r, codeNames)
	for _, lv := range []struct {
		title, label string
	}{{"Character level", characterLabel}, {"Segment level", segmentLabel}} {
		sec := PageSection{Title: lv.title}
		for _, x := range rows {
			if x.level != lv.label {
				continue
			}
			pr := PageRow{Pooled: x.ca.CodeID == ""}
			for _, c := range cols {
				v := c.value(x)
				text := formatValue(v, c.kind)
				switch {
				case c.kind == kindText:
					v = nil
				case text == "" && !x.segment && (c.header == "Segments" || c.header == "Matched segments"):
				case text == "":
					text = "n/a"
				}
				pr.Cells = append(pr.Cells, PageCell{Text: text, Value: v})
			}
			sec.Rows = append(sec.Rows, pr)
		}
		p.Sections = append(p.Sections, sec)
	}
	return p
}

// joinNames lists names as "a, b and c".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + " and " + names[len(names)-1]
}
