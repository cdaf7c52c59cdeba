package store

import (
	"context"
	"sort"

	"tessera/coding"
)

// Snapshot reads the whole project in one read transaction; withText
// loads each document's text and turns.
func (s *Store) Snapshot(ctx context.Context, pid string, withText bool) (*coding.Snapshot, error) {
	snap := &coding.Snapshot{}
	err := s.view(ctx, func(t *txn) (err error) {
		if snap.Project, err = get[coding.Project](t.tx.Bucket(bucketProjects), pid, "project"); err != nil {
			return err
		}
		pb, _ := t.project(pid)
		snap.Seq = readU64(pb.Get(keySeq))
		if snap.Cases, err = t.cases(pid); err != nil {
			return err
		}
		if snap.Documents, err = t.documents(pid); err != nil {
			return err
		}
		if withText {
			for i, d := range snap.Documents {
				if snap.Documents[i], err = t.findDocument(pid, d.ID, true); err != nil {
					return err
				}
			}
		}
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		coding.NewCodeTree(cb.all).Walk(func(c *coding.Code, _ int) { snap.Codes = append(snap.Codes, c) })
		if snap.Facets, err = t.facets(pid); err != nil {
			return err
		}
		if snap.Sets, err = t.sets(pid); err != nil {
			return err
		}
		if snap.Quotes, err = t.quotes(pid); err != nil {
			return err
		}
		if snap.Informants, err = t.informants(pid); err != nil {
			return err
		}
		if snap.Memos, err = t.memos(pid); err != nil {
			return err
		}
		if snap.Models, err = t.models(pid); err != nil {
			return err
		}
		for _, m := range snap.Models {
			m.LabelBoxes(cb.all)
		}
		snap.Anonymisation, err = t.findAnonymisation(pid)
		return err
	})
	if err != nil {
		return nil, err
	}
	coding.SortQuotes(snap.Quotes)
	orderQuotesByDocs(snap.Quotes, snap.Documents)
	return snap, nil
}

// orderQuotesByDocs sorts quotes (already in position order within each
// document) by the order of their documents.
func orderQuotesByDocs(qs []*coding.Quote, docs []*coding.Document) {
	rank := map[string]int{}
	for i, d := range docs {
		rank[d.ID] = i
	}
	sort.SliceStable(qs, func(i, j int) bool { return rank[qs[i].DocumentID] < rank[qs[j].DocumentID] })
}
