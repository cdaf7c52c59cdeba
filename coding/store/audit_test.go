package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

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
	if diff := cmp.Diff(before.Quotes, after.Quotes); diff != "" {
		t.Errorf("quotes after undo (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(before.Codes, after.Codes); diff != "" {
		t.Errorf("codes after undo (-before +after):\n%s", diff)
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
