package export

import (
	"strings"

	"tessera/coding"
)

// matrixColumns returns the columns of a column kind and a function
// giving the column indexes of a quote. A trailing column with an empty
// key collects quotes that belong to no other column; it appears only
// when some quote needs it.
func (ix *index) matrixColumns(kind string) ([]MatrixColumn, func(*coding.Quote) []int, error) {
	var cols []MatrixColumn
	pos := map[string]int{}
	add := func(key, label string) {
		if _, ok := pos[key]; !ok {
			pos[key] = len(cols)
			cols = append(cols, MatrixColumn{Key: key, Label: label})
		}
	}
	var keysOf func(q *coding.Quote) []string
	none := ""
	switch {
	case kind == "case":
		for _, c := range ix.snap.Cases {
			add(c.ID, c.Name)
		}
		none = "No case"
		keysOf = func(q *coding.Quote) []string {
			if c := ix.caseOf(q); c != nil {
				return []string{c.ID}
			}
			return nil
		}
	case kind == "document":
		for _, d := range ix.snap.Documents {
			add(d.ID, d.Title)
		}
		none = "Unknown document"
		keysOf = func(q *coding.Quote) []string { return []string{q.DocumentID} }
	case kind == "speaker":
		for _, d := range ix.snap.Documents {
			for _, t := range d.Turns {
				if t.Speaker != "" {
					add(t.Speaker, t.Speaker)
				}
			}
		}
		none = "No speaker"
		keysOf = func(q *coding.Quote) []string { return []string{ix.speakerOf(q)} }
	default:
		name := strings.TrimSpace(strings.TrimPrefix(kind, "attr:"))
		found := false
		for _, c := range ix.snap.Cases {
			if a := c.Attribute(name); a != nil {
				found = true
				name = a.Name
				for _, v := range attributeValues(a) {
					add(v, v)
				}
			}
		}
		if !found {
			return nil, nil, coding.Errorf(coding.EINVALID, "no case has an attribute %q", name)
		}
		none = name + " not set"
		keysOf = func(q *coding.Quote) []string {
			if c := ix.caseOf(q); c != nil {
				if a := c.Attribute(name); a != nil {
					return attributeValues(a)
				}
			}
			return nil
		}
	}

	// Quotes outside every column go to the "none" column, added on demand.
	colsOf := func(q *coding.Quote) []int {
		var out []int
		for _, k := range keysOf(q) {
			if i, ok := pos[k]; ok && k != "" {
				out = append(out, i)
			}
		}
		if len(out) == 0 {
			out = append(out, pos[""])
		}
		return out
	}
	for _, q := range ix.snap.Quotes {
		hit := false
		for _, k := range keysOf(q) {
			if _, ok := pos[k]; ok && k != "" {
				hit = true
			}
		}
		if !hit {
			add("", none)
			break
		}
	}
	return cols, colsOf, nil
}

// attributeValues returns an attribute's values as column keys: each item
// of a list, the text of any other value, nothing when empty.
func attributeValues(a *coding.Attribute) []string {
	if items, ok := a.Value.([]string); ok {
		return items
	}
	if s := a.String(); s != "" {
		return []string{s}
	}
	return nil
}
