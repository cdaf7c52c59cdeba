// Package bench is the search benchmark that `tessera bench search` runs:
// it generates a deterministic corpus of transcripts, stores it in a real
// store, builds the search index and times a fixed mix of queries against
// grep over the same text. docs/performance.md reports its figures.
//
// It lives apart from coding/search so that the search package does not
// depend on the store's implementation (coding/store) nor on measuring the
// process. CPU time and peak memory are read per platform (meter_*.go);
// where a platform cannot tell, the table says so.
package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"tessera/coding"
	"tessera/coding/search"
	"tessera/coding/search/internal/corpus"
	"tessera/coding/store"
)

// Options configure Run.
type Options struct {
	// Docs is the number of synthetic transcripts (about 8,000 words each).
	Docs int
	// Dir holds the data; a temporary directory (removed afterwards) when
	// empty.
	Dir string
	// Words per transcript; 8,000 when zero.
	Words int
}

// Run generates a deterministic corpus of opt.Docs transcripts, stores it,
// indexes it and runs a fixed mix of 200 queries, printing a table to w:
// indexing speed, index size against the text, CPU time and peak memory
// of indexing, latency percentiles of hit counts and of ranked first pages
// of 50 hits with KWIC lines, and the time grep -rc takes for the same
// words over the transcripts as text files.
func Run(w io.Writer, opt Options) error {
	if opt.Docs <= 0 {
		return coding.Errorf(coding.EINVALID, "bench needs at least one document")
	}
	if opt.Words == 0 {
		opt.Words = 8000
	}
	dir := opt.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "tessera-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	ctx := context.Background()
	st, err := store.Open(filepath.Join(dir, "tessera.db"), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()

	fmt.Fprintf(w, "Generating %d transcripts of about %d words...\n", opt.Docs, opt.Words)
	start := time.Now()
	pid, textBytes, err := corpus.Load(ctx, st, dir, opt.Docs, opt.Words)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Stored %.1f MB of text in %v\n", mb(textBytes), time.Since(start).Round(time.Millisecond))

	// Index from scratch and write it to disk, measuring the CPU time and
	// peak memory of this phase alone (where the platform allows).
	ix, err := search.Open(st, search.Options{Dir: filepath.Join(dir, "index")})
	if err != nil {
		return err
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeak()
	stopSampling := samplePrivate()
	cpu0, cpuOK := cpuTime()
	start = time.Now()
	if err := ix.Rebuild(ctx, pid); err != nil {
		return err
	}
	if err := ix.Close(); err != nil {
		return err
	}
	indexTime := time.Since(start)
	cpu1, _ := cpuTime()
	indexCPU := cpu1 - cpu0
	peakPrivate := stopSampling()
	peak, peakOK := peakMemory()
	indexBytes := dirSize(filepath.Join(dir, "index", pid))

	ix, err = search.Open(st, search.Options{Dir: filepath.Join(dir, "index")})
	if err != nil {
		return err
	}
	defer ix.Close()
	if err := ix.EnsureFresh(ctx, pid); err != nil {
		return err
	}
	queries := corpus.Queries()
	// Warm up: one unmeasured pass, as grep gets a warm page cache.
	for _, q := range queries {
		if _, err := ix.Search(ctx, pid, request(q, false)); err != nil {
			return fmt.Errorf("query %q: %w", q.Query, err)
		}
	}
	count, ranked, facets, hits, err := timeQueries(ctx, ix, pid, queries)
	if err != nil {
		return err
	}
	grepTimes, err := timeGrep(filepath.Join(dir, "text"), queries)
	if err != nil {
		fmt.Fprintf(w, "grep: %v\n", err)
	}

	fmt.Fprintf(w, "\n| measure | value |\n|---|---|\n")
	fmt.Fprintf(w, "| transcripts | %d (%.1f MB of text, %d queries, %d hits counted in all) |\n", opt.Docs, mb(textBytes), len(queries), hits)
	fmt.Fprintf(w, "| indexing (rebuild, written to disk) | %v, %.1f MB/s |\n", indexTime.Round(time.Millisecond), mb(textBytes)/indexTime.Seconds())
	if cpuOK && indexCPU > 0 {
		fmt.Fprintf(w, "| CPU time of indexing (all cores) | %v, %.1f MB per CPU-second |\n", indexCPU.Round(time.Millisecond), mb(textBytes)/indexCPU.Seconds())
	} else {
		fmt.Fprintf(w, "| CPU time of indexing (all cores) | %s |\n", unavailable)
	}
	fmt.Fprintf(w, "| index size on disk | %.1f MB (%.2fx the text) |\n", mb(indexBytes), float64(indexBytes)/float64(textBytes))
	if peakOK {
		fmt.Fprintf(w, "| %s | %.0f MB |\n", peakLabel(), mb(peak))
	} else {
		fmt.Fprintf(w, "| peak memory while indexing | %s |\n", unavailable)
	}
	if peakPrivate > 0 {
		fmt.Fprintf(w, "| %s | %.0f MB |\n", privateLabel, mb(peakPrivate))
	} else {
		fmt.Fprintf(w, "| %s | %s |\n", privateLabel, unavailable)
	}
	fmt.Fprintf(w, "\n| request (%d queries) | p50 | p95 | p99 | max |\n|---|---|---|---|---|\n", len(queries))
	row := func(name string, d []time.Duration) {
		p := percentiles(d)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", name, ms(p[0]), ms(p[1]), ms(p[2]), ms(p[3]))
	}
	row("hit count", count)
	row("ranked first page of 50 with KWIC", ranked)
	row("same, with facet counts", facets)
	if grepTimes != nil {
		row("grep -rc (same words, text files)", grepTimes)
	}
	return nil
}

// unavailable fills a row the platform cannot measure.
var unavailable = "not measured on " + runtime.GOOS

func mb(n int64) float64 { return float64(n) / (1 << 20) }

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// dirSize returns the bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// samplePrivate polls the process's private memory (see privateMemory)
// every 10 ms until the returned function is called, which returns the
// peak in bytes (0 where the platform cannot tell). The peak resident
// memory also counts the pages of memory-mapped files (the store's and
// the index's), which the system can drop at will.
func samplePrivate() func() int64 {
	done := make(chan struct{})
	result := make(chan int64)
	go func() {
		var peak int64
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			if n, ok := privateMemory(); ok {
				peak = max(peak, n)
			}
			select {
			case <-done:
				result <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		return <-result
	}
}
