package search

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"tessera/coding"
)

// facetFields are the fields Result.Facets counts, with their size limit.
var facetFields = []string{fieldCase, fieldDocument, fieldSpeaker, fieldCode}

const facetSize = 200

// Search runs req over the project's index. The index is opened (and
// rebuilt if needed) on first use. A malformed query or filter gives an
// EINVALID error whose message says what is wrong.
func (ix *Index) Search(ctx context.Context, projectID string, req Request) (*Result, error) {
	start := time.Now()
	if err := normalizeRequest(&req); err != nil {
		return nil, err
	}
	node, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	var res *Result
	err = ix.withProject(ctx, projectID, func(p *project) error {
		plan, err := newPlan(p, node, req.Kinds, req.Filters)
		if err != nil {
			return err
		}
		res, err = ix.run(ctx, p, plan, req)
		return err
	})
	if err != nil {
		return nil, err
	}
	res.Took = time.Since(start)
	return res, nil
}

// withProject runs fn with the project's index ready and read-locked,
// opening, checking or rebuilding it first when needed.
func (ix *Index) withProject(ctx context.Context, pid string, fn func(p *project) error) error {
	p, err := ix.project(pid)
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		p.mu.RLock()
		if p.ready && !p.stale && !p.rebuilding && p.idx != nil {
			err := fn(p)
			p.mu.RUnlock()
			return err
		}
		p.mu.RUnlock()
		if err := ix.ensure(ctx, p, false); err != nil {
			return err
		}
	}
	return coding.Errorf(coding.ECONFLICT, "the search index of project %s is being rebuilt; try again", pid)
}

// normalizeRequest checks req and fills in defaults.
func normalizeRequest(req *Request) error {
	if len(req.Kinds) == 0 {
		req.Kinds = []string{KindTurn}
	}
	for i, k := range req.Kinds {
		k = strings.ToLower(strings.TrimSpace(k))
		switch k {
		case KindTurn, KindQuote, KindMemo, KindCode:
			req.Kinds[i] = k
		default:
			return coding.Errorf(coding.EINVALID, "unknown kind %q (use turn, quote, memo or code)", k)
		}
	}
	switch req.Sort {
	case "":
		req.Sort = "relevance"
	case "relevance", "document":
	default:
		return coding.Errorf(coding.EINVALID, "unknown sort %q (use relevance or document)", req.Sort)
	}
	switch {
	case req.Offset < 0:
		return coding.Errorf(coding.EINVALID, "offset must not be negative")
	case req.Limit < 0:
		return coding.Errorf(coding.EINVALID, "limit must not be negative")
	case req.Limit == 0:
		req.Limit = DefaultLimit
	case req.Limit > MaxLimit:
		return coding.Errorf(coding.EINVALID, "limit is at most %d", MaxLimit)
	}
	if req.Offset > 100000 {
		return coding.Errorf(coding.EINVALID, "offset is at most 100000")
	}
	switch {
	case req.Context < 0:
		return coding.Errorf(coding.EINVALID, "context must not be negative")
	case req.Context == 0:
		req.Context = DefaultContext
	case req.Context > maxContext:
		req.Context = maxContext
	}
	return nil
}

// plan is a query built for one project: the bleve query (kinds, text,
// filters) and the matcher that locates it in hits.
type plan struct {
	full query.Query
	b    *builder
	m    *matcher
}

func newPlan(p *project, node qnode, kinds []string, filterMap map[string][]string) (*plan, error) {
	qa := newQueryAnalyzer(p.meta.Language)
	b := &builder{cat: p.cat, qa: qa, idx: p.idx, cache: &p.expand, fields: []string{fieldText}}
	for _, k := range kinds {
		if k != KindTurn {
			b.fields = []string{fieldText, fieldTitle}
		}
	}
	pl := &plan{b: b, m: newMatcher(node, qa)}
	// Kinds and filters narrow the hits without scoring them. Turns are
	// nearly all units, so they are selected by excluding the other kinds
	// (short lists), and other kinds by their own short lists.
	bq := bleve.NewBooleanQuery()
	var filters []query.Query
	if slices.Contains(kinds, KindTurn) {
		var other []string
		for _, k := range []string{KindQuote, KindMemo, KindCode} {
			if !slices.Contains(kinds, k) {
				other = append(other, k)
			}
		}
		if len(other) > 0 {
			bq.AddMustNot(anyTerm(fieldKind, other))
		}
	} else {
		filters = append(filters, anyTerm(fieldKind, kinds))
	}
	keys := make([]string, 0, len(filterMap))
	for k := range filterMap {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		q, err := b.filter(k, filterMap[k])
		if err != nil {
			return nil, err
		}
		filters = append(filters, q)
	}
	switch len(filters) {
	case 0:
	case 1:
		bq.AddFilter(filters[0])
	default:
		bq.AddFilter(bleve.NewConjunctionQuery(filters...))
	}
	if node != nil {
		q, err := b.build(node)
		if err != nil {
			return nil, err
		}
		bq.AddMust(q)
	} else if len(filters) == 0 {
		bq.AddMust(bleve.NewMatchAllQuery())
	}
	pl.full = bq
	return pl, nil
}

// run executes a plan: the page of hits (or only the count) and facets;
// the page's hits are then located in their texts (see matcher). Counts
// and relevance-sorted pages come from the engine (engine.go); pages in
// document order, and queries the engine does not know, from bleve's
// searchers.
func (ix *Index) run(ctx context.Context, p *project, pl *plan, req Request) (*Result, error) {
	if req.Sort == "relevance" || req.CountOnly {
		if res, ok, err := ix.runEngine(ctx, p, pl, req); ok || err != nil {
			return res, err
		}
	}
	res := &Result{Hits: []Hit{}}
	sr := bleve.NewSearchRequestOptions(pl.full, req.Limit, req.Offset, false)
	if req.CountOnly {
		sr.Size, sr.From, sr.Score = 0, 0, "none"
	} else if !req.NoFacets {
		for _, f := range facetFields {
			sr.AddFacet(f, bleve.NewFacetRequest(f, facetSize))
		}
	}
	if req.Sort == "document" {
		sr.SortBy([]string{fieldSort, "_id"})
	}
	out, err := p.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, searchError(err)
	}
	res.Total = int(out.Total)
	if req.CountOnly {
		return res, nil
	}
	if !req.NoFacets {
		res.Facets = ix.facets(p.cat, out.Facets)
	}
	for _, h := range out.Hits {
		hit, ok, err := ix.hit(ctx, p, pl, h, req.Context)
		if err != nil {
			return nil, err
		}
		if ok {
			res.Hits = append(res.Hits, hit)
		}
	}
	return res, nil
}

// facets converts bleve's facet counts, labelling IDs with names.
func (ix *Index) facets(cat *catalog, fr bsearch.FacetResults) map[string][]FacetCount {
	out := map[string][]FacetCount{}
	for _, field := range facetFields {
		counts := []FacetCount{}
		if f := fr[field]; f != nil && f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				if t.Term == "" {
					continue
				}
				counts = append(counts, FacetCount{Value: t.Term, Label: cat.label(field, t.Term), Count: t.Count})
			}
		}
		out[field] = counts
	}
	return out
}

// label returns the display name of a facet value.
func (c *catalog) label(field, value string) string {
	switch field {
	case fieldCase:
		if n := c.caseName(value); n != "" {
			return n
		}
	case fieldDocument:
		if d := c.docByID[value]; d != nil {
			return d.Title
		}
	case fieldCode:
		if code := c.tree.ByID[value]; code != nil {
			return code.Name
		}
	}
	return value
}

// searchError turns a bleve failure into a researcher's message. Query
// problems are caught while building the query; what reaches here is a
// cancelled request or an internal failure.
func searchError(err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return coding.Errorf(coding.EINVALID, "the search was cancelled")
	case errors.Is(err, context.DeadlineExceeded):
		return coding.Errorf(coding.EINVALID, "the search took too long; narrow the query")
	}
	msg := err.Error()
	if strings.Contains(msg, "TooManyClauses") || strings.Contains(msg, "too many clauses") {
		return coding.Errorf(coding.EINVALID, "the query expands to too many words; make wildcards or fuzzy words more specific")
	}
	return err
}
