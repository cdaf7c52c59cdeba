package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportTableOptions exports a table with its own headers, caption,
// number and notes, and rejects a style it does not know.
func TestExportTableOptions(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	codebook := filepath.Join(dir, "codebook.csv")
	if err := os.WriteFile(codebook, []byte("name,level,parent\nFailure recognition,dimension,\nDelayed recognition,theme,\"Failure recognition\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	transcript := filepath.Join(dir, "interview.txt")
	if err := os.WriteFile(transcript, []byte("Interviewer: How did it start?\nCEO: With a fair.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "import", "--data", data, "--project", "Tables", "--codebook", codebook, transcript); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	r := run(t, "export", "--data", data, "--project", "Tables", "--format", "gioia-tex",
		"--header", "Open coding: 1st-order themes", "--header", "Axial coding, second order", "--caption", "Data structure",
		"--table-number", "3", "--notes", "Made-up rows.")
	if r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{`\textbf{Table 3}`, `\textit{Data structure}`, "Open coding: 1st-order themes & Axial coding, second order & Aggregate dimensions", `\textit{Note.} Made-up rows.`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("got %s, want it to contain %q", r.stdout, want)
		}
	}
	r = run(t, "export", "--data", data, "--project", "Tables", "--format", "gioia-docx", "--style", "fancy")
	if r.code == 0 || !strings.Contains(r.stderr, `table style "fancy" is not apa or grid`) {
		t.Errorf("bad style: exit %d, stderr %q; want a failure naming the style", r.code, r.stderr)
	}
}
