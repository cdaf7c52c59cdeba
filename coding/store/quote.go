package store

import (
	"context"
	"strings"

	"tessera/coding"
)

func (t *txn) putQuote(q *coding.Quote) error {
	b, err := t.sub(q.ProjectID, bQuotes)
	if err != nil {
		return err
	}
	idx, _ := t.sub(q.ProjectID, bDocQuotes)
	if err := idx.Put([]byte(q.DocumentID+"/"+q.ID), nil); err != nil {
		return err
	}
	_ = b
	return t.write(q.ProjectID, "quote", q.ID, q)
}

func (t *txn) deleteQuote(q *coding.Quote) error {
	b, err := t.sub(q.ProjectID, bQuotes)
	if err != nil {
		return err
	}
	idx, _ := t.sub(q.ProjectID, bDocQuotes)
	if err := idx.Delete([]byte(q.DocumentID + "/" + q.ID)); err != nil {
		return err
	}
	if err := t.deleteMemosOf(q.ProjectID, coding.MemoQuote, q.ID); err != nil {
		return err
	}
	_ = b
	return t.remove(q.ProjectID, "quote", q.ID)
}

func (t *txn) findQuote(pid, id string) (*coding.Quote, error) {
	b, err := t.sub(pid, bQuotes)
	if err != nil {
		return nil, err
	}
	return get[coding.Quote](b, id, "quote")
}

// quotes returns all quotes of the project, in ID order.
func (t *txn) quotes(pid string) ([]*coding.Quote, error) {
	b, err := t.sub(pid, bQuotes)
	if err != nil {
		return nil, err
	}
	return list[coding.Quote](b)
}

// documentQuotes returns the quotes of one document through the index.
func (t *txn) documentQuotes(pid, docID string) ([]*coding.Quote, error) {
	idx, err := t.sub(pid, bDocQuotes)
	if err != nil {
		return nil, err
	}
	var out []*coding.Quote
	prefix := docID + "/"
	c := idx.Cursor()
	for k, _ := c.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, _ = c.Next() {
		q, err := t.findQuote(pid, string(k[len(prefix):]))
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// codeMap returns the project's codes by ID.
func (t *txn) codeMap(pid string) (map[string]*coding.Code, error) {
	cb, err := t.codebook(pid)
	if err != nil {
		return nil, err
	}
	return cb.byID, nil
}

// CreateQuote places q in its document and stores it.
func (s *Store) CreateQuote(ctx context.Context, q *coding.Quote) error {
	return s.update(ctx, "create_quote", func(t *txn) error {
		doc, err := t.findDocument(q.ProjectID, q.DocumentID, true)
		if err != nil {
			return err
		}
		codes, err := t.codeMap(q.ProjectID)
		if err != nil {
			return err
		}
		if err := checkNewQuote(q, doc, codes); err != nil {
			return err
		}
		q.ID = coding.NewID(t.now)
		q.CreatedAt, q.UpdatedAt = t.now, t.now
		return t.putQuote(q)
	})
}

// checkNewQuote checks a quote to create against its document and the
// codebook, and places it (taking the text snapshot).
func checkNewQuote(q *coding.Quote, doc *coding.Document, codes map[string]*coding.Code) error {
	var err error
	if q.CodeIDs, err = coding.CheckCodes(q.CodeIDs, codes); err != nil {
		return err
	}
	if err := coding.CheckNotRetired(q.CodeIDs, nil, codes); err != nil {
		return err
	}
	if err := q.Place(doc); err != nil {
		return err
	}
	if len(q.Memo) > coding.MaxMemoLen {
		return coding.Errorf(coding.ETOOLARGE, "quote memo is larger than %d bytes", coding.MaxMemoLen)
	}
	return coding.CleanText("quote memo", &q.Memo)
}

// FindQuote returns the quote with id.
func (s *Store) FindQuote(ctx context.Context, pid, id string) (*coding.Quote, error) {
	var q *coding.Quote
	err := s.view(ctx, func(t *txn) (err error) {
		q, err = t.findQuote(pid, id)
		return err
	})
	return q, err
}

// ListQuotes returns the quotes matching f in document order.
func (s *Store) ListQuotes(ctx context.Context, pid string, f coding.QuoteFilter) ([]*coding.Quote, error) {
	out := []*coding.Quote{}
	err := s.view(ctx, func(t *txn) error {
		var quotes []*coding.Quote
		var err error
		if f.DocumentID != "" {
			if _, err := t.findDocument(pid, f.DocumentID, false); err != nil {
				return err
			}
			quotes, err = t.documentQuotes(pid, f.DocumentID)
		} else {
			quotes, err = t.quotes(pid)
		}
		if err != nil {
			return err
		}
		var wanted map[string]bool
		if f.CodeID != "" {
			cb, err := t.codebook(pid)
			if err != nil {
				return err
			}
			if _, err := cb.find(f.CodeID); err != nil {
				return err
			}
			wanted = map[string]bool{}
			for _, id := range coding.NewCodeTree(cb.all).Descendants(f.CodeID) {
				wanted[id] = true
			}
		}
		for _, q := range quotes {
			if f.Coder != "" && q.Coder != f.Coder {
				continue
			}
			if wanted != nil && !anyCode(q.CodeIDs, wanted) {
				continue
			}
			out = append(out, q)
		}
		// Order by the documents' order, then by position, as they stand
		// in this same transaction.
		docs, err := t.documents(pid)
		if err != nil {
			return err
		}
		coding.SortQuotes(out)
		orderQuotesByDocs(out, docs)
		return nil
	})
	return out, err
}

func anyCode(ids []string, wanted map[string]bool) bool {
	for _, id := range ids {
		if wanted[id] {
			return true
		}
	}
	return false
}

// UpdateQuote resizes, recodes or annotates the quote.
func (s *Store) UpdateQuote(ctx context.Context, pid, id string, u coding.QuoteUpdate) (*coding.Quote, error) {
	var q *coding.Quote
	err := s.update(ctx, "update_quote", func(t *txn) (err error) {
		if q, err = t.findQuote(pid, id); err != nil {
			return err
		}
		if err := checkVersion("quote", q.Version, u.IfVersion); err != nil {
			return err
		}
		if u.Start != nil || u.End != nil {
			if u.Start != nil {
				q.Start = *u.Start
			}
			if u.End != nil {
				q.End = *u.End
			}
			doc, err := t.findDocument(pid, q.DocumentID, true)
			if err != nil {
				return err
			}
			if err := q.Place(doc); err != nil {
				return err
			}
		}
		if u.CodeIDs != nil {
			codes, err := t.codeMap(pid)
			if err != nil {
				return err
			}
			before := q.CodeIDs
			if q.CodeIDs, err = coding.CheckCodes(u.CodeIDs, codes); err != nil {
				return err
			}
			if err := coding.CheckNotRetired(q.CodeIDs, before, codes); err != nil {
				return err
			}
		}
		if u.Memo != nil {
			if len(*u.Memo) > coding.MaxMemoLen {
				return coding.Errorf(coding.ETOOLARGE, "quote memo is larger than %d bytes", coding.MaxMemoLen)
			}
			if err := coding.CleanText("quote memo", u.Memo); err != nil {
				return err
			}
			q.Memo = *u.Memo
		}
		// A resize or recode can leave picks and the excerpt behind.
		q.TidyPicks()
		if u.Pick != nil {
			if err := t.pickQuote(q, *u.Pick); err != nil {
				return err
			}
		}
		if u.Excerpt != nil {
			if err := setExcerpt(q, *u.Excerpt); err != nil {
				return err
			}
		}
		q.UpdatedAt, q.UpdatedBy = t.now, t.actor
		return t.putQuote(q)
	})
	return q, err
}

// DeleteQuote removes the quote and its memos.
func (s *Store) DeleteQuote(ctx context.Context, pid, id string) error {
	return s.update(ctx, "delete_quote", func(t *txn) error {
		q, err := t.findQuote(pid, id)
		if err != nil {
			return err
		}
		return t.deleteQuote(q)
	})
}

// CodeRanges codes the ranges of req with one code in one transaction.
func (s *Store) CodeRanges(ctx context.Context, pid string, req coding.CodeRangesRequest) (*coding.CodeRangesResult, error) {
	var res *coding.CodeRangesResult
	seqs, err := s.commit(ctx, "auto_code", func(t *txn) error {
		res = &coding.CodeRangesResult{QuoteIDs: []string{}}
		codes, err := t.codeMap(pid)
		if err != nil {
			return err
		}
		if _, err := coding.CheckCodes([]string{req.CodeID}, codes); err != nil {
			return err
		}
		if err := coding.CheckNotRetired([]string{req.CodeID}, nil, codes); err != nil {
			return err
		}
		type docState struct {
			placer   *coding.Placer
			existing map[[2]int]*coding.Quote
		}
		docs := map[string]*docState{}
		seen := map[coding.QuoteRange]bool{}
		for _, r := range req.Ranges {
			if seen[r] {
				continue
			}
			seen[r] = true
			d := docs[r.DocumentID]
			if d == nil {
				doc, err := t.findDocument(pid, r.DocumentID, true)
				if err != nil {
					return err
				}
				quotes, err := t.documentQuotes(pid, r.DocumentID)
				if err != nil {
					return err
				}
				d = &docState{placer: coding.NewPlacer(doc), existing: map[[2]int]*coding.Quote{}}
				for _, q := range quotes {
					if req.Hidden != nil && req.Hidden(q) {
						continue
					}
					// The oldest quote of a range is the one reused.
					if old := d.existing[[2]int{q.Start, q.End}]; old == nil || q.CreatedAt.Before(old.CreatedAt) {
						d.existing[[2]int{q.Start, q.End}] = q
					}
				}
				docs[r.DocumentID] = d
			}
			if q := d.existing[[2]int{r.Start, r.End}]; q != nil {
				res.Existing++
				res.QuoteIDs = append(res.QuoteIDs, q.ID)
				if q.HasCode(req.CodeID) {
					continue
				}
				q.CodeIDs = append(q.CodeIDs, req.CodeID)
				q.UpdatedAt, q.UpdatedBy = t.now, t.actor
				if err := t.putQuote(q); err != nil {
					return err
				}
				continue
			}
			q := &coding.Quote{ProjectID: pid, DocumentID: r.DocumentID, Start: r.Start, End: r.End, CodeIDs: []string{req.CodeID}, Coder: req.Coder}
			if err := d.placer.Place(q); err != nil {
				return err
			}
			q.ID = coding.NewID(t.now)
			q.CreatedAt, q.UpdatedAt = t.now, t.now
			if err := t.putQuote(q); err != nil {
				return err
			}
			d.existing[[2]int{q.Start, q.End}] = q
			res.Created++
			res.QuoteIDs = append(res.QuoteIDs, q.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Seq = seqs[pid]
	return res, nil
}
