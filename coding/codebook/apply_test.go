package codebook_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/codebook"
	"tessera/coding/store"
)

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

// mustRead reads a codebook file of testdata.
func mustRead(tb testing.TB, name string) *codebook.Codebook {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	cb, err := codebook.Read(name, data)
	if err != nil {
		tb.Fatal(err)
	}
	return cb
}

// entriesOf returns the codes of a project as codebook entries, sorted
// by level, parent path and name, with facets in name order.
func entriesOf(tb testing.TB, st coding.Store, projectID string) []codebook.Entry {
	tb.Helper()
	snap, err := st.Snapshot(context.Background(), projectID, false)
	if err != nil {
		tb.Fatal(err)
	}
	byID := map[string]*coding.Code{}
	for _, c := range snap.Codes {
		byID[c.ID] = c
	}
	var out []codebook.Entry
	for _, c := range snap.Codes {
		e := codebook.Entry{Name: c.Name, Level: c.Level, Parent: []string{}, Definition: c.Definition,
			Inclusion: c.Inclusion, Exclusion: c.Exclusion, Color: c.Color, Facets: []codebook.FacetValue{}}
		for p := byID[c.ParentID]; p != nil; p = byID[p.ParentID] {
			e.Parent = append([]string{p.Name}, e.Parent...)
		}
		for _, f := range snap.Facets {
			if v := c.Facets[f.ID]; v != "" {
				e.Facets = append(e.Facets, codebook.FacetValue{Facet: f.Name, Value: v})
			}
		}
		out = append(out, e)
	}
	return sortEntries(out)
}

// sortEntries drops what only a file carries (line, guid) and sorts the
// entries by level, parent path and name, and their facets by name.
func sortEntries(entries []codebook.Entry) []codebook.Entry {
	out := []codebook.Entry{}
	for _, e := range entries {
		e.Line, e.ID = 0, ""
		e.Facets = slices.Clone(e.Facets)
		slices.SortFunc(e.Facets, func(a, b codebook.FacetValue) int { return strings.Compare(a.Facet, b.Facet) })
		out = append(out, e)
	}
	key := func(e codebook.Entry) string { return string(e.Level) + "|" + e.ParentPath() + "|" + e.Name }
	slices.SortFunc(out, func(a, b codebook.Entry) int { return strings.Compare(key(a), key(b)) })
	return out
}

// TestApply imports a study's codebook (testdata/study.csv, written by
// the codebook-csv export) into an empty project and checks the project
// then holds what the file says; then imports it again, and a changed
// copy.
func TestApply(t *testing.T) {
	ctx := context.Background()
	st := mustOpenStore(t)
	p := mustProject(t, st, "Imported")
	cb := mustRead(t, "study.csv")

	rep, err := codebook.Apply(ctx, st, p.ID, cb)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Created) != len(cb.Entries) || len(rep.Matched) != 0 || len(rep.Skipped) != 0 {
		t.Fatalf("got %d created, %d matched, %d skipped, want %d created", len(rep.Created), len(rep.Matched), len(rep.Skipped), len(cb.Entries))
	}
	if diff := cmp.Diff([]string{"Type of learning", "Growth path"}, rep.FacetsCreated); diff != "" {
		t.Errorf("facets created (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sortEntries(cb.Entries), entriesOf(t, st, p.ID)); diff != "" {
		t.Errorf("imported codes (-want +got):\n%s", diff)
	}

	// Again: everything matches and nothing changes.
	rep, err = codebook.Apply(ctx, st, p.ID, cb)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Created) != 0 || len(rep.Matched) != len(cb.Entries) {
		t.Fatalf("got %d created and %d matched on the second import, want all %d matched", len(rep.Created), len(rep.Matched), len(cb.Entries))
	}
	for _, m := range rep.Matched {
		if len(m.Changes) != 0 {
			t.Errorf("%s: got changes %v on an identical import", m.Name, m.Changes)
		}
	}

	// A changed codebook: a new definition, a move, a new facet value, and
	// entries that cannot be taken.
	changed := &codebook.Codebook{Entries: []codebook.Entry{
		{Line: 2, Name: "routine change", Level: coding.LevelTheme, Parent: []string{"Failure recognition"}, Definition: "Changed routines.",
			Facets: []codebook.FacetValue{{Facet: "type of learning", Value: "Trial and error"}}},
		{Line: 3, Name: "", Level: coding.LevelConcept},
		{Line: 4, Name: "Odd", Level: "sub-code"},
		{Line: 5, Name: "Orphan", Level: coding.LevelConcept, Parent: []string{"No such theme"}, Color: "red"},
		{Line: 6, Name: "Failure recognition", Level: coding.LevelTheme},
	}}
	rep, err = codebook.Apply(ctx, st, p.ID, changed)
	if err != nil {
		t.Fatal(err)
	}
	want := &codebook.Report{
		Created: []codebook.Outcome{
			{Line: 5, Name: "Orphan", Level: coding.LevelConcept, Reason: `parent second-order theme "No such theme" not found: left ungrouped`},
		},
		Matched: []codebook.Outcome{
			{Line: 2, Name: "routine change", Level: coding.LevelTheme, Changes: []string{"definition", "parent", "facet type of learning"}},
		},
		Skipped: []codebook.Outcome{
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

func TestApplyMissingProject(t *testing.T) {
	_, err := codebook.Apply(context.Background(), mustOpenStore(t), "nope", &codebook.Codebook{})
	if coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("got %v, want not_found", err)
	}
}

// TestApplyReportsWhatReadingChanged passes the warnings of reading on
// to the report, before those of applying.
func TestApplyReportsWhatReadingChanged(t *testing.T) {
	st := mustOpenStore(t)
	p := mustProject(t, st, "Warned")
	cb := &codebook.Codebook{
		Entries:  []codebook.Entry{{Line: 1, Name: "Peers", Level: coding.LevelConcept, Color: "teal"}},
		Warnings: []string{`code "misc" was renamed "misc (2)"`},
	}
	rep, err := codebook.Apply(context.Background(), st, p.ID, cb)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`code "misc" was renamed "misc (2)"`, `line 1: colour "teal" of "Peers" ignored (want #rrggbb)`}
	if diff := cmp.Diff(want, rep.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}
