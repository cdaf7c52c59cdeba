package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportFigurePages writes the data-structure figure one page per
// dimension as a PDF, refuses a one-file SVG of several pages, and
// rejects a page size it does not know.
func TestExportFigurePages(t *testing.T) {
	rows := "name,level,parent\nFailure recognition,dimension,\nDelayed recognition,theme,\"Failure recognition\"\n" +
		"Adaptation,dimension,\nRoutine change,theme,Adaptation\n"
	data := importProject(t, "Figure", rows)
	out := filepath.Join(t.TempDir(), "figure.pdf")
	r := run(t, "export", "--data", data, "--project", "Figure", "--format", "gioia-pdf", "--split", "dimension",
		"--page", "letter", "--orientation", "landscape", "--header", "Open coding", "-o", out)
	if r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Count(pdf, []byte("/Type /Page\n")) != 2 {
		t.Errorf("got %d bytes with %d pages, want a PDF of 2 pages", len(pdf), bytes.Count(pdf, []byte("/Type /Page\n")))
	}
	r = run(t, "export", "--data", data, "--project", "Figure", "--format", "gioia-svg", "--split", "dimension")
	if r.code == 0 || !strings.Contains(r.stderr, "gioia-svg-zip") {
		t.Errorf("SVG of two pages: exit %d, stderr %q; want a failure pointing to gioia-svg-zip", r.code, r.stderr)
	}
	r = run(t, "export", "--data", data, "--project", "Figure", "--format", "gioia-pdf", "--page", "a3")
	if r.code == 0 || !strings.Contains(r.stderr, `page size "a3" is not a4 or letter`) {
		t.Errorf("bad page: exit %d, stderr %q; want a failure naming the page size", r.code, r.stderr)
	}
}
