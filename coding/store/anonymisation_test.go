package store_test

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
)

func TestAnonymisationProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tessera.db")
	s := mustOpenAt(t, path)
	p := mustProject(t, s, "Study")
	kase := &coding.Case{ProjectID: p.ID, Name: "Luleå MedSense AB"}
	if err := s.CreateCase(ctx, kase); err != nil {
		t.Fatal(err)
	}

	// Before anything is saved the default profile is version 0.
	a, err := s.FindAnonymisation(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 0 || len(a.Terms) != 0 || a.ProjectID != p.ID {
		t.Fatalf("default profile = %+v, want version 0 with no terms", a)
	}

	want := &coding.Anonymisation{
		CaseLabel: " Company ",
		Cases:     map[string]string{kase.ID: "Firm North"},
		Speakers:  map[string]string{"Björn": "CEO-1"},
		Terms:     []coding.TermReplacement{{Term: " Kohtamäki ", Replacement: "[firm]"}, {Term: "Tampere"}},
	}
	got, err := s.SetAnonymisation(coding.WithActor(ctx, "olga"), p.ID, want)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || got.UpdatedBy != "olga" || got.CaseLabel != "Company" {
		t.Errorf("stored profile = %+v, want version 1 by olga with label Company", got)
	}
	wantTerms := []coding.TermReplacement{{Term: "Kohtamäki", Replacement: "[firm]"}, {Term: "Tampere", Replacement: coding.DefaultTermReplacement}}
	if diff := cmp.Diff(wantTerms, got.Terms); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}

	// It survives a reopen and comes with the snapshot.
	s.Close()
	s = mustOpenAt(t, path)
	snap, err := s.Snapshot(ctx, p.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, snap.Anonymisation); diff != "" {
		t.Errorf("snapshot profile (-stored +snapshot):\n%s", diff)
	}

	// An update from an outdated copy, a case the project lacks and a
	// term listed twice are refused and change nothing.
	for _, tt := range []struct {
		name string
		a    coding.Anonymisation
		code string
	}{
		{"stale", coding.Anonymisation{IfVersion: 7}, coding.ESTALE},
		{"unknown case", coding.Anonymisation{Cases: map[string]string{"nope": "Firm Z"}}, coding.EINVALID},
		{"term twice", coding.Anonymisation{Terms: []coding.TermReplacement{{Term: "Oulu"}, {Term: "OULU"}}}, coding.EINVALID},
		{"two lines", coding.Anonymisation{Terms: []coding.TermReplacement{{Term: "Oulu\nTampere"}}}, coding.EINVALID},
		{"empty term", coding.Anonymisation{Terms: []coding.TermReplacement{{Term: "  ", Replacement: "x"}}}, coding.EINVALID},
	} {
		_, err := s.SetAnonymisation(ctx, p.ID, &tt.a)
		if coding.ErrorCode(err) != tt.code {
			t.Errorf("%s: got %v, want %s", tt.name, err, tt.code)
		}
	}
	if a, _ := s.FindAnonymisation(ctx, p.ID); a.Version != 1 || len(a.Terms) != 2 {
		t.Errorf("after refused updates: %+v, want version 1 with 2 terms", a)
	}

	// The change is in the audit trail, and undo brings the default back.
	entries, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Kind: "anonymisation"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Op != "set_anonymisation" || entries[0].Actor != "olga" {
		t.Fatalf("audit = %+v, want one set_anonymisation by olga", entries)
	}
	if _, err := s.Undo(ctx, p.ID, entries[0].Seq); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.FindAnonymisation(ctx, p.ID); len(a.Terms) != 0 || len(a.Cases) != 0 {
		t.Errorf("after undo: %+v, want the default profile", a)
	}
}
