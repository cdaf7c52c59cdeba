package store

import (
	"context"
	"time"

	"tessera/coding"
)

// KeepProvenance sets the dates and people an import read from its file
// on documents, quotes and memos, in one change.
func (s *Store) KeepProvenance(ctx context.Context, pid string, ps []coding.Provenance) error {
	if len(ps) == 0 {
		return nil
	}
	return s.update(ctx, "keep_provenance", func(t *txn) error {
		for _, p := range ps {
			if err := t.keepProvenance(pid, p); err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *txn) keepProvenance(pid string, p coding.Provenance) error {
	switch p.Kind {
	case "document":
		d, err := t.findDocument(pid, p.ID, false)
		if err != nil {
			return err
		}
		keepTime(&d.CreatedAt, p.CreatedAt)
		keepTime(&d.UpdatedAt, p.UpdatedAt)
		keepName(&d.CreatedBy, p.CreatedBy)
		keepName(&d.UpdatedBy, p.UpdatedBy)
		return t.putDocumentMeta(d)
	case "quote":
		q, err := t.findQuote(pid, p.ID)
		if err != nil {
			return err
		}
		keepTime(&q.CreatedAt, p.CreatedAt)
		keepTime(&q.UpdatedAt, p.UpdatedAt)
		keepName(&q.Coder, p.CreatedBy)
		keepName(&q.UpdatedBy, p.UpdatedBy)
		return t.putQuote(q)
	case "memo":
		m, err := t.findMemo(pid, p.ID)
		if err != nil {
			return err
		}
		keepTime(&m.CreatedAt, p.CreatedAt)
		keepTime(&m.UpdatedAt, p.UpdatedAt)
		keepName(&m.Author, p.CreatedBy)
		keepName(&m.UpdatedBy, p.UpdatedBy)
		return t.putMemo(m)
	}
	return coding.Errorf(coding.EINVALID, "dates cannot be kept for a %q", p.Kind)
}

func keepTime(dst *time.Time, v time.Time) {
	if !v.IsZero() {
		*dst = v.UTC()
	}
}

func keepName(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}
