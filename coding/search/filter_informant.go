package search

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"tessera/coding"
)

// informantFilter matches turns and quotes whose speaker is linked to
// the informant named v: its ID (I-07), pseudonym or entity ID, ignoring
// case.
func (b *builder) informantFilter(v string) (query.Query, error) {
	var ids []string
	for _, i := range b.cat.informants {
		if i.ID == v || strings.EqualFold(i.Label, v) || (i.Pseudonym != "" && strings.EqualFold(i.Pseudonym, v)) {
			ids = append(ids, i.ID)
		}
	}
	if len(ids) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "no informant %q in this project", v)
	}
	return b.speakersOf(ids), nil
}

// informantAttrFilter matches turns and quotes of informants whose
// attribute has value v, compared as attr: compares case attributes.
func (b *builder) informantAttrFilter(name, v string) (query.Query, error) {
	ids, err := matchAttribute("iattr", "informant", name, v, b.cat.informants, func(i *coding.Informant) (string, func(string) *coding.Attribute) { return i.ID, i.Attribute })
	if err != nil {
		return nil, err
	}
	return b.speakersOf(ids), nil
}

// speakersOf matches the units of the speakers linked to the informants
// ids: each a document and a speaker name.
func (b *builder) speakersOf(list []string) query.Query {
	ids := map[string]bool{}
	for _, id := range list {
		ids[id] = true
	}
	var pairs []query.Query
	for _, d := range b.cat.docs {
		var names []string
		for _, sp := range d.Speakers {
			if ids[sp.InformantID] {
				names = append(names, sp.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		sort.Strings(names)
		q := bleve.NewConjunctionQuery(termQ(fieldDocument, d.ID), anyTerm(fieldSpeaker, names))
		pairs = append(pairs, q)
	}
	if len(pairs) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return anyOf(pairs)
}
