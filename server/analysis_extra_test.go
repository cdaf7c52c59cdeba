package server_test

import (
	"testing"
)

// TestCooccurrenceUnitsRoute checks the route that lists the units behind
// a co-occurrence cell.
func TestCooccurrenceUnitsRoute(t *testing.T) {
	s := mustStart(t, nil, nil)
	vars := fixture(s)
	cases := []apiCase{
		{name: "diagonal", method: "GET", path: "/projects/{pid}/cooccurrence/units?a={concept}&b={concept}", wantStatus: 200,
			wantBody: `"units":[{"document_id":"{doc}","turn":-1,"start":`},
		{name: "diagonal lists the quote", method: "GET", path: "/projects/{pid}/cooccurrence/units?a={concept}&b={concept}", wantStatus: 200,
			wantBody: `"quote_ids":["{quote}"]`},
		{name: "turns", method: "GET", path: "/projects/{pid}/cooccurrence/units?unit=turn&a={concept}&b={concept}", wantStatus: 200,
			wantBody: `"unit":"turn"`, notBody: `"turn":-1`},
		{name: "themes", method: "GET", path: "/projects/{pid}/cooccurrence/units?level=theme&a={theme}&b={theme}", wantStatus: 200,
			wantBody: `"a":{"id":"{theme}","name":"Experiential learning"`},
		{name: "code of another level", method: "GET", path: "/projects/{pid}/cooccurrence/units?level=theme&a={concept}&b={theme}", wantStatus: 400,
			wantBody: "counted between codes of level theme"},
		{name: "unknown code", method: "GET", path: "/projects/{pid}/cooccurrence/units?a={concept}&b=nope", wantStatus: 404, wantBody: `no code "nope"`},
		{name: "missing code", method: "GET", path: "/projects/{pid}/cooccurrence/units?a={concept}", wantStatus: 400, wantBody: "a and b"},
		{name: "bad unit", method: "GET", path: "/projects/{pid}/cooccurrence/units?unit=page&a={concept}&b={concept}", wantStatus: 400},
		{name: "missing project", method: "GET", path: "/projects/nope/cooccurrence/units?a=x&b=y", wantStatus: 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.t = t
			runAPICase(s, tc, vars)
		})
	}
}
