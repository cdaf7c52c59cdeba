package export

import (
	"strings"

	"tessera/coding"
)

// Ways to split the data-structure figure into several figures.
const (
	// SplitDimension draws one figure per aggregate dimension (codes
	// outside every dimension make one more).
	SplitDimension = "dimension"
	// SplitSection draws one figure per value of the Options.Sections
	// facet, holding the concepts that carry it and the codes above them.
	SplitSection = "section"
)

// Page sizes of the figure, in points.
const (
	PageA4     = "a4"
	PageLetter = "letter"
)

// Page orientations.
const (
	Portrait  = "portrait"
	Landscape = "landscape"
)

// FigureOptions shape the data-structure figure. Its column headings are
// Options.Table.Headers (concepts, themes, dimensions), the section
// facet is Options.Sections.
type FigureOptions struct {
	// Split is "" (one figure), SplitDimension or SplitSection.
	Split string `json:"split,omitempty"`
	// Page is "" (the figure grows to fit its codes), PageA4 or
	// PageLetter: the figure is set at 9 pt and split across as many
	// pages as it needs, each with the column headings. The PDF format
	// uses A4 when no page is given.
	Page string `json:"page,omitempty"`
	// Orientation is Portrait (default) or Landscape.
	Orientation string `json:"orientation,omitempty"`
	// Badges names the facets whose values are shown as badges on the
	// themes (their own value or the one inherited from the dimension);
	// empty shows none.
	Badges []string `json:"badges,omitempty"`
}

// Validate reports options no figure can use.
func (o FigureOptions) Validate() error {
	switch o.Split {
	case "", SplitDimension, SplitSection:
	default:
		return coding.Errorf(coding.EINVALID, "figure split %q is not dimension or section", o.Split)
	}
	switch strings.ToLower(o.Page) {
	case "", PageA4, PageLetter:
	default:
		return coding.Errorf(coding.EINVALID, "page size %q is not a4 or letter", o.Page)
	}
	switch o.Orientation {
	case "", Portrait, Landscape:
	default:
		return coding.Errorf(coding.EINVALID, "page orientation %q is not portrait or landscape", o.Orientation)
	}
	if o.Orientation != "" && o.Page == "" {
		return coding.Errorf(coding.EINVALID, "a page orientation needs a page size (a4 or letter)")
	}
	return nil
}

// pageSize returns the page's width and height in points, or zeros for a
// figure that grows; fallback is the page used when none is chosen.
func (o FigureOptions) pageSize(fallback string) (float64, float64) {
	var w, h float64
	page := strings.ToLower(o.Page)
	if page == "" {
		page = fallback
	}
	switch page {
	case PageA4:
		w, h = 595.28, 841.89
	case PageLetter:
		w, h = 612, 792
	default:
		return 0, 0
	}
	if o.Orientation == Landscape {
		w, h = h, w
	}
	return w, h
}
