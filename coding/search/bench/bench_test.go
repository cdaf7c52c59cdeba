package bench_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"tessera/coding/search"
)

// TestRunBenchSmall runs the benchmark on a small corpus to check that it
// works; the real figures come from tessera bench search --docs 1000.
func TestRunBenchSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("bench run skipped in -short mode")
	}
	docs := 100
	if s := os.Getenv("TESSERA_BENCH_DOCS"); s != "" {
		docs, _ = strconv.Atoi(s)
	}
	var out bytes.Buffer
	if err := search.RunBench(&out, search.BenchOptions{Docs: docs, Dir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	for _, want := range []string{"MB/s", "index size on disk", "hit count", "ranked first page"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("got output without %q:\n%s", want, out.String())
		}
	}
}
