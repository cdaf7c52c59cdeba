package store

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
)

func (t *txn) sessions() *bolt.Bucket { return t.tx.Bucket(bucketSessions) }

// CreateSession stores a session for an enabled account.
func (s *Store) CreateSession(ctx context.Context, sess *coding.Session) error {
	if sess.ID == "" || sess.CSRFToken == "" {
		return coding.Errorf(coding.EINVALID, "a session needs an ID and a CSRF token")
	}
	return s.update(ctx, "create_session", func(t *txn) error {
		u, err := t.findUser(sess.Username)
		if err != nil || u.Disabled {
			return coding.Errorf(coding.EUNAUTHORIZED, "the account %q cannot sign in", sess.Username)
		}
		if t.sessions().Get([]byte(sess.ID)) != nil {
			return coding.Errorf(coding.ECONFLICT, "the session exists already")
		}
		return put(t.sessions(), sess.ID, sess)
	})
}

// FindSession returns the session with id.
func (s *Store) FindSession(ctx context.Context, id string) (*coding.Session, error) {
	var sess *coding.Session
	err := s.view(ctx, func(t *txn) (err error) {
		sess, err = get[coding.Session](t.sessions(), id, "session")
		return err
	})
	return sess, err
}

// TouchSession records the session's use and its new end.
func (s *Store) TouchSession(ctx context.Context, id string, seen, expires time.Time) error {
	return s.update(ctx, "touch_session", func(t *txn) error {
		sess, err := get[coding.Session](t.sessions(), id, "session")
		if err != nil {
			return err
		}
		sess.LastSeenAt, sess.ExpiresAt = seen.UTC(), expires.UTC()
		return put(t.sessions(), id, sess)
	})
}

// DeleteSession ends the session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.update(ctx, "delete_session", func(t *txn) error {
		return t.sessions().Delete([]byte(id))
	})
}

// DeleteExpiredSessions removes the sessions that ended before now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	n := 0
	err := s.update(ctx, "delete_expired_sessions", func(t *txn) error {
		n = 0 // a batch may run this again
		return t.deleteSessionsWhere(func(sess *coding.Session) bool {
			if sess.ExpiresAt.Before(now) {
				n++
				return true
			}
			return false
		})
	})
	return n, err
}

// ListSessions returns the user's sessions, oldest first.
func (s *Store) ListSessions(ctx context.Context, username string) ([]*coding.Session, error) {
	out := []*coding.Session{}
	err := s.view(ctx, func(t *txn) error {
		return t.sessions().ForEach(func(k, v []byte) error {
			sess := &coding.Session{}
			if err := json.Unmarshal(v, sess); err != nil {
				return err
			}
			if sess.Username == username {
				out = append(out, sess)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, err
}

// deleteUserSessions ends every session of username except keep.
func (t *txn) deleteUserSessions(username, keep string) error {
	return t.deleteSessionsWhere(func(sess *coding.Session) bool {
		return sess.Username == username && sess.ID != keep
	})
}

// deleteSessionsWhere deletes the sessions for which drop is true.
func (t *txn) deleteSessionsWhere(drop func(*coding.Session) bool) error {
	b := t.sessions()
	var doomed [][]byte
	err := b.ForEach(func(k, v []byte) error {
		sess := &coding.Session{}
		if err := json.Unmarshal(v, sess); err != nil {
			return err
		}
		if drop(sess) {
			doomed = append(doomed, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range doomed {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
