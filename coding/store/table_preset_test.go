package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"tessera/coding"
)

// TestTablePresets saves, replaces, lists, finds, deletes and undoes the
// deletion of named table options.
func TestTablePresets(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	p := mustProject(t, s, "Presets")
	apa := &coding.TablePreset{ProjectID: p.ID, Name: " Journal ", Options: json.RawMessage(`{"style":"apa","number":"3"}`)}
	if err := s.PutTablePreset(ctx, apa); err != nil {
		t.Fatal(err)
	}
	if err := s.PutTablePreset(ctx, &coding.TablePreset{ProjectID: p.ID, Name: "appendix", Options: json.RawMessage(`{"style":"grid"}`)}); err != nil {
		t.Fatal(err)
	}
	// The same name in other case replaces the preset, keeping its ID.
	again := &coding.TablePreset{ProjectID: p.ID, Name: "JOURNAL", Options: json.RawMessage(`{"style":"apa","number":"4"}`)}
	if err := s.PutTablePreset(ctx, again); err != nil {
		t.Fatal(err)
	}
	if again.ID != apa.ID {
		t.Errorf("got ID %s after replacing, want the preset's %s", again.ID, apa.ID)
	}
	list, err := s.ListTablePresets(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "appendix" || list[1].Name != "JOURNAL" || string(list[1].Options) != `{"style":"apa","number":"4"}` {
		t.Fatalf("got presets %+v, want appendix and JOURNAL (number 4)", list)
	}
	found, err := s.FindTablePreset(ctx, p.ID, "journal")
	if err != nil || found.ID != apa.ID {
		t.Fatalf("find journal: got %+v, %v", found, err)
	}
	if err := s.DeleteTablePreset(ctx, p.ID, "Journal"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindTablePreset(ctx, p.ID, "journal"); coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("find after delete: got %v, want not found", err)
	}
	if err := s.DeleteTablePreset(ctx, p.ID, "Journal"); coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("second delete: got %v, want not found", err)
	}
	// The deletion is one change in the audit trail, and undoable.
	entries, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 || entries[0].Op != "delete_preset" {
		t.Fatalf("got audit %+v, want delete_preset last", entries)
	}
	if _, err := s.Undo(ctx, p.ID, entries[0].Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindTablePreset(ctx, p.ID, "journal"); err != nil {
		t.Errorf("find after undo: %v", err)
	}

	for _, bad := range []*coding.TablePreset{
		{ProjectID: p.ID, Name: " ", Options: json.RawMessage(`{}`)},
		{ProjectID: p.ID, Name: "list", Options: json.RawMessage(`[1]`)},
		{ProjectID: p.ID, Name: "none"},
	} {
		if err := s.PutTablePreset(ctx, bad); coding.ErrorCode(err) != coding.EINVALID {
			t.Errorf("put %q %s: got %v, want invalid", bad.Name, bad.Options, err)
		}
	}
	if err := s.PutTablePreset(ctx, &coding.TablePreset{ProjectID: "nope", Name: "x", Options: json.RawMessage(`{}`)}); coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("put in a missing project: got %v, want not found", err)
	}
}
