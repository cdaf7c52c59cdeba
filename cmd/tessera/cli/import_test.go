package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAgainSaysNothingNew imports the sample study a second time:
// nothing is new, which is no failure. A new file among known ones is
// imported, and a file that cannot be read still fails the command.
func TestImportAgainSaysNothingNew(t *testing.T) {
	data := importSample(t)
	s := sampleDir(t)
	r := run(t, "import", "--data", data, "--project", "Failure study", "--case-per-folder", "--coding", filepath.Join(s, "coding.json"), s)
	if r.code != 0 || !strings.Contains(r.stdout, `nothing new: all 12 files were already in "Failure study"`) || strings.Contains(r.stdout, "FAILED") {
		t.Fatalf("second import: exit %d\n%s%s\nwant exit 0 saying nothing was new", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "coding: 0 facets, 0 codes and 0 quotes created") {
		t.Errorf("second import: got %q, want the starter coding found in place", r.stdout)
	}

	dir := t.TempDir()
	fresh, empty := filepath.Join(dir, "new.txt"), filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(fresh, []byte("Interviewer: And then?\nAnna: We met in Luleå 👍.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	known := filepath.Join(s, "Pöllö Robotics Oy", "ceo-interview.txt")
	r = run(t, "import", "--data", data, "--project", "Failure study", fresh, known)
	if r.code != 0 || !strings.Contains(r.stdout, `1 of 2 files imported into "Failure study", 1 already there`) || !strings.Contains(r.stdout, "duplicate  ceo-interview.txt") {
		t.Errorf("one new file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	r = run(t, "import", "--data", data, "--project", "Failure study", empty, known)
	if r.code != 1 || !strings.Contains(r.stdout, "FAILED     empty.txt") || !strings.Contains(r.stdout, "0 of 2 files imported into \"Failure study\", 1 already there, 1 failed") || !strings.Contains(r.stderr, "1 of 2 files could not be imported") {
		t.Errorf("an empty file: exit %d\n%s%s\nwant exit 1 naming it", r.code, r.stdout, r.stderr)
	}
}
