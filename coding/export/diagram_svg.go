package export

import (
	"bufio"
	"io"
	"strings"
)

// WriteDiagramSVG draws the page d as SVG: frames, then boxes, then
// connectors with their arrowheads and labels. Every text is escaped.
func WriteDiagramSVG(w io.Writer, d *Diagram) error {
	bw := bufio.NewWriter(w)
	W, H := num(d.W), num(d.H)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + W + `" height="` + H + `" viewBox="0 0 ` + W + " " + H +
		`" font-family="Helvetica, Arial, 'Liberation Sans', sans-serif" font-size="` + num(figFont) + `">` + "\n")
	bw.WriteString("<title>" + xmlText(d.Title) + "</title>\n")
	bw.WriteString(`<rect class="background" x="0" y="0" width="` + W + `" height="` + H + `" fill="#ffffff"/>` + "\n")
	for i := range d.Frames {
		svgShape(bw, &d.Frames[i], true)
	}
	for i := range d.Boxes {
		svgShape(bw, &d.Boxes[i], false)
	}
	for _, c := range d.Connectors {
		p, ok := d.path(c)
		if !ok {
			continue
		}
		stroke := orDefault(c.Stroke, diagramStroke)
		bw.WriteString(`<g class="connector" data-id="` + xmlText(c.ID) + `">` + "\n")
		bw.WriteString(`<path d="` + svgPathData(p) + `" fill="none" stroke="` + stroke + `" stroke-width="1.5"`)
		if c.Dashed {
			bw.WriteString(` stroke-dasharray="6 4"`)
		}
		bw.WriteString("/>\n")
		for _, h := range c.heads(p.flatten()) {
			bw.WriteString(`<polygon points="` + num(h[0].X) + "," + num(h[0].Y) + " " + num(h[1].X) + "," + num(h[1].Y) + " " +
				num(h[2].X) + "," + num(h[2].Y) + `" fill="` + stroke + `"/>` + "\n")
		}
		if c.Label != "" {
			m := p.middle()
			lw, lh := labelSize(c.Label)
			bw.WriteString(`<rect x="` + num(m.X-lw/2) + `" y="` + num(m.Y-lh/2) + `" width="` + num(lw) + `" height="` + num(lh) + `" fill="#ffffff" fill-opacity="0.9"/>` + "\n")
			bw.WriteString(`<text text-anchor="middle" fill="` + diagramText + `">`)
			for i, line := range strings.Split(c.Label, "\n") {
				bw.WriteString(`<tspan x="` + num(m.X) + `" y="` + num(m.Y-lh/2+2+figFont+float64(i)*freeGeom.LineH-1) + `">` + xmlText(line) + "</tspan>")
			}
			bw.WriteString("</text>\n")
		}
		bw.WriteString("</g>\n")
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// svgShape writes a box (text centred) or a frame (label at top left).
func svgShape(bw *bufio.Writer, s *DiagramShape, frame bool) {
	class, fill := "box", orDefault(s.Fill, "#ffffff")
	if frame {
		class, fill = "frame", orDefault(s.Fill, "none")
	}
	bw.WriteString(`<g class="` + class + `" data-id="` + xmlText(s.ID) + `">` + "\n")
	bw.WriteString(`<rect x="` + num(s.X) + `" y="` + num(s.Y) + `" width="` + num(s.W) + `" height="` + num(s.H) + `"`)
	if s.Rounded {
		bw.WriteString(` rx="6"`)
	}
	bw.WriteString(` fill="` + fill + `" stroke="` + orDefault(s.Stroke, diagramStroke) + `" stroke-width="1"`)
	if s.Dashed {
		bw.WriteString(` stroke-dasharray="6 4"`)
	}
	bw.WriteString("/>\n")
	lines := s.lines()
	anchor, x := "middle", s.X+s.W/2
	if frame {
		anchor, x = "start", s.X+diagramPad
	}
	bw.WriteString(`<text text-anchor="` + anchor + `" fill="` + diagramText + `" font-size="` + num(s.fontSize()) + `"`)
	if s.Bold || frame {
		bw.WriteString(` font-weight="bold"`)
	}
	bw.WriteString(">")
	top := s.textTop(len(lines), frame)
	for i, line := range lines {
		bw.WriteString(`<tspan x="` + num(x) + `" y="` + num(top+float64(i)*s.lineHeight()) + `">` + xmlText(line) + "</tspan>")
	}
	bw.WriteString("</text>\n</g>\n")
}

// svgPathData writes a connector's course as SVG path data.
func svgPathData(p diagramPath) string {
	pts := p.Points
	var b strings.Builder
	b.WriteString("M" + num(pts[0].X) + " " + num(pts[0].Y))
	if p.Curve {
		b.WriteString(" C" + num(pts[1].X) + " " + num(pts[1].Y) + " " + num(pts[2].X) + " " + num(pts[2].Y) + " " + num(pts[3].X) + " " + num(pts[3].Y))
		return b.String()
	}
	for _, pt := range pts[1:] {
		b.WriteString(" L" + num(pt.X) + " " + num(pt.Y))
	}
	return b.String()
}
