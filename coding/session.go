package coding

import (
	"context"
	"time"
)

// Session is a signed-in browser of a team server. The browser holds a
// random token in a cookie; the store keeps only the token's SHA-256, so
// a copy of the data file cannot be used to sign in.
type Session struct {
	// ID is the hex SHA-256 of the session token.
	ID       string `json:"id"`
	Username string `json:"username"`
	// CSRFToken must accompany every state-changing request of the
	// session (header X-Tessera-CSRF).
	CSRFToken  string    `json:"csrf_token"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	// ExpiresAt is the end of the session: the earlier of the idle and
	// the absolute limit, moved on as the session is used.
	ExpiresAt time.Time `json:"expires_at"`
	// IP is the address the session signed in from.
	IP string `json:"ip"`
}

// SessionStore keeps the sessions of a team server.
type SessionStore interface {
	// CreateSession stores s. It refuses (EUNAUTHORIZED) a session for a
	// missing or disabled account.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the session with id; ENOTFOUND when there is
	// none.
	FindSession(ctx context.Context, id string) (*Session, error)
	// TouchSession records that the session was used at seen and now
	// ends at expires.
	TouchSession(ctx context.Context, id string, seen, expires time.Time) error
	// DeleteSession ends the session; a missing one is not an error.
	DeleteSession(ctx context.Context, id string) error
	// DeleteExpiredSessions removes the sessions that ended before now and
	// returns how many there were.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
	// ListSessions returns the user's sessions, oldest first.
	ListSessions(ctx context.Context, username string) ([]*Session, error)
}
