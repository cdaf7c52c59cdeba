package export

import (
	"slices"
	"strings"

	"tessera/coding"
)

// Quotes per row of the supporting-data table that automatic choice gives.
const (
	DefaultPerRow = 3
	MaxPerRow     = 6
)

// Column headers of the supporting-data table.
const (
	headQuoteText = "Representative quotes"
	headInformant = "Informant"
	headRole      = "Role"
	headCase      = "Case"
)

// SupportingRow is one row of the representative supporting-data table:
// a theme (or, at Options.Level concept, a concept) with its dimension
// and the quotes printed for it. Rows come grouped by dimension, then
// theme, in codebook order (Options.Table.Order), within sections.
type SupportingRow struct {
	Section    string   `json:"section,omitempty"`
	Subsection string   `json:"subsection,omitempty"`
	Dimension  *CodeRef `json:"dimension"`
	Theme      *CodeRef `json:"theme"`
	// Concept is set on concept rows (Options.Level concept).
	Concept *CodeRef `json:"concept"`
	// DimensionSpan and ThemeSpan count the rows the dimension and theme
	// cells span, on the first row they cover; 0 below.
	DimensionSpan int          `json:"dimension_span"`
	ThemeSpan     int          `json:"theme_span"`
	Facets        []FacetValue `json:"facets"`
	// Quotes are the chosen quotes in order, or those chosen
	// automatically where none is (see Options.QuoteMode).
	Quotes []*RepresentativeQuote `json:"quotes"`
}

// supportSpec is the resolved form of the supporting-data options.
type supportSpec struct {
	gioiaSpec
	concepts bool
	perRow   int
}

// resolveSupporting checks the options of the supporting-data table.
// When strict is false, facet names that match nothing are dropped
// instead of reported; a bad level or count of quotes is always an error.
func resolveSupporting(snap *coding.Snapshot, opt Options, strict bool) (supportSpec, error) {
	g, err := resolveGioia(snap, opt, strict)
	spec := supportSpec{gioiaSpec: g, perRow: opt.PerRow}
	if err != nil {
		return spec, err
	}
	if err := opt.QuoteMode.Validate(); err != nil {
		return spec, err
	}
	if opt.Level != "" && !slices.Contains(supportingLevels, string(opt.Level)) {
		return spec, coding.Errorf(coding.EINVALID, "the supporting-data table has rows by %s, not %q", strings.Join(supportingLevels, " or "), opt.Level)
	}
	spec.concepts = opt.Level == coding.LevelConcept
	switch {
	case spec.perRow == 0:
		spec.perRow = DefaultPerRow
	case spec.perRow < 1 || spec.perRow > MaxPerRow:
		return spec, coding.Errorf(coding.EINVALID, "quotes per row must be between 1 and %d, not %d", MaxPerRow, spec.perRow)
	}
	return spec, nil
}

// SupportingRows returns the rows of the supporting-data table, as its
// table formats print them. Facet names that match nothing are ignored;
// a level other than theme or concept, a quote mode other than chosen,
// auto or both, or a count of quotes per row out of range is EINVALID.
func SupportingRows(snap *coding.Snapshot, opt Options) ([]SupportingRow, error) {
	spec, err := resolveSupporting(snap, opt, false)
	if err != nil {
		return nil, err
	}
	ix := newIndex(snap)
	ix.reorder(opt.Table.Order)
	out := []SupportingRow{}
	for _, r := range supportingRows(ix, spec) {
		out = append(out, SupportingRow{
			Section: r.Section, Subsection: r.Subsection,
			Dimension: r.Dimension, Theme: r.Theme, Concept: r.Concept,
			DimensionSpan: r.DimensionSpan, ThemeSpan: r.ThemeSpan,
			Facets: r.Facets, Quotes: nonNilQuotes(r.quotes),
		})
	}
	return out, nil
}

func nonNilQuotes(qs []*RepresentativeQuote) []*RepresentativeQuote {
	if qs == nil {
		return []*RepresentativeQuote{}
	}
	return qs
}

// supportRow is a Gioia row with the quotes printed for it.
type supportRow struct {
	GioiaRow
	quotes []*RepresentativeQuote
}

// supportingRows lays out the rows: concept rows as in the Gioia table,
// or one row per theme, and per concept or dimension outside any theme.
// Quotes are chosen in row order, so a quote serves one row only.
func supportingRows(ix *index, spec supportSpec) []supportRow {
	g := spec.gioiaSpec
	g.quotes, g.counts = false, false
	var rows []GioiaRow
	if spec.concepts {
		rows = gioiaRows(ix, g)
	} else {
		for _, c := range ix.order {
			if c.Retired || ix.tree.IsSubCode(c) {
				continue
			}
			theme := ix.tree.Ancestor(c, coding.LevelTheme)
			switch {
			case c.Level == coding.LevelTheme:
			case c.Level == coding.LevelConcept && theme == nil:
			case c.Level == coding.LevelDimension && len(ix.gioiaChildren(c)) == 0:
			default:
				continue
			}
			rows = append(rows, GioiaRow{
				Concept:   refOf(ix.tree.Ancestor(c, coding.LevelConcept)),
				Theme:     refOf(theme),
				Dimension: refOf(ix.tree.Ancestor(c, coding.LevelDimension)),
			})
		}
		for i := range rows {
			ix.fillGioiaRow(&rows[i], g, nil)
		}
		if g.subs != nil {
			rows = groupSections(rows, g.subs, func(r *GioiaRow) string { return r.Subsection })
		}
		if g.sections != nil {
			rows = groupSections(rows, g.sections, func(r *GioiaRow) string { return r.Section })
		}
		setSpans(rows)
	}
	ch := ix.newChooser(spec.mode, true)
	out := make([]supportRow, len(rows))
	for i, r := range rows {
		out[i] = supportRow{GioiaRow: r, quotes: ch.pick(r.code().ID, spec.perRow)}
	}
	return out
}
