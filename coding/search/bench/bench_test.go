package bench_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/search/bench"
)

// runBench runs the benchmark on docs transcripts of words words and
// checks that its table has every row.
func runBench(t *testing.T, docs, words int) string {
	t.Helper()
	var out bytes.Buffer
	if err := bench.Run(&out, bench.Options{Docs: docs, Words: words, Dir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"MB/s", "CPU time of indexing", "index size on disk", "peak", "hit count", "ranked first page", "same, with facet counts"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("got output without %q:\n%s", want, out.String())
		}
	}
	return out.String()
}

// TestRunSmall runs the whole benchmark on a corpus small enough for
// every test run: it stores, indexes, searches and reports.
func TestRunSmall(t *testing.T) {
	out := runBench(t, 4, 400)
	if !strings.Contains(out, "| transcripts | 4 (") {
		t.Errorf("got output without the corpus row of 4 transcripts:\n%s", out)
	}
}

// TestRunBench runs the benchmark on 100 transcripts (or
// TESSERA_BENCH_DOCS of them) when TESSERA_BENCH=1, and logs the table:
// the figures of docs/performance.md come from it or from tessera bench
// search --docs 1000.
func TestRunBench(t *testing.T) {
	if os.Getenv("TESSERA_BENCH") != "1" {
		t.Skip("set TESSERA_BENCH=1 to run the search benchmark")
	}
	docs := 100
	if s := os.Getenv("TESSERA_BENCH_DOCS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("TESSERA_BENCH_DOCS=%q: want a positive number", s)
		}
		docs = n
	}
	t.Log("\n" + runBench(t, docs, 8000))
}

func TestRunRefusesNoDocuments(t *testing.T) {
	err := bench.Run(&bytes.Buffer{}, bench.Options{Docs: 0, Dir: t.TempDir()})
	if got := coding.ErrorCode(err); got != coding.EINVALID {
		t.Fatalf("got error %v (code %q), want %q", err, got, coding.EINVALID)
	}
}
