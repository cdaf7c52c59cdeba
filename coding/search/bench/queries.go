package bench

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"sort"
	"strings"
	"time"
)

// benchQuery is one query of the benchmark mix with the words grep looks
// for to answer the same question.
type benchQuery struct {
	query   string
	filters map[string][]string
	grep    []string
}

func (q benchQuery) req(countOnly bool) Request {
	return Request{Query: q.query, Filters: q.filters, CountOnly: countOnly, NoFacets: true}
}

// benchQueries returns the fixed mix of 200 queries: single words, exact
// phrases, boolean combinations, fuzzy words, wildcards, proximity and
// filtered searches, over frequent, middling and rare words.
func benchQueries() []benchQuery {
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
	var qs []benchQuery
	for i := 0; i < 70; i++ {
		w := word(i)
		qs = append(qs, benchQuery{query: w, grep: []string{w}})
	}
	for i := 0; i < 40; i++ {
		var ph string
		if i%2 == 0 {
			ph = corpusPhrases[i/2%len(corpusPhrases)]
		} else {
			ph = word(i) + " " + word(i+1)
		}
		qs = append(qs, benchQuery{query: `"` + ph + `"`, grep: []string{ph}})
	}
	for i := 0; i < 30; i++ {
		a, b, d := word(i), word(i+1), word(i+2)
		switch i % 3 {
		case 0:
			qs = append(qs, benchQuery{query: a + " " + b, grep: []string{a}})
		case 1:
			qs = append(qs, benchQuery{query: a + " OR " + b, grep: []string{a, b}})
		default:
			qs = append(qs, benchQuery{query: "(" + a + " OR " + b + ") -" + d, grep: []string{a, b}})
		}
	}
	for i := 0; i < 20; i++ {
		w := pick(60, len(corpusWords)+3000)
		qs = append(qs, benchQuery{query: fmt.Sprintf("%s~%d", w, 1+i%2), grep: []string{w}})
	}
	for i := 0; i < 10; i++ {
		w := pick(60, len(corpusWords))
		p := w[:min(len(w), 4)]
		qs = append(qs, benchQuery{query: p + "*", grep: []string{p}})
	}
	for i := 0; i < 10; i++ {
		ph := corpusPhrases[i%len(corpusPhrases)]
		qs = append(qs, benchQuery{query: `"` + ph + `"~5`, grep: strings.Fields(ph)[:1]})
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
		qs = append(qs, benchQuery{query: w, filters: f, grep: []string{w}})
	}
	return qs
}

// timeQueries runs each query as a hit count, as a ranked first page of
// 50 hits with KWIC lines, and as that page with facets.
func timeQueries(ctx context.Context, ix *Index, pid string, qs []benchQuery) (count, ranked, facets []time.Duration, hits int, err error) {
	for _, q := range qs {
		start := time.Now()
		res, err := ix.Search(ctx, pid, q.req(true))
		if err != nil {
			return nil, nil, nil, 0, fmt.Errorf("query %q: %w", q.query, err)
		}
		count = append(count, time.Since(start))
		hits += res.Total

		start = time.Now()
		if _, err := ix.Search(ctx, pid, q.req(false)); err != nil {
			return nil, nil, nil, 0, err
		}
		ranked = append(ranked, time.Since(start))

		r := q.req(false)
		r.NoFacets = false
		start = time.Now()
		if _, err := ix.Search(ctx, pid, r); err != nil {
			return nil, nil, nil, 0, err
		}
		facets = append(facets, time.Since(start))
	}
	return count, ranked, facets, hits, nil
}

// timeGrep times grep -rc (case-insensitive, fixed strings) for each
// query's words over the text files, after one warm-up pass.
func timeGrep(dir string, qs []benchQuery) ([]time.Duration, error) {
	run := func(words []string) error {
		args := []string{"-rc", "-i", "-F"}
		for _, w := range words {
			args = append(args, "-e", w)
		}
		err := exec.Command("grep", append(args, dir)...).Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 1 {
			return nil // no match
		}
		return err
	}
	if err := run([]string{"warm"}); err != nil {
		return nil, err
	}
	var out []time.Duration
	for _, q := range qs {
		start := time.Now()
		if err := run(q.grep); err != nil {
			return nil, err
		}
		out = append(out, time.Since(start))
	}
	return out, nil
}

// percentiles returns p50, p95, p99 and the maximum of d.
func percentiles(d []time.Duration) [4]time.Duration {
	if len(d) == 0 {
		return [4]time.Duration{}
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	return [4]time.Duration{at(0.50), at(0.95), at(0.99), s[len(s)-1]}
}
