package coding

import (
	"context"
	"time"
)

// Consensus decisions on a coder's quote.
const (
	// DecisionAccept copies the quote into the shared coding, as a quote
	// of the coder CoderConsensus.
	DecisionAccept = "accept"
	// DecisionReject records that the quote stays out of the shared coding.
	DecisionReject = "reject"
)

// ConsensusDecision records what a team decided about one quote of an
// independent coder when it resolved disagreements.
type ConsensusDecision struct {
	// QuoteID is the coder's quote decided on; its ID keys the decision.
	QuoteID    string `json:"quote_id"`
	ProjectID  string `json:"project_id"`
	DocumentID string `json:"document_id"`
	// Coder made the quote.
	Coder    string `json:"coder"`
	Decision string `json:"decision"`
	// ResultQuoteID is the shared (consensus) quote that holds the
	// accepted coding; empty for a rejection.
	ResultQuoteID string    `json:"result_quote_id,omitempty"`
	DecidedBy     string    `json:"decided_by"`
	DecidedAt     time.Time `json:"decided_at"`
}

// ConsensusStore records consensus decisions.
type ConsensusStore interface {
	// DecideConsensus records decision (DecisionAccept or DecisionReject)
	// for each quote, in one change recorded with the operation
	// "consensus". Accepting copies each quote's range and codes into the
	// shared coding: into the consensus quote with the same range when
	// there is one (adding the codes it lacks), else into a new quote of
	// the coder CoderConsensus. It refuses (ECONFLICT) quotes already
	// decided and (EUNPROCESSABLE) consensus quotes themselves.
	DecideConsensus(ctx context.Context, projectID string, quoteIDs []string, decision string) ([]*ConsensusDecision, error)
	// ListConsensus returns the project's decisions by quote ID.
	ListConsensus(ctx context.Context, projectID string) ([]*ConsensusDecision, error)
}
