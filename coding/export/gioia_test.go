package export_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

// gioiaLine is a row reduced to what the table prints in its first columns.
type gioiaLine struct {
	Section, Concept, Theme, Dimension string
	ThemeSpan, DimensionSpan           int
}

func lines(rows []export.GioiaRow) []gioiaLine {
	name := func(c *export.CodeRef) string {
		if c == nil {
			return ""
		}
		return c.Name
	}
	out := make([]gioiaLine, len(rows))
	for i, r := range rows {
		out[i] = gioiaLine{r.Section, name(r.Concept), name(r.Theme), name(r.Dimension), r.ThemeSpan, r.DimensionSpan}
	}
	return out
}

func TestGioiaRowsSections(t *testing.T) {
	rows := export.GioiaRows(study(t), export.Options{Sections: "growth path"})
	got := lines(rows)
	// A theme whose concepts fall into several sections appears in each,
	// with only its concepts there; codes without a value come last.
	want := []gioiaLine{
		{"Geographic diversification", "Founders spot the problem only when a client escalates", "Delayed failure recognition", "Failure recognition", 3, 3},
		{"Geographic diversification", "Monthly numbers reveal the overrun too late", "Delayed failure recognition", "Failure recognition", 0, 0},
		{"Geographic diversification", "Warning signs from the Luleå plant are ignored", "Delayed failure recognition", "Failure recognition", 0, 0},
		{"Geographic diversification", "Hiring managers who have failed abroad", "Prior experience", "Organisational adaptation", 1, 4},
		{"Geographic diversification", "Checklists for entering a new market", "Routine change", "Organisational adaptation", 1, 0},
		{"Geographic diversification", "Exit from the German market after two failed launches", "Strategic reorientation", "Organisational adaptation", 2, 0},
		{"Geographic diversification", "Refocus on Nordic customers", "Strategic reorientation", "Organisational adaptation", 0, 0},
		{"Market penetration", "Stand-up meetings where mistakes are named openly", "Open failure talk", "Failure recognition", 2, 4},
		{"Market penetration", "Kohtamäki's CFO praises honest post-mortems 👍", "Open failure talk", "Failure recognition", 0, 0},
		{"Market penetration", "Founders swap failure stories in a local founders' group", "Peer exchange", "Failure recognition", 2, 0},
		{"Market penetration", "Board members bring lessons from other firms", "Peer exchange", "Failure recognition", 0, 0},
		{"Market penetration", "Release process changed after the outage", "Routine change", "Organisational adaptation", 2, 2},
		{"Market penetration", "Post-mortem template adopted company-wide", "Routine change", "Organisational adaptation", 0, 0},
		{"Product development", "R&D shares <50% of failed pilots | rarely more", "Open failure talk", "Failure recognition", 1, 2},
		{"Product development", "Sales lead learns pricing from a partner's lost tender", "Peer exchange", "Failure recognition", 1, 0},
		{"Product development", "CTO's earlier start-up failure guides the new roadmap", "Prior experience", "Organisational adaptation", 1, 1},
		{"", "", "Customer lock-in", "", 1, 0},
		{"", "Currency risk surprises", "", "", 0, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// The section facet is left out of the default facet columns.
	if f := rows[0].Facets; len(f) != 1 || f[0].Facet != "Type of learning" {
		t.Errorf("got facet columns %+v, want only Type of learning", f)
	}
}

func TestGioiaRowsWithoutSections(t *testing.T) {
	rows := export.GioiaRows(study(t), export.Options{Facets: []string{"Type of learning", "Growth path"}})
	if len(rows) != 18 {
		t.Fatalf("got %d rows, want 17 concepts and 1 theme without concepts", len(rows))
	}
	first := rows[0]
	if first.ThemeSpan != 3 || first.DimensionSpan != 9 {
		t.Errorf("got spans %d and %d, want theme 3 and dimension 9", first.ThemeSpan, first.DimensionSpan)
	}
	want := []export.FacetValue{
		{Facet: "Type of learning", Value: "Experiential", Inherited: true},
		{Facet: "Growth path", Value: "Geographic diversification", Inherited: true},
	}
	if diff := cmp.Diff(want, first.Facets); diff != "" {
		t.Errorf("facets of the first row (-want +got):\n%s", diff)
	}
	if first.Counts != nil || first.Quote != nil {
		t.Errorf("got counts %v and quote %v without asking for them", first.Counts, first.Quote)
	}
}

func TestGioiaRowsIgnoresUnknownNames(t *testing.T) {
	rows := export.GioiaRows(study(t), export.Options{Sections: "Phase", Facets: []string{"Phase", "Growth path"}})
	if rows[0].Section != "" || len(rows[0].Facets) != 1 || rows[0].Facets[0].Facet != "Growth path" {
		t.Errorf("got section %q and facets %+v, want no section and Growth path only", rows[0].Section, rows[0].Facets)
	}
}

func TestRepresentativeQuote(t *testing.T) {
	snap := study(t)
	byConcept := func(rows []export.GioiaRow, name string) export.GioiaRow {
		t.Helper()
		for _, r := range rows {
			if r.Concept != nil && r.Concept.Name == name {
				return r
			}
		}
		t.Fatalf("no row for %q", name)
		return export.GioiaRow{}
	}
	const spot = "Founders spot the problem only when a client escalates"
	rows := export.GioiaRows(snap, export.Options{Quotes: true, Counts: true})

	// The shortest quote is under 60 characters; the one in the band wins.
	r := byConcept(rows, spot)
	want := &export.RepresentativeQuote{
		QuoteID: r.Quote.QuoteID,
		Text:    "Founders spot the problem only when a client escalates, that is how it was for us in Luleå.",
		Kind:    "auto",
		CodeID:  r.Concept.ID,
		Attribution: export.Attribution{
			Informant: "CEO (Anna)", Role: "CEO", Document: "Interview: Luleå CEO", Case: "Luleå Stål AB",
		},
	}
	if diff := cmp.Diff(want, r.Quote); diff != "" {
		t.Errorf("representative quote (-want +got):\n%s", diff)
	}
	if got := (export.Counts{Quotes: 2, Documents: 1, Cases: 1}); *r.Counts != got {
		t.Errorf("got counts %+v, want %+v", *r.Counts, got)
	}
	// Without a role in the metadata, the informant speaking is named;
	// without a case, the document.
	if got := byConcept(rows, "Board members bring lessons from other firms").Quote.Source(); got != "Kari, Nordlys AS" {
		t.Errorf("got attribution %q, want %q", got, "Kari, Nordlys AS")
	}
	if got := byConcept(rows, "Warning signs from the Luleå plant are ignored").Quote.Source(); got != "Workshop notes" {
		t.Errorf("got attribution %q, want %q", got, "Workshop notes")
	}

	// A quote the researcher chose wins, in every mode but auto; a pick
	// for a code the quote no longer carries counts for nothing.
	var short *coding.Quote
	for _, q := range snap.Quotes {
		if strings.HasPrefix(q.Text, "we only saw") {
			short = q
		}
	}
	codeID := r.Concept.ID
	short.Picks = []coding.QuotePick{{CodeID: codeID, Kind: coding.PickProof, Order: 1}}
	for _, mode := range []export.QuoteMode{"", export.QuotesBoth, export.QuotesChosen} {
		chosen := byConcept(export.GioiaRows(snap, export.Options{Quotes: true, QuoteMode: mode}), spot)
		if chosen.Quote == nil || chosen.Quote.QuoteID != short.ID || chosen.Quote.Kind != "proof" {
			t.Errorf("mode %q: got quote %+v, want the chosen %s", mode, chosen.Quote, short.ID)
		}
	}
	auto := byConcept(export.GioiaRows(snap, export.Options{Quotes: true, QuoteMode: export.QuotesAuto}), spot)
	if auto.Quote.QuoteID != r.Quote.QuoteID {
		t.Errorf("mode auto: got quote %s, want the automatic %s", auto.Quote.QuoteID, r.Quote.QuoteID)
	}
	other := byConcept(export.GioiaRows(snap, export.Options{Quotes: true, QuoteMode: export.QuotesChosen}), "Board members bring lessons from other firms")
	if other.Quote != nil {
		t.Errorf("mode chosen: got quote %+v for a concept with none chosen, want none", other.Quote)
	}
	short.Picks[0].CodeID = "C-gone"
	ignored := byConcept(export.GioiaRows(snap, export.Options{Quotes: true}), spot)
	if ignored.Quote.QuoteID != r.Quote.QuoteID {
		t.Errorf("got quote %s, want the default %s when the pick is for a code the quote lacks", ignored.Quote.QuoteID, r.Quote.QuoteID)
	}
}

func TestGioiaRowsUngrouped(t *testing.T) {
	b := newBuilder(t, "Ungrouped")
	dim := b.code(coding.LevelDimension, nil, "Empty dimension")
	b.code(coding.LevelTheme, dim, "Theme without concepts")
	b.code(coding.LevelTheme, nil, "Loose theme")
	b.code(coding.LevelConcept, nil, "Loose concept")
	b.code(coding.LevelDimension, nil, "Dimension without themes")
	got := lines(export.GioiaRows(b.done(), export.Options{}))
	want := []gioiaLine{
		{"", "", "Theme without concepts", "Empty dimension", 1, 1},
		{"", "", "", "Dimension without themes", 0, 1},
		{"", "", "Loose theme", "", 1, 0},
		{"", "Loose concept", "", "", 0, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestGioiaRowJSON(t *testing.T) {
	rows := export.GioiaRows(study(t), export.Options{Counts: true})
	data, err := json.Marshal(rows[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"concept":{"id":`, `"theme_span":3`, `"dimension_span":9`, `"counts":{"quotes":2,"documents":1,"cases":1}`, `"facets":[{"facet":"Growth path"`} {
		if !strings.Contains(string(data), key) {
			t.Errorf("got JSON %s, want it to contain %s", data, key)
		}
	}
}
