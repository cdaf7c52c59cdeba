package store

import (
	"context"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
)

// setBucket returns the project's sets bucket, creating it for projects
// made before sets existed when create is true; nil (and no error) when
// it does not exist and create is false.
func (t *txn) setBucket(pid string, create bool) (*bolt.Bucket, error) {
	pb, err := t.project(pid)
	if err != nil {
		return nil, err
	}
	if b := pb.Bucket(bSets); b != nil || !create {
		return b, nil
	}
	return pb.CreateBucket(bSets)
}

// sets returns the project's sets in order, without members that have
// been deleted from the project since they were added.
func (t *txn) sets(pid string) ([]*coding.Set, error) {
	b, err := t.setBucket(pid, false)
	if err != nil || b == nil {
		return []*coding.Set{}, err
	}
	sets, err := list[coding.Set](b)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(sets, func(i, j int) bool { return sets[i].Order < sets[j].Order })
	for _, s := range sets {
		if err := t.pruneSet(s); err != nil {
			return nil, err
		}
	}
	if sets == nil {
		sets = []*coding.Set{}
	}
	return sets, nil
}

// findSet returns one set, pruned as sets does.
func (t *txn) findSet(pid, id string) (*coding.Set, error) {
	b, err := t.setBucket(pid, false)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "set %q not found", id)
	}
	s, err := get[coding.Set](b, id, "set")
	if err != nil {
		return nil, err
	}
	return s, t.pruneSet(s)
}

// pruneSet drops the members that are no longer in the project.
func (t *txn) pruneSet(s *coding.Set) error {
	docs, err := t.sub(s.ProjectID, bDocuments)
	if err != nil {
		return err
	}
	codes, _ := t.sub(s.ProjectID, bCodes)
	s.DocumentIDs = present(docs, s.DocumentIDs)
	s.CodeIDs = present(codes, s.CodeIDs)
	return nil
}

// present returns the ids that are keys of b.
func present(b *bolt.Bucket, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if b.Get([]byte(id)) != nil {
			out = append(out, id)
		}
	}
	return out
}

// checkSetMembers refuses members that are not in the project.
func (t *txn) checkSetMembers(pid string, docIDs, codeIDs []string) error {
	docs, err := t.sub(pid, bDocuments)
	if err != nil {
		return err
	}
	codes, _ := t.sub(pid, bCodes)
	for _, id := range docIDs {
		if docs.Get([]byte(id)) == nil {
			return coding.Errorf(coding.EUNPROCESSABLE, "document %q is not in this project", id)
		}
	}
	for _, id := range codeIDs {
		if codes.Get([]byte(id)) == nil {
			return coding.Errorf(coding.EUNPROCESSABLE, "code %q is not in this project", id)
		}
	}
	return nil
}

func checkSetName(sets []*coding.Set, name, id string) error {
	if o := coding.SetByName(sets, name); o != nil && o.ID != id {
		return coding.Errorf(coding.ECONFLICT, "a set named %q already exists", o.Name)
	}
	return nil
}

// CreateSet stores s as the project's last set.
func (s *Store) CreateSet(ctx context.Context, set *coding.Set) error {
	if err := set.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create_set", func(t *txn) error {
		if _, err := t.setBucket(set.ProjectID, true); err != nil {
			return err
		}
		sets, err := t.sets(set.ProjectID)
		if err != nil {
			return err
		}
		if err := checkSetName(sets, set.Name, ""); err != nil {
			return err
		}
		if err := t.checkSetMembers(set.ProjectID, set.DocumentIDs, set.CodeIDs); err != nil {
			return err
		}
		set.ID = coding.NewID(t.now)
		set.CreatedAt, set.UpdatedAt = t.now, t.now
		set.Order = 0
		for _, o := range sets {
			set.Order = max(set.Order, o.Order+1)
		}
		return t.write(set.ProjectID, "set", set.ID, set)
	})
}

// FindSet returns the set with id.
func (s *Store) FindSet(ctx context.Context, pid, id string) (*coding.Set, error) {
	var set *coding.Set
	err := s.view(ctx, func(t *txn) (err error) {
		set, err = t.findSet(pid, id)
		return err
	})
	return set, err
}

// ListSets returns the project's sets in order.
func (s *Store) ListSets(ctx context.Context, pid string) ([]*coding.Set, error) {
	var out []*coding.Set
	err := s.view(ctx, func(t *txn) (err error) {
		out, err = t.sets(pid)
		return err
	})
	return out, err
}

// UpdateSet renames, describes or changes the members of the set.
func (s *Store) UpdateSet(ctx context.Context, pid, id string, u coding.SetUpdate) (*coding.Set, error) {
	var set *coding.Set
	err := s.update(ctx, "update_set", func(t *txn) (err error) {
		if set, err = t.findSet(pid, id); err != nil {
			return err
		}
		if err := u.Apply(set); err != nil {
			return err
		}
		sets, err := t.sets(pid)
		if err != nil {
			return err
		}
		if err := checkSetName(sets, set.Name, set.ID); err != nil {
			return err
		}
		docs, codes := u.NewMembers()
		if err := t.checkSetMembers(pid, docs, codes); err != nil {
			return err
		}
		set.UpdatedAt = t.now
		return t.write(pid, "set", set.ID, set)
	})
	return set, err
}

// DeleteSet removes the set; its members stay in the project.
func (s *Store) DeleteSet(ctx context.Context, pid, id string) error {
	return s.update(ctx, "delete_set", func(t *txn) error {
		if _, err := t.findSet(pid, id); err != nil {
			return err
		}
		return t.remove(pid, "set", id)
	})
}

// retargetSetCodes puts code to in every set that holds code from (a
// merge), in from's place; from leaves the sets.
func (t *txn) retargetSetCodes(pid, from, to string) error {
	sets, err := t.sets(pid)
	if err != nil {
		return err
	}
	for _, s := range sets {
		i := slices.Index(s.CodeIDs, from)
		if i < 0 {
			continue
		}
		if slices.Contains(s.CodeIDs, to) {
			s.CodeIDs = slices.Delete(s.CodeIDs, i, i+1)
		} else {
			s.CodeIDs[i] = to
		}
		s.UpdatedAt = t.now
		if err := t.write(pid, "set", s.ID, s); err != nil {
			return err
		}
	}
	return nil
}
