package search

import (
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"tessera/coding"
	"tessera/coding/search/internal/engine"
	"tessera/coding/search/internal/fuzzy"
)

// builder turns a parsed query into a bleve query for one project.
type builder struct {
	cat   *catalog
	qa    *queryAnalyzer
	idx   bleve.Index // for the dictionary of words
	cache *expansions
	// fields are the text fields words are looked up in.
	fields []string
}

func termQ(field, term string) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

// anyTerm matches any of terms in field; nothing when terms is empty.
func anyTerm(field string, terms []string) query.Query {
	switch len(terms) {
	case 0:
		return bleve.NewMatchNoneQuery()
	case 1:
		return termQ(field, terms[0])
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQ(field, t)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func anyOf(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// build converts n.
func (b *builder) build(n qnode) (query.Query, error) {
	switch n := n.(type) {
	case *qall:
		return b.all(n)
	case *qany:
		qs := make([]query.Query, 0, len(n.items))
		for _, it := range n.items {
			q, err := b.build(it)
			if err != nil {
				return nil, err
			}
			qs = append(qs, q)
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	case *qword:
		return b.word(n)
	case *qphrase:
		return b.phrase(n)
	case *qfilter:
		return b.filter(n.field, []string{n.value})
	}
	return nil, coding.Errorf(coding.EINTERNAL, "unknown query node %T", n)
}

func (b *builder) all(n *qall) (query.Query, error) {
	var must, not []query.Query
	for _, it := range n.must {
		q, err := b.build(it)
		if err != nil {
			return nil, err
		}
		must = append(must, q)
	}
	for _, it := range n.not {
		q, err := b.build(it)
		if err != nil {
			return nil, err
		}
		not = append(not, q)
	}
	if len(not) == 0 && len(must) == 1 {
		return must[0], nil
	}
	bq := bleve.NewBooleanQuery()
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	bq.AddMust(must...)
	bq.AddMustNot(not...)
	return bq, nil
}

// fieldsOf returns the text fields a word is looked up in.
func (b *builder) fieldsOf(field string) []string {
	if field != "" {
		return []string{field}
	}
	return b.fields
}

// word matches a bare word by its stem, by wildcards, or fuzzily. A word
// that the analyzer splits (co-founder) is matched as a phrase.
func (b *builder) word(n *qword) (query.Query, error) {
	text := strings.TrimSpace(n.text)
	if strings.ContainsAny(text, "*?") {
		return b.wildcard(n)
	}
	words := b.qa.words(text)
	switch {
	case len(words) == 0:
		return nil, coding.Errorf(coding.EINVALID, "%q has no letters or digits to search for", text)
	case len(words) > 1:
		return b.phrase(&qphrase{text: text, slop: -1, field: n.field})
	}
	var qs []query.Query
	for _, f := range b.fieldsOf(n.field) {
		if n.fuzzy >= 0 {
			fq := bleve.NewFuzzyQuery(words[0])
			fq.SetField(f)
			fq.SetFuzziness(fuzziness(words[0], n.fuzzy))
			fq.SetPrefix(1)
			qs = append(qs, fq)
			continue
		}
		terms, err := b.sameStem(f, words[0])
		if err != nil {
			return nil, err
		}
		qs = append(qs, anyTerm(f, terms))
	}
	return anyOf(qs), nil
}

// maxStemForms bounds the indexed words one query word may expand to.
const maxStemForms = 512

// sameStem returns the words of field f in the index that share the stem
// of w (learning: learn, learned, learning, learns). The index holds words
// as written: stems are matched here, at query time, which keeps the
// index smaller and faster to build than a second field of stems would.
// Snowball stemmers change at most the last letter or two of a word
// (study and studies give studi), so the forms of a stem of n letters
// share its first n-1 (all of a stem of one or two letters); the
// dictionary is read from there. Expansions are cached until the index
// changes.
func (b *builder) sameStem(f, w string) ([]string, error) {
	st := b.qa.stem(w)
	if stemmers[b.qa.lang] == nil {
		return []string{w}, nil
	}
	key := f + "\x00" + st
	if terms, ok := b.cache.get(key); ok {
		return terms, nil
	}
	dict, err := b.idx.FieldDictPrefix(f, []byte(stemPrefix(st)))
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var out []string
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if e == nil || len(out) >= maxStemForms {
			break
		}
		if e.Term == st || e.Term == w || b.qa.stem(e.Term) == st {
			out = append(out, e.Term)
		}
	}
	b.cache.put(key, out)
	return out, nil
}

// stemPrefix returns the letters every form of stem st begins with: all
// but its last for stems of three letters or more (see sameStem).
func stemPrefix(st string) string {
	r := []rune(st)
	n := len(r)
	if n >= 3 {
		n--
	}
	return string(r[:n])
}

// stemCacheSize bounds the expansions a project keeps.
const stemCacheSize = 4096

// expansions caches the results of sameStem for one index state.
type expansions struct {
	mu sync.Mutex
	m  map[string][]string
}

func (c *expansions) get(key string) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	terms, ok := c.m[key]
	return terms, ok
}

func (c *expansions) put(key string, terms []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= stemCacheSize {
		c.m = map[string][]string{}
	}
	c.m[key] = terms
}

// reset forgets every expansion: the index has new words.
func (c *expansions) reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

// fuzziness returns the edit distance for a fuzzy word: the one asked for,
// or for word~ the automatic one by the word's length (fuzzy.Auto).
func fuzziness(w string, asked int) int {
	if asked > 0 {
		return asked
	}
	return fuzzy.Auto(w)
}

func (b *builder) wildcard(n *qword) (query.Query, error) {
	pat := foldPattern(strings.TrimSpace(n.text))
	if strings.HasPrefix(pat, "*") || strings.HasPrefix(pat, "?") {
		return nil, coding.Errorf(coding.EINVALID, "a wildcard cannot start a word (%q): put at least one letter first", n.text)
	}
	if strings.Trim(pat, "*?") == "" {
		return nil, coding.Errorf(coding.EINVALID, "%q has no letters to search for", n.text)
	}
	var qs []query.Query
	for _, f := range b.fieldsOf(n.field) {
		wq := bleve.NewWildcardQuery(pat)
		wq.SetField(f)
		qs = append(qs, wq)
	}
	return anyOf(qs), nil
}

// phrase matches the words of a phrase as written (not stemmed), next to
// each other, or within n.slop positions of each other in any order.
func (b *builder) phrase(n *qphrase) (query.Query, error) {
	words := b.qa.words(n.text)
	if len(words) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "the phrase %q has no letters or digits to search for", n.text)
	}
	var qs []query.Query
	for _, f := range b.fieldsOf(n.field) {
		switch {
		case len(words) == 1:
			qs = append(qs, termQ(f, words[0]))
		default:
			qs = append(qs, &engine.PositionQuery{Field: f, Terms: words, Slop: n.slop})
		}
	}
	return anyOf(qs), nil
}
