package export_test

import (
	"archive/zip"
	"bytes"
	"flag"
	"image"
	"image/draw"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// gioiaOpt is the full Gioia table: sections by growth path, counts and
// representative quotes.
var gioiaOpt = export.Options{Sections: "Growth path", Counts: true, Quotes: true}

// tableOpt numbers a table and gives it a caption and notes.
var tableOpt = export.Options{Table: export.TableOptions{Number: "2", Caption: "Themes by case", Notes: "Counts are quotes."}}

// gridOpt is the full Gioia table in the grid style, with a number and notes.
var gridOpt = export.Options{Sections: "Growth path", Counts: true, Table: export.TableOptions{Style: export.StyleGrid, Number: "1", Notes: "Made-up data."}}

// nestedOpt nests type-of-learning sections in growth-path sections.
var nestedOpt = export.Options{Sections: "Growth path", Subsections: "Type of learning", Table: export.TableOptions{SectionLabel: export.SectionValue, Number: "3"}}

// pagesOpt draws the figure per growth path on Letter landscape pages,
// with its own headings and type-of-learning badges.
var pagesOpt = export.Options{Sections: "Growth path", Table: export.TableOptions{Headers: []string{"Open coding", "Axial coding"}},
	Figure: export.FigureOptions{Split: export.SplitSection, Page: export.PageLetter, Orientation: export.Landscape, Badges: []string{"Type of learning"}}}

// pngPagesOpt fits the figure on A4 landscape pages: fewer pixels to
// draw than pagesOpt, for the slowest of the golden tests.
var pngPagesOpt = export.Options{Figure: export.FigureOptions{Page: export.PageA4, Orientation: export.Landscape}}

// goldenCases covers every format at least once, and the main options.
var goldenCases = []struct {
	file   string
	format string
	opt    export.Options
}{
	{"gioia.md", "gioia-md", gioiaOpt},
	{"gioia-plain.md", "gioia-md", export.Options{}},
	{"gioia.csv", "gioia-csv", gioiaOpt},
	{"gioia.html", "gioia-html", gioiaOpt},
	{"gioia.xlsx", "gioia-xlsx", gioiaOpt},
	{"gioia.docx", "gioia-docx", gioiaOpt},
	{"gioia.tex", "gioia-tex", gioiaOpt},
	{"gioia.svg", "gioia-svg", export.Options{}},
	{"gioia.png", "gioia-png", export.Options{}},
	{"gioia-pages.pdf", "gioia-pdf", pagesOpt},
	{"gioia-pages-svg.zip", "gioia-svg-zip", pagesOpt},
	{"gioia-pages-png.zip", "gioia-png-zip", pngPagesOpt},
	{"gioia-pages.pptx", "gioia-pptx", pagesOpt},
	{"gioia-pages.drawio", "gioia-drawio", pagesOpt},
	{"codebook.csv", "codebook-csv", export.Options{}},
	{"codebook.md", "codebook-md", export.Options{}},
	{"codebook.docx", "codebook-docx", export.Options{}},
	{"codebook.xlsx", "codebook-xlsx", export.Options{}},
	{"codebook.qdc", "codebook-qdc", export.Options{}},
	{"matrix.csv", "matrix-csv", export.Options{}},
	{"matrix.xlsx", "matrix-xlsx", export.Options{}},
	{"matrix.md", "matrix-md", export.Options{}},
	{"matrix.html", "matrix-html", export.Options{}},
	{"matrix-share-sector.csv", "matrix-csv", export.Options{Level: coding.LevelConcept, Columns: "attr:sector", Cell: "share"}},
	{"matrix-share-sector.xlsx", "matrix-xlsx", export.Options{Level: coding.LevelConcept, Columns: "attr:sector", Cell: "share"}},
	{"matrix-presence-speaker.md", "matrix-md", export.Options{Columns: "speaker", Cell: "presence"}},
	{"matrix-quotes-filtered.html", "matrix-html", export.Options{Level: coding.LevelConcept, Cell: "quotes", FacetFilter: "growth path=market penetration"}},
	{"cases.csv", "cases-csv", export.Options{Counts: true}},
	{"cases.xlsx", "cases-xlsx", export.Options{Counts: true}},
	{"cases.md", "cases-md", export.Options{Counts: true}},
	{"cases.html", "cases-html", export.Options{Counts: true}},
	{"cases-selected.md", "cases-md", export.Options{Attributes: []string{"employees", "Sector"}}},
	{"cooccurrence.csv", "cooccurrence-csv", export.Options{}},
	{"cooccurrence.xlsx", "cooccurrence-xlsx", export.Options{}},
	{"cooccurrence.md", "cooccurrence-md", export.Options{}},
	{"cooccurrence.html", "cooccurrence-html", export.Options{}},
	{"cooccurrence-turn-theme.csv", "cooccurrence-csv", export.Options{Unit: "turn", Level: coding.LevelTheme}},
	{"quotes.csv", "quotes-csv", export.Options{}},
	{"quotes.xlsx", "quotes-xlsx", export.Options{}},
	{"quotes.md", "quotes-md", export.Options{}},
	{"quotes.html", "quotes-html", export.Options{}},
	{"project.qdpx", "qdpx", export.Options{}},
	{"gioia-grid.docx", "gioia-docx", gridOpt},
	{"gioia-grid.xlsx", "gioia-xlsx", gridOpt},
	{"gioia-grid.tex", "gioia-tex", gridOpt},
	{"gioia-nested.tex", "gioia-tex", nestedOpt},
	{"gioia-nested.docx", "gioia-docx", nestedOpt},
	{"codebook-table.docx", "codebook-table-docx", export.Options{}},
	{"codebook-table.tex", "codebook-table-tex", export.Options{}},
	{"matrix.docx", "matrix-docx", tableOpt},
	{"matrix.tex", "matrix-tex", tableOpt},
	{"matrix-quotes.docx", "matrix-docx", export.Options{Cell: "quotes"}},
	{"matrix-quotes.tex", "matrix-tex", export.Options{Cell: "quotes"}},
	{"cases.docx", "cases-docx", export.Options{Counts: true}},
	{"cases.tex", "cases-tex", export.Options{Counts: true}},
	{"cooccurrence.docx", "cooccurrence-docx", export.Options{}},
	{"cooccurrence.tex", "cooccurrence-tex", export.Options{}},
	{"quotes.docx", "quotes-docx", export.Options{}},
	{"quotes.tex", "quotes-tex", export.Options{}},
	{"model.svg", "model-svg", export.Options{}},
	{"model.png", "model-png", export.Options{}},
	{"model.pdf", "model-pdf", export.Options{}},
	{"model.pptx", "model-pptx", export.Options{}},
	{"model.drawio", "model-drawio", export.Options{Model: "failure learning PROCESS"}},
}

// TestGolden exports the study project in every format twice, checks the
// two outputs are byte-identical, and compares them with the golden files
// (office files through the text of their parts). Run with -update to
// rewrite the golden files.
func TestGolden(t *testing.T) {
	snap := study(t)
	covered := map[string]bool{}
	for _, tc := range goldenCases {
		covered[tc.format] = true
		t.Run(tc.file, func(t *testing.T) {
			first := mustExport(t, snap, tc.format, tc.opt)
			second := mustExport(t, study(t), tc.format, tc.opt)
			if !bytes.Equal(first, second) {
				t.Fatalf("two exports of one snapshot differ (%d and %d bytes)", len(first), len(second))
			}
			got, name := first, tc.file
			switch ext := filepath.Ext(tc.file); {
			case ext == ".xlsx" || ext == ".docx" || ext == ".qdpx" || ext == ".pptx" || strings.HasSuffix(tc.file, "-svg.zip"):
				got, name = zipText(t, first), tc.file+".txt"
			case strings.HasSuffix(tc.file, "-png.zip"):
				got, name = zipPixels(t, first), tc.file+".txt"
			case ext == ".pdf":
				got, name = pdfRuns(t, first), tc.file+".txt"
			}
			compareGolden(t, name, got)
		})
	}
	for _, f := range export.Formats() {
		if !covered[f.Name] && !goldenElsewhere(f.Name) {
			t.Errorf("format %s has no golden test", f.Name)
		}
	}
}

func mustExport(tb testing.TB, snap *coding.Snapshot, format string, opt export.Options) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := export.Export(&buf, snap, format, opt); err != nil {
		tb.Fatalf("Export(%s): %v", format, err)
	}
	return buf.Bytes()
}

// zipText lists an office file's parts in archive order, each with its
// content, as a stable text to compare.
func zipText(tb testing.TB, data []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatalf("not a zip file: %v", err)
	}
	var out bytes.Buffer
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out.WriteString("=== " + f.Name + "\n")
		out.Write(body)
		out.WriteString("\n")
	}
	return out.Bytes()
}

func compareGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if strings.HasSuffix(name, ".png") {
		// Compare pixels: another zlib may pack the same image differently.
		if !bytes.Equal(pixels(tb, got), pixels(tb, want)) {
			tb.Fatalf("%s: the image differs from the golden file", name)
		}
		return
	}
	tb.Errorf("%s differs from the golden file (-want +got):\n%s", name, cmp.Diff(string(want), string(got)))
}

// pixels decodes a PNG into its RGBA pixels.
func pixels(tb testing.TB, data []byte) []byte {
	tb.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("PNG does not decode: %v", err)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba.Pix
}

// goldenElsewhere reports whether a format's golden files are checked by a
// test of its own (TestMemosGolden, TestInformantsGolden, TestSupportingGolden,
// the model formats in diagram_test.go, ...).
func goldenElsewhere(format string) bool {
	for _, prefix := range []string{"memos-", "informants-", "supporting-", "model-"} {
		if strings.HasPrefix(format, prefix) {
			return true
		}
	}
	return false
}
