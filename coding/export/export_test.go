package export_test

import (
	"bytes"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

func TestFormats(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range export.Formats() {
		if seen[f.Name] {
			t.Errorf("format %s listed twice", f.Name)
		}
		seen[f.Name] = true
		if f.MediaType == "" || !strings.HasPrefix(f.Ext, ".") || f.Description == "" {
			t.Errorf("format %s: got %+v, want a media type, an extension with a dot and a description", f.Name, f)
		}
		if got, ok := export.FormatByName(f.Name); !ok || got != f {
			t.Errorf("FormatByName(%s) = %+v, %v; want %+v", f.Name, got, ok, f)
		}
	}
	for _, name := range []string{"gioia-md", "gioia-csv", "codebook-csv", "quotes-csv"} {
		if !seen[name] {
			t.Errorf("format %s is missing", name)
		}
	}
}

func TestExportErrors(t *testing.T) {
	snap := study(t)
	empty := newBuilder(t, "Empty").done()
	tests := []struct {
		name     string
		snap     *coding.Snapshot
		format   string
		opt      export.Options
		wantCode string
		wantMsg  string
	}{
		{"unknown format", snap, "gioia-rtf", export.Options{}, coding.EINVALID, `unknown export format "gioia-rtf" (known: gioia-md, gioia-csv`},
		{"no snapshot", &coding.Snapshot{}, "gioia-md", export.Options{}, coding.EINVALID, "snapshot is empty"},
		{"unknown section facet", snap, "gioia-md", export.Options{Sections: "Phase"}, coding.EINVALID, `no facet "Phase" (known: Growth path, Type of learning)`},
		{"unknown column facet", snap, "gioia-html", export.Options{Facets: []string{"Phase"}}, coding.EINVALID, `no facet "Phase"`},
		{"bad matrix level", snap, "matrix-csv", export.Options{Level: "code"}, coding.EINVALID, `matrix level "code"`},
		{"bad matrix cell", snap, "matrix-csv", export.Options{Cell: "sum"}, coding.EINVALID, `matrix cell "sum"`},
		{"bad matrix columns", snap, "matrix-csv", export.Options{Columns: "interviewer"}, coding.EINVALID, `matrix columns "interviewer"`},
		{"unknown attribute columns", snap, "matrix-md", export.Options{Columns: "attr:Revenue"}, coding.EINVALID, `no case has an attribute "Revenue"`},
		{"filter without value", snap, "matrix-md", export.Options{FacetFilter: "Growth path"}, coding.EINVALID, "not of the form Facet=value"},
		{"filter on unknown facet", snap, "matrix-md", export.Options{FacetFilter: "Phase=early"}, coding.EINVALID, `no facet "Phase"`},
		{"filter on unknown value", snap, "matrix-md", export.Options{FacetFilter: "Growth path=Exports"}, coding.EINVALID, `"Exports" is not a value of Growth path`},
		{"unknown case attribute", snap, "cases-md", export.Options{Attributes: []string{"Revenue"}}, coding.EINVALID, `no case has an attribute "Revenue" (attributes: Sector, Employees, Founded, Markets)`},
		{"bad unit", snap, "cooccurrence-md", export.Options{Unit: "sentence"}, coding.EINVALID, `unit "sentence"`},
		{"bad roll-up level", snap, "cooccurrence-csv", export.Options{Level: "code"}, coding.EINVALID, `level "code"`},
		{"unknown quote facet", snap, "quotes-csv", export.Options{Facets: []string{"Phase"}}, coding.EINVALID, `no facet "Phase"`},
		{"empty codebook as QDC", empty, "codebook-qdc", export.Options{}, coding.EUNPROCESSABLE, "no codes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := export.Export(&bytes.Buffer{}, tc.snap, tc.format, tc.opt)
			if got := coding.ErrorCode(err); got != tc.wantCode {
				t.Fatalf("got code %q (%v), want %q", got, err, tc.wantCode)
			}
			if msg := coding.ErrorMessage(err); !strings.Contains(msg, tc.wantMsg) {
				t.Errorf("got message %q, want it to contain %q", msg, tc.wantMsg)
			}
		})
	}
}

// TestExportEmptyProject checks that every format copes with a project
// that has nothing in it yet, except QDC, which needs a code, and the
// model formats, which need a model and say where to draw one (see also
// TestModelChoice).
func TestExportEmptyProject(t *testing.T) {
	empty := newBuilder(t, "Empty").done()
	for _, f := range export.Formats() {
		if f.Name == "codebook-qdc" {
			continue
		}
		if strings.HasPrefix(f.Name, "model-") {
			err := export.Export(&bytes.Buffer{}, empty, f.Name, export.Options{})
			if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), "Models screen") {
				t.Errorf("Export(%s) of a project without models: got %v, want an invalid error pointing to the Models screen", f.Name, err)
			}
			continue
		}
		if err := export.Export(&bytes.Buffer{}, empty, f.Name, export.Options{}); err != nil {
			t.Errorf("Export(%s) of an empty project: %v", f.Name, err)
		}
	}
}
