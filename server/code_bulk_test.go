package server_test

import (
	"strings"
	"testing"
)

func TestBulkCodes(t *testing.T) {
	s := mustStart(t, nil, nil)
	var p, doc, facet id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Bulk"}, 201, &p)
	base := "/api/v1/projects/" + p.ID
	s.call("POST", base+"/documents", map[string]any{"title": "Interview", "text": "We tried and failed. Then we asked peers."}, 201, &doc)
	s.call("POST", base+"/facets", map[string]any{"name": "Type of learning", "values": []string{"experiential", "vicarious"}}, 201, &facet)
	names := []string{"Trial", "Error", "Peers", "Mentors"}
	ids := map[string]string{}
	for _, n := range names {
		var c id
		s.call("POST", base+"/codes", map[string]any{"name": n}, 201, &c)
		ids[n] = c.ID
	}
	var dim id
	s.call("POST", base+"/codes", map[string]any{"name": "Learning", "level": "dimension"}, 201, &dim)
	s.call("POST", base+"/quotes", map[string]any{"document_id": doc.ID, "start": 0, "end": 20, "code_ids": []string{ids["Trial"]}}, 201, nil)

	list := func(names ...string) string {
		var out []string
		for _, n := range names {
			v := ids[n]
			if v == "" {
				v = n
			}
			out = append(out, `"`+v+`"`)
		}
		return "[" + strings.Join(out, ",") + "]"
	}
	for _, tc := range []struct {
		name, body string
		wantStatus int
		wantBody   string
	}{
		{"no ids", `{"action": "color", "color": "#123456", "ids": []}`, 400, "at least one code"},
		{"unknown action", `{"action": "paint", "ids": ` + list("Trial") + `}`, 400, "not move, group"},
		{"bad colour", `{"action": "color", "color": "red", "ids": ` + list("Trial") + `}`, 400, "#rrggbb"},
		{"group without name", `{"action": "group", "level": "theme", "ids": ` + list("Trial") + `}`, 400, "needs a name"},
		{"unknown code", `{"action": "color", "color": "#123456", "ids": ` + list("Trial", "nope") + `}`, 404, "nope"},
		{"concepts under a dimension", `{"action": "move", "parent_id": "` + dim.ID + `", "ids": ` + list("Peers") + `}`, 422, "Peers: "},
		{"dimension of a coded code", `{"action": "level", "level": "dimension", "ids": ` + list("Peers", "Trial") + `}`, 422, "Trial: "},
		{"facet value not the facet's", `{"action": "facet", "facet_id": "` + facet.ID + `", "value": "innate", "ids": ` + list("Trial") + `}`, 422, "not a value"},
		{"delete in use", `{"action": "delete", "ids": ` + list("Mentors", "Trial") + `}`, 409, "uncode"},
		{"recolour", `{"action": "color", "color": "#AA3377", "ids": ` + list("Trial", "Error") + `}`, 200, `"color":"#aa3377"`},
		{"group under a new theme", `{"action": "group", "name": "Experiential learning", "level": "theme", "ids": ` + list("Trial", "Error") + `}`, 200, `"created":{"id":`},
		{"facet value", `{"action": "facet", "facet_id": "` + facet.ID + `", "value": "Vicarious", "ids": ` + list("Peers", "Mentors") + `}`, 200, `"vicarious"`},
		{"make themes", `{"action": "level", "level": "theme", "ids": ` + list("Peers", "Mentors") + `}`, 200, `"level":"theme"`},
		{"themes under the dimension", `{"action": "move", "parent_id": "` + dim.ID + `", "ids": ` + list("Peers", "Mentors") + `}`, 200, `"parent_id":"` + dim.ID + `"`},
		{"merge, target listed too", `{"action": "merge", "target_id": "` + ids["Peers"] + `", "ids": ` + list("Peers", "Mentors") + `}`, 200, `"deleted":["` + ids["Mentors"] + `"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := s.do("POST", base+"/codes/bulk", "application/json", strings.NewReader(tc.body))
			if res.StatusCode != tc.wantStatus || !strings.Contains(string(body), tc.wantBody) {
				t.Fatalf("got %d %s, want %d containing %s", res.StatusCode, body, tc.wantStatus, tc.wantBody)
			}
		})
	}

	type code struct {
		ID, Name, Level, Color string
		ParentID               string `json:"parent_id"`
	}
	tree := func() string {
		var codes []code
		s.call("GET", base+"/codes", nil, 200, &codes)
		byID := map[string]string{}
		for _, c := range codes {
			byID[c.ID] = c.Name
		}
		var out []string
		for _, c := range codes {
			out = append(out, c.Name+"<"+byID[c.ParentID]+">"+c.Level)
		}
		return strings.Join(out, " ")
	}
	want := "Learning<>dimension Peers<Learning>theme Experiential learning<>theme Trial<Experiential learning>concept Error<Experiential learning>concept"
	if got := tree(); got != want {
		t.Fatalf("after the bulk changes: got %q, want %q", got, want)
	}

	// Each bulk change is one step of the history: undoing the merge
	// brings Mentors back, undoing the move ungroups both themes again.
	var audit []struct {
		Seq uint64 `json:"seq"`
		Op  string `json:"op"`
	}
	s.call("GET", base+"/audit?limit=2", nil, 200, &audit)
	if len(audit) != 2 || audit[0].Op != "merge_many_codes" || audit[1].Op != "move_codes" {
		t.Fatalf("got last ops %+v, want merge_many_codes then move_codes", audit)
	}
	for _, e := range audit {
		s.call("POST", base+"/undo", map[string]any{"seq": e.Seq}, 200, nil)
	}
	if got := tree(); !strings.Contains(got, "Mentors<>theme") || !strings.Contains(got, "Peers<>theme") {
		t.Errorf("after two undos: got %q, want Peers and Mentors ungrouped themes again", got)
	}
}
