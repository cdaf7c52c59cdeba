package search_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding/search"
)

func TestFilters(t *testing.T) {
	f := mustFixture(t)
	tests := []struct {
		name    string
		query   string
		kinds   []string
		filters map[string][]string
		want    int
	}{
		{"case by name", "learning", nil, map[string][]string{"case": {"Robotics Oy"}}, 2},
		{"case by ID", "learning", nil, map[string][]string{"case": {f.medsense.ID}}, 3},
		{"several values match any", "learning", nil, map[string][]string{"case": {"Robotics Oy", f.medsense.ID}}, 5},
		{"document", "", nil, map[string][]string{"document": {f.ceo.ID}}, 4},
		{"speaker", "", nil, map[string][]string{"speaker": {"Founder"}}, 2},
		{"role", "", nil, map[string][]string{"role": {"informant"}}, 4},
		{"code with the codes below it", "", nil, map[string][]string{"code": {f.dimension.ID}}, 2},
		{"level", "", nil, map[string][]string{"level": {"concept"}}, 2},
		{"facet", "", nil, map[string][]string{"facet:Type of learning": {"vicarious"}}, 1},
		{"attribute text", "", nil, map[string][]string{"attr:sector": {"Medical"}}, 4},
		{"attribute list", "", nil, map[string][]string{"attr:markets": {"norway"}}, 4},
		{"attribute number range", "", nil, map[string][]string{"attr:employees": {"40.."}}, 4},
		{"attribute date range", "", nil, map[string][]string{"attr:founded": {"2015..2020"}}, 4},
		{"attribute without match", "", nil, map[string][]string{"attr:sector": {"games"}}, 0},
		{"interview date", "", nil, map[string][]string{"date": {"2024-03-05"}}, 4},
		{"coder of quotes", "", []string{"quote"}, map[string][]string{"coder": {"ANNA"}}, 2},
		{"author of memos", "", []string{"memo"}, map[string][]string{"coder": {"mikko"}}, 1},
		{"quotes by case", "", []string{"quote"}, map[string][]string{"case": {"Luleå MedSense AB"}}, 1},
		{"memos by document", "", []string{"memo"}, map[string][]string{"document": {f.founder.ID}}, 1},
		{"filters combine", "learning", nil, map[string][]string{"case": {"Robotics Oy"}, "speaker": {"CEO (Anna)"}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.search(search.Request{Query: tt.query, Kinds: tt.kinds, Filters: tt.filters, CountOnly: true})
			if res.Total != tt.want {
				t.Errorf("got %d hits, want %d", res.Total, tt.want)
			}
		})
	}
}

func TestFacets(t *testing.T) {
	f := mustFixture(t)
	res := f.search(search.Request{Query: "learning"})
	want := map[string][]search.FacetCount{
		"case": {
			{Value: f.medsense.ID, Label: "Luleå MedSense AB", Count: 3},
			{Value: f.robotics.ID, Label: "Robotics Oy", Count: 2},
		},
		"document": {
			{Value: f.founder.ID, Label: "Interview MedSense founder", Count: 3},
			{Value: f.ceo.ID, Label: "Interview Robotics CEO", Count: 2},
		},
		"speaker": {
			{Value: "Founder", Label: "Founder", Count: 2},
			{Value: "CEO (Anna)", Label: "CEO (Anna)", Count: 2},
			{Value: "Interviewer", Label: "Interviewer", Count: 1},
		},
		"code": {
			{Value: f.learningByDoing.ID, Label: "Learning by doing", Count: 1},
			{Value: f.peer.ID, Label: "Peer learning", Count: 1},
		},
	}
	// bleve orders equal counts by value; compare as sets of counts.
	for field, counts := range want {
		got := map[string]search.FacetCount{}
		for _, c := range res.Facets[field] {
			got[c.Value] = c
		}
		wantMap := map[string]search.FacetCount{}
		for _, c := range counts {
			wantMap[c.Value] = c
		}
		if diff := cmp.Diff(wantMap, got); diff != "" {
			t.Errorf("facet %s differs (-want +got):\n%s", field, diff)
		}
	}
	if res := f.search(search.Request{Query: "learning", NoFacets: true}); res.Facets != nil {
		t.Errorf("got facets %v, want none", res.Facets)
	}
}

func TestSortAndPaging(t *testing.T) {
	f := mustFixture(t)
	all := f.search(search.Request{Sort: "document", Limit: 100})
	var ids []string
	for _, h := range all.Hits {
		ids = append(ids, h.ID)
	}
	want := []string{}
	for _, d := range []string{f.ceo.ID, f.founder.ID} {
		for n := 0; n < 4; n++ {
			want = append(want, "turn:"+d+":0000"+string(rune('0'+n)))
		}
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Fatalf("document order differs (-want +got):\n%s", diff)
	}
	page := f.search(search.Request{Sort: "document", Offset: 2, Limit: 3})
	var got []string
	for _, h := range page.Hits {
		got = append(got, h.ID)
	}
	if diff := cmp.Diff(want[2:5], got); diff != "" || page.Total != 8 {
		t.Errorf("page differs (total %d, want 8; -want +got):\n%s", page.Total, diff)
	}

	// Relevance: the turn saying "learning" twice ranks before those
	// saying it once.
	res := f.search(search.Request{Query: `"peer learning"`})
	if len(res.Hits) != 2 || res.Hits[0].Score < res.Hits[1].Score {
		t.Errorf("got hits %+v, want two by falling score", res.Hits)
	}
	if count := f.search(search.Request{Query: "learning", CountOnly: true}); count.Total != 5 || len(count.Hits) != 0 {
		t.Errorf("got count %d with %d hits, want 5 without hits", count.Total, len(count.Hits))
	}
}
