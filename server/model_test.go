package server_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestModelsAPI(t *testing.T) {
	s := mustStart(t, nil, nil)
	var p, dim, theme id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Canvas"}, 201, &p)
	base := "/api/v1/projects/" + p.ID
	s.call("POST", base+"/codes", map[string]any{"name": "Learning", "level": "dimension"}, 201, &dim)
	s.call("POST", base+"/codes", map[string]any{"name": "Partners", "level": "theme", "parent_id": dim.ID}, 201, &theme)

	body := `{"name": "Process model",
		"frames": [{"id": "f1", "label": "Phase 1", "x": 0, "y": 0, "w": 500, "h": 200}],
		"boxes": [{"id": "b1", "code_id": "` + dim.ID + `", "frame_id": "f1", "x": 20, "y": 40, "w": 160, "h": 60},
		          {"id": "b2", "code_id": "` + theme.ID + `", "x": 300, "y": 40, "w": 160, "h": 60},
		          {"id": "b3", "text": "Context", "x": 20, "y": 300, "w": 160, "h": 60}],
		"arrows": [{"id": "a1", "from": "b1", "to": "b2", "label": "drives", "style": "bidirectional"}]}`
	var m struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	}
	res, data := s.do("POST", base+"/models", "application/json", strings.NewReader(body))
	if res.StatusCode != 201 {
		t.Fatalf("create: got %d %s", res.StatusCode, data)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	model := base + "/models/" + m.ID

	for _, tc := range []struct {
		name, method, path, body string
		wantStatus               int
		wantBody                 string
	}{
		{"labelled on create", "GET", model, "", 200, `"code_id":"` + dim.ID + `","text":"Learning","frame_id":"f1","x":20,"y":40,"w":160,"h":60,"label":"Learning","level":"dimension"`},
		{"listed", "GET", base + "/models", "", 200, `"name":"Process model"`},
		{"same name", "POST", base + "/models", `{"name": "process MODEL"}`, 409, "exists already"},
		{"no name", "POST", base + "/models", `{"name": ""}`, 400, "model name is required"},
		{"unknown code", "POST", base + "/models", `{"name": "B", "boxes": [{"id": "x", "code_id": "nope", "x": 0, "y": 0, "w": 10, "h": 10}]}`, 422, `code \"nope\" not found`},
		{"bad style", "PATCH", model, `{"arrows": [{"id": "a", "from": "b1", "to": "b2", "style": "zigzag"}]}`, 400, "is not solid, dashed, bidirectional or feedback"},
		{"arrow to nothing", "PATCH", model, `{"arrows": [{"id": "a", "from": "b1", "to": "gone"}]}`, 400, "is not a box or frame"},
		{"unknown field", "PATCH", model, `{"colour": "red"}`, 400, "colour"},
		{"missing model", "GET", base + "/models/nope", "", 404, `model \"nope\" not found`},
		{"rename a code", "PATCH", base + "/codes/" + dim.ID, `{"name": "Entrepreneurial learning"}`, 200, `"name":"Entrepreneurial learning"`},
		{"label follows the rename", "GET", model, "", 200, `"label":"Entrepreneurial learning","level":"dimension"`},
		{"export pptx", "GET", model + "/export/pptx", "", 200, "ppt/slides/slide1.xml"},
		{"export unknown", "GET", model + "/export/gif", "", 404, "unknown model format"},
		{"project export names the model", "GET", base + "/export/model-drawio?model=process%20model", "", 200, `value="Entrepreneurial learning"`},
		{"project export of a missing model", "GET", base + "/export/model-svg?model=other", "", 400, `no model named \"other\"`},
		{"delete the code", "DELETE", base + "/codes/" + theme.ID, "", 200, `"quotes_deleted":0`},
		{"box of a deleted code", "GET", model, "", 200, `"label":"Partners","missing":true`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := ""
			if tc.body != "" {
				ct = "application/json"
			}
			res, got := s.do(tc.method, tc.path, ct, strings.NewReader(tc.body))
			if res.StatusCode != tc.wantStatus || !strings.Contains(string(got), tc.wantBody) {
				t.Fatalf("got %d %s, want %d containing %s", res.StatusCode, got, tc.wantStatus, tc.wantBody)
			}
		})
	}

	// Edits carry the version: an outdated one gets 412 and the model.
	status, etag, data := s.patch(model, `"1"`, map[string]any{"name": "Renamed"})
	if status != 200 || etag != `"2"` {
		t.Fatalf("patch: got %d, ETag %s, %s; want 200 with version 2", status, etag, data)
	}
	status, _, data = s.patch(model, `"1"`, map[string]any{"name": "Again"})
	if status != 412 || !strings.Contains(string(data), `"name":"Renamed"`) {
		t.Errorf("stale patch: got %d %s, want 412 with the current model", status, data)
	}
	res, _ = s.do("GET", model+"/export/pdf", "", nil)
	if cd := res.Header.Get("Content-Disposition"); res.Header.Get("Content-Type") != "application/pdf" || !strings.Contains(cd, "Renamed.pdf") {
		t.Errorf("pdf export: got %s, %s", res.Header.Get("Content-Type"), cd)
	}
	s.call("DELETE", model, nil, 204, nil)
	s.call("GET", model, nil, 404, nil)
}
