package anonymise_test

import (
	"testing"

	"tessera/coding"
	"tessera/coding/anonymise"
)

// TestSnapshotReplacesNamesInExcerpts checks that a quote's print excerpt,
// which exports print in place of its text, is anonymised like the text.
func TestSnapshotReplacesNamesInExcerpts(t *testing.T) {
	snap := study(t, func([]*coding.Case) *coding.Anonymisation {
		return &coding.Anonymisation{Terms: []coding.TermReplacement{{Term: "Oslo", Replacement: "[capital]"}}}
	})
	snap.Quotes[0].Excerpt = "We left Lulea […] Oslo."
	anon := anonymise.Snapshot(snap)
	if got, want := anon.Quotes[0].Excerpt, "We left [City] […] [capital]."; got != want {
		t.Errorf("excerpt = %q, want %q", got, want)
	}
	if snap.Quotes[0].Excerpt != "We left Lulea […] Oslo." {
		t.Errorf("the stored excerpt changed to %q", snap.Quotes[0].Excerpt)
	}
}
