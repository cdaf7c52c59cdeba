package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tessera/coding"
	"tessera/coding/store"
)

// BenchOptions configure RunBench.
type BenchOptions struct {
	// Docs is the number of synthetic transcripts (about 8,000 words each).
	Docs int
	// Dir holds the data; a temporary directory (removed afterwards) when
	// empty.
	Dir string
	// Words per transcript; 8,000 when zero.
	Words int
}

// RunBench generates a deterministic corpus of opt.Docs transcripts,
// stores it, indexes it and runs a fixed mix of 200 queries, printing a
// table to w: indexing speed, index size against the text, peak memory,
// latency percentiles of hit counts and of ranked first pages of 50 hits
// with KWIC lines, and the time grep -rc takes for the same words over
// the transcripts as text files.
func RunBench(w io.Writer, opt BenchOptions) error {
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
	pid, textBytes, err := loadCorpus(ctx, st, dir, opt.Docs, opt.Words)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Stored %.1f MB of text in %v\n", mb(textBytes), time.Since(start).Round(time.Millisecond))

	// Index from scratch and write it to disk, measuring the peak memory
	// of this phase alone.
	ix, err := Open(st, Options{Dir: filepath.Join(dir, "index")})
	if err != nil {
		return err
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	stopSampling := sampleAnonRSS()
	cpu0 := cpuTime()
	start = time.Now()
	if err := ix.Rebuild(ctx, pid); err != nil {
		return err
	}
	if err := ix.Close(); err != nil {
		return err
	}
	indexTime := time.Since(start)
	indexCPU := cpuTime() - cpu0
	peakAnon := stopSampling()
	peak := peakRSS()
	indexBytes := dirSize(filepath.Join(dir, "index", pid))

	ix, err = Open(st, Options{Dir: filepath.Join(dir, "index")})
	if err != nil {
		return err
	}
	defer ix.Close()
	if err := ix.EnsureFresh(ctx, pid); err != nil {
		return err
	}
	queries := benchQueries()
	// Warm up: one unmeasured pass, as grep gets a warm page cache.
	for _, q := range queries {
		if _, err := ix.Search(ctx, pid, q.req(false)); err != nil {
			return fmt.Errorf("query %q: %w", q.query, err)
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
	if indexCPU > 0 {
		fmt.Fprintf(w, "| CPU time of indexing (all cores) | %v, %.1f MB per CPU-second |\n", indexCPU.Round(time.Millisecond), mb(textBytes)/indexCPU.Seconds())
	}
	fmt.Fprintf(w, "| index size on disk | %.1f MB (%.2fx the text) |\n", mb(indexBytes), float64(indexBytes)/float64(textBytes))
	fmt.Fprintf(w, "| peak RSS while indexing (VmHWM, with mapped files) | %s |\n", peak)
	if peakAnon > 0 {
		fmt.Fprintf(w, "| peak anonymous memory while indexing (RssAnon) | %.0f MB |\n", float64(peakAnon)/1024)
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

func mb(n int64) float64 { return float64(n) / (1 << 20) }

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// loadCorpus stores the synthetic project and writes each transcript as a
// text file under dir/text for grep.
func loadCorpus(ctx context.Context, st coding.Store, dir string, docs, words int) (string, int64, error) {
	p := &coding.Project{Name: "Benchmark", Language: "en"}
	if err := st.CreateProject(ctx, p); err != nil {
		return "", 0, err
	}
	var cases []string
	for i := 0; i < 40; i++ {
		c := &coding.Case{ProjectID: p.ID, Name: fmt.Sprintf("Firm %02d", i+1), Attributes: []coding.Attribute{
			{Name: "sector", Value: []string{"robotics", "analytics", "medical", "games"}[i%4]},
		}}
		if err := st.CreateCase(ctx, c); err != nil {
			return "", 0, err
		}
		cases = append(cases, c.ID)
	}
	code := &coding.Code{ProjectID: p.ID, Name: "Peer learning", Level: coding.LevelConcept}
	if err := st.CreateCode(ctx, code); err != nil {
		return "", 0, err
	}
	textDir := filepath.Join(dir, "text")
	if err := os.MkdirAll(textDir, 0o700); err != nil {
		return "", 0, err
	}
	gen := newCorpus(1)
	var total int64
	for i := 0; i < docs; i++ {
		cd := gen.document(i, words)
		d := &coding.Document{ProjectID: p.ID, Title: cd.Title, CaseID: cases[cd.Case], Text: cd.Text, Turns: cd.Turns}
		if err := st.CreateDocument(ctx, d); err != nil {
			return "", 0, err
		}
		if err := os.WriteFile(filepath.Join(textDir, fmt.Sprintf("%04d.txt", i+1)), []byte(cd.Text), 0o600); err != nil {
			return "", 0, err
		}
		total += int64(len(cd.Text))
		// One coded quote per transcript, for code filters.
		t := cd.Turns[1]
		q := &coding.Quote{ProjectID: p.ID, DocumentID: d.ID, Start: t.Start, End: t.End, CodeIDs: []string{code.ID}, Coder: "bench"}
		if err := st.CreateQuote(ctx, q); err != nil {
			return "", 0, err
		}
	}
	return p.ID, total, nil
}

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

// sampleAnonRSS polls the process's anonymous resident memory (RssAnon,
// Linux) every 10 ms until the returned function is called, which
// returns the peak in KiB (0 where /proc is not available). VmHWM also
// counts the pages of memory-mapped files (the store's and the index's),
// which the kernel can drop at will.
func sampleAnonRSS() func() int {
	done := make(chan struct{})
	result := make(chan int)
	go func() {
		peak := 0
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, statusKB("RssAnon:"))
			select {
			case <-done:
				result <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() int {
		close(done)
		return <-result
	}
}

// statusKB returns a field of /proc/self/status in KiB, or 0.
func statusKB(field string) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				kb, _ := strconv.Atoi(f[0])
				return kb
			}
		}
	}
	return 0
}

// cpuTime returns the CPU time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS clears the kernel's record of the process's peak resident
// memory (Linux), so peakRSS measures from here.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns the peak resident memory (VmHWM) since resetPeakRSS, or
// the Go runtime's memory when /proc is not available.
func peakRSS() string {
	if kb := statusKB("VmHWM:"); kb > 0 {
		return fmt.Sprintf("%.0f MB", float64(kb)/1024)
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return fmt.Sprintf("%.0f MB (Go runtime)", mb(int64(m.Sys)))
}
