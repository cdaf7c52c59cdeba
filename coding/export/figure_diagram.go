package export

import (
	"io"
	"strconv"
	"strings"

	"tessera/coding"
)

// writeGioiaPPTX writes every page of the data-structure figure as a
// slide of native shapes: a rounded rectangle per code, headings and
// caption as text boxes, and an elbow connector from each code to the one
// it belongs to, all editable in PowerPoint and LibreOffice Impress.
func writeGioiaPPTX(w io.Writer, snap *coding.Snapshot, opt Options) error {
	return writeFigureDiagrams(w, snap, opt, WriteDiagramPPTX)
}

// writeGioiaDrawio writes every page of the figure as a page of a draw.io
// diagram with the same shapes and connectors.
func writeGioiaDrawio(w io.Writer, snap *coding.Snapshot, opt Options) error {
	return writeFigureDiagrams(w, snap, opt, WriteDiagramDrawio)
}

func writeFigureDiagrams(w io.Writer, snap *coding.Snapshot, opt Options, write func(io.Writer, []*Diagram) error) error {
	pages, err := figurePages(snap, opt, "")
	if err != nil {
		return err
	}
	diagrams := make([]*Diagram, len(pages))
	for i, f := range pages {
		diagrams[i] = f.diagram()
	}
	return write(w, diagrams)
}

// diagram turns the laid-out page into a diagram. Diagrams measure in
// CSS pixels: a page set in points is scaled by 96/72, so its text keeps
// its size in points on the slide.
func (f *figure) diagram() *Diagram {
	g := f.Geom
	k := 1.0
	if g.PageW > 0 {
		k = 96.0 / 72
	}
	d := &Diagram{Title: f.Title, W: f.W * k, H: f.H * k}
	label := func(id, text string, x, y, w, h float64) {
		d.Boxes = append(d.Boxes, DiagramShape{ID: id, Text: text, X: x * k, Y: y * k, W: w * k, H: h * k,
			Fill: "none", Stroke: "none", Bold: true, FontSize: g.Font * k})
	}
	if f.Caption != "" {
		label("caption", f.Caption, g.Margin, g.Margin-g.Pad, f.W-2*g.Margin, g.LineH+2*g.Pad)
	}
	for i, level := range []coding.Level{coding.LevelConcept, coding.LevelTheme, coding.LevelDimension} {
		x, cw := g.columnOf(level)
		top := f.headerBaseline() - g.Font - g.Pad
		label("heading-"+strconv.Itoa(i+1), f.Header[i], x, top, cw, g.LineH+2*g.Pad)
	}
	for i, b := range f.Boxes {
		fill, weight := boxStyle(b.Code.Level)
		// The lines as drawn (a continued code says so); badges follow as
		// paragraphs of their own.
		text := strings.Join(b.Lines, " ")
		for _, bd := range b.Badges {
			text += "\n[" + bd.Value + "]"
		}
		d.Boxes = append(d.Boxes, DiagramShape{ID: "code-" + strconv.Itoa(i+1), Text: text,
			X: b.X * k, Y: b.Y * k, W: b.W * k, H: b.H * k, Fill: fill, Bold: weight != "", FontSize: g.Font * k, Rounded: true})
	}
	for i, l := range f.Links {
		d.Connectors = append(d.Connectors, DiagramConnector{ID: "link-" + strconv.Itoa(i+1),
			From: "code-" + strconv.Itoa(l.Child+1), To: "code-" + strconv.Itoa(l.Parent+1), Route: RouteElbow, Stroke: "#555555"})
	}
	return d
}
