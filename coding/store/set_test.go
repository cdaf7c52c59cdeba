package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
)

func TestSetsKeepMembersAndRefuseStrangers(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Sets")
	d1 := mustDocument(t, s, p.ID, "Founder", "We failed at the fair.")
	d2 := mustDocument(t, s, p.ID, "Sales", "We sold robots.")
	c1 := mustCode(t, s, p.ID, "Failure", coding.LevelConcept, "")

	founders := &coding.Set{ProjectID: p.ID, Name: " Founders ", Description: "CEOs and founders", DocumentIDs: []string{d1.ID, d1.ID}}
	if err := s.CreateSet(ctx, founders); err != nil {
		t.Fatal(err)
	}
	if founders.Name != "Founders" || !cmp.Equal(founders.DocumentIDs, []string{d1.ID}) {
		t.Errorf("created set: got %q %v, want Founders [%s]", founders.Name, founders.DocumentIDs, d1.ID)
	}
	bad := []struct {
		name string
		set  coding.Set
		want string
	}{
		{"no name", coding.Set{ProjectID: p.ID}, coding.EINVALID},
		{"same name", coding.Set{ProjectID: p.ID, Name: "founders"}, coding.ECONFLICT},
		{"unknown document", coding.Set{ProjectID: p.ID, Name: "X", DocumentIDs: []string{"nope"}}, coding.EUNPROCESSABLE},
		{"unknown code", coding.Set{ProjectID: p.ID, Name: "Y", CodeIDs: []string{"nope"}}, coding.EUNPROCESSABLE},
		{"unknown project", coding.Set{ProjectID: "nope", Name: "Z"}, coding.ENOTFOUND},
	}
	for _, tc := range bad {
		set := tc.set
		if err := s.CreateSet(ctx, &set); coding.ErrorCode(err) != tc.want {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.want)
		}
	}

	got, err := s.UpdateSet(ctx, p.ID, founders.ID, coding.SetUpdate{AddDocuments: []string{d2.ID}, AddCodes: []string{c1.ID}, RemoveDocuments: []string{d1.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(got.DocumentIDs, []string{d2.ID}) || !cmp.Equal(got.CodeIDs, []string{c1.ID}) {
		t.Errorf("after update: got documents %v codes %v, want [%s] [%s]", got.DocumentIDs, got.CodeIDs, d2.ID, c1.ID)
	}
	if _, err := s.UpdateSet(ctx, p.ID, founders.ID, coding.SetUpdate{AddCodes: []string{"nope"}}); coding.ErrorCode(err) != coding.EUNPROCESSABLE {
		t.Errorf("adding an unknown code: got %v, want %s", err, coding.EUNPROCESSABLE)
	}

	// A deleted document drops out of the set; undoing the deletion
	// brings it back.
	if err := s.DeleteDocument(ctx, p.ID, d2.ID, true); err != nil {
		t.Fatal(err)
	}
	got, err = s.FindSet(ctx, p.ID, founders.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.DocumentIDs) != 0 {
		t.Errorf("after deleting its document: got members %v, want none", got.DocumentIDs)
	}
	if _, err := s.Undo(ctx, p.ID, newest(t, s, p.ID).Seq); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(ctx, p.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Sets) != 1 || !cmp.Equal(snap.Sets[0].DocumentIDs, []string{d2.ID}) {
		t.Errorf("snapshot after undo: got %+v, want the set with %s", snap.Sets, d2.ID)
	}
}

func TestSetChangesAreAuditedAndUndone(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Undo sets")
	d := mustDocument(t, s, p.ID, "Founder", "Text.")
	set := &coding.Set{ProjectID: p.ID, Name: "Founders"}
	if err := s.CreateSet(ctx, set); err != nil {
		t.Fatal(err)
	}
	created := newest(t, s, p.ID)
	if created.Op != "create_set" || len(created.Changes) != 1 || created.Changes[0].Kind != "set" {
		t.Fatalf("audit of create: got %s %+v, want create_set of one set", created.Op, created.Changes)
	}
	if _, err := s.UpdateSet(ctx, p.ID, set.ID, coding.SetUpdate{AddDocuments: []string{d.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx, p.ID, newest(t, s, p.ID).Seq); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindSet(ctx, p.ID, set.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.DocumentIDs) != 0 {
		t.Errorf("after undoing the addition: got %v, want no members", got.DocumentIDs)
	}
	if err := s.DeleteSet(ctx, p.ID, set.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindSet(ctx, p.ID, set.ID); coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("after delete: got %v, want %s", err, coding.ENOTFOUND)
	}
	if _, err := s.Undo(ctx, p.ID, newest(t, s, p.ID).Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindSet(ctx, p.ID, set.ID); err != nil {
		t.Errorf("after undoing the delete: got %v, want the set back", err)
	}
	if err := s.DeleteSet(ctx, p.ID, "nope"); coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("deleting an unknown set: got %v, want %s", err, coding.ENOTFOUND)
	}
}

func TestMergingCodesKeepsTheirSets(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Merge sets")
	a := mustCode(t, s, p.ID, "Anger", coding.LevelConcept, "")
	b := mustCode(t, s, p.ID, "Rage", coding.LevelConcept, "")
	c := mustCode(t, s, p.ID, "Fear", coding.LevelConcept, "")
	both := &coding.Set{ProjectID: p.ID, Name: "Both", CodeIDs: []string{a.ID, c.ID, b.ID}}
	only := &coding.Set{ProjectID: p.ID, Name: "Rage only", CodeIDs: []string{c.ID, b.ID}}
	for _, set := range []*coding.Set{both, only} {
		if err := s.CreateSet(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.MergeCodes(ctx, p.ID, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	sets, err := s.ListSets(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := [][]string{sets[0].CodeIDs, sets[1].CodeIDs}
	want := [][]string{{a.ID, c.ID}, {c.ID, a.ID}}
	if !cmp.Equal(got, want) {
		t.Errorf("sets after merging Rage into Anger: got %v, want %v", got, want)
	}
	// One undo reverts the merge and the sets with it.
	if _, err := s.Undo(ctx, p.ID, newest(t, s, p.ID).Seq); err != nil {
		t.Fatal(err)
	}
	after, err := s.FindSet(ctx, p.ID, only.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(after.CodeIDs, []string{c.ID, b.ID}) {
		t.Errorf("after undoing the merge: got %v, want %v", after.CodeIDs, []string{c.ID, b.ID})
	}
}
