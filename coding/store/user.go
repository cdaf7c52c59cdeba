package store

import (
	"context"
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
)

// userRecord is an account as stored: the user with its password hash,
// which coding.User keeps out of JSON.
type userRecord struct {
	coding.User
	PasswordHash string `json:"password_hash"`
}

func (t *txn) users() *bolt.Bucket { return t.tx.Bucket(bucketUsers) }

// findUser returns the account named username (already normalised).
func (t *txn) findUser(username string) (*coding.User, error) {
	r, err := get[userRecord](t.users(), username, "user")
	if err != nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "no user named %q", username)
	}
	u := r.User
	u.PasswordHash = r.PasswordHash
	return &u, nil
}

// putUser stores the account with its hash.
func (t *txn) putUser(u *coding.User) error {
	return put(t.users(), u.Username, userRecord{User: *u, PasswordHash: u.PasswordHash})
}

// CreateUser validates and stores u.
func (s *Store) CreateUser(ctx context.Context, u *coding.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create_user", func(t *txn) error {
		if t.users().Get([]byte(u.Username)) != nil {
			return coding.Errorf(coding.ECONFLICT, "a user named %q already exists", u.Username)
		}
		u.CreatedAt, u.UpdatedAt, u.PasswordChangedAt = t.now, t.now, t.now
		return t.putUser(u)
	})
}

// FindUser returns the account named username.
func (s *Store) FindUser(ctx context.Context, username string) (*coding.User, error) {
	name, err := coding.NormalizeUsername(username)
	if err != nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "no user named %q", username)
	}
	var u *coding.User
	err = s.view(ctx, func(t *txn) (err error) {
		u, err = t.findUser(name)
		return err
	})
	return u, err
}

// ListUsers returns every account by username.
func (s *Store) ListUsers(ctx context.Context) ([]*coding.User, error) {
	out := []*coding.User{}
	err := s.view(ctx, func(t *txn) error {
		return t.users().ForEach(func(k, v []byte) error {
			var r userRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return err
			}
			u := r.User
			u.PasswordHash = r.PasswordHash
			out = append(out, &u)
			return nil
		})
	})
	return out, err
}

// UpdateUser changes the account; disabling it or setting its password
// ends its sessions (but u.KeepSession) in the same transaction.
func (s *Store) UpdateUser(ctx context.Context, username string, u coding.UserUpdate) (*coding.User, error) {
	name, err := coding.NormalizeUsername(username)
	if err != nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "no user named %q", username)
	}
	var user *coding.User
	err = s.update(ctx, "update_user", func(t *txn) (err error) {
		if user, err = t.findUser(name); err != nil {
			return err
		}
		wasAdmin := user.Admin && !user.Disabled
		if u.Admin != nil {
			user.Admin = *u.Admin
		}
		if u.Disabled != nil {
			user.Disabled = *u.Disabled
		}
		if u.PasswordHash != nil {
			if *u.PasswordHash == "" {
				return coding.Errorf(coding.EINVALID, "the new password hash is empty")
			}
			user.PasswordHash = *u.PasswordHash
			user.PasswordChangedAt = t.now
		}
		if wasAdmin && !(user.Admin && !user.Disabled) {
			if err := t.checkOtherAdmin(name); err != nil {
				return err
			}
		}
		user.UpdatedAt = t.now
		if user.Disabled || u.PasswordHash != nil {
			if err := t.deleteUserSessions(name, u.KeepSession); err != nil {
				return err
			}
		}
		return t.putUser(user)
	})
	return user, err
}

// checkOtherAdmin refuses a change that would leave no enabled
// administrator besides username.
func (t *txn) checkOtherAdmin(username string) error {
	c := t.users().Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if string(k) == username {
			continue
		}
		var r userRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		if r.Admin && !r.Disabled {
			return nil
		}
	}
	return coding.Errorf(coding.ECONFLICT, "%q is the only enabled administrator; make another user an administrator first", username)
}
