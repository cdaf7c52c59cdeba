package export_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

// TestParsePreset reads a preset's options strictly and applies them.
func TestParsePreset(t *testing.T) {
	p, err := export.ParsePreset([]byte(`{"headers":["Open coding","","Phases"],"section_label":"value","caption":"Data structure","number":"3",
		"notes":"Made up.","style":"grid","order":"alpha","continued":false,"sections":"Growth path","subsections":"Type of learning"}`))
	if err != nil {
		t.Fatal(err)
	}
	var opt export.Options
	p.Apply(&opt)
	no := false
	want := export.Options{Sections: "Growth path", Subsections: "Type of learning", Table: export.TableOptions{
		Headers: []string{"Open coding", "", "Phases"}, SectionLabel: "value", Caption: "Data structure", Number: "3",
		Notes: "Made up.", Style: "grid", Order: "alpha", Continued: &no}}
	if diff := cmp.Diff(want, opt); diff != "" {
		t.Errorf("applied preset (-want +got):\n%s", diff)
	}
	for _, bad := range []struct{ json, msg string }{
		{`{"colour":"red"}`, `unknown field "colour"`},
		{`{"style":"fancy"}`, "not apa or grid"},
		{`{"subsections":"Type of learning"}`, "need sections"},
		{`[]`, "table preset options"},
	} {
		if _, err := export.ParsePreset([]byte(bad.json)); coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), bad.msg) {
			t.Errorf("ParsePreset(%s): got %v, want invalid naming %q", bad.json, err, bad.msg)
		}
	}
}

// TestTableOnceHeader prints the header row once: no repeated Word header
// row, no "(continued)" head in LaTeX.
func TestTableOnceHeader(t *testing.T) {
	snap := study(t)
	no := false
	once := export.Options{Table: export.TableOptions{Continued: &no}}
	if docx := string(zipText(t, mustExport(t, snap, "gioia-docx", export.Options{}))); !strings.Contains(docx, "<w:tblHeader/>") {
		t.Errorf("default DOCX has no repeated header row")
	}
	if docx := string(zipText(t, mustExport(t, snap, "gioia-docx", once))); strings.Contains(docx, "<w:tblHeader/>") {
		t.Errorf("DOCX with continued=false repeats its header row")
	}
	if tex := string(mustExport(t, snap, "gioia-tex", export.Options{})); !strings.Contains(tex, "(continued)") {
		t.Errorf("default LaTeX has no (continued) head")
	}
	for _, style := range []string{export.StyleAPA, export.StyleGrid} {
		opt := once
		opt.Table.Style = style
		tex := string(mustExport(t, snap, "gioia-tex", opt))
		if strings.Contains(tex, "(continued)") || strings.Count(tex, "1st-order concepts") != 1 {
			t.Errorf("%s LaTeX with continued=false: got %d headers, (continued) %v; want one header", style, strings.Count(tex, "1st-order concepts"), strings.Contains(tex, "(continued)"))
		}
	}
}
