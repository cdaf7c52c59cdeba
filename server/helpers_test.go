package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tessera/coding/datadir"
	"tessera/coding/store"
	"tessera/server"
)

// frozen is the clock of every test store.
var frozen = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// testServer is a real server over a real store in a temporary directory.
type testServer struct {
	t     *testing.T
	url   string
	store *store.Store
}

// mustOpenData opens a data directory on the frozen clock, with its
// search index when search is set, as tessera serve does.
func mustOpenData(t *testing.T, dir string, search bool) *datadir.Dir {
	t.Helper()
	d, err := datadir.Open(context.Background(), dir, datadir.Options{Search: search, Now: func() time.Time { return frozen }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// mustStart starts a server; adjust may change the config first.
func mustStart(t *testing.T, ui fs.FS, adjust func(*server.Config)) *testServer {
	t.Helper()
	d := mustOpenData(t, t.TempDir(), false)
	st := d.Store
	cfg := server.Config{
		Store:     st,
		UI:        ui,
		Coder:     "tester",
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Version:   "1.2.3-test",
		Heartbeat: testHeartbeat,
	}
	if adjust != nil {
		adjust(&cfg)
	}
	srv := server.New(cfg)
	d.Listen(srv.Notify)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &testServer{t: t, url: hs.URL, store: st}
}

// do sends a request and returns the response with its body read.
func (s *testServer) do(method, path, contentType string, body io.Reader) (*http.Response, []byte) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return res, data
}

// call sends v (when not nil) as JSON, checks the status and decodes the
// answer into out (when not nil).
func (s *testServer) call(method, path string, v any, wantStatus int, out any) []byte {
	s.t.Helper()
	var body io.Reader
	ct := ""
	if v != nil {
		b, err := json.Marshal(v)
		if err != nil {
			s.t.Fatal(err)
		}
		body, ct = bytes.NewReader(b), "application/json"
	}
	res, data := s.do(method, path, ct, body)
	if res.StatusCode != wantStatus {
		s.t.Fatalf("%s %s: got status %d, want %d; body %s", method, path, res.StatusCode, wantStatus, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			s.t.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
	return data
}

// id is the part of an entity the tests need.
type id struct {
	ID string `json:"id"`
}

// expand replaces {name} placeholders in s with vars[name].
func expand(s string, vars map[string]string) string {
	for k, v := range vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// runeSpan returns the code-point offsets [start, end) of the first sub
// in text.
func runeSpan(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not found in %q", sub, text)
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(sub)
}

// request builds a request to the server.
func (s *testServer) request(method, path string) *http.Request {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return req
}

// send sends req and returns the response with its body read and closed.
func (s *testServer) send(req *http.Request) *http.Response {
	s.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}
