package store_test

import (
	"testing"
	"time"

	"tessera/coding"
	"tessera/coding/store"
)

func mustSession(tb testing.TB, s *store.Store, id, user string, expires time.Time) *coding.Session {
	tb.Helper()
	sess := &coding.Session{ID: id, Username: user, CSRFToken: "csrf-" + id, CreatedAt: frozen, LastSeenAt: frozen, ExpiresAt: expires}
	if err := s.CreateSession(ctx, sess); err != nil {
		tb.Fatal(err)
	}
	return sess
}

func TestSessions(t *testing.T) {
	s := mustOpen(t)
	mustUser(t, s, "admin", true)
	mustUser(t, s, "aino", false)
	mustSession(t, s, "s1", "aino", frozen.Add(time.Hour))
	mustSession(t, s, "s2", "aino", frozen.Add(2*time.Hour))
	mustSession(t, s, "s3", "admin", frozen.Add(3*time.Hour))

	// Sessions only for enabled accounts, and never twice.
	err := s.CreateSession(ctx, &coding.Session{ID: "s4", Username: "nobody", CSRFToken: "x"})
	wantCode(t, err, coding.EUNAUTHORIZED)
	err = s.CreateSession(ctx, &coding.Session{ID: "s1", Username: "aino", CSRFToken: "x"})
	wantCode(t, err, coding.ECONFLICT)
	wantCode(t, s.CreateSession(ctx, &coding.Session{ID: "s5", Username: "aino"}), coding.EINVALID)

	got, err := s.FindSession(ctx, "s1")
	if err != nil || got.Username != "aino" || got.CSRFToken != "csrf-s1" {
		t.Fatalf("got %+v %v", got, err)
	}
	_, err = s.FindSession(ctx, "nope")
	wantCode(t, err, coding.ENOTFOUND)

	// Touching moves the session on.
	seen := frozen.Add(30 * time.Minute)
	if err := s.TouchSession(ctx, "s1", seen, seen.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindSession(ctx, "s1"); !got.LastSeenAt.Equal(seen) || !got.ExpiresAt.Equal(seen.Add(time.Hour)) {
		t.Errorf("got %+v after touching", got)
	}
	wantCode(t, s.TouchSession(ctx, "nope", seen, seen), coding.ENOTFOUND)

	// Expired sessions go.
	n, err := s.DeleteExpiredSessions(ctx, frozen.Add(100*time.Minute))
	if err != nil || n != 1 {
		t.Errorf("got %d deleted (%v), want s1 only (it ends at 90 minutes)", n, err)
	}
	if ss, _ := s.ListSessions(ctx, "aino"); len(ss) != 1 || ss[0].ID != "s2" {
		t.Errorf("got aino's sessions %+v, want s2", ss)
	}

	// A new password ends the user's sessions but the one kept; disabling
	// ends them all.
	mustSession(t, s, "s6", "aino", frozen.Add(time.Hour))
	hash := "$argon2id$new"
	if _, err := s.UpdateUser(ctx, "aino", coding.UserUpdate{PasswordHash: &hash, KeepSession: "s6"}); err != nil {
		t.Fatal(err)
	}
	if ss, _ := s.ListSessions(ctx, "aino"); len(ss) != 1 || ss[0].ID != "s6" {
		t.Errorf("after the password change got %+v, want s6 kept", ss)
	}
	yes := true
	if _, err := s.UpdateUser(ctx, "aino", coding.UserUpdate{Disabled: &yes}); err != nil {
		t.Fatal(err)
	}
	if ss, _ := s.ListSessions(ctx, "aino"); len(ss) != 0 {
		t.Errorf("after disabling got %d sessions, want 0", len(ss))
	}
	wantCode(t, s.CreateSession(ctx, &coding.Session{ID: "s7", Username: "aino", CSRFToken: "x"}), coding.EUNAUTHORIZED)
	if ss, _ := s.ListSessions(ctx, "admin"); len(ss) != 1 {
		t.Errorf("got %d admin sessions, want 1 untouched", len(ss))
	}

	// Logout.
	if err := s.DeleteSession(ctx, "s3"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSession(ctx, "s3"); err != nil {
		t.Errorf("deleting a missing session: %v, want no error", err)
	}
}
