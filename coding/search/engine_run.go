package search

import (
	"context"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// runEngine answers a count or a relevance-sorted page with the engine.
// It reports false when the engine cannot run the plan's query; the
// caller then asks bleve.
func (ix *Index) runEngine(ctx context.Context, p *project, pl *plan, req Request) (*Result, bool, error) {
	e, err := openEngine(p.idx, p.vocab)
	if err != nil || e == nil {
		return nil, false, err
	}
	defer e.close()
	e.ranking = !req.CountOnly
	root, ok, err := e.compile(pl.full, true)
	if !ok || err != nil {
		return nil, ok, searchErrorOrNil(err)
	}
	// The matching units of each segment, two segments at a time.
	results := make([]*roaring.Bitmap, len(e.segs))
	err = e.eachSegment(func(i int, s *segCtx) error {
		if err := ctx.Err(); err != nil {
			return searchError(err)
		}
		bm, err := e.eval(root, s, nil)
		results[i] = bm
		return err
	})
	if err != nil {
		return nil, true, err
	}
	total := 0
	for _, bm := range results {
		total += int(bm.GetCardinality())
	}
	res := &Result{Total: total, Hits: []Hit{}}
	if req.CountOnly {
		return res, true, nil
	}
	units, err := e.top(root, results, req.Offset+req.Limit)
	if err != nil {
		return nil, true, err
	}
	if req.Offset < len(units) {
		units = units[req.Offset:]
	} else {
		units = nil
	}
	for _, u := range units {
		id, err := e.segs[u.seg].ss.DocID(uint64(u.doc))
		if err != nil {
			return nil, true, err
		}
		hit, ok, err := ix.hit(ctx, p, pl, &bsearch.DocumentMatch{ID: string(id), Score: u.score}, req.Context)
		if err != nil {
			return nil, true, err
		}
		if ok {
			res.Hits = append(res.Hits, hit)
		}
	}
	if !req.NoFacets {
		// Facets come from bleve, which counts them from doc values.
		sr := bleve.NewSearchRequestOptions(pl.full, 0, 0, false)
		sr.Score = "none"
		for _, f := range facetFields {
			sr.AddFacet(f, bleve.NewFacetRequest(f, facetSize))
		}
		out, err := p.idx.SearchInContext(ctx, sr)
		if err != nil {
			return nil, true, searchError(err)
		}
		res.Facets = ix.facets(p.cat, out.Facets)
	}
	return res, true, nil
}

func searchErrorOrNil(err error) error {
	if err == nil {
		return nil
	}
	return searchError(err)
}

// eachSegment calls fn for every segment, on two goroutines (the larger
// segments first), and returns the first error.
func (e *engine) eachSegment(fn func(i int, s *segCtx) error) error {
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
