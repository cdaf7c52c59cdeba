package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportRawKeepsFormulas(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	codebook := filepath.Join(dir, "codebook.csv")
	if err := os.WriteFile(codebook, []byte("name,level\n\"=SUM(1+1)\",dimension\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	transcript := filepath.Join(dir, "interview.txt")
	if err := os.WriteFile(transcript, []byte("Interviewer: How did it start?\nCEO: With a fair.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "import", "--data", data, "--project", "Formulas", "--codebook", codebook, transcript); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	for _, tt := range []struct {
		flags []string
		want  string
	}{
		{nil, "\n'=SUM(1+1),"},
		{[]string{"--raw"}, "\n=SUM(1+1),"},
	} {
		r := run(t, append([]string{"export", "--data", data, "--project", "Formulas", "--format", "codebook-csv"}, tt.flags...)...)
		if r.code != 0 {
			t.Fatalf("export %v: exit %d: %s", tt.flags, r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, tt.want) {
			t.Errorf("export %v: got %q, want a line starting %q", tt.flags, r.stdout, tt.want[1:])
		}
	}
}
