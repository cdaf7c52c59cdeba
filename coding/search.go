package coding

import "time"

// This file holds what a search asks and answers, so that the packages
// showing or exporting results (the HTTP server, the concordance export,
// the command line) depend on these types alone and not on the search
// index that produces them (coding/search, built on bleve). coding/search
// names them with aliases (search.Request is SearchRequest, search.Hit
// is SearchHit, ...).

// Units a search finds: speaker turns, quotes, memos and codes.
const (
	UnitTurn  = "turn"
	UnitQuote = "quote"
	UnitMemo  = "memo"
	UnitCode  = "code"
)

// Paging limits of a search.
const (
	// SearchDefaultLimit is the page size when a request gives none.
	SearchDefaultLimit = 50
	// SearchMaxLimit is the largest page a request may ask for.
	SearchMaxLimit = 1000
	// SearchDefaultContext is the KWIC context, in code points each side,
	// when a request gives none.
	SearchDefaultContext = 60
)

// SearchRequest is a search of one project.
type SearchRequest struct {
	// Query uses the syntax described in docs/search.md: words, "phrases",
	// "phrases"~N (proximity), +must, -mustnot, OR, (groups), wildcards,
	// fuzzy~ and field:value filters.
	Query string `json:"query"`
	// Kinds are the units to search: "turn", "quote", "memo", "code";
	// default turn.
	Kinds []string `json:"kinds,omitempty"`
	// Filters restrict hits by field: case, document, speaker, role, code,
	// level, coder, date, facet:NAME and attr:NAME. Values are IDs or
	// names; several values of one key match any of them.
	Filters map[string][]string `json:"filters,omitempty"`
	// Sort is "relevance" (default) or "document" (document order, then
	// position).
	Sort string `json:"sort,omitempty"`
	// Offset and Limit page through the hits (Limit default 50, max 1000).
	Offset int `json:"offset,omitempty"`
	Limit  int `json:"limit,omitempty"`
	// CountOnly returns Total without hits or facets.
	CountOnly bool `json:"count_only,omitempty"`
	// Context is the number of characters (code points) of KWIC context
	// on each side of a match; default 60.
	Context int `json:"context,omitempty"`
	// NoFacets skips the facet counts, which cost time on large results.
	NoFacets bool `json:"no_facets,omitempty"`
}

// SearchResult is one page of hits.
type SearchResult struct {
	// Total counts all matching units (turns, quotes...), not just this page.
	Total int         `json:"total"`
	Hits  []SearchHit `json:"hits"`
	// Facets counts the matching units by "case", "document", "speaker"
	// and "code" (codes of quotes overlapping a turn, or of a quote).
	Facets map[string][]FacetCount `json:"facets,omitempty"`
	Took   time.Duration           `json:"took_ns"`
}

// SearchHit is one matching unit: a speaker turn, a quote, a memo or a
// code.
type SearchHit struct {
	// Kind is one of UnitTurn, UnitQuote, UnitMemo, UnitCode.
	Kind string `json:"kind"`
	// ID is the unit's ID: "turn:DOC:N" for turns, else the entity's ID.
	ID            string `json:"id"`
	DocumentID    string `json:"document_id,omitempty"`
	DocumentTitle string `json:"document_title,omitempty"`
	CaseID        string `json:"case_id,omitempty"`
	CaseName      string `json:"case_name,omitempty"`
	Speaker       string `json:"speaker,omitempty"`
	// Title is the memo's title or the code's name.
	Title string `json:"title,omitempty"`
	// Start and End are the unit's code-point range in its document (turns
	// and quotes) or in its text (memo body, code definition).
	Start int `json:"start"`
	End   int `json:"end"`
	// Matches are the matching words or phrases, in the same coordinates.
	Matches []SearchMatch `json:"matches"`
	// MatchCount is the number of matches, of which at most 100 are listed.
	MatchCount int `json:"match_count"`
	// KWIC has one line per listed match.
	KWIC []KWICLine `json:"kwic"`
	// InQuotes lists the existing quotes that overlap a match.
	InQuotes []QuoteRef `json:"in_quotes,omitempty"`
	Score    float64    `json:"score"`
}

// SearchMatch is one occurrence of the query in a hit. Field is "text"
// for the unit's main text and "title" for a memo's title or a code's
// name (whose offsets count in that title).
type SearchMatch struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Field string `json:"field"`
	// QuoteIDs are the existing quotes overlapping the match.
	QuoteIDs []string `json:"quote_ids,omitempty"`
}

// KWICLine shows a match in its context on one line (line breaks become
// spaces): Left and Right hold up to SearchRequest.Context characters.
type KWICLine struct {
	Left  string `json:"left"`
	Match string `json:"match"`
	Right string `json:"right"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// QuoteRef is an existing quote a match lies in, with its codes.
type QuoteRef struct {
	ID    string    `json:"id"`
	Start int       `json:"start"`
	End   int       `json:"end"`
	Codes []CodeRef `json:"codes"`
}

// CodeRef names a code.
type CodeRef struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Level string `json:"level"`
	Color string `json:"color"`
}

// FacetCount is the number of matching units with one value of a facet
// field. Value is an ID (case, document, code) or a speaker name; Label
// is its display name.
type FacetCount struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// AutoCodeRequest codes the hits of a search of speaker turns. What it
// did is reported as a CodeRangesResult.
type AutoCodeRequest struct {
	Query   string              `json:"query"`
	Filters map[string][]string `json:"filters,omitempty"`
	// HitIDs selects hits by SearchHit.ID; empty codes every hit.
	HitIDs []string `json:"hit_ids,omitempty"`
	// CodeID is the concept or theme to apply.
	CodeID string `json:"code_id"`
	// Extend is how much text each quote covers: "match" (the matched
	// words, the default), "sentence" (the sentences holding the match,
	// within its turn) or "turn" (the whole speaker turn).
	Extend string `json:"extend,omitempty"`
	// Coder is recorded on created quotes.
	Coder string `json:"coder,omitempty"`
	// Hidden, when set, names quotes the caller may not see (others'
	// quotes on documents coded independently): they are never reused,
	// so auto-coding cannot change another coder's work.
	Hidden func(q *Quote) bool `json:"-"`
}
