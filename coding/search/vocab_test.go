package search_test

import (
	"testing"

	"tessera/coding/search"
)

// TestPhrasesAfterChangesAndReopen checks that phrases and proximity find
// words first indexed by a change (numbered then, see vocab.go), in both
// word orders, also after the index is closed and opened again without a
// rebuild.
func TestPhrasesAfterChangesAndReopen(t *testing.T) {
	f := mustFixture(t)
	f.total("fair") // builds the index
	built := f.indexName()
	f.doc("Interview Zürich", f.robotics.ID,
		"Interviewer: Any new partners?\nCEO (Anna): Yes, a Quokkafirma distributor in Zürich, and the distributor Quokkafirma again.\n")

	tests := []struct {
		query string
		want  int
	}{
		{`"quokkafirma distributor"`, 1},
		{`"distributor quokkafirma"`, 1},
		{`"quokkafirma distributor in zurich"`, 1},
		{`"distributor in zurich"`, 1},
		{`"zurich quokkafirma"~3`, 1},
		{`"quokkafirma zurich"~1`, 0},
		{`"quokkafirma in"`, 0},
		{`"trade fair"`, 1},
		{`"fair trade"~1`, 1},
		{`"peer learning"`, 2},
	}
	check := func(when string) {
		t.Helper()
		for _, tt := range tests {
			if got := f.total(tt.query); got != tt.want {
				t.Errorf("%s: got %d turns for %s, want %d", when, got, tt.query, tt.want)
			}
			ranked := f.search(search.Request{Query: tt.query})
			if ranked.Total != tt.want || len(ranked.Hits) != tt.want {
				t.Errorf("%s: got %d ranked (%d hits) for %s, want %d", when, ranked.Total, len(ranked.Hits), tt.query, tt.want)
			}
		}
	}
	check("after the change")
	f.reopen(true)
	check("after reopening")
	if got := f.indexName(); got != built {
		t.Errorf("got index %s after reopening, want %s (no rebuild)", got, built)
	}
	// Words numbered after the reopening are stored too.
	f.doc("Interview Åbo", f.medsense.ID, "Founder: We met Wallabyhandel at a trade fair in Åbo.\n")
	f.reopen(true)
	if got := f.total(`"wallabyhandel at a trade fair"`); got != 1 {
		t.Errorf("got %d turns for a phrase of new words after reopening, want 1", got)
	}
	if got := f.total(`"fair in abo"`); got != 1 {
		t.Errorf(`got %d turns for "fair in abo", want 1`, got)
	}
}
