package export

import (
	"strings"

	"tessera/coding"
)

// casesTable lays out the case profiles: one row per case in the
// project's order, one column per attribute (Options.Attributes, in that
// order, or every attribute in order of first appearance), and with
// Options.Counts the numbers of documents and quotes. Numbers stay
// numbers in spreadsheets; lists are joined with "; ".
func casesTable(snap *coding.Snapshot, opt Options) (*table, error) {
	names, err := attributeNames(snap, opt.Attributes)
	if err != nil {
		return nil, err
	}
	t := &table{
		Title:     "Case profiles: " + snap.Project.Name,
		Sheet:     "Cases",
		Header:    append([]string{"Case"}, names...),
		Widths:    []float64{2},
		Landscape: len(names) > 5,
	}
	for range names {
		t.Widths = append(t.Widths, 1.5)
	}
	docs, quotes := map[string]int{}, map[string]int{}
	ix := newIndex(snap)
	if opt.Counts {
		t.Header = append(t.Header, "Documents", "Quotes")
		t.Widths = append(t.Widths, 1, 1)
		for _, d := range snap.Documents {
			docs[d.CaseID]++
		}
		for _, q := range snap.Quotes {
			if c := ix.caseOf(q); c != nil {
				quotes[c.ID]++
			}
		}
	}
	if o := opt.Table.Order; strings.HasPrefix(o, "attr:") {
		if _, err := attributeNames(snap, []string{o[5:]}); err != nil {
			return nil, err
		}
	}
	for _, c := range ix.sortCases(opt.Table.Order) {
		cells := []tableCell{textCell(c.Name)}
		for _, n := range names {
			cells = append(cells, attributeCell(c.Attribute(n)))
		}
		if opt.Counts {
			cells = append(cells, intCell(docs[c.ID]), intCell(quotes[c.ID]))
		}
		t.Rows = append(t.Rows, tableRow{Cells: cells})
	}
	return t, nil
}

// attributeNames resolves the asked attribute names (case-insensitive) to
// their spelling, or lists all attributes when none are asked for.
func attributeNames(snap *coding.Snapshot, asked []string) ([]string, error) {
	var all []string
	seen := map[string]string{}
	for _, c := range snap.Cases {
		for _, a := range c.Attributes {
			if _, ok := seen[strings.ToLower(a.Name)]; !ok {
				seen[strings.ToLower(a.Name)] = a.Name
				all = append(all, a.Name)
			}
		}
	}
	if len(asked) == 0 {
		return all, nil
	}
	out := make([]string, 0, len(asked))
	for _, n := range asked {
		name, ok := seen[strings.ToLower(strings.TrimSpace(n))]
		if !ok {
			return nil, coding.Errorf(coding.EINVALID, "no case has an attribute %q (attributes: %s)", n, strings.Join(all, ", "))
		}
		out = append(out, name)
	}
	return out, nil
}

// attributeCell is a case's attribute value; numbers stay numbers.
func attributeCell(a *coding.Attribute) tableCell {
	if a == nil {
		return textCell("")
	}
	if f, ok := a.Value.(float64); ok {
		return tableCell{Text: a.String(), Value: f}
	}
	return textCell(a.String())
}
