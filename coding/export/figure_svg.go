package export

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"tessera/coding"
)

// writeGioiaSVG draws the data-structure figure as SVG. Without a page
// size the figure grows in height with the codebook, so it stays legible
// for any number of concepts; every text is escaped and every coordinate
// is computed from the snapshot alone. Options that make several pages
// need gioia-pdf or gioia-svg-zip.
func writeGioiaSVG(w io.Writer, snap *coding.Snapshot, opt Options) error {
	f, err := singleFigure(snap, opt, "gioia-svg")
	if err != nil {
		return err
	}
	return f.writeSVG(w)
}

// singleFigure lays out the figure of a one-file format, and says which
// formats to use when the options make several pages.
func singleFigure(snap *coding.Snapshot, opt Options, format string) (*figure, error) {
	pages, err := figurePages(snap, opt, "")
	if err != nil {
		return nil, err
	}
	if len(pages) > 1 {
		return nil, coding.Errorf(coding.EINVALID, "the figure has %d pages with these options, and %s holds one: export gioia-pdf, %s-zip (one file per page), or without split and page size",
			len(pages), format, format)
	}
	return pages[0], nil
}

func (f *figure) writeSVG(w io.Writer) error {
	g := f.Geom
	bw := bufio.NewWriter(w)
	W, H := num(f.W), num(f.H)
	size := `width="` + W + `" height="` + H + `"`
	if g.PageW > 0 {
		// A page: its size in points, one user unit per point.
		size = `width="` + W + `pt" height="` + H + `pt"`
	}
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" ` + size + ` viewBox="0 0 ` + W + " " + H + `" font-family="Helvetica, Arial, 'Liberation Sans', sans-serif" font-size="` + num(g.Font) + `">` + "\n")
	bw.WriteString("<title>" + xmlText(f.Title) + "</title>\n")
	bw.WriteString(`<rect class="background" x="0" y="0" width="` + W + `" height="` + H + `" fill="#ffffff"/>` + "\n")
	if f.Caption != "" {
		bw.WriteString(`<text class="caption" x="` + num(g.Margin) + `" y="` + num(g.Margin+g.Font) + `" font-weight="bold">` + xmlText(f.Caption) + "</text>\n")
	}

	// Column headers.
	bw.WriteString(`<g class="headers" font-weight="bold" text-anchor="middle">` + "\n")
	for i, level := range []coding.Level{coding.LevelConcept, coding.LevelTheme, coding.LevelDimension} {
		x, cw := g.columnOf(level)
		bw.WriteString(`<text x="` + num(x+cw/2) + `" y="` + num(f.headerBaseline()) + `">` + xmlText(f.Header[i]) + "</text>\n")
	}
	bw.WriteString("</g>\n")

	// Brackets under the boxes.
	bw.WriteString(`<g class="brackets" fill="none" stroke="#555555" stroke-width="1">` + "\n")
	for _, p := range f.Paths {
		bw.WriteString(`<path d="`)
		for i, pt := range p {
			if i == 0 {
				bw.WriteString("M")
			} else {
				bw.WriteString(" L")
			}
			bw.WriteString(num(pt.X) + " " + num(pt.Y))
		}
		bw.WriteString(`"/>` + "\n")
	}
	bw.WriteString("</g>\n")

	for _, b := range f.Boxes {
		fill, weight := boxStyle(b.Code.Level)
		bw.WriteString(`<g class="code ` + string(b.Code.Level) + `" data-code="` + xmlText(b.Code.ID) + `">` + "\n")
		bw.WriteString(`<rect class="box" x="` + num(b.X) + `" y="` + num(b.Y) + `" width="` + num(b.W) + `" height="` + num(b.H) +
			`" rx="3" fill="` + fill + `" stroke="#333333" stroke-width="1"/>` + "\n")
		bw.WriteString(`<text text-anchor="middle"` + weight + ">")
		for i, line := range b.Lines {
			bw.WriteString(`<tspan x="` + num(b.X+b.W/2) + `" y="` + num(f.lineBaseline(b, i)) + `">` + xmlText(line) + "</tspan>")
		}
		bw.WriteString("</text>\n")
		for i, bd := range b.Badges {
			r := f.badgeRect(b, i)
			bw.WriteString(`<g class="badge" data-facet="` + xmlText(bd.Facet) + `"><title>` + xmlText(bd.Facet+": "+bd.Value) + `</title>` +
				`<rect x="` + num(r.X) + `" y="` + num(r.Y) + `" width="` + num(r.W) + `" height="` + num(r.H) + `" rx="` + num(r.H/2) + `" fill="#ffffff" stroke="#777777" stroke-width="0.75"/>` +
				`<text x="` + num(r.X+r.W/2) + `" y="` + num(f.badgeBaseline(r)) + `" text-anchor="middle" font-size="` + num(g.badgeFont()) + `" font-style="italic">` + xmlText(r.Text) + "</text></g>\n")
		}
		bw.WriteString("</g>\n")
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// badgeBox is where a badge is drawn, with its text cut to fit.
type badgeBox struct {
	X, Y, W, H float64
	Text       string
}

// badgeRect places badge i of box b below the box's lines, centred, as
// wide as its text (shortened with an ellipsis when the box is narrower).
func (f *figure) badgeRect(b figBox, i int) badgeBox {
	g := f.Geom
	bf := g.badgeFont()
	maxW := b.W - 2*g.Pad
	text := b.Badges[i].Value
	width := func(s string) float64 { return textWidth(s, false)*bf/figFont + bf }
	for width(text) > maxW && len([]rune(text)) > 1 {
		rs := []rune(strings.TrimSuffix(text, "…"))
		text = string(rs[:len(rs)-1]) + "…"
	}
	w := min(width(text), maxW)
	y := b.Y + g.Pad + float64(len(b.Lines))*g.LineH + 3 + float64(i)*(g.badgeH()+3)
	return badgeBox{X: b.X + (b.W-w)/2, Y: y, W: w, H: g.badgeH(), Text: text}
}

// badgeBaseline is the baseline of a badge's text.
func (f *figure) badgeBaseline(r badgeBox) float64 {
	return r.Y + r.H/2 + f.Geom.badgeFont()*0.35
}

// boxStyle returns the fill colour and font weight attribute of a level.
func boxStyle(l coding.Level) (fill, weight string) {
	switch l {
	case coding.LevelTheme:
		return "#f3f3f3", ""
	case coding.LevelDimension:
		return "#e2e2e2", ` font-weight="bold"`
	}
	return "#ffffff", ""
}

// lineBaseline returns the baseline of line i of box b.
func (f *figure) lineBaseline(b figBox, i int) float64 {
	g := f.Geom
	return b.Y + g.Pad + float64(i)*g.LineH + g.Font - 0.5*g.Font/figFont
}

// num formats a coordinate with at most one decimal.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

// xmlText escapes s for XML character data.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
