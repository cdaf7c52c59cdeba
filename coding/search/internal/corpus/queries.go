package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Query is one query of the benchmark mix with the words grep looks for
// to answer the same question.
type Query struct {
	Query   string
	Filters map[string][]string
	Grep    []string
}

// Queries returns the fixed mix of 200 queries: single words, exact
// phrases, boolean combinations, fuzzy words, wildcards, proximity and
// filtered searches, over frequent, middling and rare words.
func Queries() []Query {
	rng := rand.New(rand.NewPCG(42, 7))
	c := newCorpus(1)
	pick := func(lo, hi int) string {
		w := c.vocab[lo+rng.IntN(hi-lo)]
		return strings.ToLower(w)
	}
	// Words by frequency band: frequent, middling, rare.
	word := func(i int) string {
		switch i % 3 {
		case 0:
			return pick(0, 60)
		case 1:
			return pick(60, len(corpusWords))
		}
		return pick(len(corpusWords), len(corpusWords)+3000)
	}
	var qs []Query
	for i := 0; i < 70; i++ {
		w := word(i)
		qs = append(qs, Query{Query: w, Grep: []string{w}})
	}
	for i := 0; i < 40; i++ {
		var ph string
		if i%2 == 0 {
			ph = corpusPhrases[i/2%len(corpusPhrases)]
		} else {
			ph = word(i) + " " + word(i+1)
		}
		qs = append(qs, Query{Query: `"` + ph + `"`, Grep: []string{ph}})
	}
	for i := 0; i < 30; i++ {
		a, b, d := word(i), word(i+1), word(i+2)
		switch i % 3 {
		case 0:
			qs = append(qs, Query{Query: a + " " + b, Grep: []string{a}})
		case 1:
			qs = append(qs, Query{Query: a + " OR " + b, Grep: []string{a, b}})
		default:
			qs = append(qs, Query{Query: "(" + a + " OR " + b + ") -" + d, Grep: []string{a, b}})
		}
	}
	for i := 0; i < 20; i++ {
		w := pick(60, len(corpusWords)+3000)
		qs = append(qs, Query{Query: fmt.Sprintf("%s~%d", w, 1+i%2), Grep: []string{w}})
	}
	for i := 0; i < 10; i++ {
		w := pick(60, len(corpusWords))
		p := w[:min(len(w), 4)]
		qs = append(qs, Query{Query: p + "*", Grep: []string{p}})
	}
	for i := 0; i < 10; i++ {
		ph := corpusPhrases[i%len(corpusPhrases)]
		qs = append(qs, Query{Query: `"` + ph + `"~5`, Grep: strings.Fields(ph)[:1]})
	}
	for i := 0; i < 20; i++ {
		w := word(i)
		var f map[string][]string
		switch i % 4 {
		case 0:
			f = map[string][]string{"case": {fmt.Sprintf("Firm %02d", 1+i%40)}}
		case 1:
			f = map[string][]string{"speaker": {corpusSpeakers[i%len(corpusSpeakers)]}}
		case 2:
			f = map[string][]string{"code": {"Peer learning"}}
		default:
			f = map[string][]string{"attr:sector": {"robotics"}}
		}
		qs = append(qs, Query{Query: w, Filters: f, Grep: []string{w}})
	}
	return qs
}
