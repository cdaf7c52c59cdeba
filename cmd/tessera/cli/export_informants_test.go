package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportInformants imports two interviews of one CEO in one case, so
// that the import links her speakers to one informant, and exports the
// informant table.
func TestExportInformants(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	var files []string
	for name, text := range map[string]string{
		"first.txt":  "Interviewer: How did it start?\nAnna: With a fair.\nInterviewer: And then?\nAnna: We listened.\n",
		"second.txt": "Interviewer: A year later?\nAnna: Still listening.\nInterviewer: Thanks.\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	sheet := filepath.Join(dir, "informants.csv")
	if err := os.WriteFile(sheet, []byte("case,speaker,pseudonym,duration\nPöllö Robotics Oy,anna,Aino,55\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"import", "--data", data, "--project", "Sources", "--case", "Pöllö Robotics Oy", "--informants", sheet}, files...)
	r := run(t, args...)
	if r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "4 speakers linked to informants (2 new informants)") || !strings.Contains(r.stderr, "informants: 1 described") {
		t.Errorf("import: got %s / %s, want the speakers linked and one informant described", r.stdout, r.stderr)
	}
	// A sheet naming a speaker nobody is refused, and changes nothing.
	if err := os.WriteFile(sheet, []byte("case,speaker,pseudonym\nPöllö Robotics Oy,Zoe,Zora\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = run(t, "import", "--data", data, "--project", "Sources", "--informants", sheet)
	if r.code == 0 || !strings.Contains(r.stderr, `no speaker "Zoe" of case "Pöllö Robotics Oy"`) {
		t.Errorf("unknown speaker: exit %d, stderr %q; want a failure naming it", r.code, r.stderr)
	}
	r = run(t, "export", "--data", data, "--project", "Sources", "--format", "informants-md")
	if r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	if want := "| I-01 | Aino |  | Pöllö Robotics Oy | 55 | 2 | 0 |"; !strings.Contains(r.stdout, want) {
		t.Errorf("got %s, want the row %q", r.stdout, want)
	}
	if strings.Contains(r.stdout, "INT-01") {
		t.Errorf("got %s, want the interviewer left out", r.stdout)
	}
	r = run(t, "export", "--data", data, "--project", "Sources", "--format", "informants-csv", "--attributes", "shoe size")
	if r.code == 0 || !strings.Contains(r.stderr, `no informant has an attribute "shoe size"`) {
		t.Errorf("unknown attribute: exit %d, stderr %q; want a failure naming it", r.code, r.stderr)
	}
	r = run(t, "export", "--list")
	if !strings.Contains(r.stdout, "informants-docx") || !strings.Contains(r.stdout, "Informant table (data sources) as a Word table (options: attributes") {
		t.Errorf("--list: got %s, want the informant formats", r.stdout)
	}
}
