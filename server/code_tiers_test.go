package server_test

import (
	"strings"
	"testing"
)

func TestCodeTiers(t *testing.T) {
	s := mustStart(t, nil, nil)
	var p id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Deep"}, 201, &p)
	base := "/api/v1/projects/" + p.ID
	// A four-level tree as it comes from another program: everything
	// below the dimension is a chain of concepts for now.
	var top, second, third, fourth id
	s.call("POST", base+"/codes", map[string]any{"name": "Top", "level": "dimension"}, 201, &top)
	s.call("POST", base+"/codes", map[string]any{"name": "Second", "level": "dimension", "parent_id": top.ID}, 201, &second)
	s.call("POST", base+"/codes", map[string]any{"name": "Third", "level": "dimension", "parent_id": second.ID}, 201, &third)
	s.call("POST", base+"/codes", map[string]any{"name": "Fourth", "level": "dimension", "parent_id": third.ID}, 201, &fourth)

	for _, tc := range []struct {
		name, body string
		wantStatus int
		wantBody   string
	}{
		{"themes above dimensions", `{"dimensions": 2, "themes": 2}`, 400, "must be below"},
		{"negative", `{"dimensions": -1, "themes": 2}`, 400, "must be below"},
		{"dimension, theme, concepts", `{"dimensions": 1, "themes": 2}`, 200, `"name":"Third","definition":"","inclusion":"","exclusion":"","color"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := s.do("POST", base+"/codes/tiers", "application/json", strings.NewReader(tc.body))
			if res.StatusCode != tc.wantStatus || !strings.Contains(string(body), tc.wantBody) {
				t.Fatalf("got %d %s, want %d containing %s", res.StatusCode, body, tc.wantStatus, tc.wantBody)
			}
		})
	}
	var codes []struct {
		Name  string `json:"name"`
		Level string `json:"level"`
	}
	s.call("GET", base+"/codes", nil, 200, &codes)
	var got []string
	for _, c := range codes {
		got = append(got, c.Name+"="+c.Level)
	}
	if want := "Top=dimension Second=theme Third=concept Fourth=concept"; strings.Join(got, " ") != want {
		t.Errorf("levels: got %q, want %q", strings.Join(got, " "), want)
	}

	// The whole step is one audit entry, and one undo restores every level.
	var audit []struct {
		Seq uint64 `json:"seq"`
	}
	s.call("GET", base+"/audit?limit=1", nil, 200, &audit)
	s.call("POST", base+"/undo", map[string]any{"seq": audit[0].Seq}, 200, nil)
	s.call("GET", base+"/codes", nil, 200, &codes)
	for _, c := range codes {
		if c.Level != "dimension" {
			t.Errorf("after undo: %s is %s, want dimension", c.Name, c.Level)
		}
	}
}
