package store

import (
	"context"
	"sort"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
)

// keyAccess is the one key of a project's access bucket.
const keyAccess = "settings"

// migrateTeam upgrades schema 1 to 2: the root buckets of accounts and
// sessions, and the team buckets of every existing project.
func migrateTeam(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketUsers, bucketSessions} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	data := tx.Bucket(bucketData)
	var pids [][]byte
	err := data.ForEachBucket(func(k []byte) error {
		pids = append(pids, append([]byte(nil), k...))
		return nil
	})
	if err != nil {
		return err
	}
	for _, pid := range pids {
		pb := data.Bucket(pid)
		for _, name := range [][]byte{bMembers, bAssign, bAccess, bDecisions} {
			if _, err := pb.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
	}
	return nil
}

// findMember returns the membership of username in pid.
func (t *txn) findMember(pid, username string) (*coding.Member, error) {
	if name, err := coding.NormalizeUsername(username); err == nil {
		username = name
	}
	b, err := t.sub(pid, bMembers)
	if err != nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "%q is not a member of project %q", username, pid)
	}
	m, err := get[coding.Member](b, username, "member")
	if err != nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "%q is not a member of this project", username)
	}
	return m, nil
}

// members returns the project's members by username.
func (t *txn) members(pid string) ([]*coding.Member, error) {
	b, err := t.sub(pid, bMembers)
	if err != nil {
		return nil, err
	}
	return list[coding.Member](b)
}

// checkOtherOwner refuses a change that would leave a project that has
// owners without one besides username.
func (t *txn) checkOtherOwner(pid, username string) error {
	ms, err := t.members(pid)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Username != username && m.Role == coding.RoleOwner {
			return nil
		}
	}
	return coding.Errorf(coding.ECONFLICT, "%q is the project's only owner; make another member an owner first", username)
}

// PutMember gives a user a role in the project.
func (s *Store) PutMember(ctx context.Context, m *coding.Member) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "put_member", func(t *txn) error {
		if _, err := get[coding.Project](t.tx.Bucket(bucketProjects), m.ProjectID, "project"); err != nil {
			return err
		}
		u, err := t.findUser(m.Username)
		if err != nil {
			return coding.Errorf(coding.EUNPROCESSABLE, "there is no user named %q; an administrator adds users first", m.Username)
		}
		if u.Disabled {
			return coding.Errorf(coding.EUNPROCESSABLE, "the account %q is disabled", m.Username)
		}
		m.CreatedAt = t.now
		if old, err := t.findMember(m.ProjectID, m.Username); err == nil {
			m.CreatedAt = old.CreatedAt
			if old.Role == coding.RoleOwner && m.Role != coding.RoleOwner {
				if err := t.checkOtherOwner(m.ProjectID, m.Username); err != nil {
					return err
				}
			}
		}
		m.UpdatedAt = t.now
		return t.write(m.ProjectID, "member", m.Username, m)
	})
}

// FindMember returns the user's membership in the project.
func (s *Store) FindMember(ctx context.Context, pid, username string) (*coding.Member, error) {
	var m *coding.Member
	err := s.view(ctx, func(t *txn) (err error) {
		m, err = t.findMember(pid, username)
		return err
	})
	return m, err
}

// ListMembers returns the project's members by username.
func (s *Store) ListMembers(ctx context.Context, pid string) ([]*coding.Member, error) {
	var out []*coding.Member
	err := s.view(ctx, func(t *txn) (err error) {
		out, err = t.members(pid)
		return err
	})
	if out == nil {
		out = []*coding.Member{}
	}
	return out, err
}

// ListMemberships returns the user's memberships, by project ID.
func (s *Store) ListMemberships(ctx context.Context, username string) ([]*coding.Member, error) {
	out := []*coding.Member{}
	if name, err := coding.NormalizeUsername(username); err == nil {
		username = name
	}
	err := s.view(ctx, func(t *txn) error {
		return t.tx.Bucket(bucketData).ForEachBucket(func(pid []byte) error {
			if m, err := t.findMember(string(pid), username); err == nil {
				out = append(out, m)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ProjectID < out[j].ProjectID })
	return out, err
}

// DeleteMember removes the user from the project.
func (s *Store) DeleteMember(ctx context.Context, pid, username string) error {
	return s.update(ctx, "delete_member", func(t *txn) error {
		m, err := t.findMember(pid, username)
		if err != nil {
			return err
		}
		if m.Role == coding.RoleOwner {
			if err := t.checkOtherOwner(pid, username); err != nil {
				return err
			}
		}
		return t.remove(pid, "member", m.Username)
	})
}

// findAccess returns the project's team settings, defaults when unset.
func (t *txn) findAccess(pid string) (*coding.ProjectAccess, error) {
	b, err := t.sub(pid, bAccess)
	if err != nil {
		return nil, err
	}
	if b.Get([]byte(keyAccess)) == nil {
		return &coding.ProjectAccess{ProjectID: pid}, nil
	}
	return get[coding.ProjectAccess](b, keyAccess, "project settings")
}

// FindProjectAccess returns the project's team settings.
func (s *Store) FindProjectAccess(ctx context.Context, pid string) (*coding.ProjectAccess, error) {
	var a *coding.ProjectAccess
	err := s.view(ctx, func(t *txn) (err error) {
		a, err = t.findAccess(pid)
		return err
	})
	return a, err
}

// LockCodebook locks or unlocks the codebook for coders.
func (s *Store) LockCodebook(ctx context.Context, pid string, locked bool) (*coding.ProjectAccess, error) {
	op := "unlock_codebook"
	if locked {
		op = "lock_codebook"
	}
	var a *coding.ProjectAccess
	err := s.update(ctx, op, func(t *txn) (err error) {
		if a, err = t.findAccess(pid); err != nil {
			return err
		}
		a.CodebookLocked = locked
		a.UpdatedAt, a.UpdatedBy = t.now, t.actor
		return t.write(pid, "access", keyAccess, a)
	})
	return a, err
}

var _ coding.AccessStore = (*Store)(nil)
