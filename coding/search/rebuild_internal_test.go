package search

import (
	"context"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"tessera/coding"
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
	adv, err := p.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.(*scorch.Scorch).Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var sizes []uint64
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		sizes = append(sizes, s.Count())
	}
	return sizes
}

// TestRebuildSettlesAndServingMerges builds an index from many small
// batches and checks that settle merges them into a few segments; then
// that the index, reopened for serving, merges the small segments
// incremental updates add (the merge plan of the build, which merges
// nothing, must not stay with it).
func TestRebuildSettlesAndServingMerges(t *testing.T) {
	ctx := context.Background()
	ix, st, pid := corpusIndex(t, 80, 1500, 32<<10)
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

	// Every quote is a batch, and so a segment, of its own, given the time
	// to reach the disk alone.
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
		time.Sleep(25 * time.Millisecond)
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
