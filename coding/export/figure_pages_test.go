package export_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"tessera/coding"
	"tessera/coding/export"
)

// bigStudy is a data structure of the size that outgrows one page: 3
// dimensions, 10 themes and 64 concepts with names as long as papers
// print, and a type-of-learning facet on themes.
func bigStudy(t *testing.T) *coding.Snapshot {
	t.Helper()
	b := newBuilder(t, "Internationalisation")
	learning := b.facet("Type of learning", "experiential", "vicarious", "congenital")
	path := b.facet("Growth path", "gradual", "born global")
	values := learning.Values
	themesPer := []int{4, 3, 3}
	n := 0
	for d, themes := range themesPer {
		dim := b.code(coding.LevelDimension, nil, fmt.Sprintf("Dimension %d: learning from foreign market entry", d+1))
		for th := 0; th < themes; th++ {
			theme := b.code(coding.LevelTheme, dim, fmt.Sprintf("Theme %d.%d: how managers make sense of failures abroad", d+1, th+1), learning, values[(d+th)%3])
			// 64 concepts over 10 themes: 7 in the first four, 6 after.
			per := 6
			if d == 0 {
				per = 7
			}
			for c := 0; c < per; c++ {
				n++
				b.code(coding.LevelConcept, theme, fmt.Sprintf("Concept %d: informants recall in their own words how a partner abroad let them down (%d)", n, c+1),
					path, path.Values[n%2])
			}
		}
	}
	if n != 64 {
		t.Fatalf("the fixture has %d concepts, want 64", n)
	}
	return b.done()
}

// svgPage is what a page of the figure shows: its size in points, the
// smallest text on it in points, and its texts by class.
type svgPage struct {
	widthPt, heightPt float64
	minPt             float64
	boxes             []svgBox
	headers           []string
	caption           string
	badges            []string
}

// parsePage reads an SVG page: the root's size in points and view box
// give the scale; each text's font size (its own or inherited) times the
// scale is its size on paper.
func parsePage(t *testing.T, data []byte) svgPage {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	p := svgPage{minPt: 1e9}
	var scale float64
	var sizes []float64  // font size of each open element
	var classes []string // class of each open element
	var text *strings.Builder
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
			size := 0.0
			if len(sizes) > 0 {
				size = sizes[len(sizes)-1]
			}
			if s, ok := attr["font-size"]; ok {
				size = number(t, s)
			}
			class := attr["class"]
			if class == "" && len(classes) > 0 {
				class = classes[len(classes)-1]
			}
			sizes, classes = append(sizes, size), append(classes, class)
			switch el.Name.Local {
			case "svg":
				if !strings.HasSuffix(attr["width"], "pt") || !strings.HasSuffix(attr["height"], "pt") {
					t.Fatalf("page size %q x %q, want points", attr["width"], attr["height"])
				}
				p.widthPt = number(t, strings.TrimSuffix(attr["width"], "pt"))
				p.heightPt = number(t, strings.TrimSuffix(attr["height"], "pt"))
				vb := strings.Fields(attr["viewBox"])
				scale = p.widthPt / number(t, vb[2])
			case "rect":
				if attr["class"] == "box" {
					p.boxes = append(p.boxes, svgBox{x: number(t, attr["x"]), y: number(t, attr["y"]), w: number(t, attr["width"]), h: number(t, attr["height"])})
				}
			case "text":
				text = &strings.Builder{}
				if pt := size * scale; pt < p.minPt {
					p.minPt = pt
				}
			}
		case xml.EndElement:
			class := classes[len(classes)-1]
			sizes, classes = sizes[:len(sizes)-1], classes[:len(classes)-1]
			if el.Name.Local != "text" {
				continue
			}
			s := text.String()
			switch {
			case class == "headers":
				p.headers = append(p.headers, s)
			case class == "caption":
				p.caption = s
			case class == "badge":
				p.badges = append(p.badges, s)
			case len(p.boxes) > 0:
				p.boxes[len(p.boxes)-1].text = s
			}
			text = nil
		case xml.CharData:
			if text != nil {
				text.WriteString(string(el) + " ")
			}
		}
	}
	return p
}

// unzipPages returns the files of a zip export in order.
func unzipPages(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the export is not a zip file: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// TestFigureSplitA4 splits the 64-concept figure per dimension onto A4
// portrait pages and checks, page by page, that no text is set below
// 8 pt on paper, the relabelled headings are repeated, boxes stay on the
// page without overlapping, and every code's name is drawn.
func TestFigureSplitA4(t *testing.T) {
	snap := bigStudy(t)
	headers := []string{"Open coding: 1st-order themes", "Axial coding", "Aggregate dimensions"}
	opt := export.Options{
		Table:  export.TableOptions{Headers: headers},
		Figure: export.FigureOptions{Split: export.SplitDimension, Page: export.PageA4, Badges: []string{"Type of learning"}},
	}
	files := unzipPages(t, mustExport(t, snap, "gioia-svg-zip", opt))
	if len(files) < 4 {
		t.Fatalf("got %d pages, want at least one per dimension and more for the longest", len(files))
	}
	drawn := map[string]bool{}
	captions := map[string]bool{}
	for i := 1; i <= len(files); i++ {
		name := fmt.Sprintf("page-%02d.svg", i)
		data, ok := files[name]
		if !ok {
			t.Fatalf("the zip has no %s (files %d)", name, len(files))
		}
		p := parsePage(t, data)
		if p.widthPt != 595.3 || p.heightPt != 841.9 {
			t.Errorf("%s: got a %gx%g pt page, want A4 portrait (595.3x841.9)", name, p.widthPt, p.heightPt)
		}
		if p.minPt < 8 {
			t.Errorf("%s: the smallest text is %.2f pt on paper, want 8 pt or more", name, p.minPt)
		}
		if got := strings.Join(p.headers, "|"); strings.Join(strings.Fields(got), " ") != strings.Join(headers, " | ") && squash(got) != squash(strings.Join(headers, "|")) {
			t.Errorf("%s: headings %q, want %q", name, got, headers)
		}
		captions[strings.TrimSuffix(strings.TrimSpace(p.caption), " (continued)")] = true
		for j, a := range p.boxes {
			if a.x < 0 || a.y < 0 || a.x+a.w > p.widthPt || a.y+a.h > p.heightPt {
				t.Errorf("%s: box %q leaves the page", name, a.text)
			}
			for _, b := range p.boxes[j+1:] {
				if a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
					t.Errorf("%s: boxes %q and %q overlap", name, a.text, b.text)
				}
			}
			drawn[squash(strings.TrimSuffix(strings.TrimSpace(a.text), "(continued)"))] = true
		}
		if len(p.badges) == 0 {
			t.Errorf("%s: no type-of-learning badge on its themes", name)
		}
	}
	for _, c := range snap.Codes {
		if !drawn[squash(c.Name)] {
			t.Errorf("code %q is drawn on no page", c.Name)
		}
		if c.Level == coding.LevelDimension && !captions[c.Name] {
			t.Errorf("no page is captioned %q", c.Name)
		}
	}
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// TestFigurePDFPages writes the same split figure as one PDF and reads it
// back: one A4 page per SVG page, every glyph set at 8 pt or more, every
// code's name in the text.
func TestFigurePDFPages(t *testing.T) {
	snap := bigStudy(t)
	opt := export.Options{Figure: export.FigureOptions{Split: export.SplitDimension, Page: export.PageA4}}
	svgPages := len(unzipPages(t, mustExport(t, snap, "gioia-svg-zip", opt)))
	data := mustExport(t, snap, "gioia-pdf", opt)
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the PDF does not open: %v", err)
	}
	if r.NumPage() != svgPages {
		t.Errorf("got %d PDF pages, want %d as in the SVG pages", r.NumPage(), svgPages)
	}
	var all strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		box := p.V.Key("MediaBox")
		if box.Len() == 0 { // inherited from the page tree
			box = p.V.Key("Parent").Key("MediaBox")
		}
		if w, h := box.Index(2).Float64(), box.Index(3).Float64(); w < 595 || w > 596 || h < 841 || h > 842 {
			t.Errorf("page %d is %gx%g pt, want A4 portrait", i, w, h)
		}
		for _, tx := range p.Content().Text {
			if tx.FontSize < 8 {
				t.Errorf("page %d: %q is set at %g pt, want 8 pt or more", i, tx.S, tx.FontSize)
			}
			all.WriteString(tx.S)
		}
	}
	text := squash(all.String())
	for _, c := range snap.Codes {
		if !strings.Contains(text, squash(c.Name)) {
			t.Errorf("code %q is not in the PDF's text", c.Name)
		}
	}
}

// zipPixels lists the PNG files of a zip with the SHA-256 of their
// pixels, a stable text to compare (another zlib may pack the same image
// differently).
func zipPixels(t *testing.T, data []byte) []byte {
	t.Helper()
	files := unzipPages(t, data)
	names := slices.Sorted(maps.Keys(files))
	var out bytes.Buffer
	for _, n := range names {
		img, err := png.Decode(bytes.NewReader(files[n]))
		if err != nil {
			t.Fatalf("%s does not decode: %v", n, err)
		}
		fmt.Fprintf(&out, "%s %v %x\n", n, img.Bounds().Size(), sha256.Sum256(pixels(t, files[n])))
	}
	return out.Bytes()
}

// pdfRuns lists each page of a PDF with its size and its text runs, with
// their font sizes, a stable text to compare.
func pdfRuns(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the PDF does not open: %v", err)
	}
	var out bytes.Buffer
	for i := 1; i <= r.NumPage(); i++ {
		fmt.Fprintf(&out, "=== page %d\n", i)
		var line strings.Builder
		size := 0.0
		for _, tx := range r.Page(i).Content().Text {
			if tx.FontSize != size && line.Len() > 0 {
				fmt.Fprintf(&out, "%gpt %s\n", size, line.String())
				line.Reset()
			}
			size = tx.FontSize
			line.WriteString(tx.S)
		}
		if line.Len() > 0 {
			fmt.Fprintf(&out, "%gpt %s\n", size, line.String())
		}
	}
	return out.Bytes()
}

// TestFigurePerSection draws one figure per growth path on Letter
// landscape pages: every concept only on the pages of its own section,
// each page captioned with the section, the themes above the concepts
// repeated where their concepts are.
func TestFigurePerSection(t *testing.T) {
	snap := bigStudy(t)
	opt := export.Options{Sections: "Growth path", Table: export.TableOptions{SectionLabel: export.SectionValue},
		Figure: export.FigureOptions{Split: export.SplitSection, Page: export.PageLetter, Orientation: export.Landscape}}
	files := unzipPages(t, mustExport(t, snap, "gioia-svg-zip", opt))
	path := snap.FacetByName("Growth path")
	where := map[string]string{} // concept name -> caption of its page
	for i := 1; i <= len(files); i++ {
		p := parsePage(t, files[fmt.Sprintf("page-%02d.svg", i)])
		if p.widthPt != 792 || p.heightPt != 612 {
			t.Errorf("page %d is %gx%g pt, want Letter landscape", i, p.widthPt, p.heightPt)
		}
		caption := strings.TrimSuffix(strings.TrimSpace(p.caption), " (continued)")
		for _, b := range p.boxes {
			where[squash(b.text)] = caption
		}
	}
	for _, c := range snap.Codes {
		if c.Level != coding.LevelConcept {
			continue
		}
		if got, want := where[squash(c.Name)], c.Facets[path.ID]; got != want {
			t.Errorf("concept %q is drawn under %q, want its section %q", c.Name, got, want)
		}
	}
}

// TestFigureTooLongForAPage refuses a code whose box does not fit on a
// page, naming it, rather than shrinking its text: a theme with a badge
// for each of 60 facets.
func TestFigureTooLongForAPage(t *testing.T) {
	b := newBuilder(t, "Long")
	var badges []string
	var values []any
	for i := 0; i < 60; i++ {
		f := b.facet(fmt.Sprintf("Facet %d", i+1), "yes", "no")
		badges = append(badges, f.Name)
		values = append(values, f, "yes")
	}
	dim := b.code(coding.LevelDimension, nil, "Dimension")
	theme := b.code(coding.LevelTheme, dim, "Theme with every facet", values...)
	b.code(coding.LevelConcept, theme, "Concept")
	snap := b.done()
	var buf bytes.Buffer
	err := export.Export(&buf, snap, "gioia-pdf", export.Options{Figure: export.FigureOptions{Page: export.PageA4, Badges: badges}})
	if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), `"Concept" and the codes above it do not fit on one page`) {
		t.Errorf("got %v, want an invalid error naming the code that does not fit", err)
	}
	// Without the badges it fits.
	if err := export.Export(&buf, snap, "gioia-pdf", export.Options{Figure: export.FigureOptions{Page: export.PageA4}}); err != nil {
		t.Errorf("without badges: %v", err)
	}
}
