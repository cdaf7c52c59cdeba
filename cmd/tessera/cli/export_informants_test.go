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
	args := append([]string{"import", "--data", data, "--project", "Sources", "--case", "Pöllö Robotics Oy"}, files...)
	if r := run(t, args...); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	r := run(t, "export", "--data", data, "--project", "Sources", "--format", "informants-md")
	if r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	if want := "| I-01 |  | Pöllö Robotics Oy | 2 | 0 |"; !strings.Contains(r.stdout, want) {
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
	if !strings.Contains(r.stdout, "informants-docx") || !strings.Contains(r.stdout, "Informant table (data sources) as a Word table (options: attributes)") {
		t.Errorf("--list: got %s, want the informant formats", r.stdout)
	}
}
