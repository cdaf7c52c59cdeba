// Package coding is Tessera's domain: what a qualitative coding project is
// made of and the rules it keeps, with no storage, search, HTTP or file
// format in it.
//
// It holds the entities (Project, Case, Document with its speaker Turns,
// Informant, whom speakers are linked to, Code, Facet, Quote, Memo, and for team mode User, Member, Assignment,
// Session and consensus decisions), each with its Validate method, its
// XUpdate struct of optional changes and, where it is listed, its XFilter;
// text normalisation (NFC, code-point offsets) and IDs; the one error type
// Error with its codes (EINVALID, ENOTFOUND, ECONFLICT...), which the HTTP
// server maps to statuses in one place; the small interfaces the other
// packages implement or consume (Store and its parts such as QuoteStore,
// AccessStore, AuditStore); Snapshot, a whole project read at once, which
// exports and the search index work from; and the types a search asks and
// answers (SearchRequest, SearchResult), so that their users need not
// depend on the index.
//
// Implementations live in subpackages named for their role: coding/store
// (bbolt, the store of record), coding/search (bleve, an index derived
// from the store), coding/importer, coding/export, coding/refi,
// coding/codebook, coding/agreement, coding/markdown. They import coding;
// coding imports none of them. It must never import another Tessera
// package, nor echo, bbolt, bleve, goldmark, net/http or any other
// library that ties it to a way of storing, serving or formatting:
// besides the standard library it uses only ulid, golang.org/x/text and
// golang.org/x/crypto. TestDomainImports enforces this.
package coding
