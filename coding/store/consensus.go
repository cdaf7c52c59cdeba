package store

import (
	"context"

	"tessera/coding"
)

// DecideConsensus records a decision on each quote in one change, copying
// accepted codings into the shared (consensus) coding.
func (s *Store) DecideConsensus(ctx context.Context, pid string, quoteIDs []string, decision string) ([]*coding.ConsensusDecision, error) {
	if decision != coding.DecisionAccept && decision != coding.DecisionReject {
		return nil, coding.Errorf(coding.EINVALID, "decision %q is not accept or reject", decision)
	}
	if len(quoteIDs) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "quote_ids is required: the coders' quotes to decide on")
	}
	out := []*coding.ConsensusDecision{}
	err := s.update(ctx, "consensus", func(t *txn) error {
		out = out[:0] // a batch may run this again
		b, err := t.sub(pid, bDecisions)
		if err != nil {
			return err
		}
		for _, id := range distinct(quoteIDs) {
			q, err := t.findQuote(pid, id)
			if err != nil {
				return err
			}
			if q.Coder == coding.CoderConsensus {
				return coding.Errorf(coding.EUNPROCESSABLE, "quote %q is already part of the shared coding; decide on the coders' quotes", id)
			}
			if old, err := get[coding.ConsensusDecision](b, id, "decision"); err == nil {
				return coding.Errorf(coding.ECONFLICT, "the quote %q by %s was already decided (%s) by %s; undo that decision first", q.Text, q.Coder, old.Decision, old.DecidedBy)
			}
			d := &coding.ConsensusDecision{
				QuoteID: q.ID, ProjectID: pid, DocumentID: q.DocumentID, Coder: q.Coder,
				Decision: decision, DecidedBy: t.actor, DecidedAt: t.now,
			}
			if decision == coding.DecisionAccept {
				if d.ResultQuoteID, err = t.acceptQuote(q); err != nil {
					return err
				}
			}
			if err := t.write(pid, "decision", id, d); err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// acceptQuote copies q's range and codes into the shared coding: into the
// consensus quote with the same range, or a new one. It returns the ID of
// the consensus quote.
func (t *txn) acceptQuote(q *coding.Quote) (string, error) {
	qs, err := t.documentQuotes(q.ProjectID, q.DocumentID)
	if err != nil {
		return "", err
	}
	for _, c := range qs {
		if c.Coder != coding.CoderConsensus || c.Start != q.Start || c.End != q.End {
			continue
		}
		changed := false
		for _, id := range q.CodeIDs {
			if !c.HasCode(id) {
				c.CodeIDs = append(c.CodeIDs, id)
				changed = true
			}
		}
		if changed {
			c.UpdatedAt = t.now
			if err := t.putQuote(c); err != nil {
				return "", err
			}
		}
		return c.ID, nil
	}
	doc, err := t.findDocument(q.ProjectID, q.DocumentID, true)
	if err != nil {
		return "", err
	}
	c := &coding.Quote{
		ID: coding.NewID(t.now), ProjectID: q.ProjectID, DocumentID: q.DocumentID,
		Start: q.Start, End: q.End, CodeIDs: append([]string(nil), q.CodeIDs...),
		Coder: coding.CoderConsensus, CreatedAt: t.now, UpdatedAt: t.now,
	}
	if err := c.Place(doc); err != nil {
		return "", err
	}
	return c.ID, t.putQuote(c)
}

// ListConsensus returns the project's decisions by quote ID.
func (s *Store) ListConsensus(ctx context.Context, pid string) ([]*coding.ConsensusDecision, error) {
	var out []*coding.ConsensusDecision
	err := s.view(ctx, func(t *txn) error {
		b, err := t.sub(pid, bDecisions)
		if err != nil {
			return err
		}
		out, err = list[coding.ConsensusDecision](b)
		return err
	})
	if out == nil {
		out = []*coding.ConsensusDecision{}
	}
	return out, err
}
