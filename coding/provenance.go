package coding

import (
	"context"
	"time"
)

// Provenance is when and by whom a document, quote or memo was created
// and last changed, as another program recorded it: an import keeps it
// instead of the time of the import.
type Provenance struct {
	// Kind is "document", "quote" or "memo".
	Kind string
	ID   string
	// Zero times and empty names leave the stored value as it is.
	CreatedAt time.Time
	CreatedBy string
	UpdatedAt time.Time
	UpdatedBy string
}

// ProvenanceStore keeps the dates and people an import read from its
// file.
type ProvenanceStore interface {
	// KeepProvenance sets the creation and modification dates and people
	// of the given entities, in one change. EINVALID for another kind,
	// ENOTFOUND for a missing entity; nothing changes then.
	KeepProvenance(ctx context.Context, projectID string, ps []Provenance) error
}
