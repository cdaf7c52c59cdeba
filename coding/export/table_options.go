package export

import (
	"strings"

	"tessera/coding"
)

// Table styles of page formats (DOCX, LaTeX).
const (
	// StyleAPA is the three-line table of APA 7 and booktabs: a rule above
	// and below the header row and one under the table, no vertical lines
	// and no fill; the table number and an italic title stand above the
	// table, the notes below it.
	StyleAPA = "apa"
	// StyleGrid draws every cell's borders and shades the header row.
	StyleGrid = "grid"
)

// Section label formats.
const (
	// SectionFacetValue prints section rows as "Facet: value".
	SectionFacetValue = "facet"
	// SectionValue prints only the value.
	SectionValue = "value"
)

// TableOptions shape how every table export is printed. The zero value
// keeps the export's own headers and title, labels sections "Facet:
// value" and uses the APA style.
type TableOptions struct {
	// Headers replace the column headers in order; an empty entry keeps
	// that column's own header. More headers than columns is an error.
	Headers []string `json:"headers,omitempty"`
	// SectionLabel is SectionFacetValue (default) or SectionValue.
	SectionLabel string `json:"section_label,omitempty"`
	// Caption is the title printed with the table; "" uses the export's
	// title.
	Caption string `json:"caption,omitempty"`
	// Number is the table number printed as "Table N" ("" prints none).
	Number string `json:"number,omitempty"`
	// Notes is printed below the table after "Note.".
	Notes string `json:"notes,omitempty"`
	// Style is StyleAPA (default) or StyleGrid.
	Style string `json:"style,omitempty"`
	// Order is the row order: OrderCodebook (default), OrderAlpha or
	// OrderCount; codes keep their hierarchy (concepts sorted within
	// their theme, and so on). The case table also takes "attr:NAME".
	Order string `json:"order,omitempty"`
	// Continued repeats the header row, with "(continued)" in the APA
	// style, at the top of every page a long table runs on to (DOCX,
	// LaTeX); nil is true.
	Continued *bool `json:"continued,omitempty"`
}

// Validate reports options no table can use.
func (o TableOptions) Validate() error {
	switch o.SectionLabel {
	case "", SectionFacetValue, SectionValue:
	default:
		return coding.Errorf(coding.EINVALID, "section label %q is not facet or value", o.SectionLabel)
	}
	switch o.Style {
	case "", StyleAPA, StyleGrid:
	default:
		return coding.Errorf(coding.EINVALID, "table style %q is not apa or grid", o.Style)
	}
	switch {
	case o.Order == "", o.Order == OrderCodebook, o.Order == OrderAlpha, o.Order == OrderCount:
	case strings.HasPrefix(o.Order, "attr:") && strings.TrimSpace(o.Order[5:]) != "":
	default:
		return coding.Errorf(coding.EINVALID, "row order %q is not codebook, alpha, count or attr:NAME", o.Order)
	}
	if n := strings.TrimSpace(o.Number); n != "" && strings.ContainsAny(n, "\r\n") {
		return coding.Errorf(coding.EINVALID, "table number %q has a line break", o.Number)
	}
	return nil
}

// sectionLabel prints a section row's label.
func (o TableOptions) sectionLabel(facet, value string) string {
	if value == "" {
		value = "not set"
	}
	if o.SectionLabel == SectionValue {
		return value
	}
	return facet + ": " + value
}

// apply sets the headers, caption, number, notes and style of t.
func (o TableOptions) apply(t *table) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if len(o.Headers) > len(t.Header) {
		return coding.Errorf(coding.EINVALID, "%d column headers given, but the table has %d columns (%s)",
			len(o.Headers), len(t.Header), strings.Join(t.Header, ", "))
	}
	for i, h := range o.Headers {
		if h = strings.TrimSpace(h); h != "" {
			t.Header[i] = h
		}
	}
	if c := strings.TrimSpace(o.Caption); c != "" {
		t.Title = c
	}
	t.Number = strings.TrimSpace(o.Number)
	t.Notes = strings.TrimSpace(o.Notes)
	t.Style = o.Style
	t.Once = o.Continued != nil && !*o.Continued
	if t.Style == "" {
		t.Style = StyleAPA
	}
	return nil
}

// numberLabel is the "Table N" line, or "" without a number.
func (t *table) numberLabel() string {
	if t.Number == "" {
		return ""
	}
	return "Table " + t.Number
}

// noteText is what the note below an APA table says: the intro
// paragraphs, then the user's notes.
func (t *table) noteText() string {
	return strings.Join(append(append([]string(nil), t.Intro...), nonEmpty(t.Notes)...), " ")
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
