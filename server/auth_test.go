package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"tessera/server"
)

func TestSoloModeNeedsNoSignIn(t *testing.T) {
	s := mustStart(t, nil, nil)
	var me struct {
		Username string `json:"username"`
		Admin    bool   `json:"admin"`
		Mode     string `json:"mode"`
	}
	s.call("GET", "/api/v1/me", nil, 200, &me)
	if me.Username != "tester" || !me.Admin || me.Mode != "solo" {
		t.Errorf("got /me %+v, want the solo user tester, an administrator", me)
	}
	var p id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Solo study"}, 201, &p)
	s.call("GET", "/api/v1/projects/"+p.ID+"/access", nil, 200, nil)
	s.call("POST", "/api/v1/login", map[string]string{"username": "x", "password": "y"}, 422, nil)

	// A page on another site cannot change local data, even in solo mode.
	req := s.request("POST", "/api/v1/projects")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Content-Type", "application/json")
	req.Body = http.NoBody
	if res := s.send(req); res.StatusCode != 403 {
		t.Errorf("cross-site POST: got %d, want 403", res.StatusCode)
	}
	req = s.request("GET", "/api/v1/projects")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := s.send(req); res.StatusCode != 200 {
		t.Errorf("cross-site GET: got %d, want 200 (reads are safe)", res.StatusCode)
	}
}

func TestLoginLogout(t *testing.T) {
	s := mustStartTeam(t, nil)
	anon := s.anonymous()
	anon.call("GET", "/api/v1/me", nil, 401, nil)
	anon.call("GET", "/api/v1/projects", nil, 401, nil)
	anon.call("GET", "/api/v1/healthz", nil, 200, nil)
	anon.call("POST", "/api/v1/login", map[string]string{"username": "admin", "password": "wrong password!"}, 401, nil)
	anon.call("POST", "/api/v1/login", map[string]string{"username": "nobody", "password": "wrong password!"}, 401, nil)
	anon.call("POST", "/api/v1/login", map[string]string{"username": "admin"}, 401, nil)
	anon.call("POST", "/api/v1/login", map[string]string{"username": "admin", "pass": "x"}, 400, nil)

	// The cookie is HttpOnly, SameSite=Strict, for the whole site, and
	// not Secure over plain HTTP (TestForwardedProto checks HTTPS).
	res, body := anon.do("POST", "/api/v1/login", "application/json",
		strings.NewReader(`{"username": " Admin ", "password": "`+adminPassword+`"}`))
	if res.StatusCode != 200 {
		t.Fatalf("login: got %d %s", res.StatusCode, body)
	}
	ck := sessionCookie(t, res)
	if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" || ck.Secure {
		t.Errorf("got cookie %+v, want HttpOnly, SameSite=Strict, Path=/, not Secure over http", ck)
	}
	if len(ck.Value) < 43 {
		t.Errorf("got a %d-character token, want 32 random bytes", len(ck.Value))
	}
	if res.Header.Get("Strict-Transport-Security") != "" {
		t.Error("got HSTS over plain http, want none")
	}

	// Signed in: /me tells who, with the CSRF token.
	cl := s.login("admin")
	var me struct {
		Username  string    `json:"username"`
		Admin     bool      `json:"admin"`
		Mode      string    `json:"mode"`
		CSRFToken string    `json:"csrf_token"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	cl.call("GET", "/api/v1/me", nil, 200, &me)
	if me.Username != "admin" || !me.Admin || me.Mode != "team" || me.CSRFToken != cl.csrf || !me.ExpiresAt.Equal(frozen.Add(server.SessionIdle)) {
		t.Errorf("got /me %+v, want admin in team mode with the session's token, ending after the idle time", me)
	}
	// The store keeps the token's hash, never the token.
	for _, sess := range mustSessions(t, s, "admin") {
		if sess.ID == ck.Value {
			t.Error("the store holds a session token in the clear")
		}
	}

	// Logging out needs the CSRF token, ends the session and clears the
	// cookie.
	token := cl.csrf
	cl.csrf = ""
	cl.call("POST", "/api/v1/logout", nil, 403, nil)
	cl.csrf = token
	res, _ = cl.do("POST", "/api/v1/logout", "", nil)
	if res.StatusCode != 204 || sessionCookie(t, res).MaxAge >= 0 {
		t.Errorf("logout: got %d with cookie %+v, want 204 clearing the cookie", res.StatusCode, sessionCookie(t, res))
	}
	cl.call("GET", "/api/v1/me", nil, 401, nil)
}

// sessionCookie returns the session cookie a response sets.
func sessionCookie(t *testing.T, res *http.Response) *http.Cookie {
	t.Helper()
	for _, ck := range res.Cookies() {
		if ck.Name == server.SessionCookie {
			return ck
		}
	}
	t.Fatalf("no %s cookie in %v", server.SessionCookie, res.Header["Set-Cookie"])
	return nil
}

func TestSessionExpiry(t *testing.T) {
	s := mustStartTeam(t, nil)

	// Idle: a session unused for 12 hours ends.
	cl := s.login("admin")
	s.clock.advance(server.SessionIdle - time.Minute)
	cl.call("GET", "/api/v1/me", nil, 200, nil) // used: moves the end on
	s.clock.advance(server.SessionIdle - time.Minute)
	cl.call("GET", "/api/v1/me", nil, 200, nil)
	s.clock.advance(server.SessionIdle)
	cl.call("GET", "/api/v1/me", nil, 401, nil)
	if n := len(mustSessions(t, s, "admin")); n != 0 {
		t.Errorf("got %d stored sessions after expiry, want 0", n)
	}

	// Absolute: even a session in constant use ends 7 days after sign-in.
	cl = s.login("admin")
	start := s.clock.Now()
	for s.clock.Now().Before(start.Add(server.SessionMax - 12*time.Hour)) {
		s.clock.advance(11 * time.Hour)
		cl.call("GET", "/api/v1/me", nil, 200, nil)
	}
	s.clock.set(start.Add(server.SessionMax))
	cl.call("GET", "/api/v1/me", nil, 401, nil)
}

func TestCSRF(t *testing.T) {
	s := mustStartTeam(t, nil)
	cl := s.login("admin")
	token := cl.csrf
	cl.call("POST", "/api/v1/projects", map[string]any{"name": "With token"}, 201, nil)
	for _, bad := range []string{"", "forged", token + "x"} {
		cl.csrf = bad
		data := cl.call("POST", "/api/v1/projects", map[string]any{"name": "Forged " + bad}, 403, nil)
		if !strings.Contains(string(data), server.CSRFHeader) {
			t.Errorf("got %s, want the message to name %s", data, server.CSRFHeader)
		}
	}
	cl.csrf = ""
	cl.call("GET", "/api/v1/projects", nil, 200, nil) // reads need no token

	// A cross-site request fails even with the token.
	cl.csrf = token
	cl.header.Set("Sec-Fetch-Site", "cross-site")
	cl.call("POST", "/api/v1/projects", map[string]any{"name": "Cross-site"}, 403, nil)
	cl.header.Set("Sec-Fetch-Site", "same-origin")
	cl.call("POST", "/api/v1/projects", map[string]any{"name": "Same origin"}, 201, nil)
	// Login from another site is refused too (login CSRF).
	anon := s.anonymous()
	anon.header.Set("Origin", "https://evil.example")
	anon.call("POST", "/api/v1/login", map[string]string{"username": "admin", "password": adminPassword}, 403, nil)
}

func TestPasswordChangeAndAdministration(t *testing.T) {
	s := mustStartTeam(t, nil)
	admin := s.login("admin")

	// The administrator adds an account; lists never show hashes.
	admin.call("POST", "/api/v1/users", map[string]any{"username": "Kohtamäki", "password": "short"}, 400, nil)
	admin.call("POST", "/api/v1/users", map[string]any{"username": "consensus", "password": "long enough password"}, 400, nil)
	admin.call("POST", "/api/v1/users", map[string]any{"username": "Kohtamäki", "password": "kohtamäki" + passwordSuffix}, 201, nil)
	admin.call("POST", "/api/v1/users", map[string]any{"username": "kohtamäki", "password": "another password"}, 409, nil)
	if data := admin.call("GET", "/api/v1/users", nil, 200, nil); strings.Contains(string(data), "argon2") || !strings.Contains(string(data), `"kohtamäki"`) {
		t.Errorf("got users %s, want kohtamäki listed without hashes", data)
	}
	k := s.login("kohtamäki")
	k.call("GET", "/api/v1/users", nil, 403, nil)
	k2 := s.login("kohtamäki")

	// A user changes their password: the other sessions end, this one stays.
	k.call("POST", "/api/v1/me/password", map[string]string{"old": "wrong", "new": "a brand new secret"}, 403, nil)
	k.call("POST", "/api/v1/me/password", map[string]string{"old": "kohtamäki" + passwordSuffix, "new": "short"}, 400, nil)
	k.call("POST", "/api/v1/me/password", map[string]string{"old": "kohtamäki" + passwordSuffix, "new": "a brand new secret"}, 204, nil)
	k.call("GET", "/api/v1/me", nil, 200, nil)
	k2.call("GET", "/api/v1/me", nil, 401, nil)
	s.anonymous().call("POST", "/api/v1/login", map[string]string{"username": "kohtamäki", "password": "a brand new secret"}, 200, nil)

	// Reset by an administrator: every session ends.
	admin.call("POST", "/api/v1/users/kohtamäki/password", map[string]string{"password": "kohtamäki" + passwordSuffix}, 204, nil)
	k.call("GET", "/api/v1/me", nil, 401, nil)
	k = s.login("kohtamäki")

	// Disabling ends the sessions and refuses sign-in.
	admin.call("PATCH", "/api/v1/users/kohtamäki", map[string]any{"disabled": true}, 200, nil)
	k.call("GET", "/api/v1/me", nil, 401, nil)
	s.anonymous().call("POST", "/api/v1/login", map[string]string{"username": "kohtamäki", "password": "kohtamäki" + passwordSuffix}, 403, nil)
	admin.call("PATCH", "/api/v1/users/kohtamäki", map[string]any{"disabled": false}, 200, nil)
	s.login("kohtamäki")

	// The last administrator stays.
	admin.call("PATCH", "/api/v1/users/admin", map[string]any{"admin": false}, 409, nil)
	admin.call("PATCH", "/api/v1/users/admin", map[string]any{"disabled": true}, 409, nil)
	admin.call("PATCH", "/api/v1/users/nobody", map[string]any{"disabled": true}, 404, nil)
}

func TestServiceTokenReadsBackupOnly(t *testing.T) {
	s := mustStartTeam(t, func(c *server.Config) { c.ServiceToken = "s3cret-token" })
	cl := s.anonymous()
	cl.call("GET", "/api/v1/backup", nil, 401, nil)
	cl.header.Set("Authorization", "Bearer wrong")
	cl.call("GET", "/api/v1/backup", nil, 401, nil)
	cl.header.Set("Authorization", "Bearer s3cret-token")
	cl.call("GET", "/api/v1/backup", nil, 200, nil)
	cl.call("GET", "/api/v1/projects", nil, 401, nil)
	cl.call("GET", "/api/v1/users", nil, 401, nil)
}

// TestBackupNamedByClock checks that the backup's file name comes from the
// server's clock.
func TestBackupNamedByClock(t *testing.T) {
	s := mustStart(t, nil, func(c *server.Config) { c.Now = func() time.Time { return frozen } })
	res, data := s.do("GET", "/api/v1/backup", "", nil)
	if res.StatusCode != http.StatusOK || len(data) == 0 {
		t.Fatalf("GET /api/v1/backup: got status %d with %d bytes, want 200 with the database", res.StatusCode, len(data))
	}
	want := `attachment; filename="tessera-20260314-093000.db"`
	if got := res.Header.Get("Content-Disposition"); got != want {
		t.Errorf("got Content-Disposition %q, want %q", got, want)
	}
}

// TestForwardedProto checks that X-Forwarded-Proto: https makes the
// session cookie Secure and turns on HSTS only with Config.TrustProxy:
// without it any client could claim HTTPS.
func TestForwardedProto(t *testing.T) {
	for _, trust := range []bool{false, true} {
		s := mustStartTeam(t, func(c *server.Config) { c.TrustProxy = trust })
		proxied := s.anonymous()
		proxied.header.Set("X-Forwarded-Proto", "https")
		res, body := proxied.do("POST", "/api/v1/login", "application/json", strings.NewReader(`{"username": "admin", "password": "`+adminPassword+`"}`))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("login: got %d %s", res.StatusCode, body)
		}
		ck, hsts := sessionCookie(t, res), res.Header.Get("Strict-Transport-Security")
		if ck.Secure != trust || (hsts != "") != trust {
			t.Errorf("trust proxy %v: got cookie Secure=%v, HSTS %q; want both only when the proxy is trusted", trust, ck.Secure, hsts)
		}
		res, _ = proxied.do("GET", "/api/v1/version", "", nil)
		if hsts := res.Header.Get("Strict-Transport-Security"); (hsts != "") != trust {
			t.Errorf("trust proxy %v: GET /version got HSTS %q", trust, hsts)
		}
	}
}
