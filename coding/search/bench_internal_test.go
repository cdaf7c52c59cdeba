package search

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"tessera/coding/search/internal/corpus"
	"tessera/coding/store"
)

// BenchmarkSearch measures searches of a synthetic corpus (100
// transcripts of 8,000 words, or TESSERA_BENCH_DOCS of them): hit counts
// and ranked first pages of 50 hits with KWIC lines.
func BenchmarkSearch(b *testing.B) {
	docs := 100
	if s := os.Getenv("TESSERA_BENCH_DOCS"); s != "" {
		docs, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	dir := b.TempDir()
	st, err := store.Open(filepath.Join(dir, "tessera.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	pid, _, err := corpus.Load(ctx, st, dir, docs, 8000)
	if err != nil {
		b.Fatal(err)
	}
	ix, err := Open(st, Options{Dir: filepath.Join(dir, "index")})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Rebuild(ctx, pid); err != nil {
		b.Fatal(err)
	}
	queries := []struct{ name, q string }{
		{"word", "learning"},
		{"frequent", "the"},
		{"rare", "kohtamäki"},
		{"phrase", `"trade fair"`},
		{"proximity", `"peer learning"~5`},
		{"boolean", "(export OR market) -customer"},
		{"fuzzy", "distributer~1"},
		{"wildcard", "netw*"},
		{"filtered", "learning case:\"Firm 03\""},
	}
	for _, q := range queries {
		for _, mode := range []string{"count", "ranked"} {
			req := Request{Query: q.q, CountOnly: mode == "count", NoFacets: true}
			b.Run(mode+"/"+q.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := ix.Search(ctx, pid, req); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
