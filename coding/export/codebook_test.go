package export_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
	"tessera/coding/store"
)

// TestCodebookQDCSchema validates the QDC export against the REFI-QDA
// codebook schema with xmllint. Without xmllint the test is skipped,
// except under TESSERA_E2E=1 (CI), where it fails.
func TestCodebookQDCSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("TESSERA_E2E") == "1" {
			t.Fatal("xmllint is required when TESSERA_E2E=1 (install libxml2-utils)")
		}
		t.Skip("xmllint not installed (libxml2-utils)")
	}
	path := filepath.Join(t.TempDir(), "codebook.qdc")
	if err := os.WriteFile(path, mustExport(t, study(t), "codebook-qdc", export.Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "refi", "Codebook-mrt2019.xsd"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint rejects the codebook: %v\n%s", err, out)
	}
}

// comparable reduces an entry to what a codebook file carries, with
// facets in name order.
func comparable(e export.CodebookEntry) export.CodebookEntry {
	fs := slices.Clone(e.Facets)
	slices.SortFunc(fs, func(a, b export.FacetValue) int { return strings.Compare(a.Facet, b.Facet) })
	return export.CodebookEntry{Name: e.Name, Level: e.Level, Parent: e.Parent, Definition: e.Definition,
		Inclusion: e.Inclusion, Exclusion: e.Exclusion, Color: e.Color, Facets: fs}
}

// TestCodebookRoundTrip reads each re-importable codebook export back.
func TestCodebookRoundTrip(t *testing.T) {
	snap := study(t)
	// Notes with line breaks and the words the QDC description uses.
	snap.Codes[1].Inclusion = "Use when the informant\nnames a delay.\n\nInclusion: even implicit ones."
	snap.Codes[1].Exclusion = "Not for delays caused by suppliers."
	snap.Codes[2].Definition = ""
	snap.Codes[2].Exclusion = "Never for board decisions."
	want := export.CodebookOf(snap)
	for _, format := range []string{"codebook-csv", "codebook-xlsx", "codebook-qdc"} {
		t.Run(format, func(t *testing.T) {
			f, _ := export.FormatByName(format)
			cb, err := export.ReadCodebook("book"+f.Ext, mustExport(t, snap, format, export.Options{}))
			if err != nil {
				t.Fatal(err)
			}
			if len(cb.Entries) != len(want.Entries) {
				t.Fatalf("got %d entries, want %d", len(cb.Entries), len(want.Entries))
			}
			for i := range want.Entries {
				if diff := cmp.Diff(comparable(want.Entries[i]), comparable(cb.Entries[i])); diff != "" {
					t.Errorf("entry %d (-want +got):\n%s", i, diff)
				}
			}
			if len(cb.Ignored) != 0 {
				t.Errorf("got ignored columns %v, want none", cb.Ignored)
			}
		})
	}
}

func TestReadCodebookCSV(t *testing.T) {
	data := "\uFEFFCode;Gioia level;Parent path;Description;Colour;facet:Phase;Notes\r\n" +
		"Learning;Aggregate dimension;;Top;#ABC;;ignored\r\n" +
		"Trial and error;;Learning;Try things;;Early;\r\n" +
		"\"Ask a mentor; then act\";1st-order concept;Learning > Trial and error;\"Two\nlines\";;Late;\r\n" +
		";;;;;;\r\n" +
		"Odd;sub-code;;;;;\r\n"
	cb, err := export.ReadCodebook("prepared.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := &export.Codebook{
		Facets:  []string{"Phase"},
		Ignored: []string{"Notes"},
		Entries: []export.CodebookEntry{
			{Line: 2, Name: "Learning", Level: coding.LevelDimension, Parent: []string{}, Definition: "Top", Color: "#ABC", Facets: []export.FacetValue{}},
			{Line: 3, Name: "Trial and error", Level: coding.LevelTheme, Parent: []string{"Learning"}, Definition: "Try things", Facets: []export.FacetValue{{Facet: "Phase", Value: "Early"}}},
			{Line: 4, Name: "Ask a mentor; then act", Level: coding.LevelConcept, Parent: []string{"Learning", "Trial and error"}, Definition: "Two\nlines", Facets: []export.FacetValue{{Facet: "Phase", Value: "Late"}}},
			{Line: 7, Name: "Odd", Level: "sub-code", Parent: []string{}, Facets: []export.FacetValue{}},
		},
	}
	if diff := cmp.Diff(want, cb); diff != "" {
		t.Errorf("codebook (-want +got):\n%s", diff)
	}
}

func TestReadCodebookErrors(t *testing.T) {
	tests := []struct{ name, file, data, want string }{
		{"no name column", "a.csv", "label,level\nx,theme\n", `no "name" column`},
		{"empty", "a.bin", "  ", "is empty"},
		{"bad xml", "a.qdc", "<CodeBook", "cannot be read"},
		{"other namespace", "a.qdc", `<CodeBook xmlns="urn:other"><Codes/></CodeBook>`, "not a REFI-QDA codebook"},
		{"bad workbook", "a.xlsx", "PK not really", "cannot be read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := export.ReadCodebook(tc.file, []byte(tc.data))
			if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), tc.want) {
				t.Errorf("got %v, want an invalid error containing %q", err, tc.want)
			}
		})
	}
}

// TestReadCodebookForeignQDC reads a codebook written by another program:
// no Tessera metadata, levels from the nesting.
func TestReadCodebookForeignQDC(t *testing.T) {
	data := `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Other">
  <Codes>
    <Code guid="{11111111-1111-1111-1111-111111111111}" name="Learning" isCodable="true" color="#f00">
      <Description>Everything about learning</Description>
      <Code guid="22222222-2222-2222-2222-222222222222" name="Mentors" isCodable="true">
        <Code guid="33333333-3333-3333-3333-333333333333" name="Asks the board" isCodable="true">
          <Code guid="44444444-4444-4444-4444-444444444444" name="Too deep" isCodable="true"/>
        </Code>
      </Code>
    </Code>
    <Code guid="55555555-5555-5555-5555-555555555555" name="Standalone" isCodable="true"/>
  </Codes>
</CodeBook>`
	cb, err := export.ReadCodebook("other.qdc", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Name   string
		Level  coding.Level
		Parent string
	}
	var got []line
	for _, e := range cb.Entries {
		got = append(got, line{e.Name, e.Level, e.ParentPath()})
	}
	want := []line{
		{"Learning", coding.LevelDimension, ""},
		{"Mentors", coding.LevelTheme, "Learning"},
		{"Asks the board", coding.LevelConcept, "Learning > Mentors"},
		{"Too deep", "nested below a concept", "Learning > Mentors > Asks the board"},
		{"Standalone", coding.LevelConcept, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if cb.Entries[0].Color != "#ff0000" || cb.Entries[0].Definition != "Everything about learning" {
		t.Errorf("got colour %q and definition %q, want #ff0000 and the description", cb.Entries[0].Color, cb.Entries[0].Definition)
	}
}

func mustOpenStore(tb testing.TB) *store.Store {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "tessera.db"), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

func mustProject(tb testing.TB, st coding.Store, name string) *coding.Project {
	tb.Helper()
	p := &coding.Project{Name: name}
	if err := st.CreateProject(context.Background(), p); err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestApplyCodebook imports the study's codebook into an empty project,
// checks the data structure comes out the same, then imports it again
// and a changed copy.
func TestApplyCodebook(t *testing.T) {
	ctx := context.Background()
	st := mustOpenStore(t)
	p := mustProject(t, st, "Imported")
	snap := study(t)
	cb, err := export.ReadCodebook("study.csv", mustExport(t, snap, "codebook-csv", export.Options{}))
	if err != nil {
		t.Fatal(err)
	}

	rep, err := export.ApplyCodebook(ctx, st, p.ID, cb)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Created) != len(snap.Codes) || len(rep.Matched) != 0 || len(rep.Skipped) != 0 {
		t.Fatalf("got %d created, %d matched, %d skipped, want %d created", len(rep.Created), len(rep.Matched), len(rep.Skipped), len(snap.Codes))
	}
	if diff := cmp.Diff([]string{"Type of learning", "Growth path"}, rep.FacetsCreated); diff != "" {
		t.Errorf("facets created (-want +got):\n%s", diff)
	}
	imported, err := st.Snapshot(ctx, p.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	opt := export.Options{Sections: "Growth path"}
	if diff := cmp.Diff(lines(export.GioiaRows(snap, opt)), lines(export.GioiaRows(imported, opt))); diff != "" {
		t.Errorf("imported data structure (-want +got):\n%s", diff)
	}

	// Again: everything matches and nothing changes.
	rep, err = export.ApplyCodebook(ctx, st, p.ID, cb)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Created) != 0 || len(rep.Matched) != len(snap.Codes) {
		t.Fatalf("got %d created and %d matched on the second import, want all %d matched", len(rep.Created), len(rep.Matched), len(snap.Codes))
	}
	for _, m := range rep.Matched {
		if len(m.Changes) != 0 {
			t.Errorf("%s: got changes %v on an identical import", m.Name, m.Changes)
		}
	}

	// A changed codebook: a new definition, a move, a new facet value, and
	// entries that cannot be taken.
	changed := &export.Codebook{Entries: []export.CodebookEntry{
		{Line: 2, Name: "routine change", Level: coding.LevelTheme, Parent: []string{"Failure recognition"}, Definition: "Changed routines.",
			Facets: []export.FacetValue{{Facet: "type of learning", Value: "Trial and error"}}},
		{Line: 3, Name: "", Level: coding.LevelConcept},
		{Line: 4, Name: "Odd", Level: "sub-code"},
		{Line: 5, Name: "Orphan", Level: coding.LevelConcept, Parent: []string{"No such theme"}, Color: "red"},
		{Line: 6, Name: "Failure recognition", Level: coding.LevelTheme},
	}}
	rep, err = export.ApplyCodebook(ctx, st, p.ID, changed)
	if err != nil {
		t.Fatal(err)
	}
	want := &export.CodebookReport{
		Created: []export.CodebookOutcome{
			{Line: 5, Name: "Orphan", Level: coding.LevelConcept, Reason: `parent second-order theme "No such theme" not found: left ungrouped`},
		},
		Matched: []export.CodebookOutcome{
			{Line: 2, Name: "routine change", Level: coding.LevelTheme, Changes: []string{"definition", "parent", "facet type of learning"}},
		},
		Skipped: []export.CodebookOutcome{
			{Line: 3, Level: coding.LevelConcept, Reason: "the name is empty"},
			{Line: 4, Name: "Odd", Level: "sub-code", Reason: `level "sub-code" is not concept, theme or dimension`},
			{Line: 6, Name: "Failure recognition", Level: coding.LevelTheme, Reason: `a code named "Failure recognition" already exists at the top level`},
		},
		FacetsCreated:    []string{},
		FacetValuesAdded: []string{"Type of learning: Trial and error"},
		Warnings:         []string{`line 5: colour "red" of "Orphan" ignored (want #rrggbb)`},
	}
	ignoreIDs := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".CodeID" }, cmp.Ignore())
	if diff := cmp.Diff(want, rep, ignoreIDs); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestApplyCodebookMissingProject(t *testing.T) {
	_, err := export.ApplyCodebook(context.Background(), mustOpenStore(t), "nope", &export.Codebook{})
	if coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("got %v, want not_found", err)
	}
}
