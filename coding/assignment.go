package coding

import (
	"context"
	"time"
)

// Assignment gives a document to coders. While it is independent, each
// of its coders sees only their own quotes on the document, so their
// coding can be compared for agreement.
type Assignment struct {
	ProjectID  string   `json:"project_id"`
	DocumentID string   `json:"document_id"`
	Coders     []string `json:"coders"`
	// Independent hides the coders' quotes on the document from each other.
	Independent bool      `json:"independent"`
	AssignedBy  string    `json:"assigned_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Validate reports whether the assignment can be stored, normalising and
// deduplicating the coders. Independent coding needs two coders or more.
func (a *Assignment) Validate() error {
	if a.DocumentID == "" {
		return Errorf(EINVALID, "an assignment needs a document")
	}
	seen := map[string]bool{}
	coders := make([]string, 0, len(a.Coders))
	for _, c := range a.Coders {
		name, err := NormalizeUsername(c)
		if err != nil {
			return err
		}
		if !seen[name] {
			seen[name] = true
			coders = append(coders, name)
		}
	}
	a.Coders = coders
	switch {
	case len(coders) == 0:
		return Errorf(EINVALID, "an assignment needs at least one coder")
	case a.Independent && len(coders) < 2:
		return Errorf(EINVALID, "independent coding needs at least two coders, got %d", len(coders))
	}
	return nil
}

// Includes reports whether coder is one of the assignment's coders.
func (a *Assignment) Includes(coder string) bool {
	for _, c := range a.Coders {
		if c == coder {
			return true
		}
	}
	return false
}

// AssignmentStore keeps which coders code which documents.
type AssignmentStore interface {
	// SetAssignments assigns each of documentIDs to coders, replacing the
	// documents' former assignments, in one change. Every coder must be a
	// member of the project with the role owner or coder (EUNPROCESSABLE).
	SetAssignments(ctx context.Context, projectID string, documentIDs, coders []string, independent bool) ([]*Assignment, error)
	// ListAssignments returns the project's assignments by document ID.
	ListAssignments(ctx context.Context, projectID string) ([]*Assignment, error)
	// DeleteAssignment ends the document's assignment; ENOTFOUND when it
	// has none.
	DeleteAssignment(ctx context.Context, projectID, documentID string) error
}
