package export_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"tessera/coding"
	"tessera/coding/agreement"
	"tessera/coding/export"
)

// agreementPage is the agreement table of two coders on one document.
func agreementPage(tb testing.TB) agreement.PageTable {
	tb.Helper()
	q := func(id, coder string, start, end int, codes ...string) *coding.Quote {
		return &coding.Quote{ID: id, DocumentID: "d1", Coder: coder, Start: start, End: end, CodeIDs: codes}
	}
	rep, err := agreement.Compute(agreement.Input{
		Documents: map[string]int{"d1": 40},
		Coders:    []string{"aino", "bjorn"},
		Quotes: []*coding.Quote{
			q("q1", "aino", 0, 10, "trust"), q("q3", "aino", 20, 30, "trust"), q("q4", "aino", 12, 18, "risk"),
			q("q5", "bjorn", 0, 9, "trust"), q("q6", "bjorn", 22, 30, "trust"), q("q7", "bjorn", 30, 36, "risk"),
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return agreement.Page(rep, map[string]string{"trust": "Trust & förtroende", "risk": "Risk"})
}

// agreementTexts lists the texts of the agreement table in reading order.
func agreementTexts(p agreement.PageTable) []string {
	out := append([]string{"Table 4", p.Title}, p.Header...)
	for _, s := range p.Sections {
		out = append(out, s.Title)
		for _, r := range s.Rows {
			for _, c := range r.Cells {
				if c.Text != "" {
					out = append(out, c.Text)
				}
			}
		}
	}
	return append(out, "Note", p.Intro)
}

// TestAgreementPageFormats writes the agreement table as Word and LaTeX,
// compares them with the golden files, and finds every cell's text in
// order in the PDFs that LibreOffice and pdfLaTeX make of them.
func TestAgreementPageFormats(t *testing.T) {
	p := agreementPage(t)
	opt := export.TableOptions{Number: "4"}
	files := map[string][]byte{}
	for _, format := range []string{"docx", "tex"} {
		var buf bytes.Buffer
		if err := export.WriteAgreement(&buf, format, p, opt); err != nil {
			t.Fatal(err)
		}
		files[format] = buf.Bytes()
	}
	compareGolden(t, "agreement.docx.txt", zipText(t, files["docx"]))
	compareGolden(t, "agreement.tex", files["tex"])
	var buf bytes.Buffer
	if err := export.WriteAgreement(&buf, "pdf", p, opt); coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("format pdf: got %v, want invalid", err)
	}
	if testing.Short() {
		return
	}
	office := needTool(t, "libreoffice-writer-nogui", "libreoffice", "soffice")
	pdflatex := needTool(t, "texlive-latex-extra", "pdflatex")
	pdftotext := needTool(t, "poppler-utils", "pdftotext")
	dir := t.TempDir()
	officeDir := filepath.Join(dir, "office")
	if err := os.MkdirAll(officeDir, 0o755); err != nil {
		t.Fatal(err)
	}
	officePDFs(t, office, officeDir, writeFile(t, filepath.Join(officeDir, "agreement.docx"), files["docx"]))
	writeFile(t, filepath.Join(dir, "agreement.tex"), files["tex"])
	pdfLaTeX(t, pdflatex, dir, "agreement")
	for _, pdf := range []string{filepath.Join(officeDir, "agreement.pdf"), filepath.Join(dir, "agreement.pdf")} {
		checkInOrder(t, pdfText(t, pdftotext, pdf), agreementTexts(p))
	}
}
