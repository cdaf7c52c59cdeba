package export

import (
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"tessera/coding"
)

// ptPerPx converts CSS pixels to PDF points.
const ptPerPx = 0.75

// WriteDiagramPDF writes the pages as a vector PDF, one PDF page per
// page, each the size of its drawing, drawn as WriteDiagramSVG draws it.
// Text is set in the Go fonts, embedded, so any Latin, Greek or Cyrillic
// label prints as typed.
func WriteDiagramPDF(w io.Writer, pages []*Diagram) error {
	if len(pages) == 0 {
		return coding.Errorf(coding.EINVALID, "nothing to draw: no page")
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pages[0].W * ptPerPx, Ht: pages[0].H * ptPerPx}})
	// A fixed date keeps the same drawing's PDF byte for byte the same.
	pdf.SetCreationDate(time.Unix(0, 0).UTC())
	pdf.SetModificationDate(time.Unix(0, 0).UTC())
	pdf.SetCatalogSort(true)
	pdf.SetCreator("Tessera", true)
	pdf.SetTitle(pages[0].Title, true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	for _, d := range pages {
		// "P" keeps width and height as given ("L" would swap them).
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: d.W * ptPerPx, Ht: d.H * ptPerPx})
		pdfPage(pdf, d)
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// pdfPage draws one page.
func pdfPage(pdf *fpdf.Fpdf, d *Diagram) {
	for i := range d.Frames {
		pdfShape(pdf, &d.Frames[i], true)
	}
	for i := range d.Boxes {
		pdfShape(pdf, &d.Boxes[i], false)
	}
	for _, c := range d.Connectors {
		p, ok := d.path(c)
		if !ok {
			continue
		}
		setColor(pdf.SetDrawColor, orDefault(c.Stroke, diagramStroke))
		setColor(pdf.SetFillColor, orDefault(c.Stroke, diagramStroke))
		pdf.SetLineWidth(1.5 * ptPerPx)
		if c.Dashed {
			pdf.SetDashPattern([]float64{6 * ptPerPx, 4 * ptPerPx}, 0)
		}
		pts := p.Points
		if p.Curve {
			pdf.CurveBezierCubic(pt(pts[0].X), pt(pts[0].Y), pt(pts[1].X), pt(pts[1].Y), pt(pts[2].X), pt(pts[2].Y), pt(pts[3].X), pt(pts[3].Y), "D")
		} else {
			for i := 1; i < len(pts); i++ {
				pdf.Line(pt(pts[i-1].X), pt(pts[i-1].Y), pt(pts[i].X), pt(pts[i].Y))
			}
		}
		pdf.SetDashPattern(nil, 0)
		for _, h := range c.heads(p.flatten()) {
			pdf.Polygon([]fpdf.PointType{{X: pt(h[0].X), Y: pt(h[0].Y)}, {X: pt(h[1].X), Y: pt(h[1].Y)}, {X: pt(h[2].X), Y: pt(h[2].Y)}}, "F")
		}
		if c.Label != "" {
			m := p.middle()
			lw, lh := labelSize(c.Label)
			pdf.SetFillColor(255, 255, 255)
			pdf.Rect(pt(m.X-lw/2), pt(m.Y-lh/2), pt(lw), pt(lh), "F")
			pdf.SetFont("go", "", figFont*ptPerPx)
			setColor(pdf.SetTextColor, diagramText)
			for i, line := range strings.Split(c.Label, "\n") {
				pdf.Text(pt(m.X)-pdf.GetStringWidth(line)/2, pt(m.Y-lh/2+2+figFont+float64(i)*freeGeom.LineH-1), line)
			}
		}
	}
}

// pdfShape draws a box or frame with its text.
func pdfShape(pdf *fpdf.Fpdf, s *DiagramShape, frame bool) {
	style := ""
	if fill := s.Fill; fill != "none" && (fill != "" || !frame) {
		setColor(pdf.SetFillColor, orDefault(fill, "#ffffff"))
		style += "F"
	}
	if s.Stroke != "none" {
		setColor(pdf.SetDrawColor, orDefault(s.Stroke, diagramStroke))
		pdf.SetLineWidth(ptPerPx)
		if s.Dashed {
			pdf.SetDashPattern([]float64{6 * ptPerPx, 4 * ptPerPx}, 0)
		}
		style += "D"
	}
	if style != "" {
		if s.Rounded {
			pdf.RoundedRect(pt(s.X), pt(s.Y), pt(s.W), pt(s.H), pt(6), "1234", style)
		} else {
			pdf.Rect(pt(s.X), pt(s.Y), pt(s.W), pt(s.H), style)
		}
	}
	pdf.SetDashPattern(nil, 0)
	weight := ""
	if s.Bold || frame {
		weight = "B"
	}
	pdf.SetFont("go", weight, s.fontSize()*ptPerPx)
	setColor(pdf.SetTextColor, diagramText)
	lines := s.lines()
	top := s.textTop(len(lines), frame)
	for i, line := range lines {
		y := pt(top + float64(i)*s.lineHeight())
		if frame {
			pdf.Text(pt(s.X+diagramPad), y, line)
		} else {
			pdf.Text(pt(s.X+s.W/2)-pdf.GetStringWidth(line)/2, y, line)
		}
	}
}

// pt converts a figure coordinate to PDF points.
func pt(v float64) float64 { return v * ptPerPx }

// setColor calls set with the red, green and blue of a #rrggbb colour.
func setColor(set func(r, g, b int), hex string) {
	c := parseHex(hex)
	set(int(c.R), int(c.G), int(c.B))
}
