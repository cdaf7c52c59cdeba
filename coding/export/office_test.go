package export_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"tessera/coding/export"
)

// needTool returns the path of the first of names found, skipping the
// test when none is installed, or failing it under TESSERA_E2E=1 (CI).
func needTool(t *testing.T, pkg string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("TESSERA_E2E") == "1" {
		t.Fatalf("%s is required when TESSERA_E2E=1 (install %s)", names[0], pkg)
	}
	t.Skipf("%s not installed (%s)", names[0], pkg)
	return ""
}

// TestOfficeFilesInLibreOffice converts the Word and Excel exports to PDF
// with LibreOffice and checks, with pdftotext, that the table's text is
// there in the order of the table.
func TestOfficeFilesInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: starts LibreOffice")
	}
	office := needTool(t, "libreoffice-writer-nogui, libreoffice-calc-nogui", "libreoffice", "soffice")
	pdftotext := needTool(t, "poppler-utils", "pdftotext")

	snap := study(t)
	var rowText []string // section labels and row codes, in table order
	section := "-"
	for _, r := range export.GioiaRows(snap, gioiaOpt) {
		if r.Section != section {
			section = r.Section
			rowText = append(rowText, "Growth path: "+cmpOr(r.Section, "not set"))
		}
		switch {
		case r.Concept != nil:
			rowText = append(rowText, r.Concept.Name)
		case r.Theme != nil:
			rowText = append(rowText, r.Theme.Name)
		}
	}
	var codeNames []string
	for _, e := range export.CodebookOf(snap).Entries {
		codeNames = append(codeNames, e.Name)
	}
	files := []struct {
		format string
		opt    export.Options
		want   []string
	}{
		{"gioia-docx", gioiaOpt, rowText},
		{"gioia-xlsx", gioiaOpt, rowText},
		{"codebook-docx", export.Options{}, codeNames},
		{"codebook-xlsx", export.Options{}, codeNames},
	}

	dir := t.TempDir()
	var paths []string
	for _, f := range files {
		format, _ := export.FormatByName(f.format)
		paths = append(paths, writeFile(t, filepath.Join(dir, f.format+format.Ext), mustExport(t, snap, f.format, f.opt)))
	}
	officePDFs(t, office, dir, paths...)
	for _, f := range files {
		t.Run(f.format, func(t *testing.T) {
			checkInOrder(t, pdfText(t, pdftotext, filepath.Join(dir, f.format+".pdf")), f.want)
		})
	}
}

// writeFile writes data to path and returns the path.
func writeFile(tb testing.TB, path string, data []byte) string {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// officePDFs converts the office files to PDFs in dir with LibreOffice,
// using a profile of its own under dir.
func officePDFs(tb testing.TB, office, dir string, files ...string) {
	tb.Helper()
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "pdf", "--outdir", dir}, files...)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, office, args...).CombinedOutput(); err != nil {
		tb.Fatalf("LibreOffice failed: %v\n%s", err, out)
	}
}

// pdfLaTeX compiles dir/name.tex into dir/name.pdf.
func pdfLaTeX(tb testing.TB, pdflatex, dir, name string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", name+".tex")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("pdfLaTeX failed: %v\n%s", err, out)
	}
}

// pdfText returns a PDF's text laid out as on the page.
func pdfText(tb testing.TB, pdftotext, pdf string) string {
	tb.Helper()
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		tb.Fatalf("no text from %s: %v", pdf, err)
	}
	return string(out)
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// words splits text into lower-case words of letters and digits, so that
// line breaks and hyphenation in the PDF do not matter.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// checkInOrder checks that each of want appears in text after the one
// before it. A table cell's lines interleave with its neighbours', so an
// item counts as found where its words appear in order within a short
// stretch of text.
func checkInOrder(t *testing.T, text string, want []string) {
	t.Helper()
	got := words(text)
	pos := 0
	for _, item := range want {
		need := words(item)
		found := -1
		for start := pos; start < len(got) && found < 0; start++ {
			if got[start] != need[0] {
				continue
			}
			i := 1
			for j := start + 1; j < len(got) && j < start+80 && i < len(need); j++ {
				if got[j] == need[i] {
					i++
				}
			}
			if i == len(need) {
				found = start
			}
		}
		if found < 0 {
			t.Fatalf("%q not found after word %d of the PDF text:\n%s", item, pos, text)
		}
		pos = found + 1
	}
}

// TestGioiaTeXInPdfLaTeX compiles the LaTeX Gioia table with pdfLaTeX,
// after giving a concept a name with every character class the export
// must handle (TeX's special characters, Nordic and Romanian letters,
// dashes, Cyrillic, Chinese, emoji with a joiner and a variation
// selector), and checks the PDF's text.
func TestGioiaTeXInPdfLaTeX(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs pdfLaTeX")
	}
	pdflatex := needTool(t, "texlive-latex-extra", "pdflatex")
	pdftotext := needTool(t, "poppler-utils", "pdftotext")
	snap := study(t)
	const odd = `Kohtamäki & Luleå: 50% of $ #1 {a_b} ^~ \ < > | ș – … Кохтамяки 東京 👩‍🔬 ❤️`
	for _, c := range snap.Codes {
		if c.Level == "concept" {
			c.Name = odd
			break
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "gioia.tex"), mustExport(t, snap, "gioia-tex", gioiaOpt), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "gioia.tex")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdfLaTeX failed: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, filepath.Join(dir, "gioia.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Table cells interleave in the text, so each is looked for alone.
	for _, want := range []string{"Kohtamäki & Luleå: 50% of $ #1 {a_b}", "[cyrillic capital letter ka]",
		"[U+6771][U+4EAC]", "[woman][microscope] [heavy black heart]", "Delayed failure recognition"} {
		checkInOrder(t, string(out), []string{want})
	}
	if strings.Contains(string(out), "zero width joiner") || strings.Contains(string(out), "variation selector") {
		t.Errorf("PDF text names a joiner or variation selector:\n%s", out)
	}
}
