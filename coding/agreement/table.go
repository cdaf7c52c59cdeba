package agreement

import "strconv"

// Labels of the two levels and of the pooled row in exported tables.
const (
	characterLabel = "Character"
	segmentLabel   = "Segment"
	pooledLabel    = "All codes (pooled)"
)

// row is one line of the agreement table: a code, or the pooled codes, at
// one level.
type row struct {
	level   string
	segment bool
	code    string // name shown to the reader
	ca      CodeAgreement
}

// column is one column of the agreement table. value returns an int, a
// float64, a string, or nil for an empty cell; kind tells how to format
// floats.
type column struct {
	header string
	kind   valueKind
	value  func(r row) any
}

type valueKind int

const (
	kindText valueKind = iota
	kindCount
	kindPercent
	kindCoefficient
)

// tableRows lists the per-code rows and then the pooled row of each
// level, character level first.
func tableRows(rep *Report, names map[string]string) []row {
	var out []row
	add := func(label string, segment bool, lv Level) {
		for _, ca := range lv.PerCode {
			out = append(out, row{label, segment, codeName(ca.CodeID, names), ca})
		}
		out = append(out, row{label, segment, pooledLabel, lv.Pooled})
	}
	add(characterLabel, false, rep.Character)
	add(segmentLabel, true, rep.Segment)
	return out
}

// codeName returns the code's name, or its ID when no name is known.
func codeName(id string, names map[string]string) string {
	if n, ok := names[id]; ok && n != "" {
		return n
	}
	return id
}

// countColumns are the columns shared by every format: units, the
// per-coder counts, the segment counts and the coefficients. Kappa is
// left out when more than two coders are compared.
func countColumns(rep *Report) []column {
	cols := []column{{"Units", kindCount, func(r row) any { return r.ca.Units }}}
	for i, c := range rep.Coders {
		cols = append(cols, column{"Coded by " + c, kindCount, func(r row) any { return at(r.ca.Coded, i) }})
	}
	m := len(rep.Coders)
	cols = append(cols,
		column{"Coded by all", kindCount, func(r row) any { return at(r.ca.UnitsByCoders, m) }},
		column{"Coded by none", kindCount, func(r row) any { return at(r.ca.UnitsByCoders, 0) }},
		column{"Segments", kindCount, func(r row) any { return segmentOnly(r, r.ca.Segments) }},
		column{"Matched segments", kindCount, func(r row) any { return segmentOnly(r, r.ca.MatchedSegments) }},
		column{"Agreement (%)", kindPercent, func(r row) any { return deref(r.ca.PercentAgreement) }},
	)
	if m == 2 {
		cols = append(cols, column{"Cohen's kappa", kindCoefficient, func(r row) any { return deref(r.ca.Kappa) }})
	}
	return append(cols, column{"Krippendorff's alpha", kindCoefficient, func(r row) any { return deref(r.ca.Alpha) }})
}

func at(xs []int, i int) any {
	if i < len(xs) {
		return xs[i]
	}
	return nil
}

func segmentOnly(r row, n int) any {
	if !r.segment {
		return nil
	}
	return n
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// formatValue writes a cell value as text: counts as integers, percent
// agreement with two decimals, coefficients with four, nil as empty.
func formatValue(v any, kind valueKind) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		if kind == kindPercent {
			return strconv.FormatFloat(x, 'f', 2, 64)
		}
		return strconv.FormatFloat(x, 'f', 4, 64)
	}
	return ""
}
