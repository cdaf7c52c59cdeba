package search

import (
	"context"
	"testing"
	"time"

	"tessera/coding"
	"tessera/coding/search/internal/engine"
)

// segmentSizes returns the unit counts of the segments of p's index.
func segmentSizes(t *testing.T, ix *Index, pid string) []uint64 {
	t.Helper()
	p, err := ix.project(pid)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	sizes, err := engine.SegmentSizes(p.idx)
	if err != nil {
		t.Fatal(err)
	}
	return sizes
}

// waitPersisted waits until every change applied to p's index so far is
// on disk: bleve calls back once a batch is persisted, and batches are
// persisted in order.
func waitPersisted(t *testing.T, ix *Index, pid string) {
	t.Helper()
	p, err := ix.project(pid)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	if err := persist(p.idx, p.seq.applied); err != nil {
		t.Fatal(err)
	}
}

// TestRebuildSettlesAndServingMerges builds an index from many small
// batches and checks that settle merges them into a few segments; then
// that the index, reopened for serving, merges the small segments
// incremental updates add (the merge plan of the build, which merges
// nothing, must not stay with it).
func TestRebuildSettlesAndServingMerges(t *testing.T) {
	ctx := context.Background()
	ix, st, pid := corpusIndex(t, 40, 1500, 16<<10)
	// Merges made before settle (by bleve's persister, of segments waiting
	// for the disk) may leave a segment of more than half the units;
	// settle merges the rest into at most two more.
	sizes := segmentSizes(t, ix, pid)
	var units uint64
	for _, n := range sizes {
		units += n
	}
	small := 0
	for _, n := range sizes {
		if n < units*55/100/2 {
			small++
		}
	}
	if len(sizes) > 3 || small > 1 {
		t.Fatalf("settled index has segments of %v units (%d in all), want at most three, one of them under a quarter", sizes, units)
	}

	// Every quote is a batch, and so a segment, of its own, each written
	// to disk before the next (so the persister does not merge them).
	docs, err := st.ListDocuments(ctx, pid, coding.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	codes, err := st.ListCodes(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		q := &coding.Quote{ProjectID: pid, DocumentID: docs[i%len(docs)].ID, Start: 10 + i, End: 30 + i, CodeIDs: []string{codes[0].ID}, Coder: "test"}
		if err := st.CreateQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
		waitPersisted(t, ix, pid)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		sizes = segmentSizes(t, ix, pid)
		if len(sizes) <= 12 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 40 updates the index still has %d segments: it does not merge", len(sizes))
		}
		time.Sleep(50 * time.Millisecond)
	}
	res, err := ix.Search(ctx, pid, Request{Kinds: []string{KindQuote}, Filters: map[string][]string{"coder": {"test"}}, CountOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 40 {
		t.Errorf("coder:test counts %d quotes, want 40", res.Total)
	}
}
