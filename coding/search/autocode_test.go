package search_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/search"
)

// quoteTexts returns the texts of the document's quotes with code.
func (f *fixture) quoteTexts(code string) []string {
	f.tb.Helper()
	qs, err := f.st.ListQuotes(ctx, f.pid, coding.QuoteFilter{CodeID: code})
	if err != nil {
		f.tb.Fatal(err)
	}
	var out []string
	for _, q := range qs {
		out = append(out, q.Text)
	}
	return out
}

func TestAutoCodeIsIdempotent(t *testing.T) {
	f := mustFixture(t)
	code := f.code("Learning words", coding.LevelConcept, "")
	req := search.AutoCodeRequest{Query: "learning", CodeID: code.ID, Coder: "anna"}
	res, err := f.ix.AutoCode(ctx, f.pid, req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 5 || res.Existing != 0 || len(res.QuoteIDs) != 5 {
		t.Fatalf("got %+v, want 5 created", res)
	}
	want := []string{"learned", "learning", "learned", "learning", "learning"}
	if diff := cmp.Diff(want, f.quoteTexts(code.ID)); diff != "" {
		t.Errorf("quote texts differ (-want +got):\n%s", diff)
	}

	again, err := f.ix.AutoCode(ctx, f.pid, req)
	if err != nil {
		t.Fatal(err)
	}
	if again.Created != 0 || again.Existing != 5 {
		t.Errorf("second run: got %+v, want 0 created, 5 existing", again)
	}
	if diff := cmp.Diff(res.QuoteIDs, again.QuoteIDs); diff != "" {
		t.Errorf("second run names other quotes (-first +second):\n%s", diff)
	}
	if got := len(f.quoteTexts(code.ID)); got != 5 {
		t.Errorf("got %d quotes after two runs, want 5", got)
	}
	// The new quotes are searchable at once.
	if got := f.total(`code:"Learning words"`); got != 5 {
		t.Errorf("got %d turns coded Learning words, want 5", got)
	}
	if res.Seq == 0 || again.Seq != 0 {
		t.Fatalf("got audit entries %d and %d, want one for the first run only", res.Seq, again.Seq)
	}

	// One undo removes every quote of the run, from the index too.
	if _, err := f.st.Undo(ctx, f.pid, res.Seq); err != nil {
		t.Fatal(err)
	}
	if got := len(f.quoteTexts(code.ID)); got != 0 {
		t.Errorf("got %d quotes after undo, want 0", got)
	}
	if got := f.total(`code:"Learning words"`); got != 0 {
		t.Errorf("after undo %d turns are coded Learning words, want 0", got)
	}
}

func TestAutoCodeExtends(t *testing.T) {
	f := mustFixture(t)
	tests := []struct {
		extend, query string
		want          []string
	}{
		{"match", `"trade fair"`, []string{"trade fair"}},
		{"sentence", "Stockholm", []string{"Luleå is small, but the fair in Stockholm brought our first partner."}},
		{"sentence", `"distributors"`, []string{"And the distributors?"}},
		{"sentence", "honestly", []string{"We were learning by doing, honestly."}},
		{"turn", "Hannover", []string{"CEO (Anna): We went to a trade fair in Hannover. Trade fairs were where we learned the most."}},
	}
	for _, tt := range tests {
		code := f.code("Extend "+tt.extend+" "+tt.query, coding.LevelConcept, "")
		res, err := f.ix.AutoCode(ctx, f.pid, search.AutoCodeRequest{Query: tt.query, CodeID: code.ID, Extend: tt.extend})
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != len(tt.want) {
			t.Errorf("%s %q: got %d created, want %d", tt.extend, tt.query, res.Created, len(tt.want))
		}
		if diff := cmp.Diff(tt.want, f.quoteTexts(code.ID)); diff != "" {
			t.Errorf("%s %q: quote texts differ (-want +got):\n%s", tt.extend, tt.query, diff)
		}
	}
}

func TestAutoCodeAddsCodeToExistingQuote(t *testing.T) {
	f := mustFixture(t)
	req := search.AutoCodeRequest{Query: `"learning by doing"`, CodeID: f.peer.ID}
	for run := 0; run < 2; run++ {
		res, err := f.ix.AutoCode(ctx, f.pid, req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 0 || res.Existing != 1 || res.QuoteIDs[0] != f.quoteDoing.ID {
			t.Fatalf("run %d: got %+v, want the existing quote", run+1, res)
		}
		q, err := f.st.FindQuote(ctx, f.pid, f.quoteDoing.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{f.learningByDoing.ID, f.peer.ID}, q.CodeIDs); diff != "" {
			t.Errorf("run %d: codes differ (-want +got):\n%s", run+1, diff)
		}
	}
}

func TestAutoCodeSelectedHits(t *testing.T) {
	f := mustFixture(t)
	hits := f.search(search.Request{Query: `"learned"`, Sort: "document"}).Hits
	if len(hits) != 2 {
		t.Fatalf("got %d hits, want 2", len(hits))
	}
	code := f.code("Selected", coding.LevelConcept, "")
	res, err := f.ix.AutoCode(ctx, f.pid, search.AutoCodeRequest{Query: `"learned"`, CodeID: code.ID, HitIDs: []string{hits[1].ID}})
	if err != nil {
		t.Fatal(err)
	}
	q, err := f.st.FindQuote(ctx, f.pid, res.QuoteIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || q.DocumentID != f.founder.ID {
		t.Errorf("got %+v in %s, want one quote in the second hit's document", res, q.DocumentID)
	}
}

func TestAutoCodeErrors(t *testing.T) {
	f := mustFixture(t)
	tests := []struct {
		req  search.AutoCodeRequest
		want string
	}{
		{search.AutoCodeRequest{Query: "fair", CodeID: f.dimension.ID}, coding.EUNPROCESSABLE},
		{search.AutoCodeRequest{Query: "fair", CodeID: "nope"}, coding.ENOTFOUND},
		{search.AutoCodeRequest{Query: "", CodeID: f.peer.ID}, coding.EINVALID},
		{search.AutoCodeRequest{Query: "fair"}, coding.EINVALID},
		{search.AutoCodeRequest{Query: "fair", CodeID: f.peer.ID, Extend: "paragraph"}, coding.EINVALID},
		{search.AutoCodeRequest{Query: `"fair`, CodeID: f.peer.ID}, coding.EINVALID},
	}
	for _, tt := range tests {
		_, err := f.ix.AutoCode(ctx, f.pid, tt.req)
		wantCode(t, err, tt.want)
	}
}
