package search

import "tessera/coding"

// The types of a search's questions and answers are declared in the
// domain package (coding/search.go), so that what shows or exports
// results depends on them without depending on this package and bleve.
// They keep their names here for the callers of Index.

// Paging limits of a search.
const (
	DefaultLimit   = coding.SearchDefaultLimit
	MaxLimit       = coding.SearchMaxLimit
	DefaultContext = coding.SearchDefaultContext
	maxContext     = 500
	// maxMatchesPerHit bounds the matches (and KWIC lines) reported for
	// one hit; Hit.MatchCount tells how many there were.
	maxMatchesPerHit = 100
)

// Request is a search of one project (coding.SearchRequest).
type Request = coding.SearchRequest

// Result is one page of hits (coding.SearchResult).
type Result = coding.SearchResult

// Hit is one matching unit (coding.SearchHit).
type Hit = coding.SearchHit

// Match is one occurrence of the query in a hit (coding.SearchMatch).
type Match = coding.SearchMatch

// KWICLine shows a match in its context on one line (coding.KWICLine).
type KWICLine = coding.KWICLine

// QuoteRef is an existing quote a match lies in (coding.QuoteRef).
type QuoteRef = coding.QuoteRef

// CodeRef names a code (coding.CodeRef).
type CodeRef = coding.CodeRef

// FacetCount counts the matching units with one value of a facet field
// (coding.FacetCount).
type FacetCount = coding.FacetCount

// AutoCodeRequest codes the hits of a search of speaker turns
// (coding.AutoCodeRequest).
type AutoCodeRequest = coding.AutoCodeRequest

// AutoCodeResult reports what auto-coding did: quotes created, ranges
// that already had a quote, the quotes in document order, and the audit
// entry that undoes it all (Seq, 0 when nothing changed).
type AutoCodeResult = coding.CodeRangesResult
