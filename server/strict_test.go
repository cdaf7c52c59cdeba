package server_test

import (
	"sort"
	"strings"
	"testing"
)

// TestStrictJSON reproduces the lenient decoding that let requests say
// something other than they seemed to: names matched in any case, the
// last of repeated names won, invalid UTF-8 became U+FFFD, control
// characters reached names and any language was stored. Each is now a
// 400 that changes nothing.
func TestStrictJSON(t *testing.T) {
	s := mustStart(t, nil, nil)
	vars := fixture(s)
	cases := []apiCase{
		{name: "name in another case", method: "POST", path: "/projects", body: `{"Name": "Upper"}`, wantStatus: 400, wantBody: `unknown field "Name"`},
		{name: "name in another case after the right one", method: "POST", path: "/projects", body: `{"name": "a", "NAME": "b"}`, wantStatus: 400, wantBody: `unknown field "NAME"`},
		{name: "nested name in another case", method: "POST", path: "/projects/{pid}/documents", body: `{"title": "T", "text": "x", "meta": {"Interviewer": "Bo"}}`, wantStatus: 400, wantBody: `unknown field "Interviewer" in "meta"`},
		{name: "repeated name", method: "POST", path: "/projects", body: `{"name": "first", "name": "second"}`, wantStatus: 400, wantBody: `field "name" appears twice`},
		{name: "repeated name in PATCH", method: "PATCH", path: "/projects/{pid}/codes/{concept}", body: `{"color": "#000000", "color": "#ffffff"}`, wantStatus: 400, wantBody: "appears twice"},
		{name: "repeated attribute", method: "POST", path: "/projects/{pid}/cases", body: `{"name": "Dup", "attributes": {"sector": "a", "sector": "b"}}`, wantStatus: 400, wantBody: "appears twice"},
		{name: "invalid UTF-8", method: "POST", path: "/projects", body: "{\"name\": \"Lule\xe5\"}", wantStatus: 400, wantBody: "invalid UTF-8 at line 1"},
		{name: "invalid UTF-8 in a memo", method: "POST", path: "/projects/{pid}/memos", body: "{\"title\": \"t\", \"body\": \"\xff\xfe\"}", wantStatus: 400, wantBody: "invalid UTF-8"},
		{name: "null body", method: "POST", path: "/projects/{pid}/memos", body: `null`, wantStatus: 400, wantBody: "request body is null"},
		{name: "null PATCH", method: "PATCH", path: "/projects/{pid}", body: ` null `, wantStatus: 400, wantBody: "request body is null"},
		{name: "empty PATCH", method: "PATCH", path: "/projects/{pid}", body: ``, contentType: "application/json", wantStatus: 400, wantBody: "request body is empty"},
		{name: "fraction for a position", method: "POST", path: "/projects/{pid}/quotes", body: `{"document_id": "{doc}", "start": 1.5, "end": 4}`, wantStatus: 400, wantBody: `field "start": 1.5 is not a whole number in range`},
		{name: "array body", method: "PATCH", path: "/projects/{pid}", body: `[]`, wantStatus: 400, wantBody: "request body must be an object, not an array"},

		// Control characters in names, titles and labels; free texts keep
		// tabs and newlines.
		{name: "NUL in a project name", method: "POST", path: "/projects", body: `{"name": "a\u0000b"}`, wantStatus: 400, wantBody: "project name must not contain control characters (found U+0000)"},
		{name: "escape in a code name", method: "POST", path: "/projects/{pid}/codes", body: `{"name": "\u001b[31mred"}`, wantStatus: 400, wantBody: "U+001B"},
		{name: "DEL in a case name", method: "PATCH", path: "/projects/{pid}/cases/{case}", body: `{"name": "x\u007f"}`, wantStatus: 400, wantBody: "U+007F"},
		{name: "C1 control in a facet value", method: "POST", path: "/projects/{pid}/facets", body: `{"name": "F", "values": ["a\u0085b"]}`, wantStatus: 400, wantBody: "facet value name must not contain control characters (found U+0085)"},
		{name: "bell in a facet value", method: "POST", path: "/projects/{pid}/facets", body: `{"name": "F", "values": ["a\u0007"]}`, wantStatus: 400, wantBody: "U+0007"},
		{name: "newline in a document title", method: "PATCH", path: "/projects/{pid}/documents/{doc}", body: `{"title": "two\nlines"}`, wantStatus: 400, wantBody: "document title must be a single line"},
		{name: "NUL in a document title", method: "PATCH", path: "/projects/{pid}/documents/{doc}", body: `{"title": "t\u0000"}`, wantStatus: 400, wantBody: "U+0000"},
		{name: "tab in a memo title", method: "POST", path: "/projects/{pid}/memos", body: `{"title": "a\tb", "body": "x"}`, wantStatus: 400, wantBody: "memo title must be a single line"},
		{name: "NUL in a memo body", method: "POST", path: "/projects/{pid}/memos", body: `{"title": "t", "body": "a\u0000"}`, wantStatus: 400, wantBody: "memo body must not contain control characters other than tab and newline"},
		{name: "tab and newline in a memo body", method: "POST", path: "/projects/{pid}/memos", body: `{"title": "t", "body": "a\tb\r\nc"}`, wantStatus: 201, wantBody: `"body":"a\tb\nc"`},
		{name: "form feed in a definition", method: "PATCH", path: "/projects/{pid}/codes/{concept}", body: `{"definition": "a\fb"}`, wantStatus: 400, wantBody: "code definition"},
		{name: "NUL in a quote memo", method: "PATCH", path: "/projects/{pid}/quotes/{quote}", body: `{"memo": "\u0000"}`, wantStatus: 400, wantBody: "quote memo"},
		{name: "NUL in an attribute", method: "POST", path: "/projects/{pid}/cases", body: `{"name": "C", "attributes": {"sector": "soft\u0000ware"}}`, wantStatus: 400, wantBody: `attribute "sector"`},
		{name: "NUL in a speaker's new name", method: "PATCH", path: "/projects/{pid}/documents/{doc}", body: `{"rename_speakers": {"Anna": "An\u0000na"}}`, wantStatus: 400, wantBody: "U+0000"},

		// Languages.
		{name: "unknown language", method: "POST", path: "/projects", body: `{"name": "L1", "language": "tlh"}`, wantStatus: 400, wantBody: `language "tlh" is not supported; use one of da, de, en, es, fi, fr, it, nl, no, pt, sv`},
		{name: "huge language", method: "POST", path: "/projects", body: `{"name": "L2", "language": "` + strings.Repeat("x", 1<<20) + `"}`, wantStatus: 400, wantBody: `language "xxxxxxxxxxxxxxxxxxxx…" is not supported`},
		{name: "language with a region", method: "POST", path: "/projects", body: `{"name": "L3", "language": "SV-fi"}`, wantStatus: 201, wantBody: `"language":"sv"`},
		{name: "unknown language in a PATCH", method: "PATCH", path: "/projects/{pid}", body: `{"name": "Renamed", "language": "xx"}`, wantStatus: 400},
		{name: "nothing changed", method: "GET", path: "/projects/{pid}", wantStatus: 200, wantBody: `"name":"Study","description":"","language":"en"`},
		{name: "no project made", method: "GET", path: "/projects", wantStatus: 200, notBody: `"Upper"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.t = t
			runAPICase(s, tc, vars)
		})
	}
}

// TestBodyRequired sends null and an empty body to every route that
// takes a JSON body, as an administrator: each answers 400.
func TestBodyRequired(t *testing.T) {
	s := mustStartTeam(t, nil)
	for _, name := range []string{"olga", "cora", "vera", "extra", "target"} {
		s.mustUser(name, false)
	}
	admin := s.login("admin")
	vars := matrixFixture(t, s)
	var keys []string
	for key, call := range routeCalls {
		if call.body != "" && !call.multipart && !call.anonymous {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	if len(keys) < 30 {
		t.Fatalf("got %d routes with JSON bodies, want every one of the matrix", len(keys))
	}
	for _, key := range keys {
		method, pattern, _ := strings.Cut(key, " ")
		path := routeCalls[key].path
		if path == "" {
			path = strings.ReplaceAll(pattern, ":pid", "{pid}")
		}
		path = expand(path, vars)
		for _, body := range []string{"null", ""} {
			res, data := admin.do(method, path, "application/json", strings.NewReader(body))
			if res.StatusCode != 400 {
				t.Errorf("%s with body %q: got %d %s, want 400", key, body, res.StatusCode, data)
			}
		}
	}
}
