package server_test

import (
	"strings"
	"testing"
)

func TestRoundsAPI(t *testing.T) {
	s := mustStart(t, nil, nil)
	var p, doc, theme, idea, other, q1, q2 id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Rounds"}, 201, &p)
	base := "/api/v1/projects/" + p.ID
	s.call("POST", base+"/documents", map[string]any{"title": "Interview 1", "text": "First passage here. Second passage here."}, 201, &doc)
	s.call("POST", base+"/codes", map[string]any{"name": "Sensemaking", "level": "theme"}, 201, &theme)
	s.call("POST", base+"/codes", map[string]any{"name": "Failure talk", "parent_id": theme.ID}, 201, &idea)
	s.call("POST", base+"/codes", map[string]any{"name": "Old habit"}, 201, &other)
	s.call("POST", base+"/quotes", map[string]any{"document_id": doc.ID, "start": 0, "end": 19, "code_ids": []string{idea.ID}}, 201, &q1)
	s.call("POST", base+"/quotes", map[string]any{"document_id": doc.ID, "start": 20, "end": 40, "code_ids": []string{idea.ID}}, 201, &q2)
	var r1 id
	s.call("POST", base+"/rounds", map[string]any{"name": "Open coding", "note": "First pass"}, 201, &r1)

	split := base + "/codes/" + idea.ID + "/split"
	retired := base + "/codes/" + other.ID + "/retired"
	for _, tc := range []struct {
		name, method, path, body string
		wantStatus               int
		wantBody                 string
	}{
		{"split without quotes", "POST", split, `{"name": "Open talk"}`, 400, "quote_ids must list"},
		{"split with a foreign quote", "POST", base + "/codes/" + other.ID + "/split", `{"name": "X", "quote_ids": ["` + q1.ID + `"]}`, 422, "is not coded with"},
		{"split", "POST", split, `{"name": "Open talk", "quote_ids": ["` + q2.ID + `"]}`, 201, `"split_from":"` + idea.ID + `"`},
		{"retire without a value", "PUT", retired, `{}`, 400, "retired (true or false) is required"},
		{"retire", "PUT", retired, `{"retired": true}`, 200, `"retired":true`},
		{"retire again", "PUT", retired, `{"retired": true}`, 409, "already retired"},
		{"coding with a retired code", "POST", base + "/quotes", `{"document_id": "` + doc.ID + `", "start": 0, "end": 5, "code_ids": ["` + other.ID + `"]}`, 422, "is retired"},
		{"round without a name", "POST", base + "/rounds", `{"name": ""}`, 400, "round name is required"},
		{"second round", "POST", base + "/rounds", `{"name": "Axial coding"}`, 201, `"name":"Axial coding"`},
		{"round of the same name", "POST", base + "/rounds", `{"name": "axial coding"}`, 409, "closed already"},
		{"rounds listed", "GET", base + "/rounds", "", 200, `"name":"Open coding","note":"First pass"`},
		{"missing round", "GET", base + "/rounds/nope", "", 404, `round \"nope\" not found`},
		{"evolution without rounds", "GET", base + "/rounds/evolution", "", 400, "from and to"},
		{"evolution from a missing round", "GET", base + "/rounds/evolution?from=nope&to=current", "", 404, "not found"},
		{"evolution in an unknown format", "GET", base + "/rounds/evolution?from=" + r1.ID + "&to=current&format=pdf", "", 400, "unknown report format"},
		{"evolution as JSON", "GET", base + "/rounds/evolution?from=" + r1.ID + "&to=current", "", 200, `"split_into":["Open talk"]`},
		{"evolution as Markdown", "GET", base + "/rounds/evolution?from=" + r1.ID + "&to=current&format=md", "", 200, "| first-order concept | Old habit | Old habit | retired | 0 | 0 | 0 | 0 |"},
		{"saturation", "GET", base + "/saturation", "", 200, `"saturated_after":0`},
		{"saturation with a bad window", "GET", base + "/saturation?window=0", "", 400, "at least 1"},
		{"saturation in a bad order", "GET", base + "/saturation?order=size", "", 400, "is not coding or date"},
		{"saturation as CSV", "GET", base + "/saturation?format=csv", "", 200, "All interviews,1,Interview 1,,,2,1,2,1,Failure talk; Open talk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body *strings.Reader
			ct := ""
			if tc.body != "" {
				body, ct = strings.NewReader(tc.body), "application/json"
			} else {
				body = strings.NewReader("")
			}
			res, got := s.do(tc.method, tc.path, ct, body)
			if res.StatusCode != tc.wantStatus || !strings.Contains(string(got), tc.wantBody) {
				t.Fatalf("got %d %s, want %d containing %s", res.StatusCode, got, tc.wantStatus, tc.wantBody)
			}
		})
	}
	res, _ := s.do("GET", base+"/rounds/evolution?from="+r1.ID+"&to=current&format=docx", "", strings.NewReader(""))
	if got := res.Header.Get("Content-Disposition"); !strings.Contains(got, "Rounds-evolution.docx") {
		t.Errorf("got Content-Disposition %q, want Rounds-evolution.docx", got)
	}
}
