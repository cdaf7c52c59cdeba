package engine

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// PositionQuery matches units holding Terms at positions that form a
// phrase (Slop < 0: the terms in order, one after the other) or lie near
// each other (Slop >= 0: all terms, in any order, within a window of
// len(Terms)-1+Slop positions, so "trade fair"~5 allows five other words
// between them). bleve's phrase queries have no slop, and build maps of
// every candidate's term locations; this query checks the positions of the
// candidates holding every term from a flat list, with scratch space
// reused across candidates.
type PositionQuery struct {
	Field string   `json:"field"`
	Terms []string `json:"terms"`
	Slop  int      `json:"slop"`
}

// Searcher implements bleve's query.Query.
func (q *PositionQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	options.IncludeTermVectors = true
	distinct := []string{}
	for _, t := range q.Terms {
		if !slices.Contains(distinct, t) {
			distinct = append(distinct, t)
		}
	}
	var ss []bsearch.Searcher
	for _, t := range distinct {
		s, err := searcher.NewTermSearcher(ctx, r, t, q.Field, 1.0, options)
		if err != nil {
			for _, o := range ss {
				_ = o.Close()
			}
			return nil, err
		}
		ss = append(ss, s)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, ss, options)
	if err != nil {
		return nil, err
	}
	return searcher.NewFilteringSearcher(ctx, conj, newPositionCheck(q.Field, q.Terms, q.Slop).accept), nil
}

// Validate implements bleve's query.ValidatableQuery.
func (q *PositionQuery) Validate() error { return nil }

// PositionQuery is checked by bleve's searchers through Searcher above
// (sorting by document order, facets) and by the engine's own phrase
// check (compile, phraseCheck): both take their test from positionCheck.

// positionCheck tests candidates of one PositionQuery searcher.
type positionCheck struct {
	field    string
	terms    []string
	distinct []string
	window   uint64
	ordered  bool
	pos      [][]uint64 // positions of each distinct term, reused
	occ      []occurrence
}

type occurrence struct {
	pos  uint64
	term int
}

// newPositionCheck returns the check of a phrase (slop < 0) or proximity
// of terms in field.
func newPositionCheck(field string, terms []string, slop int) *positionCheck {
	var distinct []string
	for _, t := range terms {
		if !slices.Contains(distinct, t) {
			distinct = append(distinct, t)
		}
	}
	return &positionCheck{field: field, terms: terms, distinct: distinct, window: uint64(len(terms) - 1 + slop),
		ordered: slop < 0, pos: make([][]uint64, len(distinct))}
}

func (c *positionCheck) accept(_ *bsearch.SearchContext, d *bsearch.DocumentMatch) bool {
	for i := range c.pos {
		c.pos[i] = c.pos[i][:0]
	}
	for _, l := range d.FieldTermLocations {
		if l.Field != c.field {
			continue
		}
		if i := slices.Index(c.distinct, l.Term); i >= 0 {
			c.pos[i] = append(c.pos[i], l.Location.Pos)
		}
	}
	return c.match()
}

// match reports whether the positions in c.pos hold the phrase or
// proximity.
func (c *positionCheck) match() bool {
	for i := range c.pos {
		slices.Sort(c.pos[i])
	}
	if c.ordered {
		return c.phrase()
	}
	return c.near()
}

// phrase reports whether the terms follow each other somewhere.
func (c *positionCheck) phrase() bool {
	first := slices.Index(c.distinct, c.terms[0])
	for _, p := range c.pos[first] {
		ok := true
		for k := 1; k < len(c.terms) && ok; k++ {
			_, ok = slices.BinarySearch(c.pos[slices.Index(c.distinct, c.terms[k])], p+uint64(k))
		}
		if ok {
			return true
		}
	}
	return false
}

// near reports whether a window of at most window+1 positions holds every
// term as often as Terms lists it.
func (c *positionCheck) near() bool {
	need := make([]int, len(c.distinct))
	for _, t := range c.terms {
		need[slices.Index(c.distinct, t)]++
	}
	c.occ = c.occ[:0]
	for i, ps := range c.pos {
		for _, p := range ps {
			c.occ = append(c.occ, occurrence{pos: p, term: i})
		}
	}
	slices.SortFunc(c.occ, func(a, b occurrence) int { return int(a.pos) - int(b.pos) })
	have := make([]int, len(c.distinct))
	missing := len(c.distinct)
	l := 0
	for r := range c.occ {
		t := c.occ[r].term
		have[t]++
		if have[t] == need[t] {
			missing--
		}
		for missing == 0 {
			if c.occ[r].pos-c.occ[l].pos <= c.window {
				return true
			}
			lt := c.occ[l].term
			if have[lt] == need[lt] {
				missing++
			}
			have[lt]--
			l++
		}
	}
	return false
}
