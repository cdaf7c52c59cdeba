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
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		want     string // in stdout, or stderr when the command fails
	}{
		{"listed", []string{"export", "--list"}, 0, "model-pptx"},
		{"no model named", []string{"export", "--data", data, "--project", "Canvas", "--format", "model-svg"}, 1, "the project has 2 models; name one (known: Process model, Second model)"},
		{"unknown model", []string{"export", "--data", data, "--project", "Canvas", "--format", "model-svg", "--model", "Third"}, 1, `no model named "Third"`},
		{"svg", []string{"export", "--data", data, "--project", "Canvas", "--format", "model-svg", "--model", "process model"}, 0, "Entrepreneurial learning"},
		{"pptx to a file", []string{"export", "--data", data, "--project", "Canvas", "--format", "model-pptx", "--model", "Second model", "-o", out}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args...)
			got := r.stdout
			if tc.wantCode != 0 {
				got = r.stderr
			}
			if r.code != tc.wantCode || !strings.Contains(got, tc.want) {
				t.Fatalf("got exit %d, stdout %q, stderr %q; want %d with %q", r.code, shortOut(r.stdout), r.stderr, tc.wantCode, tc.want)
			}
		})
	}
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

// shortOut cuts long output for a failure message.
func shortOut(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
