package server

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerAuthRoutes(g *routes) {
	g.POST("/login", s.handleLogin, rule{perm: permPublic, noCSRF: true})
	g.POST("/logout", s.handleLogout, rule{perm: permUser})
	g.GET("/me", s.handleMe, rule{perm: permUser})
	g.POST("/me/password", s.handleChangePassword, rule{perm: permUser})
	s.registerUserRoutes(g)
	s.registerThrottleRoutes(g)
}

// meView describes the caller: GET /me and POST /login answer it.
type meView struct {
	Username string `json:"username"`
	Admin    bool   `json:"admin"`
	// Mode is "team" (accounts) or "solo" (no sign-in).
	Mode string `json:"mode"`
	// CSRFToken must be sent as the X-Tessera-CSRF header on every
	// change (team mode).
	CSRFToken string     `json:"csrf_token,omitempty"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// loginRequest is the body of POST /login.
type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// errBadLogin answers every failed sign-in alike, so the answer does not
// tell whether the account exists.
var errBadLogin = coding.Errorf(coding.EUNAUTHORIZED, "wrong username or password")

// handleLogin answers POST /api/v1/login {username, password} with the
// caller (meView, with the CSRF token) and a session cookie. Wrong
// credentials answer 401; an attempt for an account that has failed too
// often from the client's address answers 429 with Retry-After (see
// auth_limit.go).
func (s *Server) handleLogin(c echo.Context) error {
	if !s.cfg.Team {
		return coding.Errorf(coding.EUNPROCESSABLE, "this server runs in solo mode: no sign-in is needed")
	}
	var req loginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx, ip := c.Request().Context(), c.RealIP()
	name, nameErr := coding.NormalizeUsername(req.Username)
	account, addr := name, addressKey(ip)
	if nameErr != nil {
		account = invalidAccount
	}
	if wait := s.auth.limits.attempt(account, addr); wait > 0 {
		s.log.Warn("sign-in held back after failures", "ip", ip, "wait", wait.Round(time.Second))
		return tooManyAttempts(c, wait)
	}
	user, err := s.checkCredentials(ctx, name, req.Password, nameErr == nil)
	if err != errBadLogin {
		// Not a wrong password: the attempt counts as no failure.
		s.auth.limits.refund(account, addr, err == nil && !user.Disabled)
	}
	if err != nil {
		if err == errBadLogin {
			if user != nil {
				s.log.Warn("sign-in failed", "user", user.Username, "ip", ip)
			} else {
				s.log.Warn("sign-in failed for an unknown account", "ip", ip)
			}
		}
		return err
	}
	if user.Disabled {
		return coding.Errorf(coding.EFORBIDDEN, "the account %q is disabled; ask an administrator", user.Username)
	}
	s.upgradeHash(ctx, user, req.Password)
	v, err := s.startSession(c, user)
	if err != nil {
		return err
	}
	s.log.Info("signed in", "user", user.Username, "ip", ip)
	return c.JSON(http.StatusOK, v)
}

// invalidAccount is the account the sign-in limits count attempts with
// an invalid username under; no username can be spelt so.
const invalidAccount = "(invalid)"

// tooManyAttempts answers 429 with Retry-After in whole seconds.
func tooManyAttempts(c echo.Context, wait time.Duration) error {
	secs := int(math.Ceil(wait.Seconds()))
	c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
	when := fmt.Sprintf("%d seconds", secs)
	switch mins := (secs + 59) / 60; {
	case secs == 1:
		when = "a second"
	case mins > 1:
		when = fmt.Sprintf("%d minutes", mins)
	case secs > 50:
		when = "a minute"
	}
	return echo.NewHTTPError(http.StatusTooManyRequests, "too many failed sign-ins from here; try again in "+when)
}

// checkCredentials returns the account when password matches, else
// errBadLogin (with the account when it exists). Unknown accounts cost a
// hash too, so timing does not reveal which accounts exist.
func (s *Server) checkCredentials(ctx context.Context, name, password string, valid bool) (*coding.User, error) {
	var user *coding.User
	hash := ""
	if valid {
		u, err := s.cfg.Access.FindUser(ctx, name)
		switch {
		case err == nil:
			user, hash = u, u.PasswordHash
		case coding.ErrorCode(err) != coding.ENOTFOUND:
			return nil, err
		}
	}
	if hash == "" {
		hash = s.dummyHash()
	}
	ok, err := s.verify(ctx, password, hash)
	if err != nil {
		return nil, err
	}
	if !ok || user == nil {
		return user, errBadLogin
	}
	return user, nil
}

// verify checks password against hash in one of the hashing slots.
func (s *Server) verify(ctx context.Context, password, hash string) (bool, error) {
	select {
	case s.auth.hashing <- struct{}{}:
		defer func() { <-s.auth.hashing }()
	case <-ctx.Done():
		return false, ctx.Err()
	}
	return coding.VerifyPassword(password, hash)
}

// hashPassword hashes a new password in one of the hashing slots.
func (s *Server) hashPassword(ctx context.Context, password string) (string, error) {
	if err := coding.CheckPassword(password); err != nil {
		return "", err
	}
	select {
	case s.auth.hashing <- struct{}{}:
		defer func() { <-s.auth.hashing }()
	case <-ctx.Done():
		return "", ctx.Err()
	}
	return coding.HashPassword(password, s.cfg.PasswordParams)
}

var (
	dummyOnce sync.Once
	dummy     string
)

// dummyHash is a hash no password is known to match, verified for unknown
// accounts.
func (s *Server) dummyHash() string {
	dummyOnce.Do(func() {
		dummy, _ = coding.HashPassword(randomToken(), s.cfg.PasswordParams)
	})
	return dummy
}

// upgradeHash rehashes a correct password made with weaker parameters.
func (s *Server) upgradeHash(ctx context.Context, user *coding.User, password string) {
	if !coding.PasswordNeedsRehash(user.PasswordHash, s.cfg.PasswordParams) {
		return
	}
	hash, err := s.hashPassword(ctx, password)
	if err == nil {
		_, err = s.cfg.Access.UpdateUser(ctx, user.Username, coding.UserUpdate{PasswordHash: &hash})
	}
	if err != nil {
		s.log.Warn("cannot upgrade a password hash", "user", user.Username, "err", err)
	}
}

// startSession stores a new session for user and sets its cookie.
func (s *Server) startSession(c echo.Context, user *coding.User) (meView, error) {
	ctx, now := c.Request().Context(), s.cfg.Now().UTC()
	if _, err := s.cfg.Access.DeleteExpiredSessions(ctx, now); err != nil {
		s.log.Warn("cannot delete expired sessions", "err", err)
	}
	token := randomToken()
	sess := &coding.Session{
		ID: sessionID(token), Username: user.Username, CSRFToken: randomToken(),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: sessionEnd(now, now), IP: c.RealIP(),
	}
	if err := s.cfg.Access.CreateSession(ctx, sess); err != nil {
		return meView{}, err
	}
	s.setSessionCookie(c, token, now.Add(SessionMax))
	return meView{Username: user.Username, Admin: user.Admin, Mode: "team", CSRFToken: sess.CSRFToken, ExpiresAt: &sess.ExpiresAt}, nil
}

// handleLogout answers POST /api/v1/logout with 204: the session ends and
// its cookie is cleared.
func (s *Server) handleLogout(c echo.Context) error {
	if a := accessOf(c); a.session != nil {
		if err := s.cfg.Access.DeleteSession(c.Request().Context(), a.session.ID); err != nil {
			return err
		}
		s.log.Info("signed out", "user", a.name)
	}
	s.clearCookie(c)
	return c.NoContent(http.StatusNoContent)
}

// handleMe answers GET /api/v1/me with the caller: username, admin, mode,
// and in team mode the session's CSRF token and end.
func (s *Server) handleMe(c echo.Context) error {
	a := accessOf(c)
	if a.solo {
		return c.JSON(http.StatusOK, meView{Username: a.name, Admin: true, Mode: "solo"})
	}
	return c.JSON(http.StatusOK, meView{Username: a.name, Admin: a.admin, Mode: "team",
		CSRFToken: a.session.CSRFToken, ExpiresAt: &a.session.ExpiresAt})
}

// passwordChange is the body of POST /me/password.
type passwordChange struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// handleChangePassword answers POST /api/v1/me/password {old, new} with
// 204. A wrong old password answers 403 and counts as a failed sign-in;
// the caller's other sessions end.
func (s *Server) handleChangePassword(c echo.Context) error {
	a := accessOf(c)
	if a.solo {
		return coding.Errorf(coding.EUNPROCESSABLE, "this server runs in solo mode: there are no passwords")
	}
	var req passwordChange
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx, addr := c.Request().Context(), addressKey(c.RealIP())
	if wait := s.auth.limits.attempt(a.name, addr); wait > 0 {
		return tooManyAttempts(c, wait)
	}
	ok, err := s.verify(ctx, req.Old, a.user.PasswordHash)
	if err != nil || ok {
		s.auth.limits.refund(a.name, addr, ok)
	}
	if err != nil {
		return err
	}
	if !ok {
		return coding.Errorf(coding.EFORBIDDEN, "the current password is wrong")
	}
	hash, err := s.hashPassword(ctx, req.New)
	if err != nil {
		return err
	}
	if _, err := s.cfg.Access.UpdateUser(ctx, a.name, coding.UserUpdate{PasswordHash: &hash, KeepSession: a.session.ID}); err != nil {
		return err
	}
	s.log.Info("password changed", "user", a.name)
	return c.NoContent(http.StatusNoContent)
}
