package export

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"tessera/coding"
)

// writeGioiaSVG draws the data-structure figure as SVG. The figure grows
// in height with the codebook, so it stays legible for any number of
// concepts; every text is escaped and every coordinate is computed from
// the snapshot alone.
func writeGioiaSVG(w io.Writer, snap *coding.Snapshot, _ Options) error {
	return layoutFigure(snap).writeSVG(w)
}

func (f *figure) writeSVG(w io.Writer) error {
	bw := bufio.NewWriter(w)
	W, H := num(f.W), num(f.H)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + W + `" height="` + H + `" viewBox="0 0 ` + W + " " + H + `" font-family="Helvetica, Arial, 'Liberation Sans', sans-serif" font-size="` + num(figFont) + `">` + "\n")
	bw.WriteString("<title>" + xmlText(f.Title) + "</title>\n")
	bw.WriteString(`<rect class="background" x="0" y="0" width="` + W + `" height="` + H + `" fill="#ffffff"/>` + "\n")

	// Column headers.
	bw.WriteString(`<g class="headers" font-weight="bold" text-anchor="middle">` + "\n")
	for i, level := range []coding.Level{coding.LevelConcept, coding.LevelTheme, coding.LevelDimension} {
		x, cw := columnOf(level)
		bw.WriteString(`<text x="` + num(x+cw/2) + `" y="` + num(figMargin+figFont) + `">` + xmlText(f.Header[i]) + "</text>\n")
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
			bw.WriteString(`<tspan x="` + num(b.X+b.W/2) + `" y="` + num(lineBaseline(b, i)) + `">` + xmlText(line) + "</tspan>")
		}
		bw.WriteString("</text>\n</g>\n")
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
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
func lineBaseline(b figBox, i int) float64 {
	return b.Y + figPad + float64(i)*figLineH + figFont - 0.5
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
