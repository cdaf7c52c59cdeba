package export_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

// deepStudy is a codebook five levels deep: a dimension, a theme with a
// sub-theme, a concept with a sub-concept and a sub-sub-concept.
func deepStudy(t *testing.T) *coding.Snapshot {
	b := newBuilder(t, "Deep tree")
	dim := b.code(coding.LevelDimension, nil, "Learning")
	theme := b.code(coding.LevelTheme, dim, "From failure")
	subTheme := b.code(coding.LevelTheme, theme, "From others' failure")
	concept := b.code(coding.LevelConcept, theme, "Trial and error")
	sub := b.code(coding.LevelConcept, concept, "Cold tests")
	subSub := b.code(coding.LevelConcept, sub, "Frozen robots")
	peers := b.code(coding.LevelConcept, subTheme, "Peers at fairs")
	d := b.doc("Interview", nil, "CEO", "CEO: We tried, failed and froze the robots.", "CEO: Peers told us about the cold.")
	b.quote(d, "We tried, failed", "anna", concept)
	b.quote(d, "froze the robots", "anna", subSub)
	b.quote(d, "Peers told us", "anna", peers)
	return b.done()
}

func TestGioiaCountsSubCodesWithTheirParent(t *testing.T) {
	snap := deepStudy(t)
	rows := export.GioiaRows(snap, export.Options{Counts: true})
	want := []gioiaLine{
		{"", "Peers at fairs", "From failure", "Learning", 2, 2},
		{"", "Trial and error", "From failure", "Learning", 0, 0},
	}
	if diff := cmp.Diff(want, lines(rows)); diff != "" {
		t.Fatalf("rows (-want +got):\n%s", diff)
	}
	if got := rows[1].Counts.Quotes; got != 2 {
		t.Errorf("quotes of the concept with its sub-concepts: got %d, want 2", got)
	}

	// With sub-codes listed, they follow their concept, indented.
	rows = export.GioiaRows(snap, export.Options{Counts: true, SubCodes: true})
	var subs []string
	for _, r := range rows {
		if r.Sub != nil {
			subs = append(subs, strings.Repeat(">", r.SubDepth)+r.Sub.Name)
			if r.Concept.Name != "Trial and error" {
				t.Errorf("sub-concept %q listed under %q, want Trial and error", r.Sub.Name, r.Concept.Name)
			}
		}
	}
	if diff := cmp.Diff([]string{">Cold tests", ">>Frozen robots"}, subs); diff != "" {
		t.Errorf("sub-concept rows (-want +got):\n%s", diff)
	}
	if len(rows) != 4 || rows[2].Sub == nil || rows[2].Counts.Quotes != 1 {
		t.Errorf("rows: got %d, want 4 with Cold tests third counting 1 quote", len(rows))
	}
	var md bytes.Buffer
	if err := export.Export(&md, snap, "gioia-md", export.Options{SubCodes: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "\u00b7 \u21b3 Frozen robots") {
		t.Errorf("Markdown table: want Frozen robots indented twice:\n%s", md.String())
	}

	// The figure shows the concept under the sub-theme beside the others,
	// and no box for the sub-codes.
	var svg bytes.Buffer
	if err := export.Export(&svg, snap, "gioia-svg", export.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Trial and error", "Peers at fairs", "From failure"} {
		if !strings.Contains(svg.String(), name) {
			t.Errorf("figure lacks %q", name)
		}
	}
	for _, name := range []string{"Cold tests", "From others"} {
		if strings.Contains(svg.String(), name) {
			t.Errorf("figure shows the sub-code %q; its quotes belong to its parent", name)
		}
	}
}
