package export

import (
	"slices"
	"strings"

	"tessera/coding"
)

// CodeRef names a code in analysis results.
type CodeRef struct {
	ID    string       `json:"id"`
	Name  string       `json:"name"`
	Level coding.Level `json:"level"`
	Color string       `json:"color"`
}

func refOf(c *coding.Code) *CodeRef {
	if c == nil {
		return nil
	}
	return &CodeRef{ID: c.ID, Name: c.Name, Level: c.Level, Color: c.Color}
}

// FacetValue is a code's value of one facet.
type FacetValue struct {
	Facet string `json:"facet"`
	Value string `json:"value"` // "" when neither the code nor its parents set one
	// Inherited is true when the value comes from a theme or dimension
	// above the code.
	Inherited bool `json:"inherited,omitempty"`
}

// GioiaRow is one line of the Gioia data-structure table: a first-order
// concept with its theme and dimension, or a theme without concepts, or a
// dimension without themes (the cells to its left are then nil). Concepts
// without a theme and themes without a dimension have nil cells to the
// right.
type GioiaRow struct {
	// Section is the effective value of the Options.Sections facet for the
	// row's code; "" when sections are off or the code has no value.
	Section string `json:"section,omitempty"`
	// Subsection is the same for the Options.Subsections facet, which
	// splits each section again.
	Subsection string   `json:"subsection,omitempty"`
	Concept    *CodeRef `json:"concept"`
	Theme      *CodeRef `json:"theme"`
	Dimension  *CodeRef `json:"dimension"`
	// ThemeSpan is, on the first row of a theme within a section, the
	// number of consecutive rows the theme cell spans (a merged cell); 0 on
	// the rows it covers and on rows without a theme. DimensionSpan is the
	// same for the dimension cell.
	ThemeSpan     int `json:"theme_span"`
	DimensionSpan int `json:"dimension_span"`
	// Facets holds the row code's effective value of each facet column.
	Facets []FacetValue `json:"facets"`
	// Counts is set when Options.Counts is: the counts of the row's code.
	Counts *Counts `json:"counts,omitempty"`
	// Quote is set when Options.Quotes is and the code has quotes: the
	// first quote chosen for it, else one chosen automatically (see
	// Options.QuoteMode), never the quote of another row.
	Quote *RepresentativeQuote `json:"quote,omitempty"`
	// Sub is set on the rows Options.SubCodes adds: a sub-concept listed
	// under the concept of the row, SubDepth levels below it (1 for a
	// sub-concept of the concept itself). Counts, facets and the quote
	// are then the sub-concept's own.
	Sub      *CodeRef `json:"sub,omitempty"`
	SubDepth int      `json:"sub_depth,omitempty"`
}

// code returns the most specific code of the row.
func (r *GioiaRow) code() *CodeRef {
	switch {
	case r.Sub != nil:
		return r.Sub
	case r.Concept != nil:
		return r.Concept
	case r.Theme != nil:
		return r.Theme
	}
	return r.Dimension
}

// gioiaSpec is the resolved form of the options of the Gioia table.
type gioiaSpec struct {
	facets   []*coding.Facet
	sections *coding.Facet // nil: no sections
	subs     *coding.Facet // nil: no subsections
	counts   bool
	quotes   bool
	subCodes bool
	mode     QuoteMode
}

// resolveGioia checks the options against the project. When strict is
// false, names that match nothing are dropped instead of reported.
func resolveGioia(snap *coding.Snapshot, opt Options, strict bool) (gioiaSpec, error) {
	spec := gioiaSpec{counts: opt.Counts, quotes: opt.Quotes, subCodes: opt.SubCodes, mode: opt.QuoteMode}
	if err := opt.QuoteMode.Validate(); err != nil {
		if strict {
			return spec, err
		}
		spec.mode = QuotesBoth
	}
	if opt.Sections != "" {
		spec.sections = snap.FacetByName(opt.Sections)
		if spec.sections == nil && strict {
			return spec, coding.Errorf(coding.EINVALID, "cannot make sections: the project has no facet %q%s", opt.Sections, knownFacets(snap))
		}
	}
	if opt.Subsections != "" {
		if spec.sections == nil && strict {
			return spec, coding.Errorf(coding.EINVALID, "subsections by %q need sections by another facet first", opt.Subsections)
		}
		spec.subs = snap.FacetByName(opt.Subsections)
		if spec.subs == nil && strict {
			return spec, coding.Errorf(coding.EINVALID, "cannot make subsections: the project has no facet %q%s", opt.Subsections, knownFacets(snap))
		}
		if spec.subs != nil && spec.subs == spec.sections {
			if strict {
				return spec, coding.Errorf(coding.EINVALID, "sections and subsections both use the facet %q", spec.subs.Name)
			}
			spec.subs = nil
		}
		if spec.sections == nil {
			spec.subs = nil
		}
	}
	names := opt.Facets
	if !strict {
		names = nil
		for _, n := range opt.Facets {
			if snap.FacetByName(n) != nil {
				names = append(names, n)
			}
		}
	}
	var err error
	spec.facets, err = facetColumns(snap, names, spec.sections)
	if spec.subs != nil && len(names) == 0 {
		spec.facets = slices.DeleteFunc(spec.facets, func(f *coding.Facet) bool { return f == spec.subs })
	}
	return spec, err
}

// GioiaRows returns the rows of the Gioia data-structure table, in the
// order every table format prints them: by section (the section facet's
// values in order, codes without a value last), by subsection within a
// section the same way, then in codebook order,
// which groups rows by dimension, then theme. Facet and section names that
// match nothing are ignored.
func GioiaRows(snap *coding.Snapshot, opt Options) []GioiaRow {
	spec, _ := resolveGioia(snap, opt, false)
	ix := newIndex(snap)
	ix.reorder(opt.Table.Order)
	return gioiaRows(ix, spec)
}

func gioiaRows(ix *index, spec gioiaSpec) []GioiaRow {
	// One row per concept, and per theme or dimension with nothing below.
	// Sub-codes (a code under a code of its own level) have no row of
	// their own: their quotes count with their parent's. With SubCodes,
	// sub-concepts follow their concept's row, indented.
	var rows []GioiaRow
	for _, c := range ix.order {
		sub := ix.tree.IsSubCode(c)
		switch {
		case c.Retired: // retired codes left the data structure
			continue
		case sub && spec.subCodes && c.Level == coding.LevelConcept:
		case sub:
			continue
		case c.Level != coding.LevelConcept && len(ix.gioiaChildren(c)) > 0:
			continue
		}
		row := GioiaRow{
			Concept:   refOf(ix.tree.Ancestor(c, coding.LevelConcept)),
			Theme:     refOf(ix.tree.Ancestor(c, coding.LevelTheme)),
			Dimension: refOf(ix.tree.Ancestor(c, coding.LevelDimension)),
		}
		if sub {
			row.Sub, row.SubDepth = refOf(c), ix.subDepth(c)
		}
		rows = append(rows, row)
	}
	ch := ix.newChooser(spec.mode, true)
	for i := range rows {
		ix.fillGioiaRow(&rows[i], spec, ch)
	}
	if spec.subs != nil {
		rows = groupSections(rows, spec.subs, func(r *GioiaRow) string { return r.Subsection })
	}
	if spec.sections != nil {
		rows = groupSections(rows, spec.sections, func(r *GioiaRow) string { return r.Section })
	}
	setSpans(rows)
	return rows
}

// fillGioiaRow sets the section, facet values, counts and quote of a row;
// ch chooses the quote.
func (ix *index) fillGioiaRow(r *GioiaRow, spec gioiaSpec, ch *chooser) {
	c := ix.tree.ByID[r.code().ID]
	if spec.sections != nil {
		r.Section, _ = ix.tree.EffectiveFacet(c, spec.sections.ID)
	}
	if spec.subs != nil {
		r.Subsection, _ = ix.tree.EffectiveFacet(c, spec.subs.ID)
	}
	r.Facets = make([]FacetValue, len(spec.facets))
	for i, f := range spec.facets {
		v, inh := ix.tree.EffectiveFacet(c, f.ID)
		r.Facets[i] = FacetValue{Facet: f.Name, Value: v, Inherited: inh}
	}
	if spec.counts {
		n := ix.countsOf(c.ID)
		r.Counts = &n
	}
	if spec.quotes {
		if qs := ch.pick(c.ID, 1); len(qs) > 0 {
			r.Quote = qs[0]
		}
	}
}

// groupSections orders rows by the value key gives, of facet f: the
// facet's values in order, then values the facet no longer lists, then
// rows without a value. Rows keep their order within a group, so grouping
// by subsection and then by section nests the two.
func groupSections(rows []GioiaRow, f *coding.Facet, key func(*GioiaRow) string) []GioiaRow {
	keys := append([]string(nil), f.Values...)
	known := map[string]bool{}
	for _, v := range keys {
		known[strings.ToLower(v)] = true
	}
	for i := range rows {
		if v := key(&rows[i]); v != "" && !known[strings.ToLower(v)] {
			known[strings.ToLower(v)] = true
			keys = append(keys, v)
		}
	}
	keys = append(keys, "")
	out := make([]GioiaRow, 0, len(rows))
	for _, k := range keys {
		for i := range rows {
			if strings.EqualFold(key(&rows[i]), k) {
				out = append(out, rows[i])
			}
		}
	}
	return out
}

// setSpans merges theme and dimension cells over consecutive rows of the
// same section and subsection that share the code. Blank cells never merge.
func setSpans(rows []GioiaRow) {
	span := func(get func(*GioiaRow) *CodeRef, set func(*GioiaRow, int)) {
		for i := 0; i < len(rows); {
			c := get(&rows[i])
			j := i + 1
			for c != nil && j < len(rows) && sameSection(&rows[i], &rows[j]) &&
				get(&rows[j]) != nil && get(&rows[j]).ID == c.ID {
				j++
			}
			if c != nil {
				set(&rows[i], j-i)
			}
			i = j
		}
	}
	span(func(r *GioiaRow) *CodeRef { return r.Theme }, func(r *GioiaRow, n int) { r.ThemeSpan = n })
	span(func(r *GioiaRow) *CodeRef { return r.Dimension }, func(r *GioiaRow, n int) { r.DimensionSpan = n })
}

// sameSection reports whether two rows sit in the same section and
// subsection.
func sameSection(a, b *GioiaRow) bool {
	return a.Section == b.Section && a.Subsection == b.Subsection
}

// gioiaChildren returns the codes the data structure shows below c: its
// children of other levels, with the children of its sub-codes in their
// place (a concept under a sub-theme shows under the theme). Retired codes
// are left out.
func (ix *index) gioiaChildren(c *coding.Code) []*coding.Code {
	var out []*coding.Code
	for _, k := range ix.tree.Children[c.ID] {
		if k.Retired {
			continue
		}
		if k.Level == c.Level {
			out = append(out, ix.gioiaChildren(k)...)
		} else {
			out = append(out, k)
		}
	}
	return out
}

// subDepth returns how many codes of its own level c sits under.
func (ix *index) subDepth(c *coding.Code) int {
	n := 0
	for p := ix.tree.ByID[c.ParentID]; p != nil && p.Level == c.Level; p = ix.tree.ByID[p.ParentID] {
		n++
	}
	return n
}
