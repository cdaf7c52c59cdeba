package store

import (
	"context"

	"tessera/coding"
)

// SetAssignments assigns each document to coders in one change.
func (s *Store) SetAssignments(ctx context.Context, pid string, docIDs, coders []string, independent bool) ([]*coding.Assignment, error) {
	if len(docIDs) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "document_ids is required: the documents to assign")
	}
	out := []*coding.Assignment{}
	err := s.update(ctx, "assign_documents", func(t *txn) error {
		out = out[:0] // a batch may run this again
		b, err := t.sub(pid, bAssign)
		if err != nil {
			return err
		}
		for _, did := range distinct(docIDs) {
			if _, err := t.findDocument(pid, did, false); err != nil {
				return err
			}
			a := &coding.Assignment{ProjectID: pid, DocumentID: did, Coders: coders, Independent: independent}
			if err := a.Validate(); err != nil {
				return err
			}
			for _, c := range a.Coders {
				m, err := t.findMember(pid, c)
				if err != nil || m.Role == coding.RoleViewer {
					return coding.Errorf(coding.EUNPROCESSABLE, "%q cannot be assigned: only members with the role coder or owner code", c)
				}
			}
			a.CreatedAt = t.now
			if old, err := get[coding.Assignment](b, did, "assignment"); err == nil {
				a.CreatedAt = old.CreatedAt
			}
			a.UpdatedAt, a.AssignedBy = t.now, t.actor
			if err := t.write(pid, "assignment", did, a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListAssignments returns the project's assignments by document ID.
func (s *Store) ListAssignments(ctx context.Context, pid string) ([]*coding.Assignment, error) {
	var out []*coding.Assignment
	err := s.view(ctx, func(t *txn) error {
		b, err := t.sub(pid, bAssign)
		if err != nil {
			return err
		}
		out, err = list[coding.Assignment](b)
		return err
	})
	if out == nil {
		out = []*coding.Assignment{}
	}
	return out, err
}

// DeleteAssignment ends the document's assignment.
func (s *Store) DeleteAssignment(ctx context.Context, pid, did string) error {
	return s.update(ctx, "unassign_document", func(t *txn) error {
		b, err := t.sub(pid, bAssign)
		if err != nil {
			return err
		}
		if b.Get([]byte(did)) == nil {
			return coding.Errorf(coding.ENOTFOUND, "document %q has no assignment", did)
		}
		return t.remove(pid, "assignment", did)
	})
}
