package search

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"tessera/coding/search/internal/engine"
)

// runEngine answers a count or a relevance-sorted page with the engine
// (internal/engine), which reads the index's segments itself. It reports
// false when the engine cannot run the plan's query; the caller then
// asks bleve.
func (ix *Index) runEngine(ctx context.Context, p *project, pl *plan, req Request) (*Result, bool, error) {
	var words engine.Vocabulary
	if p.vocab != nil {
		words = p.vocab
	}
	e, err := engine.Open(p.idx, words)
	if err != nil || e == nil {
		return nil, false, err
	}
	defer e.Close()
	size := req.Limit
	if req.CountOnly {
		size = 0
	}
	total, page, ok, err := e.Search(ctx, pl.full, req.Offset, size)
	if err != nil {
		return nil, true, searchError(err)
	}
	if !ok {
		return nil, false, nil
	}
	res := &Result{Total: total, Hits: []Hit{}}
	if req.CountOnly {
		return res, true, nil
	}
	for _, u := range page {
		hit, ok, err := ix.hit(ctx, p, pl, &bsearch.DocumentMatch{ID: u.ID, Score: u.Score}, req.Context)
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
