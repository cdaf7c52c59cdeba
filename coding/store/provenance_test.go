package store_test

import (
	"testing"
	"time"

	"tessera/coding"
)

func TestKeepProvenance(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Dates")
	d := &coding.Document{ProjectID: p.ID, Title: "Founder", Text: "We failed at the fair."}
	if err := s.CreateDocument(coding.WithActor(ctx, "olga"), d); err != nil {
		t.Fatal(err)
	}
	if d.CreatedBy != "olga" || d.UpdatedBy != "olga" {
		t.Errorf("a new document: got created by %q, updated by %q, want olga for both", d.CreatedBy, d.UpdatedBy)
	}
	created := time.Date(2021, 2, 23, 10, 0, 0, 0, time.UTC)
	changed := time.Date(2021, 6, 1, 12, 0, 0, 0, time.UTC)

	// A wrong entry changes nothing, not even the right ones before it.
	bad := []struct {
		name string
		ps   []coding.Provenance
		want string
	}{
		{"unknown kind", []coding.Provenance{{Kind: "document", ID: d.ID, CreatedAt: created}, {Kind: "code", ID: "x"}}, coding.EINVALID},
		{"missing document", []coding.Provenance{{Kind: "document", ID: d.ID, CreatedAt: created}, {Kind: "document", ID: "nope"}}, coding.ENOTFOUND},
		{"missing memo", []coding.Provenance{{Kind: "memo", ID: "nope"}}, coding.ENOTFOUND},
	}
	for _, tc := range bad {
		if err := s.KeepProvenance(ctx, p.ID, tc.ps); coding.ErrorCode(err) != tc.want {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.want)
		}
	}
	got, err := s.FindDocument(ctx, p.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(frozen) {
		t.Errorf("after refused changes: created %v, want %v", got.CreatedAt, frozen)
	}

	if err := s.KeepProvenance(ctx, p.ID, []coding.Provenance{{Kind: "document", ID: d.ID, CreatedAt: created, CreatedBy: "Sofia", UpdatedAt: changed, UpdatedBy: "Jonas"}}); err != nil {
		t.Fatal(err)
	}
	got, err = s.FindDocument(ctx, p.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(created) || !got.UpdatedAt.Equal(changed) || got.CreatedBy != "Sofia" || got.UpdatedBy != "Jonas" || got.Text != d.Text {
		t.Errorf("kept: got %v by %q, %v by %q (text %q), want %v by Sofia, %v by Jonas, text kept", got.CreatedAt, got.CreatedBy, got.UpdatedAt, got.UpdatedBy, got.Text, created, changed)
	}
	// A later edit names its editor.
	title := "Founder interview"
	got, err = s.UpdateDocument(coding.WithActor(ctx, "cora"), p.ID, d.ID, coding.DocumentUpdate{Title: &title})
	if err != nil {
		t.Fatal(err)
	}
	if got.UpdatedBy != "cora" || got.CreatedBy != "Sofia" {
		t.Errorf("after an edit: got created by %q, updated by %q, want Sofia and cora", got.CreatedBy, got.UpdatedBy)
	}
}
