package export

import (
	"strings"

	"tessera/coding"
)

// informantColumns are the attribute columns the informant table prints
// by default, with their headers; duration and round only when some
// informant has them.
var informantColumns = []struct{ attr, header string }{
	{coding.InformantAttrDate, "Interview date"},
	{coding.InformantAttrDuration, "Duration"},
	{coding.InformantAttrRound, "Round"},
}

// informantsTable lays out the informant table ("data sources" of
// papers): one row per informant (interviewers left out) sorted by ID,
// with pseudonym (when any informant has one), role, case, interview
// date, duration and round, or the attributes Options.Attributes names
// in that order, and the numbers of documents and quotes. The interview
// date falls back on the dates of the informant's documents.
func informantsTable(snap *coding.Snapshot, opt Options) (*table, error) {
	var rows []coding.InformantSummary
	pseudonyms := false
	for _, sum := range snap.InformantSummaries() {
		if !sum.Interviewer {
			rows = append(rows, sum)
			pseudonyms = pseudonyms || sum.Pseudonym != ""
		}
	}
	attrs, headers, err := informantAttributes(rows, opt.Attributes)
	if err != nil {
		return nil, err
	}
	t := &table{
		Title:  "Informants: " + snap.Project.Name,
		Sheet:  "Informants",
		Header: []string{"ID"},
		Widths: []float64{0.8},
	}
	if pseudonyms {
		t.Header, t.Widths = append(t.Header, "Pseudonym"), append(t.Widths, 1.2)
	}
	t.Header = append(t.Header, "Role", "Case")
	t.Header = append(t.Header, headers...)
	t.Header = append(t.Header, "Documents", "Quotes")
	t.Widths = append(t.Widths, 1.5, 1.8)
	for range headers {
		t.Widths = append(t.Widths, 1.1)
	}
	t.Widths = append(t.Widths, 1, 1)
	t.Landscape = len(t.Header) > 9
	for _, sum := range rows {
		cells := []tableCell{textCell(sum.Label)}
		if pseudonyms {
			cells = append(cells, textCell(sum.Pseudonym))
		}
		cells = append(cells, textCell(sum.Role), textCell(sum.Case))
		for _, a := range attrs {
			if strings.EqualFold(a, coding.InformantAttrDate) {
				cells = append(cells, textCell(sum.AttributeText(a)))
				continue
			}
			cells = append(cells, attributeCell(sum.Attribute(a)))
		}
		cells = append(cells, intCell(sum.Documents), intCell(sum.Quotes))
		t.Rows = append(t.Rows, tableRow{Cells: cells})
	}
	return t, nil
}

// informantAttributes returns the attribute columns of the informant
// table and their headers: the asked attribute names (case-insensitive,
// spelled as stored; "interview date" always exists), or else the default
// columns that some row fills.
func informantAttributes(rows []coding.InformantSummary, asked []string) (attrs, headers []string, err error) {
	spelled := map[string]string{strings.ToLower(coding.InformantAttrDate): coding.InformantAttrDate}
	all := []string{coding.InformantAttrDate}
	for _, sum := range rows {
		for _, a := range sum.Attributes {
			if _, ok := spelled[strings.ToLower(a.Name)]; !ok {
				spelled[strings.ToLower(a.Name)] = a.Name
				all = append(all, a.Name)
			}
		}
	}
	if len(asked) > 0 {
		for _, n := range asked {
			name, ok := spelled[strings.ToLower(strings.TrimSpace(n))]
			if !ok {
				return nil, nil, coding.Errorf(coding.EINVALID, "no informant has an attribute %q (attributes: %s)", n, strings.Join(all, ", "))
			}
			attrs, headers = append(attrs, name), append(headers, name)
		}
		return attrs, headers, nil
	}
	for _, col := range informantColumns {
		for _, sum := range rows {
			if sum.AttributeText(col.attr) != "" {
				attrs, headers = append(attrs, col.attr), append(headers, col.header)
				break
			}
		}
	}
	return attrs, headers, nil
}
