package coding

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// AttrType is the type of a case attribute's value.
type AttrType string

// Attribute types.
const (
	AttrText   AttrType = "text"
	AttrNumber AttrType = "number"
	AttrDate   AttrType = "date" // ISO 8601 calendar date, YYYY-MM-DD
	AttrList   AttrType = "list"
)

// Attribute is one typed value of a case. After Validate, Value holds a
// string (text, date), a float64 (number) or a []string (list).
type Attribute struct {
	Name  string   `json:"name"`
	Type  AttrType `json:"type"`
	Value any      `json:"value"`
}

// Validate checks the name, infers a missing type from the value, and
// converts the value to the Go type of its attribute type.
func (a *Attribute) Validate() error {
	a.Name = strings.TrimSpace(a.Name)
	if err := validName("attribute", a.Name); err != nil {
		return err
	}
	if a.Type == "" {
		a.Type = inferType(a.Value)
	}
	v, err := convertValue(a.Type, a.Value)
	if err != nil {
		return Errorf(EINVALID, "attribute %q: %s", a.Name, err)
	}
	switch v := v.(type) {
	case string:
		err = CleanText(fmt.Sprintf("attribute %q", a.Name), &v)
		a.Value = v
	case []string:
		for _, item := range v {
			if err = CheckLine(fmt.Sprintf("an item of attribute %q", a.Name), item); err != nil {
				break
			}
		}
		a.Value = v
	default:
		a.Value = v
	}
	return err
}

// String renders the value for tables: numbers without trailing zeros,
// lists joined by "; ".
func (a Attribute) String() string {
	switch v := a.Value.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []string:
		return strings.Join(v, "; ")
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// InferAttribute builds an attribute from a spreadsheet cell, inferring its
// type: a number, an ISO date, a list when the cell holds ";", else text.
// An empty cell gives an attribute with a nil value.
func InferAttribute(name, cell string) Attribute {
	cell = strings.TrimSpace(cell)
	a := Attribute{Name: strings.TrimSpace(name)}
	switch {
	case cell == "":
		a.Type = AttrText
	case isNumber(cell):
		a.Type, a.Value = AttrNumber, cell
	case isDate(cell):
		a.Type, a.Value = AttrDate, cell
	case strings.Contains(cell, ";"):
		a.Type, a.Value = AttrList, cell
	default:
		a.Type, a.Value = AttrText, cell
	}
	if v, err := convertValue(a.Type, a.Value); err == nil {
		a.Value = v
	}
	return a
}

func inferType(v any) AttrType {
	switch v := v.(type) {
	case float64, int, int64:
		return AttrNumber
	case []any, []string:
		return AttrList
	case string:
		if isDate(v) {
			return AttrDate
		}
	}
	return AttrText
}

func isNumber(s string) bool {
	if strings.Trim(s, "+-.0123456789") != "" {
		return false // rules out "Inf", "NaN", hex and exponents
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// convertValue turns v into the Go type of t. A nil value stays nil (the
// attribute is present but empty).
func convertValue(t AttrType, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t {
	case AttrText:
		switch v := v.(type) {
		case string:
			return v, nil
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64), nil
		}
	case AttrNumber:
		switch v := v.(type) {
		case float64:
			return v, nil
		case int:
			return float64(v), nil
		case string:
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || !isNumber(strings.TrimSpace(v)) {
				return nil, fmt.Errorf("%q is not a number", v)
			}
			return f, nil
		}
	case AttrDate:
		if s, ok := v.(string); ok {
			s = strings.TrimSpace(s)
			if !isDate(s) {
				return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
			}
			return s, nil
		}
	case AttrList:
		switch v := v.(type) {
		case []string:
			return cleanList(v), nil
		case []any:
			out := make([]string, 0, len(v))
			for _, x := range v {
				s, ok := x.(string)
				if !ok {
					return nil, fmt.Errorf("list items must be text")
				}
				out = append(out, s)
			}
			return cleanList(out), nil
		case string:
			return cleanList(strings.Split(v, ";")), nil
		}
	default:
		return nil, fmt.Errorf("unknown type %q (want text, number, date or list)", t)
	}
	return nil, fmt.Errorf("value %v does not fit type %s", v, t)
}

func cleanList(items []string) []string {
	out := make([]string, 0, len(items))
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// UnmarshalJSON decodes an attribute and gives its value the Go type of
// its attribute type, so values read back from storage or JSON behave
// like validated ones. Invalid values are left for Validate to report.
func (a *Attribute) UnmarshalJSON(b []byte) error {
	type plain Attribute
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*a = Attribute(p)
	if a.Type != "" {
		if v, err := convertValue(a.Type, a.Value); err == nil {
			a.Value = v
		}
	}
	return nil
}

// validateAttributes validates each attribute of a list and refuses a
// name that appears twice (ignoring case).
func validateAttributes(list []Attribute) error {
	seen := map[string]bool{}
	for i := range list {
		a := &list[i]
		if err := a.Validate(); err != nil {
			return err
		}
		key := strings.ToLower(a.Name)
		if seen[key] {
			return Errorf(EINVALID, "attribute %q appears twice", a.Name)
		}
		seen[key] = true
	}
	return nil
}

// findAttribute returns the attribute of list with the given name
// (case-insensitive), or nil.
func findAttribute(list []Attribute, name string) *Attribute {
	for i := range list {
		if strings.EqualFold(list[i].Name, name) {
			return &list[i]
		}
	}
	return nil
}

// setAttribute adds a to list or replaces the attribute of the same name.
func setAttribute(list []Attribute, a Attribute) []Attribute {
	if old := findAttribute(list, a.Name); old != nil {
		*old = a
		return list
	}
	return append(list, a)
}

// mergeAttributes merges changes into list by name: an attribute with
// neither type nor value is removed, others are added or replaced.
func mergeAttributes(list, changes []Attribute) []Attribute {
	for _, a := range changes {
		if a.Type == "" && a.Value == nil {
			out := list[:0]
			for _, o := range list {
				if !strings.EqualFold(o.Name, a.Name) {
					out = append(out, o)
				}
			}
			list = out
			continue
		}
		list = setAttribute(list, a)
	}
	return list
}
