package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"tessera/coding"
	"tessera/server"
)

// cheap are password costs that keep the tests fast; the encoded hash
// carries them, so verification works as with the defaults.
var cheap = coding.PasswordParams{Time: 1, MemoryKiB: 1024, Threads: 1}

// clock is a settable clock for sessions and sign-in limits.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// teamServer is a team-mode server over a real store with a search index.
type teamServer struct {
	*testServer
	clock *clock
	srv   *server.Server
}

// mustStartTeam starts a team-mode server with an administrator "admin"
// (password adminPassword); adjust may change the config first.
func mustStartTeam(t *testing.T, adjust func(*server.Config)) *teamServer {
	t.Helper()
	dir := t.TempDir()
	d := mustOpenData(t, dir, true)
	st, index := d.Store, d.Index
	clk := &clock{t: frozen}
	cfg := server.Config{
		Store:          st,
		Search:         index,
		Logger:         slog.New(slog.NewTextHandler(io.Discard, nil)),
		Version:        "1.2.3-test",
		Team:           true,
		Now:            clk.Now,
		PasswordParams: cheap,
		Heartbeat:      testHeartbeat,
	}
	if adjust != nil {
		adjust(&cfg)
	}
	srv := server.New(cfg)
	d.Listen(srv.Notify)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	ts := &teamServer{testServer: &testServer{t: t, url: hs.URL, store: st}, clock: clk, srv: srv}
	ts.mustUser("admin", true)
	return ts
}

// password is every test account's password: its username + this.
const passwordSuffix = "-Kohtamäki-👍"

// adminPassword is the administrator's password.
const adminPassword = "admin" + passwordSuffix

// mustUser creates an account directly in the store.
func (s *teamServer) mustUser(name string, admin bool) *coding.User {
	s.t.Helper()
	hash, err := coding.HashPassword(name+passwordSuffix, cheap)
	if err != nil {
		s.t.Fatal(err)
	}
	u := &coding.User{Username: name, PasswordHash: hash, Admin: admin}
	if err := s.store.CreateUser(context.Background(), u); err != nil {
		s.t.Fatal(err)
	}
	return u
}

// client is a browser of a team server: a cookie jar and the session's
// CSRF token, sent on every request.
type client struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
	// header is added to every request.
	header http.Header
}

// anonymous returns a client with no session.
func (s *teamServer) anonymous() *client {
	s.t.Helper()
	jar, _ := cookiejar.New(nil)
	return &client{t: s.t, base: s.url, http: &http.Client{Jar: jar}, header: http.Header{}}
}

// login signs name in with its test password and returns the client.
func (s *teamServer) login(name string) *client {
	s.t.Helper()
	cl := s.anonymous()
	var me struct {
		CSRFToken string `json:"csrf_token"`
	}
	cl.call("POST", "/api/v1/login", map[string]string{"username": name, "password": name + passwordSuffix}, 200, &me)
	if me.CSRFToken == "" {
		s.t.Fatalf("login %s: no CSRF token", name)
	}
	cl.csrf = me.CSRFToken
	return cl
}

// do sends a request with the client's cookies, CSRF token and headers.
func (cl *client) do(method, path, contentType string, body io.Reader) (*http.Response, []byte) {
	cl.t.Helper()
	req, err := http.NewRequest(method, cl.base+path, body)
	if err != nil {
		cl.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if cl.csrf != "" {
		req.Header.Set(server.CSRFHeader, cl.csrf)
	}
	for k, vs := range cl.header {
		req.Header[k] = vs
	}
	res, err := cl.http.Do(req)
	if err != nil {
		cl.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		cl.t.Fatal(err)
	}
	return res, data
}

// call sends v (when not nil) as JSON, checks the status and decodes the
// answer into out (when not nil).
func (cl *client) call(method, path string, v any, wantStatus int, out any) []byte {
	cl.t.Helper()
	var body io.Reader
	ct := ""
	if v != nil {
		b, err := json.Marshal(v)
		if err != nil {
			cl.t.Fatal(err)
		}
		body, ct = bytes.NewReader(b), "application/json"
	}
	res, data := cl.do(method, path, ct, body)
	if res.StatusCode != wantStatus {
		cl.t.Fatalf("%s %s: got status %d, want %d; body %s", method, path, res.StatusCode, wantStatus, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			cl.t.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
	return data
}

// mustSessions returns the stored sessions of a user.
func mustSessions(t *testing.T, s *teamServer, name string) []*coding.Session {
	t.Helper()
	ss, err := s.store.ListSessions(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}
