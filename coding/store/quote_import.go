package store

import (
	"context"

	"tessera/coding"
)

// ImportQuotes stores the quotes of one document in one transaction: the
// document and the codebook are read once, so an import of thousands of
// quotes costs one commit instead of one each. Quotes with a CreatedAt
// keep it; the others get the current time.
func (s *Store) ImportQuotes(ctx context.Context, pid, docID string, qs []*coding.Quote) error {
	if len(qs) == 0 {
		return nil
	}
	return s.update(ctx, "import_quotes", func(t *txn) error {
		doc, err := t.findDocument(pid, docID, true)
		if err != nil {
			return err
		}
		codes, err := t.codeMap(pid)
		if err != nil {
			return err
		}
		for _, q := range qs {
			q.ProjectID, q.DocumentID = pid, docID
			if err := checkNewQuote(q, doc, codes); err != nil {
				return err
			}
			q.ID = coding.NewID(t.now)
			if q.CreatedAt.IsZero() {
				q.CreatedAt = t.now
			}
			q.UpdatedAt = t.now
			if err := t.putQuote(q); err != nil {
				return err
			}
		}
		return nil
	})
}
