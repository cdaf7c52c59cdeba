package export_test

import (
	"path/filepath"
	"testing"

	"tessera/coding/export"
)

// pageCases are the table exports checked in LibreOffice and pdfLaTeX:
// every table in DOCX and LaTeX, in the APA style unless named otherwise.
var pageCases = []struct {
	name   string
	format string // without the -docx or -tex suffix
	opt    export.Options
}{
	{"gioia", "gioia", gioiaOpt},
	{"gioia-grid", "gioia", gridOpt},
	{"gioia-nested", "gioia", nestedOpt},
	{"codebook", "codebook-table", export.Options{}},
	{"matrix", "matrix", tableOpt},
	{"matrix-quotes", "matrix", export.Options{Cell: "quotes", Level: "concept"}},
	{"cases", "cases", export.Options{Counts: true}},
	{"cooccurrence", "cooccurrence", export.Options{}},
	{"quotes", "quotes", export.Options{}},
	{"supporting", "supporting", export.Options{Table: export.TableOptions{Number: "4"}}},
	{"supporting-concepts", "supporting", export.Options{Level: "concept", Sections: "Growth path", Table: export.TableOptions{Style: export.StyleGrid}}},
	{"quotes-once", "quotes", export.Options{Table: export.TableOptions{Continued: &off}}},
	{"gioia-grid-once", "gioia", export.Options{Sections: "Growth path", Table: export.TableOptions{Style: export.StyleGrid, Continued: &off}}},
}

// off turns an option of type *bool off.
var off = false

// TestTablesInLibreOffice converts every table's Word export to PDF with
// LibreOffice and checks, with pdftotext, that the text of every cell is
// there in the order of the table.
func TestTablesInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: starts LibreOffice")
	}
	office := needTool(t, "libreoffice-writer-nogui", "libreoffice", "soffice")
	pdftotext := needTool(t, "poppler-utils", "pdftotext")
	snap := study(t)
	dir := t.TempDir()
	var paths []string
	for _, c := range pageCases {
		paths = append(paths, writeFile(t, filepath.Join(dir, c.name+".docx"), mustExport(t, snap, c.format+"-docx", c.opt)))
	}
	officePDFs(t, office, dir, paths...)
	for _, c := range pageCases {
		t.Run(c.name, func(t *testing.T) {
			checkInOrder(t, pdfText(t, pdftotext, filepath.Join(dir, c.name+".pdf")), mustTexts(t, c.format, c.opt))
		})
	}
}

// TestTablesInPdfLaTeX compiles every table's LaTeX export with pdfLaTeX
// and checks that the text of every cell is in the PDF in order.
func TestTablesInPdfLaTeX(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs pdfLaTeX")
	}
	pdflatex := needTool(t, "texlive-latex-extra", "pdflatex")
	pdftotext := needTool(t, "poppler-utils", "pdftotext")
	snap := study(t)
	for _, c := range pageCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "table.tex"), mustExport(t, snap, c.format+"-tex", c.opt))
			pdfLaTeX(t, pdflatex, dir, "table")
			checkInOrder(t, pdfText(t, pdftotext, filepath.Join(dir, "table.pdf")), mustTexts(t, c.format, c.opt))
		})
	}
}

func mustTexts(tb testing.TB, format string, opt export.Options) []string {
	tb.Helper()
	texts, err := export.TableTexts(study(tb), format, opt)
	if err != nil {
		tb.Fatal(err)
	}
	return texts
}
