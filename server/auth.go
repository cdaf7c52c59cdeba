package server

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// Session cookie and CSRF header names, and session lifetimes.
const (
	// SessionCookie holds the session token of a signed-in browser.
	SessionCookie = "tessera_session"
	// CSRFHeader must carry the session's CSRF token on every
	// state-changing request of a signed-in session.
	CSRFHeader = "X-Tessera-CSRF"
	// SessionIdle ends a session not used for this long.
	SessionIdle = 12 * time.Hour
	// SessionMax ends every session this long after sign-in.
	SessionMax = 7 * 24 * time.Hour
	// sessionTouchEvery bounds how often a session's use is written.
	sessionTouchEvery = time.Minute
)

// access is who makes a request and what they may do in the project of
// its route, set by authenticate and completed by authorize.
type access struct {
	// name is the coder name recorded on changes: the username in team
	// mode, Config.Coder in solo mode.
	name    string
	admin   bool
	solo    bool
	user    *coding.User
	session *coding.Session
	// role is the user's role in the route's project ("" outside
	// projects); admins count as owners.
	role coding.Role
}

const accessKey = "tessera.access"

// accessOf returns the request's access; an anonymous one when none was
// set.
func accessOf(c echo.Context) *access {
	if a, ok := c.Get(accessKey).(*access); ok {
		return a
	}
	return &access{}
}

// coder returns the name recorded on the request's quotes, memos and
// audit entries.
func (s *Server) coder(c echo.Context) string {
	if a := accessOf(c); a.name != "" {
		return a.name
	}
	return s.cfg.Coder
}

// authenticate finds the request's user: in solo mode the configured
// coder, an administrator; in team mode the user of a valid session
// cookie, or nobody.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.cfg.Team {
			c.Set(accessKey, &access{name: s.cfg.Coder, admin: true, solo: true})
			return next(c)
		}
		a := &access{}
		if sess, user := s.sessionOf(c); sess != nil {
			a.name, a.admin, a.user, a.session = user.Username, user.Admin, user, sess
		}
		c.Set(accessKey, a)
		return next(c)
	}
}

// sessionOf returns the valid session of the request's cookie and its
// user, or nils. An expired session is deleted and its cookie cleared;
// a used one is moved on at most once a minute.
func (s *Server) sessionOf(c echo.Context) (*coding.Session, *coding.User) {
	ck, err := c.Cookie(SessionCookie)
	if err != nil || ck.Value == "" {
		return nil, nil
	}
	ctx, now := c.Request().Context(), s.cfg.Now().UTC()
	id := sessionID(ck.Value)
	sess, err := s.cfg.Access.FindSession(ctx, id)
	if err != nil {
		if coding.ErrorCode(err) != coding.ENOTFOUND {
			s.log.Error("cannot read a session", "err", err)
		}
		s.clearCookie(c)
		return nil, nil
	}
	if !now.Before(sess.ExpiresAt) {
		if err := s.cfg.Access.DeleteSession(ctx, id); err != nil {
			s.log.Error("cannot delete an expired session", "err", err)
		}
		s.clearCookie(c)
		return nil, nil
	}
	user, err := s.cfg.Access.FindUser(ctx, sess.Username)
	if err != nil || user.Disabled {
		return nil, nil
	}
	if now.Sub(sess.LastSeenAt) >= sessionTouchEvery {
		expires := sessionEnd(sess.CreatedAt, now)
		if err := s.cfg.Access.TouchSession(ctx, id, now, expires); err != nil {
			s.log.Error("cannot record a session's use", "err", err)
		}
		sess.LastSeenAt, sess.ExpiresAt = now, expires
	}
	return sess, user
}

// sessionEnd is when a session created at created and last used at seen
// ends: after SessionIdle without use, and SessionMax after sign-in.
func sessionEnd(created, seen time.Time) time.Time {
	idle, absolute := seen.Add(SessionIdle), created.Add(SessionMax)
	if idle.Before(absolute) {
		return idle
	}
	return absolute
}

// sessionID is the stored key of a session token: its hex SHA-256.
func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// randomToken returns 32 random bytes, base64url-encoded.
func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("server: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// isHTTPS reports whether the client reached the server over HTTPS:
// directly, or through a reverse proxy that says so in X-Forwarded-Proto.
// The header is believed only with Config.TrustProxy and from a loopback,
// link-local or private address, where the proxy runs; from anyone else
// it would let a client claim a secure connection it does not have.
func (s *Server) isHTTPS(req *http.Request) bool {
	if req.TLS != nil {
		return true
	}
	if !s.cfg.TrustProxy || !fromProxy(req) {
		return false
	}
	proto, _, _ := strings.Cut(req.Header.Get(echo.HeaderXForwardedProto), ",")
	return strings.EqualFold(strings.TrimSpace(proto), "https")
}

// fromProxy reports whether the request's connection comes from where a
// trusted reverse proxy may run: a loopback, link-local or private
// address (the addresses echo trusts X-Forwarded-For from).
func fromProxy(req *http.Request) bool {
	ap, err := netip.ParseAddrPort(req.RemoteAddr)
	if err != nil {
		return false
	}
	a := ap.Addr().Unmap()
	return a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsPrivate()
}

// setSessionCookie gives the browser its session token.
func (s *Server) setSessionCookie(c echo.Context, token string, expires time.Time) {
	c.SetCookie(&http.Cookie{
		Name: SessionCookie, Value: token, Path: "/",
		Expires: expires, MaxAge: int(expires.Sub(s.cfg.Now()).Seconds()),
		HttpOnly: true, Secure: s.isHTTPS(c.Request()), SameSite: http.SameSiteStrictMode,
	})
}

// clearCookie tells the browser to forget its session token.
func (s *Server) clearCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{
		Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.isHTTPS(c.Request()), SameSite: http.SameSiteStrictMode,
	})
}

// checkCSRF requires the session's CSRF token on a state-changing request
// of a signed-in session.
func checkCSRF(c echo.Context, sess *coding.Session) error {
	switch c.Request().Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	got := c.Request().Header.Get(CSRFHeader)
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) != 1 {
		return coding.Errorf(coding.EFORBIDDEN, "this change lacks the session's %s header; reload the page and try again", CSRFHeader)
	}
	return nil
}

// crossOrigin refuses state-changing requests that a browser sent from
// another site (judged by Sec-Fetch-Site, else Origin against Host), in
// both modes: a page elsewhere must not change local data either.
// Requests without those headers (scripts, curl) pass.
func (s *Server) crossOrigin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := s.auth.cop.Check(c.Request()); err != nil {
			return coding.Errorf(coding.EFORBIDDEN, "cross-origin request refused: Tessera accepts changes only from its own pages")
		}
		return next(c)
	}
}

// authState is the server's sign-in machinery.
type authState struct {
	limits *loginLimiter
	// hashing bounds the password hashes computed at once, each taking
	// 64 MiB.
	hashing chan struct{}
	cop     *http.CrossOriginProtection
	// routes holds the registered routes, "METHOD PATH".
	routes map[string]bool
}

// newAuthState returns the sign-in machinery on the clock now.
func newAuthState(now func() time.Time) *authState {
	return &authState{
		limits:  newLoginLimiter(now),
		hashing: make(chan struct{}, 2),
		cop:     http.NewCrossOriginProtection(),
	}
}
