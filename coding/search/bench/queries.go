package bench

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"time"

	"tessera/coding/search"
	"tessera/coding/search/internal/corpus"
)

// request is the search of q as the benchmark times it: without facets
// unless asked.
func request(q corpus.Query, countOnly bool) search.Request {
	return search.Request{Query: q.Query, Filters: q.Filters, CountOnly: countOnly, NoFacets: true}
}

// timeQueries runs each query as a hit count, as a ranked first page of
// 50 hits with KWIC lines, and as that page with facets.
func timeQueries(ctx context.Context, ix *search.Index, pid string, qs []corpus.Query) (count, ranked, facets []time.Duration, hits int, err error) {
	for _, q := range qs {
		start := time.Now()
		res, err := ix.Search(ctx, pid, request(q, true))
		if err != nil {
			return nil, nil, nil, 0, fmt.Errorf("query %q: %w", q.Query, err)
		}
		count = append(count, time.Since(start))
		hits += res.Total

		start = time.Now()
		if _, err := ix.Search(ctx, pid, request(q, false)); err != nil {
			return nil, nil, nil, 0, err
		}
		ranked = append(ranked, time.Since(start))

		r := request(q, false)
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
func timeGrep(dir string, qs []corpus.Query) ([]time.Duration, error) {
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
		if err := run(q.Grep); err != nil {
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
