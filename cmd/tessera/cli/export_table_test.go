package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/datadir"
)

// TestExportTableOptions exports a table with its own headers, caption,
// number and notes, and rejects a style it does not know.
func TestExportTableOptions(t *testing.T) {
	data := importProject(t, "Tables", "name,level,parent\nFailure recognition,dimension,\nDelayed recognition,theme,\"Failure recognition\"\n")
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

// TestExportPreset saves a table preset through the store, exports with
// it and with a flag that replaces one of its options, and fails on a
// preset the project does not have.
func TestExportPreset(t *testing.T) {
	data := importProject(t, "Tables", "name,level,parent\nFailure recognition,dimension,\nDelayed recognition,theme,\"Failure recognition\"\n")
	savePreset(t, data, "Tables", "Journal", `{"headers":["Open coding","Axial coding"],"caption":"Data structure","number":"2","continued":false}`)

	r := run(t, "export", "--data", data, "--project", "Tables", "--format", "gioia-tex", "--preset", "journal")
	if r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{`\textbf{Table 2}`, `\textit{Data structure}`, "Open coding & Axial coding & Aggregate dimensions"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("got %s, want it to contain %q", r.stdout, want)
		}
	}
	if strings.Contains(r.stdout, "(continued)") {
		t.Errorf("the preset turns the repeated header off, got (continued) in %s", r.stdout)
	}
	r = run(t, "export", "--data", data, "--project", "Tables", "--format", "gioia-tex", "--preset", "Journal", "--table-number", "5", "--continued")
	if r.code != 0 || !strings.Contains(r.stdout, `\textbf{Table 5}`) || !strings.Contains(r.stdout, "Open coding & Axial coding") || !strings.Contains(r.stdout, "(continued)") {
		t.Errorf("flags over the preset: exit %d, got %s; want Table 5, the preset's headers and (continued)", r.code, r.stdout)
	}
	r = run(t, "export", "--data", data, "--project", "Tables", "--format", "gioia-tex", "--preset", "Thesis")
	if r.code == 0 || !strings.Contains(r.stderr, `no table preset "Thesis"`) {
		t.Errorf("unknown preset: exit %d, stderr %q; want a failure naming it", r.code, r.stderr)
	}
}

// savePreset stores a table preset in the project of the data directory,
// as the Exports screen does.
func savePreset(t *testing.T, data, project, name, options string) {
	t.Helper()
	ctx := context.Background()
	a, err := datadir.Open(ctx, data, datadir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	p, err := a.Store.FindProjectByName(ctx, project)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store.PutTablePreset(ctx, &coding.TablePreset{ProjectID: p.ID, Name: name, Options: []byte(options)}); err != nil {
		t.Fatal(err)
	}
}

// importProject imports one short interview with the codebook CSV into a
// new project of a new data directory, and returns the directory.
func importProject(t *testing.T, project, codebookCSV string) string {
	t.Helper()
	data := t.TempDir()
	dir := t.TempDir()
	codebook := filepath.Join(dir, "codebook.csv")
	if err := os.WriteFile(codebook, []byte(codebookCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	transcript := filepath.Join(dir, "interview.txt")
	if err := os.WriteFile(transcript, []byte("Interviewer: How did it start?\nCEO: With a fair.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "import", "--data", data, "--project", project, "--codebook", codebook, transcript); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	return data
}
