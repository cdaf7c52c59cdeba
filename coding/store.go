package coding

import (
	"context"
	"io"
)

// Store is the source of truth for all of a data directory's projects.
// Every mutating method commits once, atomically. Methods return *Error
// values: ENOTFOUND for a missing entity (never a nil result), EINVALID
// and EUNPROCESSABLE for bad input, ECONFLICT for clashes with stored data.
type Store interface {
	ProjectStore
	CaseStore
	DocumentStore
	TranscriptStore
	CodeStore
	CodeOpsStore
	CodeBulkStore
	RoundStore
	TablePresetStore
	ModelStore
	FacetStore
	SetStore
	QuoteStore
	MemoStore
	AuditStore
	InformantStore
	AnonymisationStore
	ProvenanceStore

	// Backup writes a consistent copy of the whole store to w while it
	// stays online, and returns the bytes written.
	Backup(ctx context.Context, w io.Writer) (int64, error)
	// Snapshot reads the whole project in one view; withText loads each
	// document's text and turns.
	Snapshot(ctx context.Context, projectID string, withText bool) (*Snapshot, error)
	// Seq returns the project's change sequence number: it grows by one
	// with every committed mutation of the project.
	Seq(ctx context.Context, projectID string) (uint64, error)
	Close() error
}

// ProjectStore manages projects.
type ProjectStore interface {
	// CreateProject stores p, setting ID and times. ECONFLICT when the name is taken.
	CreateProject(ctx context.Context, p *Project) error
	FindProject(ctx context.Context, id string) (*Project, error)
	// FindProjectByName matches names case-insensitively.
	FindProjectByName(ctx context.Context, name string) (*Project, error)
	ListProjects(ctx context.Context) ([]*Project, error)
	UpdateProject(ctx context.Context, id string, u ProjectUpdate) (*Project, error)
	// DeleteProject removes the project and everything in it.
	DeleteProject(ctx context.Context, id string) error
}

// CaseStore manages cases.
type CaseStore interface {
	// CreateCase stores c at the end of the case order. ECONFLICT when the name is taken.
	CreateCase(ctx context.Context, c *Case) error
	FindCase(ctx context.Context, projectID, id string) (*Case, error)
	// FindCaseByName matches names case-insensitively.
	FindCaseByName(ctx context.Context, projectID, name string) (*Case, error)
	ListCases(ctx context.Context, projectID string) ([]*Case, error)
	UpdateCase(ctx context.Context, projectID, id string, u CaseUpdate) (*Case, error)
	// DeleteCase removes the case; its documents and informants stay,
	// unassigned.
	DeleteCase(ctx context.Context, projectID, id string) error
	// ReorderCases sets the case order to ids, which must list every case once.
	ReorderCases(ctx context.Context, projectID string, ids []string) error
}

// DocumentStore manages documents.
type DocumentStore interface {
	// CreateDocument validates and stores d (text already normalised).
	CreateDocument(ctx context.Context, d *Document) error
	// FindDocument returns the document with its text and turns.
	FindDocument(ctx context.Context, projectID, id string) (*Document, error)
	// FindDocumentsByHash returns the documents whose text has this hash.
	FindDocumentsByHash(ctx context.Context, projectID, hash string) ([]*Document, error)
	// ListDocuments returns the project's documents without text and turns.
	ListDocuments(ctx context.Context, projectID string, f DocumentFilter) ([]*Document, error)
	UpdateDocument(ctx context.Context, projectID, id string, u DocumentUpdate) (*Document, error)
	// DeleteDocument removes the document and its quotes. Without confirm it
	// refuses (ECONFLICT) when the document has quotes.
	DeleteDocument(ctx context.Context, projectID, id string, confirm bool) error
}

// DocumentFilter selects documents; empty fields match all.
type DocumentFilter struct {
	CaseID string
}

// CodeStore manages the codebook.
type CodeStore interface {
	// CreateCode stores c as the last of its siblings, enforcing level,
	// parent and sibling-name rules.
	CreateCode(ctx context.Context, c *Code) error
	FindCode(ctx context.Context, projectID, id string) (*Code, error)
	// ListCodes returns the project's codes sorted by Order within siblings.
	ListCodes(ctx context.Context, projectID string) ([]*Code, error)
	// UpdateCode renames, recolours, redefines or moves the code. A move
	// puts it last among its new siblings.
	UpdateCode(ctx context.Context, projectID, id string, u CodeUpdate) (*Code, error)
	// MergeCodes merges source into target (same level): source's quotes
	// and children move to target, then source is deleted. Returns target.
	MergeCodes(ctx context.Context, projectID, sourceID, targetID string) (*Code, error)
	// DeleteCode removes the code. It refuses (ECONFLICT) while quotes use
	// it unless uncode is true; then the code is removed from those quotes
	// and quotes left with no code are deleted. Children become ungrouped.
	DeleteCode(ctx context.Context, projectID, id string, uncode bool) (DeleteCodeResult, error)
	// ReorderCodes sets the order of the children of parentID ("" for the
	// top level) to ids, which must list every one of them once.
	ReorderCodes(ctx context.Context, projectID, parentID string, ids []string) error
	// SetCodeTiers gives every code its level by its depth in the tree
	// (see CodeTiers) in one change, and returns the codes it changed.
	// EINVALID for tiers out of order; EUNPROCESSABLE when a code that
	// codes quotes would become a dimension.
	SetCodeTiers(ctx context.Context, projectID string, tiers CodeTiers) ([]*Code, error)
	// SetCodeFacet sets the code's value of a facet; "" clears it.
	SetCodeFacet(ctx context.Context, projectID, codeID, facetID, value string) (*Code, error)
}

// DeleteCodeResult reports what deleting a code did to quotes.
type DeleteCodeResult struct {
	QuotesUncoded int `json:"quotes_uncoded"`
	QuotesDeleted int `json:"quotes_deleted"`
}

// FacetStore manages facets.
type FacetStore interface {
	CreateFacet(ctx context.Context, f *Facet) error
	FindFacet(ctx context.Context, projectID, id string) (*Facet, error)
	ListFacets(ctx context.Context, projectID string) ([]*Facet, error)
	UpdateFacet(ctx context.Context, projectID, id string, u FacetUpdate) (*Facet, error)
	// DeleteFacet removes the facet and its values from every code.
	DeleteFacet(ctx context.Context, projectID, id string) error
}

// QuoteStore manages quotes.
type QuoteStore interface {
	// CreateQuote places q in its document (taking the text snapshot) and
	// stores it.
	CreateQuote(ctx context.Context, q *Quote) error
	// ImportQuotes stores quotes of one document in one change, as
	// CreateQuote would one by one; a quote that carries a creation time
	// keeps it (an import keeps the dates of the file it reads). Nothing
	// is stored when one quote is refused.
	ImportQuotes(ctx context.Context, projectID, documentID string, qs []*Quote) error
	FindQuote(ctx context.Context, projectID, id string) (*Quote, error)
	// ListQuotes returns matching quotes in document order.
	ListQuotes(ctx context.Context, projectID string, f QuoteFilter) ([]*Quote, error)
	// UpdateQuote resizes, recodes or annotates the quote.
	UpdateQuote(ctx context.Context, projectID, id string, u QuoteUpdate) (*Quote, error)
	DeleteQuote(ctx context.Context, projectID, id string) error
	// CodeRanges codes every range of req with req.CodeID in one change
	// (one audit entry, so one Undo reverts it): a range that has a
	// visible quote of exactly its extent gets the code added where
	// missing, any other range a new quote. Running it twice creates
	// nothing new. It fails without changing anything when a document,
	// the code or a range is wrong.
	CodeRanges(ctx context.Context, projectID string, req CodeRangesRequest) (*CodeRangesResult, error)
}

// MemoStore manages memos.
type MemoStore interface {
	CreateMemo(ctx context.Context, m *Memo) error
	FindMemo(ctx context.Context, projectID, id string) (*Memo, error)
	ListMemos(ctx context.Context, projectID string, f MemoFilter) ([]*Memo, error)
	UpdateMemo(ctx context.Context, projectID, id string, u MemoUpdate) (*Memo, error)
	DeleteMemo(ctx context.Context, projectID, id string) error
}

// Change tells which project changed and its new sequence number. Stores
// report changes after their transaction commits, so derived data (the
// search index) can follow.
type Change struct {
	ProjectID string
	Seq       uint64
	// Kind is the entity that changed: "project", "case", "document",
	// "code", "facet", "set", "quote", "memo", "informant" or "model".
	Kind string
	// IDs are the changed or deleted entities of that kind.
	IDs []string
	// Deleted is true when the IDs were removed.
	Deleted bool
}
