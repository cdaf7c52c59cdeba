package refi_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"tessera/coding"
)

func TestExportIsValidAgainstSchema(t *testing.T) {
	xmllint := requireXmllint(t)
	for name, build := range map[string]func(testing.TB, coding.Store) *coding.Snapshot{
		"small project": buildSample,
		"sample study":  sampleStudy,
		"empty project": emptyProject,
	} {
		t.Run(name, func(t *testing.T) {
			files := zipEntries(t, exportBytes(t, build(t, mustOpenStore(t))))
			qde := filepath.Join(t.TempDir(), "project.qde")
			must(t, os.WriteFile(qde, files["project.qde"], 0o600))
			out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "Project-mrt2019.xsd"), qde).CombinedOutput()
			if err != nil {
				t.Fatalf("xmllint: %v\n%s", err, out)
			}
		})
	}
}

func TestExportIsDeterministic(t *testing.T) {
	st := mustOpenStore(t)
	snap := buildSample(t, st)
	a, b := exportBytes(t, snap), exportBytes(t, snap)
	if !bytes.Equal(a, b) {
		t.Errorf("two exports of one snapshot differ (%d and %d bytes)", len(a), len(b))
	}
}

// emptyProject creates a project with nothing in it.
func emptyProject(tb testing.TB, st coding.Store) *coding.Snapshot {
	tb.Helper()
	p := &coding.Project{Name: "Nothing yet"}
	must(tb, st.CreateProject(context.Background(), p))
	snap, err := st.Snapshot(context.Background(), p.ID, true)
	must(tb, err)
	return snap
}
