package export

import (
	"slices"
	"strconv"
	"strings"

	"tessera/coding"
)

// matrixColumns returns the columns of a column kind and a function
// giving the column indexes of a quote. A numeric attribute's values
// come in order of value, or in the bins given by their lower bounds. A trailing column with an empty
// key collects quotes that belong to no other column; it appears only
// when some quote needs it.
func (ix *index) matrixColumns(kind string, bins []float64) ([]MatrixColumn, func(*coding.Quote) []int, error) {
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
	case kind == "set":
		none = "In no set"
		keysOf = ix.setColumns(add)
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
	case kind == "informant":
		none, keysOf = ix.informantColumns(add)
	default:
		src, err := ix.attributeSource(kind)
		if err != nil {
			return nil, nil, err
		}
		name, numeric := src.name, true
		var values []float64
		for _, a := range src.all {
			if f, ok := a.Value.(float64); ok {
				values = append(values, f)
			} else if a.String() != "" {
				numeric = false
			}
		}
		valuesOf := attributeValues
		switch {
		case len(bins) > 0:
			// Numbers fall into bins: under the first bound, from one
			// bound to under the next, the last bound or more.
			if !numeric {
				return nil, nil, coding.Errorf(coding.EINVALID, "cannot bin %s: not all its values are numbers", name)
			}
			labels := binLabels(bins)
			for _, l := range labels {
				add(l, l)
			}
			valuesOf = func(a *coding.Attribute) []string {
				if f, ok := a.Value.(float64); ok {
					return []string{labels[binOf(bins, f)]}
				}
				return nil
			}
		case numeric:
			// Numbers in order of value.
			slices.Sort(values)
			for _, f := range slices.Compact(values) {
				v := strconv.FormatFloat(f, 'f', -1, 64)
				add(v, v)
			}
		default:
			for _, a := range src.all {
				for _, v := range attributeValues(a) {
					add(v, v)
				}
			}
		}
		none = name + " not set"
		keysOf = func(q *coding.Quote) []string {
			if a := src.of(q); a != nil {
				return valuesOf(a)
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

// binLabels names the bins that bounds (ascending) make: "under 50",
// "50 to under 250", "250 or more".
func binLabels(bounds []float64) []string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	out := []string{"under " + f(bounds[0])}
	for i := 1; i < len(bounds); i++ {
		out = append(out, f(bounds[i-1])+" to under "+f(bounds[i]))
	}
	return append(out, f(bounds[len(bounds)-1])+" or more")
}

// binOf returns the index of the bin of x.
func binOf(bounds []float64, x float64) int {
	i := 0
	for i < len(bounds) && x >= bounds[i] {
		i++
	}
	return i
}

// parseBins reads bin bounds, "50,250": numbers in ascending order.
func parseBins(s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []float64
	for _, part := range strings.Split(s, ",") {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil {
			return nil, coding.Errorf(coding.EINVALID, "bins %q: %q is not a number", s, strings.TrimSpace(part))
		}
		if len(out) > 0 && f <= out[len(out)-1] {
			return nil, coding.Errorf(coding.EINVALID, "bins %q must rise from left to right", s)
		}
		out = append(out, f)
	}
	return out, nil
}
