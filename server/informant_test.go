package server_test

import (
	"io"
	"strconv"
	"strings"
	"testing"

	"tessera/coding/codingtest"
)

func TestInformantAPI(t *testing.T) {
	s := mustStart(t, nil, nil)
	study := codingtest.NewInformantStudy(t, s.store, "Informants")
	vars := map[string]string{
		"pid":    study.Project.ID,
		"anna":   study.Informants["I-01"].ID,
		"bo":     study.Informants["I-02"].ID,
		"eva":    study.Informants["I-05"].ID,
		"cto":    study.Documents["Nordic Sensors – CTO"].ID,
		"nordic": study.Cases["Nordic Sensors AB"].ID,
	}
	cases := []apiCase{
		{name: "list with counts", method: "GET", path: "/projects/{pid}/informants", wantStatus: 200,
			wantBody: `"label":"I-01","pseudonym":"Aino","role":"CEO","case_id":"{nordic}"`},
		{name: "list counts documents and quotes", method: "GET", path: "/projects/{pid}/informants", wantStatus: 200,
			wantBody: `"case":"Nordic Sensors AB","speakers":[{"document_id":`},
		{name: "anna speaks in two documents", method: "GET", path: "/projects/{pid}/informants", wantStatus: 200,
			wantBody: `"speaker":"Anna"}],"documents":2,"quotes":3,"interview_dates":["2024-02-05","2024-09-12"]`},
		{name: "get", method: "GET", path: "/projects/{pid}/informants/{eva}", wantStatus: 200, wantBody: `"label":"I-05","pseudonym":"Elin"`},
		{name: "get missing", method: "GET", path: "/projects/{pid}/informants/nope", wantStatus: 404, wantBody: `informant "nope" not found`},
		{name: "create suggests the next ID", method: "POST", path: "/projects/{pid}/informants",
			body:       `{"pseudonym": "Fredrik", "role": "Board member", "case_id": "{nordic}", "attributes": {"gender": "male", "tenure": 7}}`,
			wantStatus: 201, wantBody: `"label":"I-06","pseudonym":"Fredrik"`, save: "fredrik"},
		{name: "the new informant in the history", method: "GET", path: "/projects/{pid}/history", wantStatus: 200, wantBody: "Create informant «I-06»"},
		{name: "create interviewer", method: "POST", path: "/projects/{pid}/informants", body: `{"interviewer": true}`, wantStatus: 201, wantBody: `"label":"INT-02"`},
		{name: "create taken ID", method: "POST", path: "/projects/{pid}/informants", body: `{"label": "i-01"}`, wantStatus: 409, wantBody: `an informant with ID "I-01" already exists`},
		{name: "create unknown case", method: "POST", path: "/projects/{pid}/informants", body: `{"case_id": "nope"}`, wantStatus: 404, wantBody: `case "nope" not found`},
		{name: "create unknown field", method: "POST", path: "/projects/{pid}/informants", body: `{"name": "Anna"}`, wantStatus: 400, wantBody: `unknown field "name"`},
		{name: "create bad attribute", method: "POST", path: "/projects/{pid}/informants", body: `{"attributes": [{"name": "duration", "type": "number", "value": "long"}]}`, wantStatus: 400, wantBody: "not a number"},
		{name: "create in missing project", method: "POST", path: "/projects/nope/informants", body: `{}`, wantStatus: 404},
		{name: "update", method: "PATCH", path: "/projects/{pid}/informants/{fredrik}", body: `{"role": "Chair", "attributes": {"tenure": null, "round": 2}}`,
			wantStatus: 200, wantBody: `"role":"Chair"`, notBody: "tenure"},
		{name: "update to taken ID", method: "PATCH", path: "/projects/{pid}/informants/{fredrik}", body: `{"label": "I-02"}`, wantStatus: 409, wantBody: "already exists"},
		{name: "update empty ID", method: "PATCH", path: "/projects/{pid}/informants/{fredrik}", body: `{"label": " "}`, wantStatus: 400, wantBody: "informant ID is required"},
		{name: "export the informant table", method: "GET", path: "/projects/{pid}/export/informants-md", wantStatus: 200,
			wantBody: "| I-01 | Aino | CEO | Nordic Sensors AB | 2024-02-05; 2024-09-12 | 62 | 1 | 2 | 3 |", notBody: "INT-01"},
		{name: "export the informant table with attributes", method: "GET", path: "/projects/{pid}/export/informants-csv?attributes=gender", wantStatus: 200,
			wantBody: "I-01,Aino,CEO,Nordic Sensors AB,female,2,3"},
		{name: "export the informant table with an unknown attribute", method: "GET", path: "/projects/{pid}/export/informants-csv?attributes=height", wantStatus: 400,
			wantBody: `no informant has an attribute "height"`},
		{name: "link a speaker", method: "POST", path: "/projects/{pid}/informants/link", body: `{"document_id": "{cto}", "speaker": "Bo", "informant_id": "{fredrik}"}`,
			wantStatus: 200, wantBody: `{"name":"Bo","role":"informant","informant_id":"{fredrik}"}`},
		{name: "the link in the history", method: "GET", path: "/projects/{pid}/history", wantStatus: 200, wantBody: "Link a speaker of «Nordic Sensors – CTO»"},
		{name: "link a missing speaker", method: "POST", path: "/projects/{pid}/informants/link", body: `{"document_id": "{cto}", "speaker": "Zoe", "informant_id": "{fredrik}"}`,
			wantStatus: 404, wantBody: `has no speaker "Zoe"`},
		{name: "link to a missing informant", method: "POST", path: "/projects/{pid}/informants/link", body: `{"document_id": "{cto}", "speaker": "Bo", "informant_id": "nope"}`,
			wantStatus: 404, wantBody: `informant "nope" not found`},
		{name: "link without speaker", method: "POST", path: "/projects/{pid}/informants/link", body: `{"document_id": "{cto}"}`, wantStatus: 400, wantBody: "speaker are required"},
		{name: "unlink", method: "POST", path: "/projects/{pid}/informants/link", body: `{"document_id": "{cto}", "speaker": "Bo", "informant_id": ""}`,
			wantStatus: 200, wantBody: `{"name":"Bo","role":"informant"}`},
		{name: "link all relinks Bo", method: "POST", path: "/projects/{pid}/informants/link-all", wantStatus: 200, wantBody: `"linked":1`},
		{name: "merge into itself", method: "POST", path: "/projects/{pid}/informants/{bo}/merge", body: `{"target_id": "{bo}"}`, wantStatus: 400, wantBody: "into itself"},
		{name: "merge without target", method: "POST", path: "/projects/{pid}/informants/{bo}/merge", body: `{}`, wantStatus: 400, wantBody: "target_id is required"},
		{name: "merge", method: "POST", path: "/projects/{pid}/informants/{fredrik}/merge", body: `{"target_id": "{bo}"}`, wantStatus: 200, wantBody: `"label":"I-02"`},
		{name: "merged is gone", method: "GET", path: "/projects/{pid}/informants/{fredrik}", wantStatus: 404},
		{name: "delete", method: "DELETE", path: "/projects/{pid}/informants/{eva}", wantStatus: 204},
		{name: "delete again", method: "DELETE", path: "/projects/{pid}/informants/{eva}", wantStatus: 404},
		{name: "deleted informant's speaker is unlinked", method: "GET", path: "/projects/{pid}/documents/" + study.Documents["Luleå Metall – export"].ID,
			wantStatus: 200, wantBody: `{"name":"Eva","role":"informant"}`},
		{name: "the delete is in the audit trail", method: "GET", path: "/projects/{pid}/audit?limit=1", wantStatus: 200, wantBody: `"op":"delete_informant"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.t = t
			runAPICase(s, tc, vars)
		})
	}
}

// TestInformantOutdatedEdit refuses an edit made from an outdated copy
// with 412 and leaves the informant as it was.
func TestInformantOutdatedEdit(t *testing.T) {
	s := mustStart(t, nil, nil)
	study := codingtest.NewInformantStudy(t, s.store, "Versions")
	path := "/api/v1/projects/" + study.Project.ID + "/informants/" + study.Informants["I-02"].ID
	stale := study.Informants["I-02"].Version
	s.call("PATCH", path, map[string]any{"role": "Chief technology officer"}, 200, nil)
	req := s.request("PATCH", path)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", `"`+strconv.Itoa(stale)+`"`)
	req.Body = io.NopCloser(strings.NewReader(`{"role": "CTO again"}`))
	if res := s.send(req); res.StatusCode != 412 {
		t.Errorf("got status %d, want 412", res.StatusCode)
	}
	var got struct{ Role string }
	s.call("GET", path, nil, 200, &got)
	if got.Role != "Chief technology officer" {
		t.Errorf("got role %q, want the first edit's", got.Role)
	}
}
