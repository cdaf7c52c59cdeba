package store_test

import (
	"slices"
	"testing"

	"tessera/coding"
)

func TestMergeCombinesDefinitionsAndKeepsAlias(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Merge")
	d := mustDocument(t, s, p.ID, "Interview 1", "We saw the overrun late. The client told us.")
	src := &coding.Code{ProjectID: p.ID, Name: "Late numbers", Definition: "Figures arrive late."}
	dst := &coding.Code{ProjectID: p.ID, Name: "Late recognition", Definition: "Failure seen late."}
	for _, c := range []*coding.Code{src, dst} {
		if err := s.CreateCode(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	q := mustQuote(t, s, p.ID, d.ID, 0, 25, src.ID)

	got, err := s.MergeCodes(ctx, p.ID, src.ID, dst.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Failure seen late.\n\nFigures arrive late."; got.Definition != want {
		t.Errorf("got definition %q, want %q", got.Definition, want)
	}
	if !slices.Equal(got.Aliases, []string{"Late numbers"}) {
		t.Errorf("got aliases %q, want [Late numbers]", got.Aliases)
	}
	if !slices.Equal(got.MergedFrom, []string{src.ID}) {
		t.Errorf("got merged_from %q, want [%s]", got.MergedFrom, src.ID)
	}
	gq, err := s.FindQuote(ctx, p.ID, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gq.CodeIDs, []string{dst.ID}) {
		t.Errorf("got quote codes %q, want [%s]", gq.CodeIDs, dst.ID)
	}

	// One change in the trail, and undo brings the merged code back.
	entries, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if entries[0].Op != "merge_codes" {
		t.Fatalf("got last op %q, want merge_codes", entries[0].Op)
	}
	if _, err := s.Undo(ctx, p.ID, entries[0].Seq); err != nil {
		t.Fatal(err)
	}
	back, err := s.FindCode(ctx, p.ID, dst.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Definition != "Failure seen late." || len(back.Aliases) != 0 {
		t.Errorf("after undo got definition %q aliases %q, want the original", back.Definition, back.Aliases)
	}
	if _, err := s.FindCode(ctx, p.ID, src.ID); err != nil {
		t.Errorf("after undo the merged code is missing: %v", err)
	}
}

func TestSplitMovesChosenQuotes(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Split")
	d := mustDocument(t, s, p.ID, "Interview 1", "First passage here. Second passage here. Third passage.")
	theme := mustCode(t, s, p.ID, "Sensemaking", coding.LevelTheme, "")
	c := mustCode(t, s, p.ID, "Talk about failure", coding.LevelConcept, theme.ID)
	q1 := mustQuote(t, s, p.ID, d.ID, 0, 19, c.ID)
	q2 := mustQuote(t, s, p.ID, d.ID, 20, 40, c.ID)
	other := mustCode(t, s, p.ID, "Other", coding.LevelConcept, theme.ID)
	q3 := mustQuote(t, s, p.ID, d.ID, 41, 55, other.ID)

	made, err := s.SplitCode(ctx, p.ID, c.ID, coding.CodeSplit{Name: "Open failure talk", QuoteIDs: []string{q2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if made.ParentID != theme.ID || made.Level != coding.LevelConcept || made.SplitFrom != c.ID {
		t.Errorf("got new code parent %q level %q split_from %q, want %q concept %q", made.ParentID, made.Level, made.SplitFrom, theme.ID, c.ID)
	}
	for _, tc := range []struct {
		q    *coding.Quote
		want string
	}{{q1, c.ID}, {q2, made.ID}} {
		got, err := s.FindQuote(ctx, p.ID, tc.q.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.CodeIDs, []string{tc.want}) {
			t.Errorf("quote %s: got codes %q, want [%s]", tc.q.ID, got.CodeIDs, tc.want)
		}
	}

	// Bad splits change nothing.
	_, err = s.SplitCode(ctx, p.ID, c.ID, coding.CodeSplit{Name: "Wrong", QuoteIDs: []string{q3.ID}})
	wantCode(t, err, coding.EUNPROCESSABLE)
	_, err = s.SplitCode(ctx, p.ID, c.ID, coding.CodeSplit{Name: "Other", QuoteIDs: []string{q1.ID}})
	wantCode(t, err, coding.ECONFLICT)
	_, err = s.SplitCode(ctx, p.ID, c.ID, coding.CodeSplit{Name: "Nothing"})
	wantCode(t, err, coding.EINVALID)
	_, err = s.SplitCode(ctx, p.ID, theme.ID, coding.CodeSplit{Name: "Half", QuoteIDs: []string{q1.ID}})
	wantCode(t, err, coding.EUNPROCESSABLE)
	if codes, _ := s.ListCodes(ctx, p.ID); len(codes) != 4 {
		t.Errorf("got %d codes after refused splits, want 4", len(codes))
	}
}

func TestRetiredCodeIsHiddenFromCodingAndComesBack(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Retire")
	d := mustDocument(t, s, p.ID, "Interview 1", "First passage here. Second passage here.")
	c := mustCode(t, s, p.ID, "Old idea", coding.LevelConcept, "")
	keep := mustCode(t, s, p.ID, "Kept idea", coding.LevelConcept, "")
	q := mustQuote(t, s, p.ID, d.ID, 0, 19, c.ID)

	got, err := s.RetireCode(ctx, p.ID, c.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Retired {
		t.Fatal("got code not retired, want retired")
	}
	_, err = s.RetireCode(ctx, p.ID, c.ID, true)
	wantCode(t, err, coding.ECONFLICT)

	// No new coding with it; its quote keeps it, also when given another code.
	err = s.CreateQuote(ctx, &coding.Quote{ProjectID: p.ID, DocumentID: d.ID, Start: 20, End: 40, CodeIDs: []string{c.ID}})
	wantCode(t, err, coding.EUNPROCESSABLE)
	both := []string{c.ID, keep.ID}
	if _, err := s.UpdateQuote(ctx, p.ID, q.ID, coding.QuoteUpdate{CodeIDs: both}); err != nil {
		t.Fatalf("adding a code to a quote that keeps a retired one: %v", err)
	}

	if _, err := s.RetireCode(ctx, p.ID, c.ID, false); err != nil {
		t.Fatal(err)
	}
	mustQuote(t, s, p.ID, d.ID, 20, 40, c.ID)
}

func TestRenameKeepsEarlierNameAsAlias(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Rename")
	c := mustCode(t, s, p.ID, "First name", coding.LevelConcept, "")
	name := "Second name"
	got, err := s.UpdateCode(ctx, p.ID, c.ID, coding.CodeUpdate{Name: &name})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Aliases, []string{"First name"}) {
		t.Errorf("got aliases %q, want [First name]", got.Aliases)
	}
}

func TestCloseRoundKeepsSnapshot(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Rounds")
	d := mustDocument(t, s, p.ID, "Interview 1", "First passage here.")
	c := mustCode(t, s, p.ID, "Idea", coding.LevelConcept, "")
	mustQuote(t, s, p.ID, d.ID, 0, 19, c.ID)

	r := &coding.Round{ProjectID: p.ID, Name: "Open coding", Note: "First pass."}
	if err := s.CloseRound(ctx, r); err != nil {
		t.Fatal(err)
	}
	name := "Renamed idea"
	if _, err := s.UpdateCode(ctx, p.ID, c.ID, coding.CodeUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindRound(ctx, p.ID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Codes) != 1 || got.Codes[0].Name != "Idea" || len(got.Coding) != 1 {
		t.Errorf("got round codes %v coding %v, want the codebook as it stood", got.Codes, got.Coding)
	}
	err = s.CloseRound(ctx, &coding.Round{ProjectID: p.ID, Name: "open CODING"})
	wantCode(t, err, coding.ECONFLICT)
	err = s.CloseRound(ctx, &coding.Round{ProjectID: p.ID, Name: " "})
	wantCode(t, err, coding.EINVALID)
	_, err = s.FindRound(ctx, p.ID, "nope")
	wantCode(t, err, coding.ENOTFOUND)

	// Closing a round is undoable like every change.
	entries, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Op: "close_round"})
	if err != nil || len(entries) != 1 {
		t.Fatalf("got %d close_round entries (%v), want 1", len(entries), err)
	}
	if _, err := s.Undo(ctx, p.ID, entries[0].Seq); err != nil {
		t.Fatal(err)
	}
	if rounds, _ := s.ListRounds(ctx, p.ID); len(rounds) != 0 {
		t.Errorf("got %d rounds after undo, want 0", len(rounds))
	}
}

func TestSplitAndRetireAreUndoneAsOne(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Undo")
	d := mustDocument(t, s, p.ID, "Interview 1", "First passage here. Second passage here.")
	c := mustCode(t, s, p.ID, "Idea", coding.LevelConcept, "")
	mustQuote(t, s, p.ID, d.ID, 0, 19, c.ID)
	q2 := mustQuote(t, s, p.ID, d.ID, 20, 40, c.ID)
	undoLast := func(op string) {
		t.Helper()
		entries, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if entries[0].Op != op {
			t.Fatalf("got last op %q, want %s", entries[0].Op, op)
		}
		if _, err := s.Undo(ctx, p.ID, entries[0].Seq); err != nil {
			t.Fatal(err)
		}
	}

	if _, err := s.SplitCode(ctx, p.ID, c.ID, coding.CodeSplit{Name: "Other idea", QuoteIDs: []string{q2.ID}}); err != nil {
		t.Fatal(err)
	}
	undoLast("split_code")
	codes, _ := s.ListCodes(ctx, p.ID)
	got, _ := s.FindQuote(ctx, p.ID, q2.ID)
	if len(codes) != 1 || !slices.Equal(got.CodeIDs, []string{c.ID}) {
		t.Errorf("after undoing the split got %d codes and quote codes %q, want 1 and [%s]", len(codes), got.CodeIDs, c.ID)
	}

	if _, err := s.RetireCode(ctx, p.ID, c.ID, true); err != nil {
		t.Fatal(err)
	}
	undoLast("retire_code")
	if back, _ := s.FindCode(ctx, p.ID, c.ID); back.Retired {
		t.Error("after undoing the retirement the code is still retired")
	}
}
