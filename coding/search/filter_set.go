package search

import (
	"github.com/blevesearch/bleve/v2/search/query"
)

// setFilter matches the units of a set, named or given by ID: those in
// its documents, and those coded with its codes or the codes below them.
// A set of documents and codes matches units of either.
func (b *builder) setFilter(v string) (query.Query, error) {
	c := b.cat
	ids, err := resolve("set", v, len(c.sets), func(i int) (string, string) { return c.sets[i].ID, c.sets[i].Name })
	if err != nil {
		return nil, err
	}
	var qs []query.Query
	for _, id := range ids {
		for _, s := range c.sets {
			if s.ID != id {
				continue
			}
			qs = append(qs, anyTerm(fieldDocument, s.DocumentIDs), anyTerm(fieldCode, c.withDescendants(s.CodeIDs)))
		}
	}
	return anyOf(qs), nil
}
