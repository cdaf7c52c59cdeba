package server_test

import (
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"tessera/ui"
)

// importMap is the inline import map of the test front end, with a CRLF
// line end that browsers (and so the hash) see as "\n".
const importMap = "\r\n{\"imports\": {\"preact\": \"/vendor/preact.mjs\"}}\r\n"

var testUI = fstest.MapFS{
	"index.html": {Data: []byte("<!doctype html><html><head>" +
		`<script type="importmap">` + importMap + `</script>` +
		`<script type="module" src="/js/main.js"></script></head><body>Tessera app shell</body></html>`)},
	"js/main.js":        {Data: []byte("console.log('main');")},
	"css/base.css":      {Data: []byte("body{}")},
	"img/logo.svg":      {Data: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")},
	"vendor/preact.mjs": {Data: []byte("export const h = 1;")},
}

// hashOf is the CSP source expression of an inline script as browsers
// compute it.
func hashOf(script string) string {
	sum := sha256.Sum256([]byte(strings.ReplaceAll(script, "\r\n", "\n")))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func TestUIFiles(t *testing.T) {
	s := mustStart(t, testUI, nil)
	tests := []struct {
		name, path string
		wantStatus int
		wantType   string
		wantCache  string
		wantBody   string
	}{
		{"root", "/", 200, "text/html; charset=utf-8", "no-cache", "Tessera app shell"},
		{"index", "/index.html", 200, "text/html; charset=utf-8", "no-cache", "Tessera app shell"},
		{"client route", "/projects/01ABC/documents/02DEF", 200, "text/html; charset=utf-8", "no-cache", "Tessera app shell"},
		{"script", "/js/main.js", 200, "text/javascript; charset=utf-8", "public, max-age=300", "console.log"},
		{"module", "/vendor/preact.mjs", 200, "text/javascript; charset=utf-8", "public, max-age=300", "export const"},
		{"style", "/css/base.css", 200, "text/css; charset=utf-8", "public, max-age=300", "body{}"},
		{"image", "/img/logo.svg", 200, "image/svg+xml", "public, max-age=300", "<svg"},
		{"directory", "/js", 200, "text/html; charset=utf-8", "no-cache", "Tessera app shell"},
		{"missing asset", "/js/missing.js", 404, "application/json", "", `"error"`},
		{"escape attempt", "/../../etc/passwd", 200, "text/html; charset=utf-8", "no-cache", "Tessera app shell"},
		{"unknown API route", "/api/v1/nothing", 404, "application/json", "", `"error":"no API route GET /api/v1/nothing"`},
		{"unknown API version", "/api/v2/projects", 404, "application/json", "", `"error"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s.t = t
			res, data := s.do("GET", tc.path, "", nil)
			if res.StatusCode != tc.wantStatus {
				t.Fatalf("got status %d, want %d; body %s", res.StatusCode, tc.wantStatus, data)
			}
			if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, tc.wantType) {
				t.Errorf("got Content-Type %q, want %q", got, tc.wantType)
			}
			if got := res.Header.Get("Cache-Control"); tc.wantCache != "" && got != tc.wantCache {
				t.Errorf("got Cache-Control %q, want %q", got, tc.wantCache)
			}
			if !strings.Contains(string(data), tc.wantBody) {
				t.Errorf("got body %q, want it to contain %q", data, tc.wantBody)
			}
		})
	}
}

func TestUIConditionalGet(t *testing.T) {
	s := mustStart(t, testUI, nil)
	res, _ := s.do("GET", "/js/main.js", "", nil)
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("got no ETag")
	}
	req := s.request("GET", "/js/main.js")
	req.Header.Set("If-None-Match", etag)
	res2 := s.send(req)
	if res2.StatusCode != 304 {
		t.Errorf("got status %d for a matching If-None-Match, want 304", res2.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := mustStart(t, testUI, nil)
	for _, path := range []string{"/", "/api/v1/version", "/api/v1/nothing"} {
		res, _ := s.do("GET", path, "", nil)
		want := map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
			"X-Frame-Options":        "DENY",
			"Content-Security-Policy": "default-src 'self'; script-src 'self' " + hashOf(importMap) +
				"; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'",
		}
		for k, v := range want {
			if got := res.Header.Get(k); got != v {
				t.Errorf("%s: got %s %q, want %q", path, k, got, v)
			}
		}
	}
}

func TestCSPAllowsTheRealImportMap(t *testing.T) {
	raw, err := fs.ReadFile(ui.FS, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	maps := regexp.MustCompile(`(?s)<script type="importmap">(.*?)</script>`).FindAllStringSubmatch(string(raw), -1)
	if len(maps) == 0 {
		t.Skip("the front end has no inline import map")
	}
	s := mustStart(t, ui.FS, nil)
	res, _ := s.do("GET", "/", "", nil)
	csp := res.Header.Get("Content-Security-Policy")
	for _, m := range maps {
		if !strings.Contains(csp, hashOf(m[1])) {
			t.Errorf("got CSP %q, want it to allow the import map by %s", csp, hashOf(m[1]))
		}
	}
}

func TestUIMethods(t *testing.T) {
	s := mustStart(t, testUI, nil)
	res, data := s.do("HEAD", "/js/main.js", "", nil)
	if res.StatusCode != 200 || len(data) != 0 || res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("HEAD: got %d %q %q, want 200, JavaScript, no body", res.StatusCode, res.Header.Get("Content-Type"), data)
	}
	res, data = s.do("POST", "/projects", "application/json", strings.NewReader("{}"))
	if res.StatusCode != 405 || !strings.Contains(string(data), "method not allowed") {
		t.Errorf("POST to a page: got %d %s, want 405", res.StatusCode, data)
	}
	res, data = s.do("PUT", "/api/v1/nothing", "application/json", strings.NewReader("{}"))
	if res.StatusCode != 404 || !strings.Contains(string(data), "no API route PUT /api/v1/nothing") {
		t.Errorf("PUT to an unknown API path: got %d %s, want 404", res.StatusCode, data)
	}
}

func TestNoUI(t *testing.T) {
	s := mustStart(t, nil, nil)
	res, data := s.do("GET", "/", "", nil)
	if res.StatusCode != 404 || !strings.Contains(string(data), "/api/v1") {
		t.Errorf("got %d %s, want 404 pointing to /api/v1", res.StatusCode, data)
	}
	if got, want := res.Header.Get("Content-Security-Policy"), "script-src 'self';"; !strings.Contains(got, want) {
		t.Errorf("got CSP %q, want it to contain %q", got, want)
	}
}
