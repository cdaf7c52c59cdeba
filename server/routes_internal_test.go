package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/labstack/echo/v4"

	"tessera/coding/store"
)

// TestRouteWithoutRule registers routes beside the helper's rules, the
// way a mistake would: on echo directly, and with a zero rule. Routes
// reports them without a permission (so TestRouteTable fails on them)
// and team mode refuses them with 403.
func TestRouteWithoutRule(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "tessera.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := New(Config{Store: st, Team: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ok := func(c echo.Context) error { return c.NoContent(http.StatusNoContent) }
	s.echo.GET("/api/v1/direct", ok)
	s.routesOn(s.echo.Group("/api/v1")).GET("/zero", ok, rule{})
	s.checkRouteRules()

	perms := map[string]string{}
	for _, r := range s.Routes() {
		perms[r.Method+" "+r.Path] = r.Permission
	}
	for _, key := range []string{"GET /api/v1/direct", "GET /api/v1/zero"} {
		if p, ok := perms[key]; !ok || p != "" {
			t.Errorf("Routes: %s got permission %q (listed %v), want it listed without one", key, p, ok)
		}
	}
	if got := perms["GET /api/v1/version"]; got != "public" {
		t.Errorf("Routes: GET /api/v1/version got permission %q, want public", got)
	}

	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	for _, path := range []string{"/api/v1/direct", "/api/v1/zero"} {
		res, err := http.Get(hs.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s: got %d, want 403", path, res.StatusCode)
		}
	}
}

// TestRouteTwoRules checks that registering one route with two different
// rules is refused at start.
func TestRouteTwoRules(t *testing.T) {
	s := &Server{rules: map[string]rule{}}
	g := s.routesOn(echo.New())
	ok := func(c echo.Context) error { return nil }
	g.GET("/x", ok, rule{perm: permRead})
	g.GET("/x", ok, rule{perm: permRead}) // the same rule again is harmless
	defer func() {
		if recover() == nil {
			t.Error("a second, different rule for GET /x: got no panic, want one")
		}
	}()
	g.GET("/x", ok, rule{perm: permOwner})
}
