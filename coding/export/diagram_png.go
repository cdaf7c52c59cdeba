package export

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"tessera/coding"
)

// maxPNGPixels bounds the PNG of a diagram (at pngScale): about 100 MB of
// memory while drawing.
const maxPNGPixels = 25_000_000

// WriteDiagramPNG rasterises the page d as WriteDiagramSVG draws it, at
// twice its size, with the Go fonts and the standard image packages.
func WriteDiagramPNG(w io.Writer, d *Diagram) error {
	if err := loadFonts(); err != nil {
		return err
	}
	if float64(px(d.W))*float64(px(d.H)) > maxPNGPixels {
		return coding.Errorf(coding.EINVALID, "the drawing is too large for a PNG (%.0f x %.0f px); export SVG or PDF", d.W, d.H)
	}
	img := image.NewRGBA(image.Rect(0, 0, px(d.W), px(d.H)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	c := &canvas{img: img}
	defer c.close()
	for i := range d.Frames {
		if err := c.shape(&d.Frames[i], true); err != nil {
			return err
		}
	}
	for i := range d.Boxes {
		if err := c.shape(&d.Boxes[i], false); err != nil {
			return err
		}
	}
	for _, cn := range d.Connectors {
		p, ok := d.path(cn)
		if !ok {
			continue
		}
		stroke := parseHex(orDefault(cn.Stroke, diagramStroke))
		pts := p.flatten()
		c.polyline(pts, 1.5, cn.Dashed, stroke)
		for _, h := range cn.heads(pts) {
			c.fill(h[:], stroke)
		}
		if cn.Label != "" {
			m := p.middle()
			lw, lh := labelSize(cn.Label)
			c.fill(rectPoints(m.X-lw/2, m.Y-lh/2, lw, lh), color.NRGBA{0xff, 0xff, 0xff, 0xe6})
			face, err := c.face(false, figFont)
			if err != nil {
				return err
			}
			for i, line := range strings.Split(cn.Label, "\n") {
				drawCentred(img, face, line, m.X, m.Y-lh/2+2+figFont+float64(i)*freeGeom.LineH-1)
			}
		}
	}
	return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, img)
}

// canvas draws vector shapes and text on an image at pngScale.
type canvas struct {
	img   *image.RGBA
	faces map[[2]float64]font.Face
}

// face returns the regular or bold Go font at size (in figure pixels).
func (c *canvas) face(bold bool, size float64) (font.Face, error) {
	key := [2]float64{size, 0}
	f := fontRegular
	if bold {
		key[1], f = 1, fontBd
	}
	if face, ok := c.faces[key]; ok {
		return face, nil
	}
	face, err := newFaceSize(f, size)
	if err != nil {
		return nil, err
	}
	if c.faces == nil {
		c.faces = map[[2]float64]font.Face{}
	}
	c.faces[key] = face
	return face, nil
}

func (c *canvas) close() {
	for _, f := range c.faces {
		f.Close()
	}
}

// shape draws a box or frame with its text.
func (c *canvas) shape(s *DiagramShape, frame bool) error {
	if fill := s.Fill; fill != "none" && (fill != "" || !frame) {
		c.fill(rectPoints(s.X, s.Y, s.W, s.H), parseHex(orDefault(fill, "#ffffff")))
	}
	if s.Stroke != "none" {
		pts := rectPoints(s.X, s.Y, s.W, s.H)
		c.polyline(append(pts, pts[0]), 1, s.Dashed, parseHex(orDefault(s.Stroke, diagramStroke)))
	}
	face, err := c.face(s.Bold || frame, s.fontSize())
	if err != nil {
		return err
	}
	lines := s.lines()
	top := s.textTop(len(lines), frame)
	for i, line := range lines {
		y := top + float64(i)*s.lineHeight()
		if frame {
			drawLeft(c.img, face, line, s.X+diagramPad, y)
		} else {
			drawCentred(c.img, face, line, s.X+s.W/2, y)
		}
	}
	return nil
}

// fill fills the polygon pts with col. It rasterises only the
// polygon's bounding box: a line is drawn as many small polygons.
func (c *canvas) fill(pts []figPoint, col color.Color) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, minY = min(minX, p.X*pngScale), min(minY, p.Y*pngScale)
		maxX, maxY = max(maxX, p.X*pngScale), max(maxY, p.Y*pngScale)
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	r := vector.NewRasterizer(box.Dx(), box.Dy())
	r.DrawOp = draw.Over
	r.MoveTo(float32(pts[0].X*pngScale-ox), float32(pts[0].Y*pngScale-oy))
	for _, p := range pts[1:] {
		r.LineTo(float32(p.X*pngScale-ox), float32(p.Y*pngScale-oy))
	}
	r.ClosePath()
	r.Draw(c.img, box, image.NewUniform(col), image.Point{})
}

// polyline strokes the line through pts, width figure pixels wide, in
// dashes of 6 with gaps of 4 when dashed.
func (c *canvas) polyline(pts []figPoint, width float64, dashed bool, col color.Color) {
	on, phase := true, 0.0
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		l := dist(a, b)
		if l == 0 {
			continue
		}
		if !dashed {
			c.segment(a, b, width, col)
			continue
		}
		// Walk the segment in dashes, carrying the phase across corners.
		for t := 0.0; t < l; {
			run := 6.0
			if !on {
				run = 4.0
			}
			step := min(run-phase, l-t)
			if on {
				c.segment(lerp(a, b, t/l), lerp(a, b, (t+step)/l), width, col)
			}
			t += step
			phase += step
			if phase >= run {
				on, phase = !on, 0
			}
		}
	}
}

// segment strokes one straight piece as a thin quadrilateral.
func (c *canvas) segment(a, b figPoint, width float64, col color.Color) {
	l := dist(a, b)
	nx, ny := -(b.Y-a.Y)/l*width/2, (b.X-a.X)/l*width/2
	c.fill([]figPoint{{a.X + nx, a.Y + ny}, {b.X + nx, b.Y + ny}, {b.X - nx, b.Y - ny}, {a.X - nx, a.Y - ny}}, col)
}

func lerp(a, b figPoint, t float64) figPoint {
	return figPoint{a.X + t*(b.X-a.X), a.Y + t*(b.Y-a.Y)}
}

// rectPoints returns the corners of a rectangle, clockwise.
func rectPoints(x, y, w, h float64) []figPoint {
	return []figPoint{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}
}

// newFaceSize returns a face of f at size figure pixels.
func newFaceSize(f *opentype.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size * pngScale, DPI: 72, Hinting: font.HintingFull})
}

// drawLeft draws s starting at x with its baseline at y.
func drawLeft(img *image.RGBA, face font.Face, s string, x, y float64) {
	d := &font.Drawer{Dst: img, Src: image.Black, Face: face}
	d.Dot = fixed.Point26_6{X: fixed.I(px(x)), Y: fixed.I(px(y))}
	d.DrawString(s)
}
