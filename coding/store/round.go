package store

import (
	"context"
	"sort"
	"strings"

	"tessera/coding"
)

// CloseRound stores r with the codebook and coding as they stand.
func (s *Store) CloseRound(ctx context.Context, r *coding.Round) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "close_round", func(t *txn) error {
		pb, err := t.project(r.ProjectID)
		if err != nil {
			return err
		}
		// Projects made before rounds existed get their bucket now.
		if _, err := pb.CreateBucketIfNotExists(bRounds); err != nil {
			return err
		}
		rounds, err := t.rounds(r.ProjectID)
		if err != nil {
			return err
		}
		for _, o := range rounds {
			if strings.EqualFold(o.Name, r.Name) {
				return coding.Errorf(coding.ECONFLICT, "a round named %q was closed already", o.Name)
			}
		}
		cb, err := t.codebook(r.ProjectID)
		if err != nil {
			return err
		}
		quotes, err := t.quotes(r.ProjectID)
		if err != nil {
			return err
		}
		// The snapshot: every code, every quote's document and codes.
		r.Codes = cb.all
		r.Coding = make([]coding.RoundQuote, 0, len(quotes))
		for _, q := range quotes {
			r.Coding = append(r.Coding, coding.RoundQuote{ID: q.ID, DocumentID: q.DocumentID, CodeIDs: q.CodeIDs})
		}
		r.Seq = readU64(pb.Get(keySeq)) + 1 // the sequence number of this change
		r.ID = coding.NewID(t.now)
		r.ClosedAt = t.now
		return t.write(r.ProjectID, "round", r.ID, r)
	})
}

// rounds returns the project's rounds, oldest first; none when the project
// never closed one.
func (t *txn) rounds(pid string) ([]*coding.Round, error) {
	b, err := t.sub(pid, bRounds)
	if err != nil || b == nil {
		return []*coding.Round{}, err
	}
	out, err := list[coding.Round](b)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out, nil
}

// ListRounds returns the project's rounds, oldest first.
func (s *Store) ListRounds(ctx context.Context, pid string) ([]*coding.Round, error) {
	var out []*coding.Round
	err := s.view(ctx, func(t *txn) error {
		var err error
		out, err = t.rounds(pid)
		return err
	})
	return out, err
}

// FindRound returns the round with id.
func (s *Store) FindRound(ctx context.Context, pid, id string) (*coding.Round, error) {
	var found *coding.Round
	err := s.view(ctx, func(t *txn) error {
		rounds, err := t.rounds(pid)
		for _, r := range rounds {
			if r.ID == id {
				found = r
			}
		}
		if err == nil && found == nil {
			err = coding.Errorf(coding.ENOTFOUND, "round %q not found", id)
		}
		return err
	})
	return found, err
}
