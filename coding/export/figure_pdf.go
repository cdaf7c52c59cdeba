package export

import (
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"tessera/coding"
)

// writeGioiaPDF draws every page of the data-structure figure into one
// PDF: vector boxes and brackets, real text in the embedded Go fonts (so
// it can be searched and copied), A4 portrait unless the options choose
// another page.
func writeGioiaPDF(w io.Writer, snap *coding.Snapshot, opt Options) error {
	pages, err := figurePages(snap, opt, PageA4)
	if err != nil {
		return err
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pages[0].W, Ht: pages[0].H}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCatalogSort(true)
	// A fixed date keeps the file the same for the same project.
	date := snap.Project.UpdatedAt
	if date.IsZero() {
		date = time.Unix(0, 0)
	}
	pdf.SetCreationDate(date.UTC())
	pdf.SetModificationDate(date.UTC())
	pdf.SetTitle(pdfSafe("Data structure: "+snap.Project.Name), true)
	pdf.SetProducer("Tessera", true)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes("go", "I", goitalic.TTF)
	for _, f := range pages {
		f.drawPDF(pdf)
	}
	if err := pdf.Error(); err != nil {
		return coding.Errorf(coding.EINTERNAL, "writing the figure as PDF: %v", err)
	}
	return pdf.Output(w)
}

// drawPDF adds the page f to pdf.
func (f *figure) drawPDF(pdf *fpdf.Fpdf) {
	g := f.Geom
	pdf.AddPageFormat("P", fpdf.SizeType{Wd: f.W, Ht: f.H})
	centred := func(s string, x, y float64) {
		s = pdfSafe(s)
		pdf.Text(x-pdf.GetStringWidth(s)/2, y, s)
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont("go", "B", g.Font)
	if f.Caption != "" {
		pdf.Text(g.Margin, g.Margin+g.Font, pdfSafe(f.Caption))
	}
	for i, level := range []coding.Level{coding.LevelConcept, coding.LevelTheme, coding.LevelDimension} {
		x, cw := g.columnOf(level)
		centred(f.Header[i], x+cw/2, f.headerBaseline())
	}

	pdf.SetDrawColor(0x55, 0x55, 0x55)
	pdf.SetLineWidth(1)
	for _, p := range f.Paths {
		for i := 1; i < len(p); i++ {
			pdf.Line(p[i-1].X, p[i-1].Y, p[i].X, p[i].Y)
		}
	}
	for _, b := range f.Boxes {
		fill, weight := boxStyle(b.Code.Level)
		c := parseHex(fill)
		pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		pdf.SetDrawColor(0x33, 0x33, 0x33)
		pdf.SetLineWidth(1)
		pdf.RoundedRect(b.X, b.Y, b.W, b.H, 3, "1234", "FD")
		style := ""
		if weight != "" {
			style = "B"
		}
		pdf.SetFont("go", style, g.Font)
		for i, line := range b.Lines {
			centred(line, b.X+b.W/2, f.lineBaseline(b, i))
		}
		for i := range b.Badges {
			r := f.badgeRect(b, i)
			pdf.SetFillColor(0xff, 0xff, 0xff)
			pdf.SetDrawColor(0x77, 0x77, 0x77)
			pdf.SetLineWidth(0.75)
			pdf.RoundedRect(r.X, r.Y, r.W, r.H, r.H/2, "1234", "FD")
			pdf.SetFont("go", "I", g.badgeFont())
			centred(r.Text, r.X+r.W/2, f.badgeBaseline(r))
		}
	}
}

// pdfSafe replaces the characters outside the Basic Multilingual Plane
// (emoji), which the PDF writer's font tables cannot hold and the Go
// fonts do not draw, with U+FFFD.
func pdfSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, s)
}
