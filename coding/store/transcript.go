package store

import (
	"context"

	"tessera/coding"
)

// ChangeTranscript applies ch to the document and its quotes in one
// change (see coding.TranscriptStore).
func (s *Store) ChangeTranscript(ctx context.Context, pid, id string, ch coding.TranscriptChange, ifVersion int) (*coding.TranscriptResult, error) {
	var res *coding.TranscriptResult
	seqs, err := s.commit(ctx, ch.Op(), func(t *txn) error {
		d, err := t.findDocument(pid, id, true)
		if err != nil {
			return err
		}
		if err := checkVersion("document", d.Version, ifVersion); err != nil {
			return err
		}
		qs, err := t.documentQuotes(pid, id)
		if err != nil {
			return err
		}
		oldHash := d.Hash
		changed, err := ch.Apply(d, qs, t.now, t.actor)
		if err != nil {
			return err
		}
		d.UpdatedAt, d.UpdatedBy = t.now, t.actor
		// The document first: the audit entry names it before its text
		// and quotes.
		if err := t.putDocumentMeta(d); err != nil {
			return err
		}
		if err := t.putDocumentText(d); err != nil {
			return err
		}
		if d.Hash != oldHash {
			if err := t.moveHash(pid, id, oldHash, d.Hash); err != nil {
				return err
			}
		}
		for _, q := range changed {
			q.UpdatedAt, q.UpdatedBy = t.now, t.actor
			if err := t.putQuote(q); err != nil {
				return err
			}
		}
		res = &coding.TranscriptResult{Document: d, Quotes: changed}
		if res.Quotes == nil {
			res.Quotes = []*coding.Quote{}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Seq = seqs[pid]
	return res, nil
}

// moveHash files document id under its new content hash.
func (t *txn) moveHash(pid, id, from, to string) error {
	hashes, err := t.sub(pid, bHashes)
	if err != nil {
		return err
	}
	if err := hashes.Delete([]byte(from + "/" + id)); err != nil {
		return err
	}
	return hashes.Put([]byte(to+"/"+id), nil)
}
