package store

import (
	"context"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
	"tessera/coding/markdown"
)

// renderMemo sets the memo's HTML from its body. It runs outside write
// transactions: rendering takes up to markdown.Budget.
func renderMemo(m *coding.Memo) error {
	html, err := markdown.Render(m.Body)
	if err != nil {
		return coding.Errorf(coding.ETOOLARGE, "memo: %v", err)
	}
	m.HTML, m.HTMLVersion = html, markdown.Version
	return nil
}

// freshMemos renders again, for the caller only, memos stored by another
// renderer version (written by an older build since this store opened).
func freshMemos(memos []*coding.Memo) error {
	for _, m := range memos {
		if m.HTMLVersion != markdown.Version {
			if err := renderMemo(m); err != nil {
				return err
			}
		}
	}
	return nil
}

// rerenderMemos stores a new rendering of every memo made by another
// renderer version, or shown as plain text because it did not render in
// time when it was saved (see markdown.Budget). It runs when the store
// opens; the renderings are derived data, so they are neither audited nor
// reported as changes.
func rerenderMemos(tx *bolt.Tx) error {
	data := tx.Bucket(bucketData)
	return data.ForEach(func(pid, _ []byte) error {
		pb := data.Bucket(pid)
		if pb == nil {
			return nil
		}
		b := pb.Bucket(bMemos)
		if b == nil {
			return nil
		}
		memos, err := list[coding.Memo](b)
		if err != nil {
			return err
		}
		for _, m := range memos {
			if m.HTMLVersion == markdown.Version && !markdown.IsPlain(m.HTML) {
				continue
			}
			if err := renderMemo(m); err != nil {
				return err
			}
			if err := put(b, m.ID, m); err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *txn) putMemo(m *coding.Memo) error {
	b, err := t.sub(m.ProjectID, bMemos)
	if err != nil {
		return err
	}
	_ = b
	return t.write(m.ProjectID, "memo", m.ID, m)
}

func (t *txn) findMemo(pid, id string) (*coding.Memo, error) {
	b, err := t.sub(pid, bMemos)
	if err != nil {
		return nil, err
	}
	return get[coding.Memo](b, id, "memo")
}

func (t *txn) memos(pid string) ([]*coding.Memo, error) {
	b, err := t.sub(pid, bMemos)
	if err != nil {
		return nil, err
	}
	return list[coding.Memo](b)
}

// checkTarget reports whether the memo's target exists.
func (t *txn) checkTarget(m *coding.Memo) error {
	var err error
	switch m.TargetType {
	case coding.MemoProject:
		_, err = t.project(m.ProjectID)
	case coding.MemoCase:
		_, err = t.findCase(m.ProjectID, m.TargetID)
	case coding.MemoDocument:
		_, err = t.findDocument(m.ProjectID, m.TargetID, false)
	case coding.MemoCode:
		var cb *codebook
		if cb, err = t.codebook(m.ProjectID); err == nil {
			_, err = cb.find(m.TargetID)
		}
	case coding.MemoQuote:
		_, err = t.findQuote(m.ProjectID, m.TargetID)
	}
	if coding.ErrorCode(err) == coding.ENOTFOUND {
		return coding.Errorf(coding.EUNPROCESSABLE, "memo target: %s", coding.ErrorMessage(err))
	}
	return err
}

// deleteMemosOf removes the memos attached to one target.
func (t *txn) deleteMemosOf(pid, targetType, targetID string) error {
	memos, err := t.memos(pid)
	if err != nil {
		return err
	}
	for _, m := range memos {
		if m.TargetType == targetType && m.TargetID == targetID {
			if err := t.remove(pid, "memo", m.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// retargetMemos moves the memos of one target to another of the same type.
func (t *txn) retargetMemos(pid, targetType, from, to string) error {
	memos, err := t.memos(pid)
	if err != nil {
		return err
	}
	for _, m := range memos {
		if m.TargetType == targetType && m.TargetID == from {
			m.TargetID = to
			m.UpdatedAt = t.now
			if err := t.putMemo(m); err != nil {
				return err
			}
		}
	}
	return nil
}

// CreateMemo stores m on its target.
func (s *Store) CreateMemo(ctx context.Context, m *coding.Memo) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := renderMemo(m); err != nil {
		return err
	}
	return s.update(ctx, "create_memo", func(t *txn) error {
		if err := t.checkTarget(m); err != nil {
			return err
		}
		m.ID = coding.NewID(t.now)
		m.CreatedAt, m.UpdatedAt = t.now, t.now
		return t.putMemo(m)
	})
}

// FindMemo returns the memo with id.
func (s *Store) FindMemo(ctx context.Context, pid, id string) (*coding.Memo, error) {
	var m *coding.Memo
	err := s.view(ctx, func(t *txn) (err error) {
		m, err = t.findMemo(pid, id)
		return err
	})
	if err == nil {
		err = freshMemos([]*coding.Memo{m})
	}
	return m, err
}

// ListMemos returns the memos matching f, oldest first.
func (s *Store) ListMemos(ctx context.Context, pid string, f coding.MemoFilter) ([]*coding.Memo, error) {
	out := []*coding.Memo{}
	err := s.view(ctx, func(t *txn) error {
		memos, err := t.memos(pid)
		for _, m := range memos {
			if (f.TargetType == "" || m.TargetType == f.TargetType) && (f.TargetID == "" || m.TargetID == f.TargetID) {
				out = append(out, m)
			}
		}
		return err
	})
	if err == nil {
		err = freshMemos(out)
	}
	return out, err
}

// UpdateMemo changes the memo's title or body.
func (s *Store) UpdateMemo(ctx context.Context, pid, id string, u coding.MemoUpdate) (*coding.Memo, error) {
	var rendered coding.Memo
	if u.Body != nil {
		rendered.Body = *u.Body
		if len(rendered.Body) > coding.MaxMemoLen {
			return nil, coding.Errorf(coding.ETOOLARGE, "memo is larger than %d bytes", coding.MaxMemoLen)
		}
		if err := renderMemo(&rendered); err != nil {
			return nil, err
		}
	}
	var m *coding.Memo
	err := s.update(ctx, "update_memo", func(t *txn) (err error) {
		if m, err = t.findMemo(pid, id); err != nil {
			return err
		}
		if err := checkVersion("memo", m.Version, u.IfVersion); err != nil {
			return err
		}
		if u.Title != nil {
			m.Title = *u.Title
		}
		if u.Body != nil {
			m.Body, m.HTML, m.HTMLVersion = rendered.Body, rendered.HTML, rendered.HTMLVersion
		}
		if err := m.Validate(); err != nil {
			return err
		}
		m.UpdatedAt, m.UpdatedBy = t.now, t.actor
		return t.putMemo(m)
	})
	return m, err
}

// DeleteMemo removes the memo.
func (s *Store) DeleteMemo(ctx context.Context, pid, id string) error {
	return s.update(ctx, "delete_memo", func(t *txn) error {
		if _, err := t.findMemo(pid, id); err != nil {
			return err
		}
		return t.remove(pid, "memo", id)
	})
}
