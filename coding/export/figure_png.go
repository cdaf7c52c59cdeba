package export

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"tessera/coding"
)

// pngScale renders the figure at twice its SVG size, about 150 dpi when
// printed at the SVG's size.
const pngScale = 2

var (
	fontsOnce           sync.Once
	fontRegular, fontBd *opentype.Font
	fontErr             error
)

// loadFonts parses the Go fonts, which ship with golang.org/x/image.
func loadFonts() error {
	fontsOnce.Do(func() {
		if fontRegular, fontErr = opentype.Parse(goregular.TTF); fontErr != nil {
			return
		}
		fontBd, fontErr = opentype.Parse(gobold.TTF)
	})
	return fontErr
}

// writeGioiaPNG rasterises the same layout as writeGioiaSVG, with the Go
// fonts and the standard image packages: no cgo, no external program.
// Characters the Go fonts lack (emoji) show as empty boxes.
func writeGioiaPNG(w io.Writer, snap *coding.Snapshot, opt Options) error {
	f, err := singleFigure(snap, opt, "gioia-png")
	if err != nil {
		return err
	}
	return f.writePNG(w, png.BestCompression)
}

// writePNG rasterises one page of the figure, compressed at level.
func (f *figure) writePNG(w io.Writer, level png.CompressionLevel) error {
	if err := loadFonts(); err != nil {
		return err
	}
	g := f.Geom
	img := image.NewRGBA(image.Rect(0, 0, px(f.W), px(f.H)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)

	regular, err := newFace(fontRegular, g.Font)
	if err != nil {
		return err
	}
	defer regular.Close()
	bold, err := newFace(fontBd, g.Font)
	if err != nil {
		return err
	}
	defer bold.Close()
	small, err := newFace(fontRegular, g.badgeFont())
	if err != nil {
		return err
	}
	defer small.Close()

	grey := color.RGBA{0x55, 0x55, 0x55, 0xff}
	if f.Caption != "" {
		d := &font.Drawer{Dst: img, Src: image.Black, Face: bold, Dot: fixed.P(px(g.Margin), px(g.Margin+g.Font))}
		d.DrawString(f.Caption)
	}
	for i, level := range []coding.Level{coding.LevelConcept, coding.LevelTheme, coding.LevelDimension} {
		x, cw := g.columnOf(level)
		drawCentred(img, bold, f.Header[i], x+cw/2, f.headerBaseline())
	}
	for _, p := range f.Paths {
		for i := 1; i < len(p); i++ {
			fillRect(img, p[i-1].X, p[i-1].Y, p[i].X, p[i].Y, 1, grey)
		}
	}
	for _, b := range f.Boxes {
		fill, weight := boxStyle(b.Code.Level)
		fillBox(img, b, parseHex(fill))
		face := regular
		if weight != "" {
			face = bold
		}
		for i, line := range b.Lines {
			drawCentred(img, face, line, b.X+b.W/2, f.lineBaseline(b, i))
		}
		for i := range b.Badges {
			r := f.badgeRect(b, i)
			fillBox(img, figBox{X: r.X, Y: r.Y, W: r.W, H: r.H}, color.White)
			drawCentred(img, small, r.Text, r.X+r.W/2, f.badgeBaseline(r))
		}
	}
	return (&png.Encoder{CompressionLevel: level}).Encode(w, img)
}

func newFace(f *opentype.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size * pngScale, DPI: 72, Hinting: font.HintingFull})
}

// px converts a figure coordinate to a pixel.
func px(v float64) int { return int(math.Round(v * pngScale)) }

// fillRect draws a segment from (x1, y1) to (x2, y2), horizontal or
// vertical, thick pixels wide (at 1x).
func fillRect(img *image.RGBA, x1, y1, x2, y2, thick float64, c color.Color) {
	h := thick / 2
	r := image.Rect(px(min(x1, x2)-h), px(min(y1, y2)-h), px(max(x1, x2)+h), px(max(y1, y2)+h))
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// fillBox draws a box with a dark outline.
func fillBox(img *image.RGBA, b figBox, fill color.Color) {
	edge := color.RGBA{0x33, 0x33, 0x33, 0xff}
	draw.Draw(img, image.Rect(px(b.X), px(b.Y), px(b.X+b.W), px(b.Y+b.H)), image.NewUniform(edge), image.Point{}, draw.Src)
	inner := image.Rect(px(b.X)+pngScale, px(b.Y)+pngScale, px(b.X+b.W)-pngScale, px(b.Y+b.H)-pngScale)
	draw.Draw(img, inner, image.NewUniform(fill), image.Point{}, draw.Src)
}

// drawCentred draws s centred on x with its baseline at y.
func drawCentred(img *image.RGBA, face font.Face, s string, x, y float64) {
	d := &font.Drawer{Dst: img, Src: image.Black, Face: face}
	wd := d.MeasureString(s)
	d.Dot = fixed.Point26_6{
		X: fixed.I(px(x)) - wd/2,
		Y: fixed.I(px(y)),
	}
	d.DrawString(s)
}

// parseHex reads a #rrggbb colour.
func parseHex(s string) color.RGBA {
	var v [3]uint8
	for i := range v {
		v[i] = hexByte(s[1+2*i])<<4 | hexByte(s[2+2*i])
	}
	return color.RGBA{v[0], v[1], v[2], 0xff}
}

func hexByte(c byte) uint8 {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
