package export

import (
	"tessera/coding"
)

// figGeom is the geometry of the data-structure figure: font size, box
// padding, gaps and column widths, in pixels at 1x for a free-size figure
// and in points on a page. Text widths are estimated from character
// counts, so the layout is the same on every machine.
type figGeom struct {
	Font, LineH, Pad, Margin, HeaderH float64
	ConceptW, ThemeW, DimW            float64
	ColGap                            float64 // room for the brackets between columns
	Bracket                           float64 // distance of a bracket's spine from the boxes
	GapBox                            float64 // between concepts of a theme
	GapTheme                          float64 // between themes of a dimension
	GapGroups                         float64 // between dimensions and ungrouped codes
	// PageW and PageH are the page size; 0 lets the figure grow to fit.
	PageW, PageH float64
}

// freeGeom is the figure that grows in height with the codebook.
var freeGeom = figGeom{
	Font: 12, LineH: 15, Pad: 7, Margin: 20, HeaderH: 36,
	ConceptW: 300, ThemeW: 220, DimW: 190,
	ColGap: 70, Bracket: 22, GapBox: 8, GapTheme: 18, GapGroups: 32,
}

// figFont is the font size of the free-size figure.
const figFont = 12.0

// pageFont is the font size on a page, in points: the smallest text
// (badges) stays at 8 pt or more.
const pageFont = 9.0

// pageGeom fits the figure's three columns across a page of w x h
// points: the text is set at pageFont and the columns share the width
// the margins and brackets leave, in the free figure's proportions.
func pageGeom(w, h float64) figGeom {
	k := pageFont / freeGeom.Font
	g := figGeom{
		Font: pageFont, LineH: freeGeom.LineH * k, Pad: freeGeom.Pad * k, Margin: 36, HeaderH: freeGeom.HeaderH * k,
		ColGap: freeGeom.ColGap * k, Bracket: freeGeom.Bracket * k,
		GapBox: freeGeom.GapBox * k, GapTheme: freeGeom.GapTheme * k, GapGroups: freeGeom.GapGroups * k,
		PageW: w, PageH: h,
	}
	cols := w - 2*g.Margin - 2*g.ColGap
	sum := freeGeom.ConceptW + freeGeom.ThemeW + freeGeom.DimW
	g.ConceptW = cols * freeGeom.ConceptW / sum
	g.ThemeW = cols * freeGeom.ThemeW / sum
	g.DimW = cols * freeGeom.DimW / sum
	return g
}

// width is the width of the drawing.
func (g figGeom) width() float64 {
	if g.PageW > 0 {
		return g.PageW
	}
	return g.Margin + g.ConceptW + g.ColGap + g.ThemeW + g.ColGap + g.DimW + g.Margin
}

// columnOf returns the x and width of a level's column.
func (g figGeom) columnOf(l coding.Level) (float64, float64) {
	conceptX := g.Margin
	themeX := conceptX + g.ConceptW + g.ColGap
	switch l {
	case coding.LevelTheme:
		return themeX, g.ThemeW
	case coding.LevelDimension:
		return themeX + g.ThemeW + g.ColGap, g.DimW
	}
	return conceptX, g.ConceptW
}

// badgeFont is the font size of the facet badges on themes.
func (g figGeom) badgeFont() float64 { return max(8, g.Font*0.85) }

// badgeH is the height of one badge.
func (g figGeom) badgeH() float64 { return g.badgeFont() + 5 }

// figBox is a code's box with its wrapped lines and the facet badges
// drawn inside it.
type figBox struct {
	X, Y, W, H float64
	Lines      []string
	Badges     []figBadge
	Code       *coding.Code
}

// figBadge is a facet value shown on a theme.
type figBadge struct {
	Facet, Value string
}

// figPath is a polyline of horizontal and vertical segments.
type figPath []figPoint

type figPoint struct{ X, Y float64 }

// figure is one laid-out page of the data structure.
type figure struct {
	Geom  figGeom
	Title string
	// Caption is drawn above the column headers; "" draws none.
	Caption string
	W, H    float64
	Boxes   []figBox
	Paths   []figPath
	Header  [3]string
	// Links join each box (its index in Boxes) to its parent's.
	Links []figLink
}

// figLink joins a child's box to its parent's, by index in Boxes.
type figLink struct{ Child, Parent int }

// top is where the first box may start.
func (f *figure) top() float64 {
	y := f.Geom.Margin + f.Geom.HeaderH
	if f.Caption != "" {
		y += f.Geom.LineH * 1.5
	}
	return y
}

// headerBaseline is the baseline of the column headers.
func (f *figure) headerBaseline() float64 {
	y := f.Geom.Margin + f.Geom.Font
	if f.Caption != "" {
		y += f.Geom.LineH * 1.5
	}
	return y
}

// layout places the roots one under the other from the top of the page,
// and sets the figure's size: the page's, or what the boxes need.
func (f *figure) layout(roots []*figNode) {
	y := f.top()
	for i, r := range roots {
		if i > 0 {
			y += f.Geom.GapGroups
		}
		y += f.place(r, y)
	}
	f.W, f.H = f.Geom.width(), y+f.Geom.Margin
	if f.Geom.PageH > 0 {
		f.H = f.Geom.PageH
	}
}

// box makes the box of node n at its column, with its lines wrapped.
func (f *figure) box(n *figNode) figBox {
	g := f.Geom
	c := n.Code
	x, w := g.columnOf(c.Level)
	name := c.Name
	if n.Cont {
		name += " (continued)"
	}
	// textWidth estimates at figFont; scale the width to the font in use.
	b := figBox{X: x, W: w, Code: c, Badges: n.Badges,
		Lines: wrapText(name, (w-2*g.Pad)*figFont/g.Font, c.Level == coding.LevelDimension)}
	b.H = float64(len(b.Lines))*g.LineH + 2*g.Pad + float64(len(b.Badges))*(g.badgeH()+3)
	return b
}

// place lays out node n and everything below it from the top y, and
// returns the height used.
func (f *figure) place(n *figNode, y float64) float64 {
	g := f.Geom
	box := f.box(n)
	if len(n.Kids) == 0 {
		box.Y = y
		f.Boxes = append(f.Boxes, box)
		return box.H
	}

	// Lay the children out in a scratch figure to learn their height,
	// then shift them so that they and the parent share a centre.
	gap := g.GapBox
	if n.Code.Level == coding.LevelDimension {
		gap = g.GapTheme
	}
	sub := figure{Geom: g}
	var anchors []int // index in sub.Boxes of each child's own box
	h := 0.0
	for i, k := range n.Kids {
		if i > 0 {
			h += gap
		}
		h += sub.place(k, h)
		// place appends a code's own box after the boxes below it.
		anchors = append(anchors, len(sub.Boxes)-1)
	}
	total := max(h, box.H)
	dy := y + (total-h)/2
	for i := range sub.Boxes {
		sub.Boxes[i].Y += dy
	}
	for _, p := range sub.Paths {
		for i := range p {
			p[i].Y += dy
		}
	}
	box.Y = y + (total-box.H)/2
	base := len(f.Boxes)
	for _, l := range sub.Links {
		f.Links = append(f.Links, figLink{l.Child + base, l.Parent + base})
	}
	for _, a := range anchors {
		f.Links = append(f.Links, figLink{a + base, base + len(sub.Boxes)})
	}
	f.Boxes = append(f.Boxes, sub.Boxes...)
	f.Paths = append(f.Paths, sub.Paths...)
	f.Boxes = append(f.Boxes, box)

	// The bracket: a tick from each child, a spine, a stem to the parent.
	spine := box.X - g.ColGap + g.Bracket
	mid := box.Y + box.H/2
	top, bottom := mid, mid
	for _, a := range anchors {
		k := sub.Boxes[a]
		cy := k.Y + k.H/2
		f.Paths = append(f.Paths, figPath{{k.X + k.W, cy}, {spine, cy}})
		top, bottom = min(top, cy), max(bottom, cy)
	}
	f.Paths = append(f.Paths, figPath{{spine, top}, {spine, bottom}}, figPath{{spine, mid}, {box.X, mid}})
	return total
}

// height is the height the roots need below the headers.
func (g figGeom) height(roots []*figNode) float64 {
	f := figure{Geom: g}
	h := 0.0
	for i, r := range roots {
		if i > 0 {
			h += g.GapGroups
		}
		h += f.place(r, h)
	}
	return h
}
