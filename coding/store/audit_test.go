package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tessera/coding"
)

func newest(t *testing.T, st coding.AuditStore, pid string) *coding.AuditEntry {
	t.Helper()
	es, err := st.ListAudit(ctx, pid, coding.AuditFilter{Limit: 1})
	if err != nil || len(es) != 1 {
		t.Fatalf("got %v, %v; want one entry", es, err)
	}
	return es[0]
}

func TestAuditRecordsWhoDidWhat(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Audited")
	actx := coding.WithActor(ctx, "maria")
	c := &coding.Code{ProjectID: p.ID, Name: "Trial and error"}
	if err := s.CreateCode(actx, c); err != nil {
		t.Fatal(err)
	}
	e := newest(t, s, p.ID)
	if e.Actor != "maria" || e.Op != "create_code" || len(e.Changes) != 1 || e.Changes[0].Action() != "created" || e.Time != frozen {
		t.Fatalf("got %+v, want maria's create_code at the frozen time", e)
	}
	name := "Learning by trial and error"
	if _, err := s.UpdateCode(ctx, p.ID, c.ID, coding.CodeUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	es, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Actor: "maria"})
	if err != nil || len(es) != 1 {
		t.Fatalf("got %d entries by maria (%v), want 1", len(es), err)
	}
	es, _ = s.ListAudit(ctx, p.ID, coding.AuditFilter{Kind: "code"})
	if len(es) != 2 || es[0].Op != "update_code" {
		t.Fatalf("got %d code entries, newest %q; want 2, newest update_code", len(es), es[0].Op)
	}
	es, _ = s.ListAudit(ctx, p.ID, coding.AuditFilter{Before: es[0].Seq, Limit: 10})
	if len(es) != 2 || es[0].Op != "create_code" {
		t.Fatalf("got %v, want create_code then create_project", es)
	}
}

func TestUndoAndRedoAMerge(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Undo")
	d := mustDocument(t, s, p.ID, "Doc", "Åsa: we learned at the trade fair in Luleå 👍")
	theme := mustCode(t, s, p.ID, "Vicarious", coding.LevelTheme, "")
	a := mustCode(t, s, p.ID, "fairs", coding.LevelConcept, theme.ID)
	b := mustCode(t, s, p.ID, "trade fairs", coding.LevelConcept, "")
	q1 := mustQuote(t, s, p.ID, d.ID, 6, 16, b.ID)
	q2 := mustQuote(t, s, p.ID, d.ID, 24, 34, a.ID, b.ID)
	before, _ := s.Snapshot(ctx, p.ID, false)

	if _, err := s.MergeCodes(ctx, p.ID, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	merge := newest(t, s, p.ID)
	undo, err := s.Undo(ctx, p.ID, merge.Seq)
	if err != nil {
		t.Fatal(err)
	}
	if undo.Op != "undo" || undo.Undoes != merge.Seq {
		t.Fatalf("got %+v, want an undo entry of %d", undo, merge.Seq)
	}
	after, _ := s.Snapshot(ctx, p.ID, false)
	// Undo restores the content; each restored entity counts a version.
	sameContent := cmpopts.IgnoreFields(coding.Quote{}, "Version")
	if diff := cmp.Diff(before.Quotes, after.Quotes, sameContent); diff != "" {
		t.Errorf("quotes after undo (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(before.Codes, after.Codes, cmpopts.IgnoreFields(coding.Code{}, "Version")); diff != "" {
		t.Errorf("codes after undo (-before +after):\n%s", diff)
	}
	for _, q := range after.Quotes {
		if q.Version != 3 {
			t.Errorf("quote %s: got version %d after creation, merge and undo, want 3", q.ID, q.Version)
		}
	}
	// Redo is the undo of the undo.
	if _, err := s.Undo(ctx, p.ID, undo.Seq); err != nil {
		t.Fatal(err)
	}
	for _, q := range []*coding.Quote{q1, q2} {
		got, _ := s.FindQuote(ctx, p.ID, q.ID)
		if diff := cmp.Diff([]string{a.ID}, got.CodeIDs); diff != "" {
			t.Errorf("after redo (-want +got):\n%s", diff)
		}
	}
	// Once the target changes again, the merge can no longer be undone.
	name := "fairs and exhibitions"
	if _, err := s.UpdateCode(ctx, p.ID, a.ID, coding.CodeUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	_, err = s.Undo(ctx, p.ID, merge.Seq)
	wantCode(t, err, coding.ECONFLICT)
}

func TestUndoRefusesWhatChangedSince(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Conflicts")
	d := mustDocument(t, s, p.ID, "Doc", "Björn: text text text")
	c := mustCode(t, s, p.ID, "c", coding.LevelConcept, "")
	created := newest(t, s, p.ID)
	q := mustQuote(t, s, p.ID, d.ID, 7, 11, c.ID)
	// The code now codes a quote: undoing its creation would leave a dangling code.
	_, err := s.Undo(ctx, p.ID, created.Seq)
	wantCode(t, err, coding.ECONFLICT)
	memo := "why"
	if _, err := s.UpdateQuote(ctx, p.ID, q.ID, coding.QuoteUpdate{Memo: &memo}); err != nil {
		t.Fatal(err)
	}
	es, _ := s.ListAudit(ctx, p.ID, coding.AuditFilter{Op: "create_quote"})
	_, err = s.Undo(ctx, p.ID, es[0].Seq)
	wantCode(t, err, coding.ECONFLICT)
	_, err = s.Undo(ctx, p.ID, 9999)
	wantCode(t, err, coding.ENOTFOUND)
	es, _ = s.ListAudit(ctx, p.ID, coding.AuditFilter{Op: "create_project"})
	_, err = s.Undo(ctx, p.ID, es[0].Seq)
	wantCode(t, err, coding.EUNPROCESSABLE)
}

func TestUndoDocumentDeletionRestoresTextAndQuotes(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Restore")
	d := mustDocument(t, s, p.ID, "Kohtamäki", "Jyrki: Luleå 👍 was hard")
	c := mustCode(t, s, p.ID, "c", coding.LevelConcept, "")
	q := mustQuote(t, s, p.ID, d.ID, 7, 14, c.ID)
	if err := s.DeleteDocument(ctx, p.ID, d.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx, p.ID, newest(t, s, p.ID).Seq); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindDocument(ctx, p.ID, d.ID)
	if err != nil || got.Text != d.Text {
		t.Fatalf("got %v, %v; want the document back with its text", got, err)
	}
	qs, err := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{DocumentID: d.ID})
	if err != nil || len(qs) != 1 || qs[0].ID != q.ID || qs[0].Text != "Luleå 👍" {
		t.Fatalf("got %v, %v; want the quote back", qs, err)
	}
	dups, _ := s.FindDocumentsByHash(ctx, p.ID, d.Hash)
	if len(dups) != 1 {
		t.Errorf("got %d documents by hash, want 1", len(dups))
	}
	// Undoing the document's creation is refused while it has quotes.
	es, _ := s.ListAudit(ctx, p.ID, coding.AuditFilter{Op: "create_document"})
	_, err = s.Undo(ctx, p.ID, es[0].Seq)
	wantCode(t, err, coding.ECONFLICT)
}

func TestAuditRecordsTheClientAndReadsForward(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Forward")
	tab := coding.WithClient(ctx, "tab-1")
	for _, name := range []string{"one", "two", "three"} {
		if err := s.CreateCode(tab, &coding.Code{ProjectID: p.ID, Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	first := newest(t, s, p.ID).Seq - 2
	es, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{After: first})
	if err != nil {
		t.Fatal(err)
	}
	var got []uint64
	for _, e := range es {
		got = append(got, e.Seq)
		if e.Client != "tab-1" {
			t.Errorf("entry %d: got client %q, want tab-1", e.Seq, e.Client)
		}
	}
	if want := []uint64{first + 2, first + 1}; !cmp.Equal(got, want) {
		t.Errorf("got entries %v after %d, want %v", got, first, want)
	}
}

func TestVersionsCountUpdatesAndRefuseOutdatedCopies(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Versions")
	c := mustCode(t, s, p.ID, "Trust", coding.LevelConcept, "")
	if c.Version != 1 {
		t.Fatalf("got version %d for a new code, want 1", c.Version)
	}
	def := "Relying on a partner"
	got, err := s.UpdateCode(ctx, p.ID, c.ID, coding.CodeUpdate{Definition: &def, IfVersion: 1})
	if err != nil || got.Version != 2 {
		t.Fatalf("got %v, %v; want version 2", got, err)
	}
	// An update from version 1 is now outdated and changes nothing.
	other := "Something else"
	_, err = s.UpdateCode(ctx, p.ID, c.ID, coding.CodeUpdate{Definition: &other, IfVersion: 1})
	wantCode(t, err, coding.ESTALE)
	if now, _ := s.FindCode(ctx, p.ID, c.ID); now.Definition != def || now.Version != 2 {
		t.Errorf("got %q version %d after a refused update, want %q version 2", now.Definition, now.Version, def)
	}
	// Undo is an update: the version goes on.
	undo, err := s.Undo(ctx, p.ID, newest(t, s, p.ID).Seq)
	if err != nil {
		t.Fatal(err)
	}
	if now, _ := s.FindCode(ctx, p.ID, c.ID); now.Definition != "" || now.Version != 3 {
		t.Errorf("got %q version %d after undo, want no definition, version 3", now.Definition, now.Version)
	}
	if _, err := s.Undo(ctx, p.ID, undo.Seq); err != nil {
		t.Fatal(err)
	}
	if now, _ := s.FindCode(ctx, p.ID, c.ID); now.Definition != def || now.Version != 4 {
		t.Errorf("got %q version %d after redo, want %q version 4", now.Definition, now.Version, def)
	}
	// Every kind with edited text counts the same way.
	d := mustDocument(t, s, p.ID, "Doc", "Åsa: we learned 👍")
	if d.Version != 1 {
		t.Errorf("got document version %d, want 1", d.Version)
	}
	title := "Interview Åsa"
	if d, err = s.UpdateDocument(ctx, p.ID, d.ID, coding.DocumentUpdate{Title: &title, IfVersion: 1}); err != nil || d.Version != 2 {
		t.Errorf("got %v, %v; want document version 2", d, err)
	}
	if _, err := s.UpdateDocument(ctx, p.ID, d.ID, coding.DocumentUpdate{Title: &title, IfVersion: 1}); coding.ErrorCode(err) != coding.ESTALE {
		t.Errorf("got %v for an outdated document, want stale", err)
	}
}

func TestUndoLooksPastVersions(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Back and forth")
	c := mustCode(t, s, p.ID, "Trust", coding.LevelConcept, "")
	create := newest(t, s, p.ID).Seq
	def := "Relying on a partner"
	if _, err := s.UpdateCode(ctx, p.ID, c.ID, coding.CodeUpdate{Definition: &def}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx, p.ID, newest(t, s, p.ID).Seq); err != nil {
		t.Fatal(err)
	}
	// The code is as its creation left it (at version 3): that can be undone.
	if _, err := s.Undo(ctx, p.ID, create); err != nil {
		t.Fatalf("undo the creation after undoing the update: %v", err)
	}
	if _, err := s.FindCode(ctx, p.ID, c.ID); coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("got %v, want the code gone", err)
	}
}
