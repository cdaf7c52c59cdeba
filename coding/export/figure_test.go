package export_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"strconv"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// svgBox is a box of the figure and the text inside it.
type svgBox struct {
	x, y, w, h float64
	text       string
}

// parseFigure reads the SVG as XML and returns its size and its boxes
// (rect elements of class "box", each followed by its text).
func parseFigure(t *testing.T, data []byte) (float64, float64, []svgBox) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var width, height float64
	var boxes []svgBox
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range el.Attr {
				attr[a.Name.Local] = a.Value
			}
			switch {
			case el.Name.Local == "svg":
				width, height = number(t, attr["width"]), number(t, attr["height"])
			case el.Name.Local == "rect" && attr["class"] == "box":
				boxes = append(boxes, svgBox{x: number(t, attr["x"]), y: number(t, attr["y"]), w: number(t, attr["width"]), h: number(t, attr["height"])})
			case el.Name.Local == "text" && len(boxes) > 0:
				inText = true
			}
		case xml.EndElement:
			if el.Name.Local == "text" {
				inText = false
			}
		case xml.CharData:
			if inText {
				boxes[len(boxes)-1].text += " " + string(el)
			}
		}
	}
	return width, height, boxes
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("coordinate %q: %v", s, err)
	}
	return f
}

// checkFigure checks that no two boxes overlap, that every box lies in the
// drawing, and that every code's name is written in a box.
func checkFigure(t *testing.T, snap *coding.Snapshot, data []byte) []svgBox {
	t.Helper()
	width, height, boxes := parseFigure(t, data)
	if len(boxes) != len(snap.Codes) {
		t.Errorf("got %d boxes, want one per code (%d)", len(boxes), len(snap.Codes))
	}
	for i, a := range boxes {
		if a.x < 0 || a.y < 0 || a.x+a.w > width || a.y+a.h > height {
			t.Errorf("box %q at (%g,%g %gx%g) leaves the %gx%g drawing", a.text, a.x, a.y, a.w, a.h, width, height)
		}
		for _, b := range boxes[i+1:] {
			if a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
				t.Errorf("boxes %q and %q overlap", a.text, b.text)
			}
		}
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, c := range snap.Codes {
		found := false
		for _, b := range boxes {
			found = found || squash(b.text) == squash(c.Name)
		}
		if !found {
			t.Errorf("code %q is written in no box", c.Name)
		}
	}
	return boxes
}

func TestGioiaSVG(t *testing.T) {
	snap := study(t)
	checkFigure(t, snap, mustExport(t, snap, "gioia-svg", export.Options{}))
}

// TestGioiaSVGLarge lays out 48 concepts with long names and checks the
// figure grows instead of shrinking its text.
func TestGioiaSVGLarge(t *testing.T) {
	b := newBuilder(t, "Large")
	for d := 0; d < 4; d++ {
		dim := b.code(coding.LevelDimension, nil, fmt.Sprintf("Dimension %d with a rather long name that needs wrapping", d+1))
		for th := 0; th < 3; th++ {
			theme := b.code(coding.LevelTheme, dim, fmt.Sprintf("Theme %d.%d about how firms learn from what went wrong abroad", d+1, th+1))
			for c := 0; c < 4; c++ {
				b.code(coding.LevelConcept, theme, fmt.Sprintf("Concept %d.%d.%d: informants describe, in their own words, a long story about Supercalifragilisticexpialidociouslylongword failures", d+1, th+1, c+1))
			}
		}
	}
	snap := b.done()
	data := mustExport(t, snap, "gioia-svg", export.Options{})
	boxes := checkFigure(t, snap, data)
	_, height, _ := parseFigure(t, data)
	if height < 48*50 {
		t.Errorf("got height %g for 48 wrapped concepts, want the figure to grow to at least %d", height, 48*50)
	}
	for _, bx := range boxes {
		if bx.h < 20 {
			t.Errorf("box %q is %g high, want room for its text", bx.text, bx.h)
		}
	}
}

func TestGioiaPNG(t *testing.T) {
	snap := study(t)
	width, height, _ := parseFigure(t, mustExport(t, snap, "gioia-svg", export.Options{}))
	img, err := png.Decode(bytes.NewReader(mustExport(t, snap, "gioia-png", export.Options{})))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	got := img.Bounds().Size()
	if got.X != int(2*width) || got.Y != int(2*height) {
		t.Errorf("got a %dx%d image, want twice the SVG's %gx%g", got.X, got.Y, width, height)
	}
}
