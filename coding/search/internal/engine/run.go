package engine

import (
	"context"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Unit is a unit of a ranked page: its ID in the index and its score.
type Unit struct {
	ID    string
	Score float64
}

// Search runs q, a query built for bleve, and returns the number of
// matching units and, when size > 0, the units from..from+size of them
// in order of relevance (see top). It reports false when q holds a query
// the engine does not know; the caller then asks bleve. A cancelled ctx
// stops it between segments with ctx's error.
func (e *Engine) Search(ctx context.Context, q query.Query, from, size int) (total int, page []Unit, ok bool, err error) {
	e.ranking = size > 0
	root, ok, err := e.compile(q, true)
	if !ok || err != nil {
		return 0, nil, ok, err
	}
	// The matching units of each segment, two segments at a time.
	results := make([]*roaring.Bitmap, len(e.segs))
	err = e.eachSegment(func(i int, s *segCtx) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		bm, err := e.eval(root, s, nil)
		results[i] = bm
		return err
	})
	if err != nil {
		return 0, nil, true, err
	}
	for _, bm := range results {
		total += int(bm.GetCardinality())
	}
	if size <= 0 {
		return total, nil, true, nil
	}
	units, err := e.top(root, results, from+size)
	if err != nil {
		return 0, nil, true, err
	}
	if from >= len(units) {
		return total, nil, true, nil
	}
	// Only the page's units are named.
	page = make([]Unit, 0, len(units)-from)
	for _, u := range units[from:] {
		id, err := e.segs[u.seg].ss.DocID(uint64(u.doc))
		if err != nil {
			return 0, nil, true, err
		}
		page = append(page, Unit{ID: string(id), Score: u.score})
	}
	return total, page, true, nil
}

// eachSegment calls fn for every segment, on two goroutines (the larger
// segments first), and returns the first error.
func (e *Engine) eachSegment(fn func(i int, s *segCtx) error) error {
	if len(e.segs) == 1 {
		return fn(0, e.segs[0])
	}
	order := make([]int, len(e.segs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return e.segs[order[a]].n > e.segs[order[b]].n })
	next := make(chan int, len(order))
	for _, i := range order {
		next <- i
	}
	close(next)
	errs := make(chan error, 2)
	for w := 0; w < 2; w++ {
		go func() {
			var first error
			for i := range next {
				if first == nil {
					first = fn(i, e.segs[i])
				}
			}
			errs <- first
		}()
	}
	err := <-errs
	if e2 := <-errs; err == nil {
		err = e2
	}
	return err
}
