// Package engine answers counts and relevance-ranked pages of a search
// straight from the segments of a project's bleve (scorch) index. It is
// the part of Tessera's search that depends on bleve's internals; the
// rest of coding/search uses bleve's public API (mappings, batches,
// queries, searchers, facets).
//
// # Why it exists
//
// bleve's searchers visit matching units one at a time, each with its own
// bookkeeping: counting a word found in 90 % of 100,000 speaker turns
// costs 90,000 steps. The engine instead combines each segment's posting
// lists as compressed bitmaps (roaring): AND for required clauses, kinds
// and filters, OR for alternatives, stems, wildcards and fuzzy words, AND
// NOT for excluded words. A count is then a bitmap's cardinality. Term
// frequencies and positions are read only where a phrase must be checked
// or a unit scored. docs/search.md ("How a search runs") and
// docs/performance.md give the figures.
//
// # How it fits
//
// coding/search builds one bleve query per search (query_build.go,
// search.go newPlan). Search (run.go) compiles that same query tree into
// engine nodes (compile.go): terms, conjunctions, disjunctions, boolean
// queries, fuzzy and wildcard words and keyword ranges (expanded through
// the dictionary as bleve expands them), and PositionQuery (position.go),
// the phrase and proximity query the builder makes. A query it does not
// know makes Search report false, and coding/search asks bleve instead;
// bleve also answers sorting by document order and facet counts, running
// PositionQuery through its Searcher. Both paths therefore find the same
// units, which the tests below check.
//
//   - eval.go evaluates the nodes per segment, restricting phrase checks
//     to the units their siblings leave.
//   - phrase.go checks phrases and proximities. The index records, for
//     each occurrence of a word, in place of bleve's byte offsets, the
//     numbers of the next word (Location.Start) and of the previous word
//     (Location.End), 0 at either end of the text (coding/search field.go
//     writes them, vocab.go numbers the words; the Vocabulary given to
//     Open looks them up). A two-word phrase is then confirmed from the
//     occurrences of its rarer word alone. Without numbers every word's
//     positions are compared, as positionCheck does for bleve.
//   - rank.go scores bleve's tf-idf without its query normalisation:
//     idf² × √tf × 1/√(field length), with idf = 1 + ln(units/(df+1)),
//     keeping the best from+size in a heap.
//   - Segments are searched two at a time (run.go eachSegment); only the
//     page's units are named (DocID).
//
// # What it takes from bleve
//
// The list to check on every bleve upgrade:
//
//   - index/scorch: the reader of an Advanced index is a *IndexSnapshot;
//     Segments(), and per *SegmentSnapshot Segment(), Count(), Deleted()
//     and DocID().
//   - scorch_segment_api: TermDictionary.PostingsList, PostingsList
//     (Iterator, Count), PostingsIterator (Next, Advance), Posting
//     (Number, Frequency, Norm, Locations), Location (Pos, Start, End),
//     and the zap fast paths: OptimizablePostingsIterator (DocNum1Hit,
//     ActualBitmap) and a posting's NormUint64 (rank.go rawNorm).
//   - bleve_index_api: IndexReader.FieldDictRange, FieldDictPrefix (fuzzy
//     words, filtered by fuzzy.Distance), IndexReaderRegexp and FieldDict,
//     for expansions.
//   - search/query: the fields of TermQuery, ConjunctionQuery,
//     DisjunctionQuery (Min), BooleanQuery (Must, Should, MustNot,
//     Filter), FuzzyQuery (Fuzziness, Prefix), WildcardQuery,
//     TermRangeQuery (which ends are inclusive by default), MatchAll,
//     MatchNone.
//   - search/searcher: NewTermSearcher, NewConjunctionSearcher and
//     NewFilteringSearcher, and DocumentMatch.FieldTermLocations, for
//     PositionQuery on bleve's path.
//   - Behaviour copied from bleve: the idf formula and √tf of
//     search/scorer/scorer_term.go; the wildcard-to-regexp replacer of
//     search/query/wildcard.go (compile.go wildcardRegexp); the expansion
//     limit (compile.go maxExpansions, beyond which bleve is asked and
//     reports too many clauses).
//   - The layout of the term vectors: that zap stores a location's Start
//     and End as given, without checking them against the text.
//
// # Upgrading bleve
//
//  1. Update the modules (bleve/v2, bleve_index_api, scorch_segment_api,
//     the zapx versions bleve pulls in, roaring) together, and read their
//     changes against the list above.
//  2. Run the tests that prove agreement with bleve's own searchers:
//     TestSearchAgreesWithBleve and TestPagesFollowRelevance here (every
//     kind of query node, on a plain bleve index, phrases without word
//     numbers), TestZapFastPaths here (the fast paths still exist: the
//     engine has slower fallbacks, so losing them would only show in
//     speed), TestSegmentSizes here, and in coding/search
//     TestEngineAgreesWithBleve (the benchmark's 200 queries and more, on
//     an index with deleted units, phrases through word numbers),
//     TestPhrasesAfterChangesAndReopen, TestQueryForms, TestSortAndPaging
//     and TestRebuildSettlesAndServingMerges:
//     go test -race -count=1 ./coding/search/...
//  3. Re-measure before and after, on the same machine:
//     go test -run '^$' -bench BenchmarkSearch -benchmem ./coding/search/
//     (count/* and ranked/* for words, frequent and rare words, phrases,
//     proximity, boolean, fuzzy, wildcard and filtered queries), and
//     tessera bench search --docs 1000, whose table gives the rows of
//     docs/performance.md ("Search"): hit count, ranked first page of 50
//     with KWIC, same with facet counts (p50, p95, p99, max), indexing
//     MB/s and CPU time, index size (1.87x the text) and peak memory.
//     docs/search.md ("Queries") quotes the phrase and proximity counts.
//  4. If the index format changed, bump coding/search LayoutVersion so
//     that every project's index is rebuilt from the store.
package engine
