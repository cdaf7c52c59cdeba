package export_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

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
}

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
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "pdf", "--outdir", dir}
	for _, c := range pageCases {
		path := filepath.Join(dir, c.name+".docx")
		if err := os.WriteFile(path, mustExport(t, snap, c.format+"-docx", c.opt), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, office, args...).CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice failed: %v\n%s", err, out)
	}
	for _, c := range pageCases {
		t.Run(c.name, func(t *testing.T) {
			out, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, c.name+".pdf"), "-").Output()
			if err != nil {
				t.Fatalf("no PDF from LibreOffice: %v", err)
			}
			checkInOrder(t, string(out), mustTexts(t, c.format, c.opt))
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
			if err := os.WriteFile(filepath.Join(dir, "table.tex"), mustExport(t, snap, c.format+"-tex", c.opt), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "table.tex")
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("pdfLaTeX failed: %v\n%s", err, out)
			}
			out, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "table.pdf"), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			checkInOrder(t, string(out), mustTexts(t, c.format, c.opt))
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
