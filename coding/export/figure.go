package export

import (
	"tessera/coding"
)

// Geometry of the data-structure figure, in pixels at 1x. Text sizes are
// estimated from character counts at a fixed font size, so the layout is
// the same on every machine.
const (
	figFont      = 12.0
	figLineH     = 15.0
	figPad       = 7.0
	figMargin    = 20.0
	figHeaderH   = 36.0
	figConceptW  = 300.0
	figThemeW    = 220.0
	figDimW      = 190.0
	figColGap    = 70.0 // room for the brackets between columns
	figBracket   = 22.0 // distance of a bracket's spine from the boxes
	figGapBox    = 8.0  // between concepts of a theme
	figGapTheme  = 18.0 // between themes of a dimension
	figGapGroups = 32.0 // between dimensions and ungrouped codes
)

// Column positions.
const (
	figConceptX = figMargin
	figThemeX   = figConceptX + figConceptW + figColGap
	figDimX     = figThemeX + figThemeW + figColGap
	figWidth    = figDimX + figDimW + figMargin
)

// figBox is a code's box with its wrapped lines.
type figBox struct {
	X, Y, W, H float64
	Lines      []string
	Code       *coding.Code
}

// figPath is a polyline of horizontal and vertical segments.
type figPath []figPoint

type figPoint struct{ X, Y float64 }

// figure is the laid-out data structure.
type figure struct {
	Title  string
	W, H   float64
	Boxes  []figBox
	Paths  []figPath
	Header [3]string
}

// layoutFigure places every code of the codebook: concepts in the left
// column, themes in the middle, dimensions on the right, each parent
// centred on its children, with brackets joining them.
func layoutFigure(snap *coding.Snapshot) *figure {
	ix := newIndex(snap)
	f := &figure{
		Title:  "Data structure: " + snap.Project.Name,
		W:      figWidth,
		Header: [3]string{headConcept, headTheme, headDimension},
	}
	y := figMargin + figHeaderH
	roots := ix.tree.Children[""]
	sorted := append([]*coding.Code(nil), roots...)
	sortByRank(sorted, ix.rank)
	for i, r := range sorted {
		if i > 0 {
			y += figGapGroups
		}
		y += f.place(ix, r, y)
	}
	f.H = y + figMargin
	return f
}

// place lays out code c and everything below it from the top y, and
// returns the height used.
func (f *figure) place(ix *index, c *coding.Code, y float64) float64 {
	kids := ix.gioiaChildren(c)
	x, w := columnOf(c.Level)
	box := figBox{X: x, W: w, Code: c, Lines: wrapText(c.Name, w-2*figPad, c.Level == coding.LevelDimension)}
	box.H = float64(len(box.Lines))*figLineH + 2*figPad
	if len(kids) == 0 {
		box.Y = y
		f.Boxes = append(f.Boxes, box)
		return box.H
	}

	// Lay the children out in a scratch figure to learn their height,
	// then shift them so that they and the parent share a centre.
	gap := figGapBox
	if c.Level == coding.LevelDimension {
		gap = figGapTheme
	}
	var sub figure
	var anchors []int // index in sub.Boxes of each child's own box
	h := 0.0
	for i, k := range kids {
		if i > 0 {
			h += gap
		}
		h += sub.place(ix, k, h)
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
	f.Boxes = append(f.Boxes, sub.Boxes...)
	f.Paths = append(f.Paths, sub.Paths...)
	f.Boxes = append(f.Boxes, box)

	// The bracket: a tick from each child, a spine, a stem to the parent.
	spine := box.X - figColGap + figBracket
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

// columnOf returns the x and width of a level's column.
func columnOf(l coding.Level) (float64, float64) {
	switch l {
	case coding.LevelTheme:
		return figThemeX, figThemeW
	case coding.LevelDimension:
		return figDimX, figDimW
	}
	return figConceptX, figConceptW
}
