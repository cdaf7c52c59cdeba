package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
)

// names returns the names of codes, for comparisons.
func names(codes []*coding.Code) []string {
	var out []string
	for _, c := range codes {
		out = append(out, c.Name)
	}
	return out
}

func TestCodeLevelRules(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Levels")
	dim := mustCode(t, s, p.ID, "Failure recognition", coding.LevelDimension, "")
	theme := mustCode(t, s, p.ID, "Delayed recognition", coding.LevelTheme, dim.ID)
	concept := mustCode(t, s, p.ID, "Client escalates", coding.LevelConcept, theme.ID)

	tests := []struct {
		name   string
		code   coding.Code
		wantEr string
	}{
		{"concept under dimension", coding.Code{Name: "x", Level: coding.LevelConcept, ParentID: dim.ID}, coding.EUNPROCESSABLE},
		{"theme under concept", coding.Code{Name: "x", Level: coding.LevelTheme, ParentID: concept.ID}, coding.EUNPROCESSABLE},
		{"dimension under theme", coding.Code{Name: "x", Level: coding.LevelDimension, ParentID: theme.ID}, coding.EUNPROCESSABLE},
		{"sub-theme under theme", coding.Code{Name: "sub-theme", Level: coding.LevelTheme, ParentID: theme.ID}, ""},
		{"sub-dimension under dimension", coding.Code{Name: "sub-dimension", Level: coding.LevelDimension, ParentID: dim.ID}, ""},
		{"sub-concept under concept", coding.Code{Name: "sub-concept", Level: coding.LevelConcept, ParentID: concept.ID}, ""},
		{"missing parent", coding.Code{Name: "x", Level: coding.LevelConcept, ParentID: "nope"}, coding.EUNPROCESSABLE},
		{"sibling name clash", coding.Code{Name: "CLIENT escalates", Level: coding.LevelConcept, ParentID: theme.ID}, coding.ECONFLICT},
		{"bad level", coding.Code{Name: "x", Level: "category"}, coding.EINVALID},
		{"bad colour", coding.Code{Name: "x", Color: "red"}, coding.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.code
			c.ProjectID = p.ID
			wantCode(t, s.CreateCode(ctx, &c), tt.wantEr)
		})
	}
	// The same name under another parent is fine.
	mustCode(t, s, p.ID, "Client escalates", coding.LevelConcept, "")
}

func TestMoveAndReorderCodes(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Moves")
	themeA := mustCode(t, s, p.ID, "A", coding.LevelTheme, "")
	themeB := mustCode(t, s, p.ID, "B", coding.LevelTheme, "")
	c1 := mustCode(t, s, p.ID, "c1", coding.LevelConcept, themeA.ID)
	c2 := mustCode(t, s, p.ID, "c2", coding.LevelConcept, themeA.ID)
	c3 := mustCode(t, s, p.ID, "c3", coding.LevelConcept, themeB.ID)

	// Move c1 under B: it goes last.
	to := themeB.ID
	if _, err := s.UpdateCode(ctx, p.ID, c1.ID, coding.CodeUpdate{ParentID: &to}); err != nil {
		t.Fatal(err)
	}
	// A theme cannot go under a concept.
	under := c3.ID
	_, err := s.UpdateCode(ctx, p.ID, themeA.ID, coding.CodeUpdate{ParentID: &under})
	wantCode(t, err, coding.EUNPROCESSABLE)
	// A theme may go under a theme, but not under its own sub-theme.
	if _, err := s.UpdateCode(ctx, p.ID, themeA.ID, coding.CodeUpdate{ParentID: &to}); err != nil {
		t.Fatalf("sub-theme: %v", err)
	}
	back := themeA.ID
	_, err = s.UpdateCode(ctx, p.ID, themeB.ID, coding.CodeUpdate{ParentID: &back})
	wantCode(t, err, coding.EUNPROCESSABLE)
	// A code cannot sit under its own sub-code two levels down either.
	deep := c2.ID
	_, err = s.UpdateCode(ctx, p.ID, c1.ID, coding.CodeUpdate{ParentID: &deep})
	if err != nil {
		t.Fatalf("sub-concept: %v", err)
	}
	c1under := c1.ID
	_, err = s.UpdateCode(ctx, p.ID, c2.ID, coding.CodeUpdate{ParentID: &c1under})
	wantCode(t, err, coding.EUNPROCESSABLE)
	// Undo the nesting for the order checks below.
	none, toB := "", themeB.ID
	if _, err := s.UpdateCode(ctx, p.ID, themeA.ID, coding.CodeUpdate{ParentID: &none}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateCode(ctx, p.ID, c1.ID, coding.CodeUpdate{ParentID: &toB}); err != nil {
		t.Fatal(err)
	}
	// A theme with concepts cannot become a concept.
	lvl := coding.LevelConcept
	_, err = s.UpdateCode(ctx, p.ID, themeB.ID, coding.CodeUpdate{Level: &lvl})
	wantCode(t, err, coding.EUNPROCESSABLE)

	if err := s.ReorderCodes(ctx, p.ID, themeB.ID, []string{c1.ID, c3.ID}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.ReorderCodes(ctx, p.ID, themeB.ID, []string{c1.ID}), coding.EINVALID)
	wantCode(t, s.ReorderCodes(ctx, p.ID, themeB.ID, []string{c1.ID, c2.ID}), coding.ENOTFOUND)

	codes, err := s.ListCodes(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"B", "c1", "c3", "A", "c2"}, names(codes)); diff != "" {
		t.Errorf("display order (-want +got):\n%s", diff)
	}
}

func TestMergeCodesKeepsEveryQuote(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Merge")
	d := mustDocument(t, s, p.ID, "Doc", "Zoë: we learned from peers at the trade fair.")
	theme := mustCode(t, s, p.ID, "Peer learning", coding.LevelTheme, "")
	other := mustCode(t, s, p.ID, "Fairs", coding.LevelTheme, "")
	a := mustCode(t, s, p.ID, "learned from peers", coding.LevelConcept, theme.ID)
	b := mustCode(t, s, p.ID, "peers taught us", coding.LevelConcept, other.ID)
	q1 := mustQuote(t, s, p.ID, d.ID, 5, 22, a.ID)
	q2 := mustQuote(t, s, p.ID, d.ID, 5, 22, a.ID, b.ID)
	q3 := mustQuote(t, s, p.ID, d.ID, 26, 45, b.ID)
	memo := &coding.Memo{ProjectID: p.ID, TargetType: coding.MemoCode, TargetID: b.ID, Body: "note"}
	if err := s.CreateMemo(ctx, memo); err != nil {
		t.Fatal(err)
	}

	if _, err := s.MergeCodes(ctx, p.ID, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []*coding.Quote{q1, q2, q3} {
		got, err := s.FindQuote(ctx, p.ID, q.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{a.ID}, got.CodeIDs); diff != "" {
			t.Errorf("quote %q codes (-want +got):\n%s", got.Text, diff)
		}
	}
	_, err := s.FindCode(ctx, p.ID, b.ID)
	wantCode(t, err, coding.ENOTFOUND)
	m, _ := s.FindMemo(ctx, p.ID, memo.ID)
	if m.TargetID != a.ID {
		t.Errorf("got memo target %q, want %q", m.TargetID, a.ID)
	}
	// Themes merge with their concepts; levels must match.
	_, err = s.MergeCodes(ctx, p.ID, theme.ID, a.ID)
	wantCode(t, err, coding.EUNPROCESSABLE)
	if _, err := s.MergeCodes(ctx, p.ID, theme.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FindCode(ctx, p.ID, a.ID)
	if got.ParentID != other.ID {
		t.Errorf("got parent %q, want %q", got.ParentID, other.ID)
	}
}

func TestDeleteCodeNeedsUncode(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Delete")
	d := mustDocument(t, s, p.ID, "Doc", "Åsa: one two three")
	theme := mustCode(t, s, p.ID, "T", coding.LevelTheme, "")
	a := mustCode(t, s, p.ID, "a", coding.LevelConcept, theme.ID)
	b := mustCode(t, s, p.ID, "b", coding.LevelConcept, "")
	only := mustQuote(t, s, p.ID, d.ID, 6, 9, a.ID)
	both := mustQuote(t, s, p.ID, d.ID, 10, 13, a.ID, b.ID)

	_, err := s.DeleteCode(ctx, p.ID, a.ID, false)
	wantCode(t, err, coding.ECONFLICT)
	res, err := s.DeleteCode(ctx, p.ID, a.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if res.QuotesDeleted != 1 || res.QuotesUncoded != 1 {
		t.Errorf("got %+v, want one quote deleted and one uncoded", res)
	}
	_, err = s.FindQuote(ctx, p.ID, only.ID)
	wantCode(t, err, coding.ENOTFOUND)
	got, _ := s.FindQuote(ctx, p.ID, both.ID)
	if diff := cmp.Diff([]string{b.ID}, got.CodeIDs); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	// Deleting a theme ungroups its concepts.
	c := mustCode(t, s, p.ID, "c", coding.LevelConcept, theme.ID)
	if _, err := s.DeleteCode(ctx, p.ID, theme.ID, false); err != nil {
		t.Fatal(err)
	}
	gc, _ := s.FindCode(ctx, p.ID, c.ID)
	if gc.ParentID != "" {
		t.Errorf("got parent %q, want none", gc.ParentID)
	}
}

func TestFacetValuesAndInheritance(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Facets")
	f := &coding.Facet{ProjectID: p.ID, Name: "Type of learning", Values: []string{"experiential", "vicarious", "congenital", "integrated"}}
	if err := s.CreateFacet(ctx, f); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.CreateFacet(ctx, &coding.Facet{ProjectID: p.ID, Name: "type of learning"}), coding.ECONFLICT)
	wantCode(t, s.CreateFacet(ctx, &coding.Facet{ProjectID: p.ID, Name: "x", Values: []string{"a", "A"}}), coding.EINVALID)

	dim := mustCode(t, s, p.ID, "D", coding.LevelDimension, "")
	theme := mustCode(t, s, p.ID, "T", coding.LevelTheme, dim.ID)
	own := mustCode(t, s, p.ID, "own", coding.LevelConcept, theme.ID)
	inh := mustCode(t, s, p.ID, "inherits", coding.LevelConcept, theme.ID)
	if _, err := s.SetCodeFacet(ctx, p.ID, theme.ID, f.ID, "Vicarious"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetCodeFacet(ctx, p.ID, own.ID, f.ID, "congenital"); err != nil {
		t.Fatal(err)
	}
	_, err := s.SetCodeFacet(ctx, p.ID, own.ID, f.ID, "osmosis")
	wantCode(t, err, coding.EUNPROCESSABLE)

	snap, err := s.Snapshot(ctx, p.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	tree := snap.Tree()
	for _, tt := range []struct {
		code          *coding.Code
		want          string
		wantInherited bool
	}{{theme, "vicarious", false}, {own, "congenital", false}, {inh, "vicarious", true}, {dim, "", false}} {
		v, inherited := tree.EffectiveFacet(tree.ByID[tt.code.ID], f.ID)
		if v != tt.want || inherited != tt.wantInherited {
			t.Errorf("%s: got %q (inherited %v), want %q (%v)", tt.code.Name, v, inherited, tt.want, tt.wantInherited)
		}
	}

	// Renaming a value follows on codes; dropping one clears it.
	if _, err := s.UpdateFacet(ctx, p.ID, f.ID, coding.FacetUpdate{RenameValues: map[string]string{"vicarious": "peer-based"}}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FindCode(ctx, p.ID, theme.ID)
	if got.Facets[f.ID] != "peer-based" {
		t.Errorf("got %q, want %q", got.Facets[f.ID], "peer-based")
	}
	if _, err := s.UpdateFacet(ctx, p.ID, f.ID, coding.FacetUpdate{Values: []string{"experiential", "congenital"}}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindCode(ctx, p.ID, theme.ID)
	if v, ok := got.Facets[f.ID]; ok {
		t.Errorf("got value %q, want it cleared", v)
	}
	if err := s.DeleteFacet(ctx, p.ID, f.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindCode(ctx, p.ID, own.ID)
	if len(got.Facets) != 0 {
		t.Errorf("got facets %v, want none", got.Facets)
	}
}
