package search_test

import (
	"testing"

	"tessera/coding"
	"tessera/coding/search"
)

func TestSetFilter(t *testing.T) {
	f := mustFixture(t)
	count := func(query string, filters map[string][]string) int {
		t.Helper()
		return f.search(search.Request{Query: query, Filters: filters, CountOnly: true}).Total
	}
	// Before the set exists, naming it is an error.
	if _, err := f.ix.Search(ctx, f.pid, search.Request{Query: "set:Founders"}); coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("unknown set: got %v, want %s", err, coding.EINVALID)
	}
	docs := &coding.Set{ProjectID: f.pid, Name: "Founders", DocumentIDs: []string{f.founder.ID}}
	if err := f.st.CreateSet(ctx, docs); err != nil {
		t.Fatal(err)
	}
	codes := &coding.Set{ProjectID: f.pid, Name: "Learning codes", CodeIDs: []string{f.dimension.ID}}
	if err := f.st.CreateSet(ctx, codes); err != nil {
		t.Fatal(err)
	}
	byDoc := count("", map[string][]string{"document": {f.founder.ID}})
	byCode := count("", map[string][]string{"code": {f.dimension.ID}})
	if byDoc == 0 || byCode == 0 {
		t.Fatalf("fixture: %d units in the founder interview, %d coded with Learning; want some of each", byDoc, byCode)
	}
	tests := []struct {
		name    string
		query   string
		filters map[string][]string
		want    int
	}{
		{"document set by name", "", map[string][]string{"set": {"founders"}}, byDoc},
		{"document set by ID", "", map[string][]string{"set": {docs.ID}}, byDoc},
		{"document set in the query", "set:Founders", nil, byDoc},
		{"code set with the codes below", "", map[string][]string{"set": {"Learning codes"}}, byCode},
		{"set and words", "peer", map[string][]string{"set": {"Founders"}}, count("peer", map[string][]string{"document": {f.founder.ID}})},
		{"set excluded", "-set:Founders", nil, count("", nil) - byDoc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := count(tt.query, tt.filters); got != tt.want {
				t.Errorf("got %d hits, want %d", got, tt.want)
			}
		})
	}
	// The filter follows changes of the set at once.
	if _, err := f.st.UpdateSet(ctx, f.pid, docs.ID, coding.SetUpdate{AddDocuments: []string{f.ceo.ID}}); err != nil {
		t.Fatal(err)
	}
	both := count("", map[string][]string{"document": {f.founder.ID, f.ceo.ID}})
	if got := count("", map[string][]string{"set": {"Founders"}}); got != both {
		t.Errorf("after adding the CEO interview: got %d hits, want %d", got, both)
	}
}
