package importer

import (
	"context"
	"strings"

	"tessera/coding"
)

// ReadCaseSheet reads a case attribute sheet, .csv or .xlsx (the first
// worksheet), chosen by name's extension. The first row holds the column
// headers; the first column is the case name and every other column an
// attribute. A column's type is inferred from all its cells with
// coding.InferAttribute: number, date (YYYY-MM-DD) or text when every
// filled cell agrees, a list when any cell holds ";" (the others then
// become one-item lists), text when types are mixed. Empty cells give no
// attribute, so applying the sheet leaves such values as they are.
func ReadCaseSheet(name string, data []byte) ([]coding.Case, error) {
	var rows [][]string
	var err error
	switch ext := extension(name); ext {
	case "csv":
		rows, err = readCSV("case sheet", data)
	case "xlsx":
		rows, err = readXLSX(data)
	default:
		return nil, coding.Errorf(coding.EINVALID, "a case sheet must be a .csv or .xlsx file, not %q", "."+ext)
	}
	if err != nil {
		return nil, err
	}
	if len(rows) < 1 {
		return nil, coding.Errorf(coding.EINVALID, "the case sheet is empty")
	}
	header := rows[0]
	for i := range header {
		header[i] = cleanName(strings.TrimPrefix(header[i], "\uFEFF"))
	}
	types := columnTypes(header, rows[1:])
	var cases []coding.Case
	seen := map[string]int{}
	for n, row := range rows[1:] {
		line := n + 2
		c := coding.Case{Name: cleanName(cell(row, 0)), Attributes: []coding.Attribute{}}
		if c.Name == "" {
			return nil, coding.Errorf(coding.EINVALID, "case sheet, row %d: the case name (first column) is empty", line)
		}
		if prev, dup := seen[strings.ToLower(c.Name)]; dup {
			return nil, coding.Errorf(coding.EINVALID, "case sheet: case %q appears twice (rows %d and %d)", c.Name, prev, line)
		}
		seen[strings.ToLower(c.Name)] = line
		for col := 1; col < len(header); col++ {
			v := cell(row, col)
			if v == "" || header[col] == "" {
				continue
			}
			c.Attributes = append(c.Attributes, coding.Attribute{Name: header[col], Type: types[col], Value: v})
		}
		if err := c.Validate(); err != nil {
			return nil, coding.Errorf(coding.EINVALID, "case sheet, row %d: %s", line, coding.ErrorMessage(err))
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// columnTypes infers the attribute type of each column from its cells.
func columnTypes(header []string, rows [][]string) []coding.AttrType {
	types := make([]coding.AttrType, len(header))
	for col := 1; col < len(header); col++ {
		seen := map[coding.AttrType]bool{}
		for _, row := range rows {
			if v := cell(row, col); v != "" {
				seen[coding.InferAttribute(header[col], v).Type] = true
			}
		}
		switch {
		case seen[coding.AttrList]:
			types[col] = coding.AttrList
		case len(seen) == 1:
			for t := range seen {
				types[col] = t
			}
		default:
			types[col] = coding.AttrText
		}
	}
	return types
}

// ApplyCases creates the cases the project lacks and updates the
// attributes of those it has (matched by name, ignoring letter case):
// attributes in the sheet are set, others are kept.
func (im *Importer) ApplyCases(ctx context.Context, projectID string, cases []coding.Case) (created, updated int, err error) {
	for _, c := range cases {
		old, err := im.Store.FindCaseByName(ctx, projectID, c.Name)
		switch coding.ErrorCode(err) {
		case coding.ENOTFOUND:
			nc := c
			nc.ID, nc.ProjectID = "", projectID
			if err := im.Store.CreateCase(ctx, &nc); err != nil {
				return created, updated, err
			}
			created++
		case "":
			if len(c.Attributes) == 0 {
				continue
			}
			if _, err := im.Store.UpdateCase(ctx, projectID, old.ID, coding.CaseUpdate{Attributes: c.Attributes}); err != nil {
				return created, updated, err
			}
			updated++
		default:
			return created, updated, err
		}
	}
	return created, updated, nil
}
