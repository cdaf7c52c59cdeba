package cli_test

import (
	"archive/zip"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/datadir"
)

// TestExportModelCommand draws a project's model with --model, and says
// which models there are when the name is missing or wrong.
func TestExportModelCommand(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	a, err := datadir.Open(ctx, data, datadir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &coding.Project{Name: "Canvas"}
	if err := a.Store.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	dim := &coding.Code{ProjectID: p.ID, Name: "Entrepreneurial learning", Level: coding.LevelDimension}
	if err := a.Store.CreateCode(ctx, dim); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Process model", "Second model"} {
		m := &coding.Model{ProjectID: p.ID, Name: name, Boxes: []coding.ModelBox{{ID: "b1", CodeID: dim.ID, X: 0, Y: 0, W: 200, H: 60}}}
		if err := a.Store.CreateModel(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	a.Close()

	out := filepath.Join(t.TempDir(), "model.pptx")
	expectRun(t, 0, "model-pptx", "export", "--list")
	expectRun(t, 1, "the project has 2 models; name one (known: Process model, Second model)",
		"export", "--data", data, "--project", "Canvas", "--format", "model-svg")
	expectRun(t, 1, `no model named "Third"`, "export", "--data", data, "--project", "Canvas", "--format", "model-svg", "--model", "Third")
	expectRun(t, 0, "Entrepreneurial learning", "export", "--data", data, "--project", "Canvas", "--format", "model-svg", "--model", "process model")
	expectRun(t, 0, "", "export", "--data", data, "--project", "Canvas", "--format", "model-pptx", "--model", "Second model", "-o", out)
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatalf("the PPTX is no zip: %v", err)
	}
	defer zr.Close()
	found := false
	for _, f := range zr.File {
		found = found || f.Name == "ppt/slides/slide1.xml"
	}
	if !found {
		t.Error("the PPTX has no slide")
	}
}

// expectRun runs the program with args and checks its exit code and
// that want is in its standard output, or in standard error when it fails.
func expectRun(t *testing.T, wantCode int, want string, args ...string) {
	t.Helper()
	r := run(t, args...)
	got := r.stdout
	if wantCode != 0 {
		got = r.stderr
	}
	if r.code != wantCode || !strings.Contains(got, want) {
		out := r.stdout
		if len(out) > 300 {
			out = out[:300] + "…"
		}
		t.Errorf("tessera %s: got exit %d, stdout %q, stderr %q; want %d with %q", strings.Join(args, " "), r.code, out, r.stderr, wantCode, want)
	}
}
