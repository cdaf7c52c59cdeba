package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// mustIndex builds a scorch index of units with a text field (term
// vectors, bleve's simple analyzer) and a date keyword, written in three
// batches (usually three segments) with some units deleted afterwards.
func mustIndex(tb testing.TB) bleve.Index {
	tb.Helper()
	im := bleve.NewIndexMapping()
	dm := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer, text.IncludeTermVectors, text.Store = "simple", true, false
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt("date", bleve.NewKeywordFieldMapping())
	im.DefaultMapping = dm
	// A merge plan that merges nothing keeps the three segments.
	o := mergeplan.DefaultMergePlanOptions
	noMerge := map[string]any{
		"MaxSegmentsPerTier": 1 << 20, "SegmentsPerMergeTask": 1 << 20, "MaxSegmentSize": o.MaxSegmentSize,
		"TierGrowth": o.TierGrowth, "FloorSegmentSize": o.FloorSegmentSize, "ReclaimDeletesWeight": o.ReclaimDeletesWeight,
	}
	idx, err := bleve.NewUsing(filepath.Join(tb.TempDir(), "index"), im, scorch.Name, scorch.Name, map[string]any{"scorchMergePlanOptions": noMerge})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { idx.Close() })
	words := strings.Fields("trade fair peer learning by doing the and export market error trial fairs trading")
	rng := rand.New(rand.NewPCG(3, 5))
	n := 0
	for batch := 0; batch < 3; batch++ {
		b := idx.NewBatch()
		for i := 0; i < 150; i++ {
			var ws []string
			for j := 0; j < 4+rng.IntN(30); j++ {
				ws = append(ws, words[rng.IntN(len(words))])
			}
			doc := map[string]any{"text": strings.Join(ws, " "), "date": fmt.Sprintf("2024-%02d", 1+n%12)}
			if err := b.Index(fmt.Sprintf("u%04d", n), doc); err != nil {
				tb.Fatal(err)
			}
			n++
		}
		if err := idx.Batch(b); err != nil {
			tb.Fatal(err)
		}
	}
	del := idx.NewBatch()
	for i := 0; i < n; i += 7 {
		del.Delete(fmt.Sprintf("u%04d", i))
	}
	if err := idx.Batch(del); err != nil {
		tb.Fatal(err)
	}
	return idx
}

func term(field, t string) *query.TermQuery {
	q := bleve.NewTermQuery(t)
	q.SetField(field)
	return q
}

// TestSearchAgreesWithBleve runs each kind of query the engine compiles
// through the engine and through bleve's searchers on the same index and
// checks that both find the same units. Words here are not numbered, so
// phrases take the engine's path that reads every word's positions; the
// path through word numbers is checked by coding/search's
// TestEngineAgreesWithBleve.
func TestSearchAgreesWithBleve(t *testing.T) {
	idx := mustIndex(t)
	ctx := context.Background()
	fuzzy := bleve.NewFuzzyQuery("fiar")
	fuzzy.SetField("text")
	fuzzy.SetFuzziness(1)
	fuzzy.SetPrefix(1)
	wild := bleve.NewWildcardQuery("tr*")
	wild.SetField("text")
	inc := true
	dates := bleve.NewTermRangeInclusiveQuery("2024-03", "2024-06", nil, &inc)
	dates.SetField("date")
	not := bleve.NewBooleanQuery()
	not.AddMust(term("text", "fair"))
	not.AddMustNot(term("text", "trade"))
	filtered := bleve.NewBooleanQuery()
	filtered.AddMust(&PositionQuery{Field: "text", Terms: []string{"peer", "learning"}, Slop: -1})
	filtered.AddFilter(dates)
	queries := map[string]query.Query{
		"term":            term("text", "fair"),
		"and":             bleve.NewConjunctionQuery(term("text", "trade"), term("text", "export")),
		"or":              bleve.NewDisjunctionQuery(term("text", "trial"), term("text", "doing")),
		"not":             not,
		"phrase":          &PositionQuery{Field: "text", Terms: []string{"trade", "fair"}, Slop: -1},
		"long phrase":     &PositionQuery{Field: "text", Terms: []string{"learning", "by", "doing"}, Slop: -1},
		"repeated phrase": &PositionQuery{Field: "text", Terms: []string{"fair", "fair"}, Slop: -1},
		"proximity":       &PositionQuery{Field: "text", Terms: []string{"error", "trial"}, Slop: 2},
		"fuzzy":           fuzzy,
		"wildcard":        wild,
		"range":           dates,
		"phrase filtered": filtered,
		"all":             bleve.NewMatchAllQuery(),
		"none":            bleve.NewMatchNoneQuery(),
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			e, err := Open(idx, nil)
			if err != nil || e == nil {
				t.Fatalf("got engine %v, error %v, want an engine", e, err)
			}
			defer e.Close()
			total, page, ok, err := e.Search(ctx, q, 0, 1000)
			if err != nil || !ok {
				t.Fatalf("got ok %v, error %v, want the engine to run %T", ok, err, q)
			}
			count, _, _, err := e.Search(ctx, q, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			out, err := idx.Search(bleve.NewSearchRequestOptions(q, 1000, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			if total != int(out.Total) || count != total {
				t.Fatalf("got totals %d (ranked), %d (count), want %d", total, count, out.Total)
			}
			var got, want []string
			for _, u := range page {
				got = append(got, u.ID)
			}
			for _, h := range out.Hits {
				want = append(want, h.ID)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got units %v, want %v", got, want)
			}
			for i := 1; i < len(page); i++ {
				if page[i].Score > page[i-1].Score {
					t.Fatalf("unit %d scores %v, above unit %d (%v)", i, page[i].Score, i-1, page[i-1].Score)
				}
			}
		})
	}
}

// TestPagesFollowRelevance checks that pages of the ranking join up: the
// units from..from+size are those of the whole ranking.
func TestPagesFollowRelevance(t *testing.T) {
	idx := mustIndex(t)
	e, err := Open(idx, nil)
	if err != nil || e == nil {
		t.Fatalf("got engine %v, error %v, want an engine", e, err)
	}
	defer e.Close()
	q := bleve.NewDisjunctionQuery(term("text", "fair"), term("text", "peer"))
	_, all, _, err := e.Search(context.Background(), q, 0, 60)
	if err != nil {
		t.Fatal(err)
	}
	_, page, _, err := e.Search(context.Background(), q, 20, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 60 || !slices.Equal(page, all[20:40]) {
		t.Fatalf("got page %v, want %v", page, all[20:min(40, len(all))])
	}
}

// TestZapFastPaths checks that the segments bleve writes offer what the
// engine's fast paths use: posting lists as bitmaps, and field lengths
// as integers. Without them the engine still answers, from slower
// fallbacks, so a bleve upgrade that drops them would go unnoticed but
// for this test and the benchmarks.
func TestZapFastPaths(t *testing.T) {
	idx := mustIndex(t)
	e, err := Open(idx, nil)
	if err != nil || e == nil {
		t.Fatalf("got engine %v, error %v, want an engine", e, err)
	}
	defer e.Close()
	if len(e.segs) == 0 {
		t.Fatal("got no segments")
	}
	for i, s := range e.segs {
		pl, err := s.list("text", "fair")
		if err != nil || pl == nil {
			t.Fatalf("segment %d: got posting list %v, error %v", i, pl, err)
		}
		if _, ok := pl.Iterator(false, false, false, nil).(segment.OptimizablePostingsIterator); !ok {
			t.Errorf("segment %d: postings iterator %T does not give bitmaps", i, pl.Iterator(false, false, false, nil))
		}
		p, err := pl.Iterator(true, true, false, nil).Next()
		if err != nil || p == nil {
			t.Fatalf("segment %d: got posting %v, error %v", i, p, err)
		}
		if _, ok := p.(rawNorm); !ok {
			t.Errorf("segment %d: posting %T gives no field length as an integer", i, p)
		}
	}
}

// TestSegmentSizes counts the live units of each segment.
func TestSegmentSizes(t *testing.T) {
	idx := mustIndex(t)
	sizes, err := SegmentSizes(idx)
	if err != nil {
		t.Fatal(err)
	}
	var sum uint64
	for _, n := range sizes {
		sum += n
	}
	count, err := idx.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	if sum != count || len(sizes) == 0 {
		t.Fatalf("got segments of %v units (%d in all), want %d units", sizes, sum, count)
	}
}
