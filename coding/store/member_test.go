package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
)

func TestMembersAssignmentsConsensus(t *testing.T) {
	s := mustOpen(t)
	for _, name := range []string{"olga", "aino", "bjorn", "vera"} {
		mustUser(t, s, name, name == "olga")
	}
	olga := coding.WithActor(ctx, "olga")
	p := mustProject(t, s, "Trust study")
	put := func(name string, role coding.Role) error {
		return s.PutMember(olga, &coding.Member{ProjectID: p.ID, Username: name, Role: role})
	}
	for name, role := range map[string]coding.Role{"olga": coding.RoleOwner, "aino": coding.RoleCoder, "bjorn": coding.RoleCoder, "vera": coding.RoleViewer} {
		if err := put(name, role); err != nil {
			t.Fatal(err)
		}
	}
	wantCode(t, put("nobody", coding.RoleCoder), coding.EUNPROCESSABLE)
	wantCode(t, put("aino", "boss"), coding.EINVALID)
	wantCode(t, put("olga", coding.RoleCoder), coding.ECONFLICT) // the only owner
	wantCode(t, s.DeleteMember(olga, p.ID, "olga"), coding.ECONFLICT)
	wantCode(t, s.PutMember(olga, &coding.Member{ProjectID: "nope", Username: "aino", Role: coding.RoleCoder}), coding.ENOTFOUND)
	m, err := s.FindMember(ctx, p.ID, "AINO")
	if err != nil || m.Role != coding.RoleCoder {
		t.Fatalf("got %+v %v", m, err)
	}
	ms, _ := s.ListMemberships(ctx, "vera")
	if len(ms) != 1 || ms[0].ProjectID != p.ID {
		t.Errorf("got vera's memberships %+v", ms)
	}

	// Membership changes are in the audit trail, and undo restores them.
	if err := s.DeleteMember(olga, p.ID, "vera"); err != nil {
		t.Fatal(err)
	}
	es, _ := s.ListAudit(ctx, p.ID, coding.AuditFilter{Limit: 1})
	if es[0].Op != "delete_member" || es[0].Actor != "olga" || es[0].Changes[0].Kind != "member" {
		t.Errorf("got audit entry %+v", es[0])
	}
	if _, err := s.Undo(olga, p.ID, es[0].Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindMember(ctx, p.ID, "vera"); err != nil {
		t.Errorf("after undo: %v, want vera back", err)
	}

	// Codebook lock.
	pa, err := s.LockCodebook(olga, p.ID, true)
	if err != nil || !pa.CodebookLocked || pa.UpdatedBy != "olga" {
		t.Errorf("got %+v %v", pa, err)
	}

	// Assignments: coders must be coders or owners; independence needs two.
	doc := mustDocument(t, s, p.ID, "Intervju", "Vi litar på Luleå 👍 men Kohtamäki tvekar")
	_, err = s.SetAssignments(olga, p.ID, []string{doc.ID}, []string{"aino", "vera"}, true)
	wantCode(t, err, coding.EUNPROCESSABLE)
	_, err = s.SetAssignments(olga, p.ID, []string{doc.ID}, []string{"aino"}, true)
	wantCode(t, err, coding.EINVALID)
	_, err = s.SetAssignments(olga, p.ID, []string{"nope"}, []string{"aino", "bjorn"}, true)
	wantCode(t, err, coding.ENOTFOUND)
	as, err := s.SetAssignments(olga, p.ID, []string{doc.ID, doc.ID}, []string{"Aino", "bjorn", "aino"}, true)
	if err != nil || len(as) != 1 || !cmp.Equal(as[0].Coders, []string{"aino", "bjorn"}) || as[0].AssignedBy != "olga" {
		t.Fatalf("got %+v %v", as, err)
	}

	// Consensus: accepting copies into the shared coding, once.
	trust := mustCode(t, s, p.ID, "trust", coding.LevelConcept, "")
	risk := mustCode(t, s, p.ID, "risk", coding.LevelConcept, "")
	q := func(coder string, start, end int, code string) *coding.Quote {
		t.Helper()
		q := &coding.Quote{ProjectID: p.ID, DocumentID: doc.ID, Start: start, End: end, CodeIDs: []string{code}, Coder: coder}
		if err := s.CreateQuote(coding.WithActor(ctx, coder), q); err != nil {
			t.Fatal(err)
		}
		return q
	}
	a := q("aino", 20, 30, trust.ID)
	b := q("bjorn", 20, 30, risk.ID)
	c := q("bjorn", 22, 30, trust.ID)
	ds, err := s.DecideConsensus(olga, p.ID, []string{a.ID, b.ID}, coding.DecisionAccept)
	if err != nil || len(ds) != 2 || ds[0].ResultQuoteID == "" || ds[0].ResultQuoteID != ds[1].ResultQuoteID {
		t.Fatalf("got %+v %v, want both accepted into one consensus quote", ds, err)
	}
	shared, err := s.FindQuote(ctx, p.ID, ds[0].ResultQuoteID)
	if err != nil || shared.Coder != coding.CoderConsensus || !cmp.Equal(shared.CodeIDs, []string{trust.ID, risk.ID}) || shared.Text != "men Kohtam" {
		t.Errorf("got consensus quote %+v %v", shared, err)
	}
	_, err = s.DecideConsensus(olga, p.ID, []string{a.ID}, coding.DecisionReject)
	wantCode(t, err, coding.ECONFLICT)
	_, err = s.DecideConsensus(olga, p.ID, []string{shared.ID}, coding.DecisionAccept)
	wantCode(t, err, coding.EUNPROCESSABLE)
	_, err = s.DecideConsensus(olga, p.ID, []string{c.ID}, "maybe")
	wantCode(t, err, coding.EINVALID)
	if _, err := s.DecideConsensus(olga, p.ID, []string{c.ID}, coding.DecisionReject); err != nil {
		t.Fatal(err)
	}
	list, _ := s.ListConsensus(ctx, p.ID)
	if len(list) != 3 {
		t.Errorf("got %d decisions, want 3", len(list))
	}
	es, _ = s.ListAudit(ctx, p.ID, coding.AuditFilter{Op: "consensus"})
	if len(es) != 2 || es[1].Actor != "olga" {
		t.Fatalf("got consensus entries %+v", es)
	}
	// Undoing the first decision removes the consensus quote and its two
	// decisions; the later rejection stays.
	if _, err := s.Undo(olga, p.ID, es[1].Seq); err != nil {
		t.Fatal(err)
	}
	_, err = s.FindQuote(ctx, p.ID, shared.ID)
	wantCode(t, err, coding.ENOTFOUND)
	if list, _ := s.ListConsensus(ctx, p.ID); len(list) != 1 || list[0].QuoteID != c.ID {
		t.Errorf("after undo got decisions %+v, want only the rejection", list)
	}
}
