package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/datadir"
	"tessera/coding/importer"
)

// sampleWithRounds loads the sample study, with its two coding rounds,
// into a new data directory.
func sampleWithRounds(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	ctx := context.Background()
	a, err := datadir.Open(ctx, data, datadir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	p := &coding.Project{Name: "Sample"}
	if err := a.Store.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	im := &importer.Importer{Store: a.Store, Coder: "sample"}
	if _, err := im.ImportSampleDir(ctx, p.ID, sampleDir(t)); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRoundsAndSaturationCommands(t *testing.T) {
	data := sampleWithRounds(t)
	out := filepath.Join(t.TempDir(), "evolution.csv")
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		want     string // in stdout, or stderr when the command fails
	}{
		{"list", []string{"rounds", "--data", data, "--project", "sample"}, 0, "Axial coding\t"},
		{"evolution", []string{"rounds", "--data", data, "--project", "Sample", "--from", "open coding", "--to", "Axial coding"},
			0, "| first-order concept | Red flags from a previous employer |  | merged into Warning signs recognised from earlier jobs |"},
		{"evolution to now as JSON", []string{"rounds", "--data", data, "--project", "Sample", "--from", "Axial coding", "--to", "current", "--format", "json"},
			0, `"totals": {}`},
		{"evolution to a file", []string{"rounds", "--data", data, "--project", "Sample", "--from", "Open coding", "--to", "Axial coding", "--format", "csv", "-o", out}, 0, ""},
		{"only one round", []string{"rounds", "--data", data, "--project", "Sample", "--from", "Open coding"}, 1, "--from and --to go together"},
		{"unknown round", []string{"rounds", "--data", data, "--project", "Sample", "--from", "Open coding", "--to", "Third"}, 1, `no round named "Third" (rounds: Open coding, Axial coding)`},
		{"unknown format", []string{"rounds", "--data", data, "--project", "Sample", "--from", "Open coding", "--to", "current", "--format", "pdf"}, 1, "unknown report format"},
		{"saturation", []string{"saturation", "--data", data, "--project", "Sample", "--order", "date"}, 0, "All interviews: saturated after interview"},
		{"saturation with a bad window", []string{"saturation", "--data", data, "--project", "Sample", "--window", "0"}, 1, "at least 1"},
		{"saturation in a bad order", []string{"saturation", "--data", data, "--project", "Sample", "--order", "size"}, 1, "is not coding or date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args...)
			got := r.stdout
			if tc.wantCode != 0 {
				got = r.stderr
			}
			if r.code != tc.wantCode || !strings.Contains(got, tc.want) {
				t.Fatalf("got exit %d, stdout %q, stderr %q; want %d with %q", r.code, r.stdout, r.stderr, tc.wantCode, tc.want)
			}
		})
	}
	csv, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := "first-order concept,Cultural distance,Cultural distance,retired,0,0,0,0"; !strings.Contains(string(csv), want) {
		t.Errorf("the CSV file lacks %q:\n%s", want, csv)
	}
}
