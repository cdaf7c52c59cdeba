package export_test

import (
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// figureDiagramOpt splits the 64-concept figure per dimension onto A4
// pages with type-of-learning badges.
var figureDiagramOpt = export.Options{Figure: export.FigureOptions{Split: export.SplitDimension, Page: export.PageA4, Badges: []string{"Type of learning"}}}

// svgPageTexts lists, per page of the zipped SVG figure, the text of
// every box.
func svgPageTexts(t *testing.T, snap *coding.Snapshot, opt export.Options) [][]string {
	t.Helper()
	files := unzipPages(t, mustExport(t, snap, "gioia-svg-zip", opt))
	out := make([][]string, len(files))
	for i := range out {
		for _, b := range parsePage(t, files[fmt.Sprintf("page-%02d.svg", i+1)]).boxes {
			out[i] = append(out[i], strings.Join(strings.Fields(b.text), " "))
		}
	}
	return out
}

// TestFigurePPTXInImpress converts the split figure's slides with
// LibreOffice Impress to PDF and finds every box's text on its own page;
// the slides hold native shapes and connectors, no picture.
func TestFigurePPTXInImpress(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: starts LibreOffice")
	}
	office := needTool(t, "libreoffice-impress-nogui", "libreoffice", "soffice")
	pdftotext := needTool(t, "poppler-utils", "pdftotext")
	snap := bigStudy(t)
	pages := svgPageTexts(t, snap, figureDiagramOpt)
	data := mustExport(t, snap, "gioia-pptx", figureDiagramOpt)

	// Native shapes: a shape per code and heading, a connector per bracket
	// arm, on as many slides as the figure has pages.
	parts := string(zipText(t, data))
	slides := strings.Count(parts, "=== ppt/slides/slide")
	if slides != len(pages) {
		t.Fatalf("got %d slides, want one per page (%d)", slides, len(pages))
	}
	if strings.Contains(parts, "<p:pic>") {
		t.Error("the slides hold a picture, want shapes only")
	}
	boxes, links := 0, 0
	for _, c := range snap.Codes {
		if c.ParentID != "" {
			links++
		}
	}
	for _, p := range pages {
		boxes += len(p)
	}
	if got := strings.Count(parts, "<p:sp>"); got < boxes+3*len(pages) {
		t.Errorf("got %d shapes, want a shape per box (%d) and the headings", got, boxes)
	}
	if got := strings.Count(parts, "<p:cxnSp>"); got < links {
		t.Errorf("got %d connectors, want one per code below another at least (%d)", got, links)
	}

	dir := t.TempDir()
	officePDFs(t, office, dir, writeFile(t, filepath.Join(dir, "figure.pptx"), data))
	pdf := filepath.Join(dir, "figure.pdf")
	for i, texts := range pages {
		checkPage(t, pdftotext, pdf, i+1, append(texts, "Aggregate dimensions"))
	}
}

// TestFigureDrawio reads the figure's draw.io file back: a page per page
// of the figure, a vertex per box with its text, an edge per bracket arm
// bound to two vertices.
func TestFigureDrawio(t *testing.T) {
	snap := bigStudy(t)
	pages := svgPageTexts(t, snap, figureDiagramOpt)
	var f export.DrawioFile
	if err := xml.Unmarshal(mustExport(t, snap, "gioia-drawio", figureDiagramOpt), &f); err != nil {
		t.Fatalf("the draw.io file does not parse: %v", err)
	}
	if len(f.Diagrams) != len(pages) {
		t.Fatalf("got %d draw.io pages, want %d", len(f.Diagrams), len(pages))
	}
	for i, d := range f.Diagrams {
		values := map[string]bool{}
		vertices := map[string]bool{}
		for _, c := range d.Model.Cells {
			if c.Vertex == "1" {
				vertices[c.ID] = true
				values[strings.Join(strings.Fields(c.Value), " ")] = true
			}
		}
		for _, want := range pages[i] {
			found := false
			for v := range values {
				found = found || strings.HasPrefix(v, want)
			}
			if !found {
				t.Errorf("page %d has no vertex reading %q", i+1, want)
			}
		}
		for _, c := range d.Model.Cells {
			if c.Edge == "1" && (!vertices[c.Source] || !vertices[c.Target]) {
				t.Errorf("page %d: edge %s joins %q and %q, want two vertices", i+1, c.ID, c.Source, c.Target)
			}
		}
	}
}
