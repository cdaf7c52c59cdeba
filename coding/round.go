package coding

import (
	"context"
	"strings"
	"time"
)

// Round is a closed coding round: a name, a note, and a snapshot of the
// codebook and of the coding at the moment the researcher closed it.
type Round struct {
	ID        string    `json:"id"`
	ProjectID string    `json:"project_id"`
	Name      string    `json:"name"`
	Note      string    `json:"note"` // Markdown
	ClosedAt  time.Time `json:"closed_at"`
	// Seq is the project's change sequence number when the round closed.
	Seq uint64 `json:"seq"`
	// Codes is the codebook as it stood, retired codes included.
	Codes []*Code `json:"codes"`
	// Coding holds every quote's document and codes as they stood.
	Coding []RoundQuote `json:"coding"`
}

// RoundQuote is one quote of a round's snapshot: where it is and what it
// was coded with.
type RoundQuote struct {
	ID         string   `json:"id"`
	DocumentID string   `json:"document_id"`
	CodeIDs    []string `json:"code_ids"`
}

// Validate checks the round's own fields.
func (r *Round) Validate() error {
	r.Name = strings.TrimSpace(r.Name)
	if err := validName("round", r.Name); err != nil {
		return err
	}
	return CleanText("round note", &r.Note)
}

// RoundStore keeps a project's closed coding rounds.
type RoundStore interface {
	// CloseRound stores r with a snapshot of the project's codebook and
	// coding taken in the same transaction. ECONFLICT when a round of that
	// name exists.
	CloseRound(ctx context.Context, r *Round) error
	// ListRounds returns the project's rounds, oldest first.
	ListRounds(ctx context.Context, projectID string) ([]*Round, error)
	// FindRound returns the round with id (ENOTFOUND when missing).
	FindRound(ctx context.Context, projectID, id string) (*Round, error)
}
