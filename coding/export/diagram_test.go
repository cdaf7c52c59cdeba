package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"html"
	"image/png"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// modelStudy returns the study snapshot and its model: two phases,
// boxes bound to two dimensions and a concept, a free box, and one arrow
// of each style.
func modelStudy(t *testing.T) (*coding.Snapshot, *coding.Model) {
	t.Helper()
	snap := study(t)
	return snap, snap.Models[0]
}

// modelTexts returns the texts every export of the model must show.
func modelTexts(m *coding.Model) []string {
	var out []string
	for _, f := range m.Frames {
		out = append(out, f.Label)
	}
	for _, b := range m.Boxes {
		out = append(out, b.Label)
	}
	for _, a := range m.Arrows {
		if a.Label != "" {
			out = append(out, a.Label)
		}
	}
	return out
}

// zipPart returns one part of a zip archive.
func zipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no part %s in the archive", name)
	return ""
}

// TestModelPPTXShapes checks that the slide draws every box and frame as
// a native shape with its text and every arrow as a connector glued to
// the shapes it joins, and holds no picture.
func TestModelPPTXShapes(t *testing.T) {
	snap, m := modelStudy(t)
	data := mustExport(t, snap, "model-pptx", export.Options{})
	slide := zipPart(t, data, "ppt/slides/slide1.xml")
	if err := xml.Unmarshal([]byte(slide), new(struct{})); err != nil {
		t.Fatalf("slide XML does not parse: %v", err)
	}
	if strings.Contains(slide, "<p:pic") || strings.Contains(slide, "a:blip") {
		t.Fatal("the slide holds a picture; want native shapes only")
	}
	labels := 0
	for _, a := range m.Arrows {
		if a.Label != "" {
			labels++
		}
	}
	if got, want := strings.Count(slide, "<p:sp>"), len(m.Boxes)+len(m.Frames)+labels; got != want {
		t.Errorf("got %d shapes (p:sp), want %d", got, want)
	}
	if got, want := strings.Count(slide, "<p:cxnSp>"), len(m.Arrows); got != want {
		t.Errorf("got %d connectors (p:cxnSp), want %d", got, want)
	}
	// Every connector is glued at both ends to a shape of the slide.
	shapeIDs := map[string]bool{}
	for _, s := range regexp.MustCompile(`<p:sp><p:nvSpPr><p:cNvPr id="(\d+)"`).FindAllStringSubmatch(slide, -1) {
		shapeIDs[s[1]] = true
	}
	glue := regexp.MustCompile(`<a:stCxn id="(\d+)" idx="[0-3]"/><a:endCxn id="(\d+)" idx="[0-3]"/>`).FindAllStringSubmatch(slide, -1)
	if len(glue) != len(m.Arrows) {
		t.Fatalf("got %d glued connectors, want %d", len(glue), len(m.Arrows))
	}
	for _, g := range glue {
		if !shapeIDs[g[1]] || !shapeIDs[g[2]] {
			t.Errorf("connector glued to %s and %s; not both shapes of the slide", g[1], g[2])
		}
	}
	for _, s := range modelTexts(m) {
		for _, line := range strings.Split(s, "\n") {
			if !strings.Contains(slide, "<a:t>"+xmlEscape(line)+"</a:t>") {
				t.Errorf("slide lacks the text run %q", line)
			}
		}
	}
	for _, want := range []string{`prst="curvedConnector3"`, `<a:prstDash val="dash"/>`, `<a:headEnd type="triangle"/>`} {
		if !strings.Contains(slide, want) {
			t.Errorf("slide lacks %s", want)
		}
	}
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// TestDiagramPPTXInImpress opens a two-page diagram's PPTX and the model's
// PPTX in LibreOffice Impress (converted to PDF) and finds every box's
// text on its own page.
func TestDiagramPPTXInImpress(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: starts LibreOffice")
	}
	office := needTool(t, "libreoffice-impress-nogui", "libreoffice", "soffice")
	pdftotext := needTool(t, "poppler-utils", "pdftotext")

	snap, m := modelStudy(t)
	dir := t.TempDir()
	modelPath := writeFile(t, filepath.Join(dir, "model.pptx"), mustExport(t, snap, "model-pptx", export.Options{}))
	pages := []*export.Diagram{
		{Title: "First", W: 600, H: 300, Boxes: []export.DiagramShape{
			{ID: "x1", X: 20, Y: 20, W: 200, H: 60, Text: "Opportunity recognition"},
			{ID: "x2", X: 360, Y: 20, W: 200, H: 60, Text: "Network bricolage", Bold: true},
		}, Connectors: []export.DiagramConnector{{ID: "c1", From: "x1", To: "x2", Route: export.RouteElbow}}},
		{Title: "Second", W: 600, H: 300, Frames: []export.DiagramShape{
			{ID: "y0", X: 10, Y: 10, W: 580, H: 280, Text: "Institutional voids"},
		}, Boxes: []export.DiagramShape{
			{ID: "y1", X: 40, Y: 60, W: 220, H: 60, Text: "Regulatory uncertainty"},
		}},
	}
	var buf bytes.Buffer
	if err := export.WriteDiagramPPTX(&buf, pages); err != nil {
		t.Fatal(err)
	}
	pagesPath := writeFile(t, filepath.Join(dir, "pages.pptx"), buf.Bytes())
	officePDFs(t, office, dir, modelPath, pagesPath)

	checkPage(t, pdftotext, filepath.Join(dir, "model.pdf"), 1, modelTexts(m))
	checkPage(t, pdftotext, filepath.Join(dir, "pages.pdf"), 1, []string{"Opportunity recognition", "Network bricolage"})
	checkPage(t, pdftotext, filepath.Join(dir, "pages.pdf"), 2, []string{"Institutional voids", "Regulatory uncertainty"})
	if text := pageText(t, pdftotext, filepath.Join(dir, "pages.pdf"), 1); strings.Contains(text, "Regulatory") {
		t.Errorf("page 1 shows a box of page 2:\n%s", text)
	}
}

// pageText returns the text of one page of a PDF.
func pageText(t *testing.T, pdftotext, pdf string, page int) string {
	t.Helper()
	n := strconv.Itoa(page)
	out, err := exec.Command(pdftotext, "-f", n, "-l", n, pdf, "-").Output()
	if err != nil {
		t.Fatalf("no text from page %d of %s: %v", page, pdf, err)
	}
	return string(out)
}

// checkPage finds each of want, its words in order, on the page.
func checkPage(t *testing.T, pdftotext, pdf string, page int, want []string) {
	t.Helper()
	text := pageText(t, pdftotext, pdf, page)
	got := strings.Join(words(text), " ")
	for _, s := range want {
		if !strings.Contains(" "+got+" ", " "+strings.Join(words(s), " ")+" ") {
			t.Errorf("page %d of %s lacks %q; its text:\n%s", page, filepath.Base(pdf), s, text)
		}
	}
}

// TestModelDrawio reads the draw.io file back: a vertex per box and frame
// with its text and place, an edge per arrow bound to its ends.
func TestModelDrawio(t *testing.T) {
	snap, m := modelStudy(t)
	var f export.DrawioFile
	if err := xml.Unmarshal(mustExport(t, snap, "model-drawio", export.Options{}), &f); err != nil {
		t.Fatalf("draw.io file does not parse: %v", err)
	}
	if len(f.Diagrams) != 1 || f.Diagrams[0].Name != m.Name {
		t.Fatalf("got diagrams %+v, want one named %q", f.Diagrams, m.Name)
	}
	cells := map[string]export.DrawioCell{}
	for _, c := range f.Diagrams[0].Model.Cells {
		cells[c.ID] = c
	}
	for _, b := range m.Boxes {
		c, ok := cells[export.DrawioID(b.ID)]
		if !ok || c.Vertex != "1" || c.Value != b.Label || c.Geometry == nil || c.Geometry.Width != strconv.FormatFloat(b.W, 'f', -1, 64) {
			t.Errorf("box %s: got cell %+v, want a vertex %q of width %v", b.ID, c, b.Label, b.W)
		}
	}
	for _, fr := range m.Frames {
		if c := cells[export.DrawioID(fr.ID)]; c.Vertex != "1" || c.Value != fr.Label || !strings.Contains(c.Style, "dashed=1") {
			t.Errorf("frame %s: got cell %+v", fr.ID, c)
		}
	}
	for _, a := range m.Arrows {
		c := cells[export.DrawioID(a.ID)]
		if c.Edge != "1" || c.Source != export.DrawioID(a.From) || c.Target != export.DrawioID(a.To) || c.Value != a.Label {
			t.Errorf("arrow %s: got cell %+v, want an edge %s -> %s", a.ID, c, a.From, a.To)
		}
	}
	if s := cells[export.DrawioID("a3")].Style; !strings.Contains(s, "startArrow=block") || !strings.Contains(s, "endArrow=block") {
		t.Errorf("bidirectional arrow style %q lacks heads at both ends", s)
	}
	if s := cells[export.DrawioID("a4")].Style; !strings.Contains(s, "curved=1") {
		t.Errorf("feedback arrow style %q is not curved", s)
	}
}

// TestModelSVGPNGPDF checks the pictures: the SVG parses and holds every
// text, the PNG is twice the drawing's size, the PDF's text has every
// label.
func TestModelSVGPNGPDF(t *testing.T) {
	snap, m := modelStudy(t)
	svg := string(mustExport(t, snap, "model-svg", export.Options{}))
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("SVG does not parse: %v", err)
	}
	flat := strings.Join(words(html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(svg, " "))), " ")
	for _, s := range modelTexts(m) {
		if !strings.Contains(flat, strings.Join(words(s), " ")) {
			t.Errorf("SVG lacks %q", s)
		}
	}
	if got := strings.Count(svg, `class="connector"`); got != len(m.Arrows) {
		t.Errorf("SVG has %d connectors, want %d", got, len(m.Arrows))
	}
	d := export.ModelDiagram(m)
	img, err := png.Decode(bytes.NewReader(mustExport(t, snap, "model-png", export.Options{})))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Dx(), int(d.W*2+0.5); got != want {
		t.Errorf("PNG width %d, want %d", got, want)
	}
	pdf := mustExport(t, snap, "model-pdf", export.Options{})
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(20, len(pdf))])
	}
	pdftotext := needTool(t, "poppler-utils", "pdftotext")
	checkPage(t, pdftotext, writeFile(t, filepath.Join(t.TempDir(), "model.pdf"), pdf), 1, modelTexts(m))
}

// TestModelChoice checks which model an export draws.
func TestModelChoice(t *testing.T) {
	snap, m := modelStudy(t)
	other := *m
	other.ID, other.Name = "M2", "Second model"
	snap.Models = append(snap.Models, &other)
	var buf bytes.Buffer
	err := export.Export(&buf, snap, "model-svg", export.Options{})
	if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), "Second model") {
		t.Errorf("without a name: got %v, want EINVALID listing the models", err)
	}
	if err := export.Export(&buf, snap, "model-svg", export.Options{Model: "second MODEL"}); err != nil {
		t.Errorf("by name: %v", err)
	}
	if err := export.Export(&buf, snap, "model-svg", export.Options{Model: "nope"}); coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("unknown name: got %v, want EINVALID", err)
	}
	snap.Models = nil
	if err := export.Export(&buf, snap, "model-pptx", export.Options{}); coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("no model: got %v, want EINVALID", err)
	}
}
