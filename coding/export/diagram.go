package export

import (
	"math"
	"strings"
)

// Diagram is one page of a drawing made of frames, boxes and connectors
// between them. It is the common form of every figure Tessera exports as
// editable slides (PPTX, see WriteDiagramPPTX) and draw.io files
// (WriteDiagramDrawio), and also as SVG, PNG and PDF. Coordinates and
// sizes are CSS pixels (1/96 inch) from the page's top left corner.
type Diagram struct {
	// Title names the page (the SVG title, the slide and draw.io page name).
	Title string
	// W and H are the page size.
	W, H float64
	// Frames are drawn first, under the boxes: labelled groups such as
	// phases. Their label sits at their top left.
	Frames []DiagramShape
	// Boxes hold centred text.
	Boxes []DiagramShape
	// Connectors join boxes and frames, drawn last.
	Connectors []DiagramConnector
}

// DiagramShape is a box or a frame. IDs must be unique within a page.
type DiagramShape struct {
	ID         string
	X, Y, W, H float64
	// Text may hold line breaks; writers wrap it to the shape's width.
	Text string
	// Fill and Stroke are #rrggbb colours; "" means white fill (none for
	// frames) and a dark grey outline.
	Fill, Stroke string
	// Bold sets the text in bold; Dashed draws a dashed outline.
	Bold, Dashed bool
	// FontSize is in CSS pixels (0.75 pt each: 12 px prints at 9 pt, and
	// the PPTX and PDF keep that scale); 0 means 12.
	FontSize float64
	// Rounded rounds the corners (boxes only).
	Rounded bool
}

// Connector routes: a straight line, a line of horizontal and vertical
// segments (elbow), or a curve.
const (
	RouteStraight = "straight"
	RouteElbow    = "elbow"
	RouteCurved   = "curved"
)

// DiagramConnector is a line from one shape to another.
type DiagramConnector struct {
	ID string
	// From and To are IDs of boxes or frames of the page.
	From, To string
	// Label is written at the middle of the line.
	Label string
	// Dashed draws the line dashed.
	Dashed bool
	// StartArrow and EndArrow put an arrowhead at either end.
	StartArrow, EndArrow bool
	// Route is RouteStraight ("" too), RouteElbow or RouteCurved.
	Route string
	// Stroke is a #rrggbb colour; "" means dark grey.
	Stroke string
}

// Defaults of diagram drawing.
const (
	diagramStroke = "#333333"
	diagramText   = "#1a1a1a"
	diagramPad    = 6.0
	diagramArrow  = 9.0 // arrowhead length
)

// Sides of a shape where a connector attaches, numbered as the connection
// sites of DrawingML's rect preset: top, left, bottom, right.
const (
	sideTop = iota
	sideLeft
	sideBottom
	sideRight
)

// shape returns the box or frame with id, or nil.
func (d *Diagram) shape(id string) *DiagramShape {
	for i := range d.Boxes {
		if d.Boxes[i].ID == id {
			return &d.Boxes[i]
		}
	}
	for i := range d.Frames {
		if d.Frames[i].ID == id {
			return &d.Frames[i]
		}
	}
	return nil
}

// fontSize returns the shape's font size.
func (s *DiagramShape) fontSize() float64 {
	if s.FontSize > 0 {
		return s.FontSize
	}
	return figFont
}

// lines wraps the shape's text to its width, paragraph by paragraph.
func (s *DiagramShape) lines() []string {
	var out []string
	width := (s.W - 2*diagramPad) * figFont / s.fontSize()
	for _, para := range strings.Split(s.Text, "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, wrapText(para, max(width, figFont), s.Bold)...)
	}
	return out
}

// lineHeight is the distance between baselines of the shape's text.
func (s *DiagramShape) lineHeight() float64 { return s.fontSize() * freeGeom.LineH / figFont }

// textTop returns the baseline of the first line of n lines: centred in a
// box, at the top of a frame.
func (s *DiagramShape) textTop(n int, frame bool) float64 {
	fs, lh := s.fontSize(), s.lineHeight()
	if frame {
		return s.Y + diagramPad + fs
	}
	return s.Y + (s.H-float64(n)*lh)/2 + fs - 0.5*fs/figFont
}

// side returns the middle of one side of the shape.
func (s *DiagramShape) side(n int) figPoint {
	switch n {
	case sideTop:
		return figPoint{s.X + s.W/2, s.Y}
	case sideLeft:
		return figPoint{s.X, s.Y + s.H/2}
	case sideBottom:
		return figPoint{s.X + s.W/2, s.Y + s.H}
	}
	return figPoint{s.X + s.W, s.Y + s.H/2}
}

// ends chooses where connector c leaves its start and meets its end: the
// facing sides, left and right when the shapes sit more beside than above
// each other. ok is false when a shape is missing.
func (d *Diagram) ends(c DiagramConnector) (a, b *DiagramShape, sa, sb int, ok bool) {
	a, b = d.shape(c.From), d.shape(c.To)
	if a == nil || b == nil {
		return nil, nil, 0, 0, false
	}
	dx := (b.X + b.W/2) - (a.X + a.W/2)
	dy := (b.Y + b.H/2) - (a.Y + a.H/2)
	// Compare the gaps between the shapes rather than their centres, so
	// that shapes stacked in a column join top to bottom.
	gapX := math.Abs(dx) - (a.W+b.W)/2
	gapY := math.Abs(dy) - (a.H+b.H)/2
	// Elbows and curves always leave sideways, as DrawingML's bent and
	// curved connectors do.
	sideways := gapX >= gapY || c.Route == RouteElbow || c.Route == RouteCurved
	switch {
	case sideways && dx >= 0:
		sa, sb = sideRight, sideLeft
	case sideways:
		sa, sb = sideLeft, sideRight
	case dy >= 0:
		sa, sb = sideBottom, sideTop
	default:
		sa, sb = sideTop, sideBottom
	}
	return a, b, sa, sb, true
}

// diagramPath is a connector's drawn course: a polyline, or for a curve a
// cubic Bézier (4 points).
type diagramPath struct {
	Points []figPoint
	Curve  bool
}

// path returns the course of connector c and false when a shape is
// missing.
func (d *Diagram) path(c DiagramConnector) (diagramPath, bool) {
	a, b, sa, sb, ok := d.ends(c)
	if !ok {
		return diagramPath{}, false
	}
	p, q := a.side(sa), b.side(sb)
	horizontal := sa == sideLeft || sa == sideRight
	switch c.Route {
	case RouteElbow:
		if horizontal {
			mx := (p.X + q.X) / 2
			return diagramPath{Points: []figPoint{p, {mx, p.Y}, {mx, q.Y}, q}}, true
		}
		my := (p.Y + q.Y) / 2
		return diagramPath{Points: []figPoint{p, {p.X, my}, {q.X, my}, q}}, true
	case RouteCurved:
		if horizontal {
			mx := (p.X + q.X) / 2
			return diagramPath{Points: []figPoint{p, {mx, p.Y}, {mx, q.Y}, q}, Curve: true}, true
		}
		my := (p.Y + q.Y) / 2
		return diagramPath{Points: []figPoint{p, {p.X, my}, {q.X, my}, q}, Curve: true}, true
	}
	return diagramPath{Points: []figPoint{p, q}}, true
}

// flatten returns the path as a polyline (curves in 24 steps).
func (p diagramPath) flatten() []figPoint {
	if !p.Curve {
		return p.Points
	}
	a, b, c, d := p.Points[0], p.Points[1], p.Points[2], p.Points[3]
	out := make([]figPoint, 0, 25)
	for i := 0; i <= 24; i++ {
		t := float64(i) / 24
		u := 1 - t
		out = append(out, figPoint{
			u*u*u*a.X + 3*u*u*t*b.X + 3*u*t*t*c.X + t*t*t*d.X,
			u*u*u*a.Y + 3*u*u*t*b.Y + 3*u*t*t*c.Y + t*t*t*d.Y,
		})
	}
	return out
}

// middle returns the point halfway along the path, where its label goes.
func (p diagramPath) middle() figPoint {
	pts := p.flatten()
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += dist(pts[i-1], pts[i])
	}
	half := total / 2
	for i := 1; i < len(pts); i++ {
		l := dist(pts[i-1], pts[i])
		if l >= half && l > 0 {
			t := half / l
			return figPoint{pts[i-1].X + t*(pts[i].X-pts[i-1].X), pts[i-1].Y + t*(pts[i].Y-pts[i-1].Y)}
		}
		half -= l
	}
	return pts[0]
}

func dist(a, b figPoint) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// arrowHead returns the three corners of an arrowhead whose tip is at
// tip, pointing away from from.
func arrowHead(from, tip figPoint) [3]figPoint {
	l := dist(from, tip)
	if l == 0 {
		return [3]figPoint{tip, tip, tip}
	}
	ux, uy := (tip.X-from.X)/l, (tip.Y-from.Y)/l
	bx, by := tip.X-ux*diagramArrow, tip.Y-uy*diagramArrow
	w := diagramArrow * 0.45
	return [3]figPoint{tip, {bx - uy*w, by + ux*w}, {bx + uy*w, by - ux*w}}
}

// heads returns the arrowheads connector c draws along its flattened
// course pts.
func (c DiagramConnector) heads(pts []figPoint) [][3]figPoint {
	var out [][3]figPoint
	if c.EndArrow && len(pts) > 1 {
		out = append(out, arrowHead(pts[len(pts)-2], pts[len(pts)-1]))
	}
	if c.StartArrow && len(pts) > 1 {
		out = append(out, arrowHead(pts[1], pts[0]))
	}
	return out
}

// labelSize estimates the size of a connector's label box.
func labelSize(s string) (w, h float64) {
	lines := strings.Split(s, "\n")
	for _, l := range lines {
		w = max(w, textWidth(l, false))
	}
	return w + 2*4, float64(len(lines))*freeGeom.LineH + 4
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
