package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"tessera/coding"
	"tessera/coding/search/internal/corpus"
	"tessera/coding/store"
)

// TestEngineAgreesWithBleve runs the benchmark's queries and some more on
// a small synthetic corpus, after edits that leave deleted units in the
// index, and checks that the engine (internal/engine: counts, relevance
// order) finds exactly the units bleve's searchers find (document order,
// phrases and proximities through engine.PositionQuery's searcher).
func TestEngineAgreesWithBleve(t *testing.T) {
	ctx := context.Background()
	ix, st, pid := corpusIndex(t, 12, 1500, 64<<10)
	// Edits applied incrementally: a new document, a document's speakers
	// renamed (its turns re-indexed, leaving deleted units behind), a
	// quote deleted.
	docs, err := st.ListDocuments(ctx, pid, coding.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Interviewer: Trial and error, then error and trial?\n\nCEO (Anna): Trade fair, fair trade, a fair in the trade. Peer learning by doing, learning peer by peer."
	nd := &coding.Document{ProjectID: pid, Title: "Edited", CaseID: docs[0].CaseID, Text: text, Turns: []coding.Turn{
		{Speaker: "Interviewer", Start: 0, End: 50}, {Speaker: "CEO (Anna)", Start: 52, End: coding.RuneLen(text)},
	}}
	if err := st.CreateDocument(ctx, nd); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UpdateDocument(ctx, pid, docs[1].ID, coding.DocumentUpdate{RenameSpeakers: map[string]string{"Interviewer": "Researcher"}}); err != nil {
		t.Fatal(err)
	}
	quotes, err := st.ListQuotes(ctx, pid, coding.QuoteFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteQuote(ctx, pid, quotes[len(quotes)-1].ID); err != nil {
		t.Fatal(err)
	}

	queries := []string{
		`"trade fair"~0`, `"fair trade"~1`, `"trial and error"~2`, `"error and trial"`, `"peer peer"~3`,
		`"learning peer"`, `"fair fair"~4`, `"by doing learning"~3`, `"trade fair" -peer`, `"trade fair" OR "peer learning"`,
		`kind:turn`, `speaker:CEO fair`, `learn*`, `distributer~2`, `-trade fair`, `"learning by" doing`,
	}
	for _, q := range corpus.Queries() {
		queries = append(queries, q.Query)
	}
	for _, q := range queries {
		byEngine, err := ix.Search(ctx, pid, Request{Query: q, Limit: MaxLimit, NoFacets: true})
		if coding.ErrorCode(err) == coding.EINVALID {
			continue // not a query of the syntax (kind:turn)
		}
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		byBleve, err := ix.Search(ctx, pid, Request{Query: q, Limit: MaxLimit, NoFacets: true, Sort: "document"})
		if err != nil {
			t.Fatal(err)
		}
		count, err := ix.Search(ctx, pid, Request{Query: q, CountOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if byEngine.Total != byBleve.Total || count.Total != byBleve.Total {
			t.Errorf("%s: got totals %d (ranked), %d (count), want %d", q, byEngine.Total, count.Total, byBleve.Total)
			continue
		}
		if byBleve.Total > MaxLimit {
			continue
		}
		if got, want := hitIDs(byEngine), hitIDs(byBleve); !slices.Equal(got, want) {
			t.Errorf("%s: got hits %v, want %v", q, got, want)
		}
		for i := 1; i < len(byEngine.Hits); i++ {
			if byEngine.Hits[i].Score > byEngine.Hits[i-1].Score {
				t.Errorf("%s: hit %d scores %v, above hit %d (%v)", q, i, byEngine.Hits[i].Score, i-1, byEngine.Hits[i-1].Score)
				break
			}
		}
	}
}

// hitIDs returns the kinds and IDs of r's hits, sorted.
func hitIDs(r *Result) []string {
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.Kind+":"+h.ID)
	}
	slices.Sort(ids)
	return ids
}

// corpusIndex stores a synthetic corpus of docs transcripts of about
// words words in a real store whose changes reach a real index, and
// builds the index in batches of batchBytes of text.
func corpusIndex(t *testing.T, docs, words, batchBytes int) (*Index, *store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	var ix *Index
	st, err := store.Open(filepath.Join(dir, "tessera.db"), store.Options{OnChange: func(chs []coding.Change) {
		if ix != nil {
			ix.Apply(chs)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ix, err = Open(st, Options{Dir: filepath.Join(dir, "index"), BatchBytes: batchBytes})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	pid, _, err := corpus.Load(context.Background(), st, dir, docs, words)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(context.Background(), pid); err != nil {
		t.Fatal(err)
	}
	return ix, st, pid
}
