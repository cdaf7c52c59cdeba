package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// patch sends a JSON PATCH with an If-Match header (none when "") and
// returns the status, the ETag and the body.
func (s *testServer) patch(path, ifMatch string, v any) (int, string, []byte) {
	s.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		s.t.Fatal(err)
	}
	req, err := http.NewRequest("PATCH", s.url+path, bytes.NewReader(b))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	res, data := s.doRequest(req)
	return res.StatusCode, res.Header.Get("ETag"), data
}

// doRequest sends req and returns the response with its body read.
func (s *testServer) doRequest(req *http.Request) (*http.Response, []byte) {
	s.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	return res, buf.Bytes()
}

func TestVersionsRefuseOutdatedUpdates(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, doc, code := soloProject(s)
	base := "/api/v1/projects/" + pid
	var cs, q, m id
	s.call("POST", base+"/cases", map[string]string{"name": "MedSense"}, 201, &cs)
	s.call("POST", base+"/quotes", map[string]any{"document_id": doc, "start": 6, "end": 16, "code_ids": []string{code}}, 201, &q)
	s.call("POST", base+"/memos", map[string]any{"target_type": "project", "title": "Plan", "body": "First"}, 201, &m)
	tests := []struct {
		kind, path   string
		mine, theirs map[string]any
		field        string
	}{
		{"project", base, map[string]any{"description": "Mine"}, map[string]any{"description": "Theirs"}, "description"},
		{"case", base + "/cases/" + cs.ID, map[string]any{"name": "Mine"}, map[string]any{"name": "Theirs"}, "name"},
		{"document", base + "/documents/" + doc, map[string]any{"title": "Mine"}, map[string]any{"title": "Theirs"}, "title"},
		{"code", base + "/codes/" + code, map[string]any{"definition": "Mine"}, map[string]any{"definition": "Theirs"}, "definition"},
		{"memo", base + "/memos/" + m.ID, map[string]any{"body": "Mine"}, map[string]any{"body": "Theirs"}, "body"},
		{"quote", base + "/quotes/" + q.ID, map[string]any{"memo": "Mine"}, map[string]any{"memo": "Theirs"}, "memo"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			res, body := s.doRequest(s.request("GET", tt.path))
			if etag := res.Header.Get("ETag"); res.StatusCode != 200 || etag != `"1"` || !strings.Contains(string(body), `"version":1`) {
				t.Fatalf("GET: got %d, ETag %s, %s; want version 1", res.StatusCode, etag, body)
			}
			// Another tab saves first, from version 1.
			if status, etag, body := s.patch(tt.path, `"1"`, tt.theirs); status != 200 || etag != `"2"` {
				t.Fatalf("first PATCH: got %d, ETag %s, %s; want 200 with version 2", status, etag, body)
			}
			// This tab, also from version 1, is refused with the current value.
			status, _, body := s.patch(tt.path, `"1"`, tt.mine)
			var stale struct {
				Error   string         `json:"error"`
				Current map[string]any `json:"current"`
			}
			json.Unmarshal(body, &stale)
			if status != http.StatusPreconditionFailed || stale.Current[tt.field] != "Theirs" || stale.Current["version"] != 2.0 {
				t.Fatalf("stale PATCH: got %d %s, want 412 with the current %s", status, body, tt.kind)
			}
			if want := "You changed this " + tt.kind + " in another tab or window since you started editing"; stale.Error != want {
				t.Errorf("got message %q, want %q", stale.Error, want)
			}
			res, body = s.doRequest(s.request("GET", tt.path))
			if !strings.Contains(string(body), `"Theirs"`) || res.Header.Get("ETag") != `"2"` {
				t.Errorf("after the refused PATCH: got %s, want their value at version 2", body)
			}
			// Keeping mine: retry with the current version; without If-Match
			// an update always applies.
			if status, etag, _ := s.patch(tt.path, `W/"2"`, tt.mine); status != 200 || etag != `"3"` {
				t.Errorf("retry: got %d, ETag %s; want 200 with version 3", status, etag)
			}
			if status, etag, _ := s.patch(tt.path, "", tt.theirs); status != 200 || etag != `"4"` {
				t.Errorf("without If-Match: got %d, ETag %s; want 200 with version 4", status, etag)
			}
			if status, _, body := s.patch(tt.path, "yesterday", tt.mine); status != 400 {
				t.Errorf("bad If-Match: got %d %s, want 400", status, body)
			}
		})
	}

	// Undo counts as an update: an edit from before it is outdated.
	var audit []struct {
		Seq uint64 `json:"seq"`
	}
	s.call("GET", base+"/audit?limit=1", nil, 200, &audit)
	s.call("POST", base+"/undo", map[string]uint64{"seq": audit[0].Seq}, 200, nil)
	if status, _, body := s.patch(base+"/quotes/"+q.ID, `"4"`, map[string]any{"memo": "late"}); status != http.StatusPreconditionFailed || !strings.Contains(string(body), `"version":5`) {
		t.Errorf("PATCH from before an undo: got %d %s, want 412 at version 5", status, body)
	}
}

func TestVersionsNameWhoChangedIt(t *testing.T) {
	tp := mustTeamProject(t)
	admin := tp.s.login("admin")
	code := tp.path("/codes/" + tp.trust)
	admin.call("PATCH", code, map[string]string{"definition": "Relying on others"}, 200, nil)
	tp.owner.header.Set("If-Match", `"1"`)
	defer tp.owner.header.Del("If-Match")
	body := tp.owner.call("PATCH", code, map[string]string{"definition": "Faith"}, 412, nil)
	if !strings.Contains(string(body), `"error":"admin changed this code since you started editing"`) || !strings.Contains(string(body), `"definition":"Relying on others"`) {
		t.Errorf("got %s, want admin named and the current definition", body)
	}
}
