package engine

import (
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"tessera/coding/search/internal/fuzzy"
)

// Operations of an engine query node.
const (
	opNone  = iota // matches nothing
	opAll          // every live unit
	opTerms        // units holding any of terms in field
	opAnd          // units matching every node of must and none of not
	opOr           // units matching any node of kids
	opPos          // units holding terms at positions that form a phrase or lie near each other
)

// enode is a query compiled for the engine. Nodes with score set add to a
// unit's relevance (filters, kinds and excluded words do not).
type enode struct {
	op    int
	field string
	terms []string
	slop  int // opPos: as positionQuery.Slop
	must  []*enode
	not   []*enode
	kids  []*enode
	score bool
	// boost scales the relevance of some of an opTerms node's words (a
	// fuzzy word's expansions, by their distance); missing words keep 1.
	boost map[string]float64
}

// maxExpansions bounds the words a wildcard, fuzzy word or range expands
// to, as bleve's own limit would.
const maxExpansions = 10000

// compile converts a bleve query built by the builder into engine nodes.
// It reports false for a query it does not know; bleve then runs it.
func (e *Engine) compile(q query.Query, score bool) (*enode, bool, error) {
	if fq, ok := q.(query.FieldableQuery); ok && fq.Field() == "" {
		return nil, false, nil // the mapping's default field: left to bleve
	}
	switch q := q.(type) {
	case *query.MatchNoneQuery:
		return &enode{op: opNone}, true, nil
	case *query.MatchAllQuery:
		return &enode{op: opAll}, true, nil
	case *query.TermQuery:
		return &enode{op: opTerms, field: q.FieldVal, terms: []string{q.Term}, score: score}, true, nil
	case *PositionQuery:
		return &enode{op: opPos, field: q.Field, terms: q.Terms, slop: q.Slop, score: score}, true, nil
	case *query.ConjunctionQuery:
		n := &enode{op: opAnd}
		for _, c := range q.Conjuncts {
			k, ok, err := e.compile(c, score)
			if !ok || err != nil {
				return nil, ok, err
			}
			n.must = append(n.must, k)
		}
		if len(n.must) == 0 {
			return &enode{op: opNone}, true, nil
		}
		return n, true, nil
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, false, nil
		}
		n := &enode{op: opOr}
		for _, c := range q.Disjuncts {
			k, ok, err := e.compile(c, score)
			if !ok || err != nil {
				return nil, ok, err
			}
			n.kids = append(n.kids, k)
		}
		return n, true, nil
	case *query.BooleanQuery:
		return e.compileBoolean(q, score)
	case *query.FuzzyQuery:
		return e.compileFuzzy(q, score)
	case *query.WildcardQuery:
		return e.expand(q.FieldVal, score, func() (index.FieldDict, error) {
			ir, ok := e.r.(index.IndexReaderRegexp)
			if !ok {
				return nil, errUnsupported
			}
			return ir.FieldDictRegexp(q.FieldVal, wildcardRegexp.Replace(q.Wildcard))
		})
	case *query.TermRangeQuery:
		return e.compileRange(q, score)
	}
	return nil, false, nil
}

// compileBoolean compiles a boolean query of the builder: must and filter
// clauses (filters do not score), and excluded clauses.
func (e *Engine) compileBoolean(q *query.BooleanQuery, score bool) (*enode, bool, error) {
	if q.Should != nil {
		return nil, false, nil
	}
	n := &enode{op: opAnd}
	for _, c := range []struct {
		q     query.Query
		score bool
		not   bool
	}{{q.Must, score, false}, {q.Filter, false, false}, {q.MustNot, false, true}} {
		if c.q == nil {
			continue
		}
		k, ok, err := e.compile(c.q, c.score)
		if !ok || err != nil {
			return nil, ok, err
		}
		if c.not {
			n.not = append(n.not, k)
		} else {
			n.must = append(n.must, k)
		}
	}
	if len(n.must) == 0 {
		if len(n.not) == 0 {
			return &enode{op: opNone}, true, nil
		}
		n.must = []*enode{{op: opAll}}
	}
	return n, true, nil
}

// compileFuzzy expands a fuzzy word: the words of the field that share
// the prefix and lie within the edit distance, a swap of two neighbouring
// letters counting as one edit (fuzzy.Distance). Each word found scores
// less the more edits it is away (fuzzy.Boost).
func (e *Engine) compileFuzzy(q *query.FuzzyQuery, score bool) (*enode, bool, error) {
	if q.Fuzziness == 0 {
		return &enode{op: opTerms, field: q.FieldVal, terms: []string{q.Term}, score: score}, true, nil
	}
	if q.Fuzziness > 2 {
		return nil, false, nil // bleve refuses it with its own message
	}
	prefix := q.Term
	for i := range q.Term {
		if i >= q.Prefix {
			prefix = q.Term[:i]
			break
		}
	}
	boost := map[string]float64{}
	n, ok, err := e.expand(q.FieldVal, score, func() (index.FieldDict, error) {
		return e.r.FieldDictPrefix(q.FieldVal, []byte(prefix))
	}, func(term string) bool {
		dist := fuzzy.Distance(term, q.Term, q.Fuzziness)
		if dist > q.Fuzziness {
			return false
		}
		boost[term] = fuzzy.Boost(dist)
		return true
	})
	if !ok || err != nil {
		return n, ok, err
	}
	n.boost = boost
	if len(n.terms) == 0 {
		n.terms = []string{q.Term}
	}
	return n, true, nil
}

// compileRange expands a range of keywords (dates) as bleve does: the
// minimum included unless said otherwise, the maximum excluded unless
// said otherwise.
func (e *Engine) compileRange(q *query.TermRangeQuery, score bool) (*enode, bool, error) {
	incMin := q.InclusiveMin == nil || *q.InclusiveMin
	incMax := q.InclusiveMax != nil && *q.InclusiveMax
	var end []byte
	if q.Max != "" {
		end = append([]byte(q.Max), 0)
	}
	n, ok, err := e.expand(q.FieldVal, score, func() (index.FieldDict, error) {
		return e.r.FieldDictRange(q.FieldVal, []byte(q.Min), end)
	})
	if !ok || err != nil {
		return n, ok, err
	}
	var terms []string
	for _, t := range n.terms {
		if (t == q.Min && q.Min != "" && !incMin) || (t == q.Max && q.Max != "" && !incMax) {
			continue
		}
		terms = append(terms, t)
	}
	n.terms = terms
	return n, true, nil
}

// expand reads the words a dictionary iterator yields into a terms node,
// those keep accepts when keep is given.
func (e *Engine) expand(field string, score bool, open func() (index.FieldDict, error), keep ...func(term string) bool) (*enode, bool, error) {
	d, err := open()
	if err == errUnsupported {
		return nil, false, nil
	} else if err != nil {
		return nil, true, err
	}
	defer d.Close()
	n := &enode{op: opTerms, field: field, score: score}
	for {
		de, err := d.Next()
		if err != nil {
			return nil, true, err
		}
		if de == nil {
			break
		}
		if len(keep) > 0 && !keep[0](de.Term) {
			continue
		}
		if len(n.terms) >= maxExpansions {
			return nil, false, nil // bleve reports too many clauses
		}
		n.terms = append(n.terms, de.Term)
	}
	return n, true, nil
}

type engineError string

func (e engineError) Error() string { return string(e) }

const errUnsupported = engineError("not supported by the engine")

// wildcardRegexp turns a wildcard pattern into the regular expression
// bleve's wildcard query uses.
var wildcardRegexp = strings.NewReplacer(
	"+", `\+`, "(", `\(`, ")", `\)`, "^", `\^`, "$", `\$`, ".", `\.`,
	"{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, `|`, `\|`, `\`, `\\`,
	"*", ".*", "?", ".")
