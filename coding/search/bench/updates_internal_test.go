package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tessera/coding"
	"tessera/coding/search"
	"tessera/coding/search/internal/corpus"
	"tessera/coding/store"
)

// TestSearchAfterUpdates measures searches on an index that has taken a
// coding session's changes since its rebuild, as a served index does: 200
// transcripts (about 10 MB of text) are indexed, 400 quotes are created
// one at a time 25 ms apart (each its own batch and segment, merged by the
// serving merge plan), and after 3 s to let merges finish the query mix of
// the search benchmark runs five times. It logs the segment files left and
// p50/p95/p99 of hit counts, ranked pages and pages with facet counts.
// docs/performance.md ("A team at work") compares merge plans with it. Run
// it with TESSERA_BENCH=1.
func TestSearchAfterUpdates(t *testing.T) {
	if os.Getenv("TESSERA_BENCH") != "1" {
		t.Skip("set TESSERA_BENCH=1 to run the search benchmark")
	}
	ctx := context.Background()
	dir := t.TempDir()
	var ix *search.Index
	st, err := store.Open(filepath.Join(dir, "tessera.db"), store.Options{OnChange: func(chs []coding.Change) {
		if ix != nil {
			ix.Apply(chs)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pid, _, err := corpus.Load(ctx, st, dir, 200, 8000)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := search.Open(st, search.Options{Dir: filepath.Join(dir, "index")})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Rebuild(ctx, pid); err != nil {
		t.Fatal(err)
	}
	ix = idx

	docs, err := st.ListDocuments(ctx, pid, coding.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	c := &coding.Code{ProjectID: pid, Name: "Learning from customers", Level: coding.LevelConcept}
	if err := st.CreateCode(ctx, c); err != nil {
		t.Fatal(err)
	}
	for i := range 400 {
		d := docs[i%len(docs)]
		q := &coding.Quote{ProjectID: pid, DocumentID: d.ID, Start: 100 + i, End: 200 + i, CodeIDs: []string{c.ID}}
		if err := st.CreateQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
		time.Sleep(25 * time.Millisecond)
	}
	time.Sleep(3 * time.Second)

	queries := corpus.Queries()
	if _, _, _, _, err := timeQueries(ctx, ix, pid, queries); err != nil { // warm up
		t.Fatal(err)
	}
	var count, ranked, facets []time.Duration
	for range 5 {
		c, r, f, _, err := timeQueries(ctx, ix, pid, queries)
		if err != nil {
			t.Fatal(err)
		}
		count, ranked, facets = append(count, c...), append(ranked, r...), append(facets, f...)
	}
	segments := 0
	err = filepath.WalkDir(filepath.Join(dir, "index"), func(path string, _ os.DirEntry, err error) error {
		if strings.HasSuffix(path, ".zap") {
			segments++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("| request | p50 | p95 | p99 | max |\n|---|---|---|---|---|\n")
	for _, r := range []struct {
		name string
		d    []time.Duration
	}{{"hit count", count}, {"ranked first page of 50 with KWIC", ranked}, {"same, with facet counts", facets}} {
		p := percentiles(r.d)
		b.WriteString("| " + r.name + " | " + ms(p[0]) + " | " + ms(p[1]) + " | " + ms(p[2]) + " | " + ms(p[3]) + " |\n")
	}
	t.Logf("segment files after 400 changes: %d\n%s", segments, b.String())
}
