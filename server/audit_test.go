package server_test

import (
	"strconv"
	"testing"
)

func TestUndoRedo(t *testing.T) {
	s := mustStart(t, nil, nil)
	var p, code id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Undo study"}, 201, &p)
	base := "/api/v1/projects/" + p.ID
	s.call("POST", base+"/codes", map[string]any{"name": "Kohtamäki partners 👍"}, 201, &code)

	type entry struct {
		Seq    uint64 `json:"seq"`
		Actor  string `json:"actor"`
		Op     string `json:"op"`
		Undoes uint64 `json:"undoes"`
	}
	var entries []entry
	s.call("GET", base+"/audit?limit=1", nil, 200, &entries)
	if len(entries) != 1 || entries[0].Actor != "tester" {
		t.Fatalf("got audit %+v, want one entry by tester", entries)
	}
	created := entries[0].Seq

	// Undo the creation: the code is gone.
	var undo entry
	s.call("POST", base+"/undo", map[string]any{"seq": created}, 200, &undo)
	if undo.Undoes != created {
		t.Errorf("got undo entry %+v, want it to undo %d", undo, created)
	}
	s.call("GET", base+"/codes/"+code.ID, nil, 404, nil)

	// Undo the undo: the code is back.
	s.call("POST", base+"/undo", map[string]any{"seq": undo.Seq}, 200, nil)
	s.call("GET", base+"/codes/"+code.ID, nil, 200, nil)

	// Errors.
	s.call("POST", base+"/undo", map[string]any{}, 400, nil)
	s.call("POST", base+"/undo", map[string]any{"seq": 999999}, 404, nil)
	s.call("POST", base+"/undo", map[string]any{"seq": "1"}, 400, nil)
	s.call("GET", base+"/audit?before=x", nil, 400, nil)
	s.call("GET", base+"/audit?before="+strconv.FormatUint(created+1, 10), nil, 200, &entries)
	if len(entries) == 0 || entries[0].Seq != created {
		t.Errorf("got audit before %d: %+v, want it to start at %d", created+1, entries, created)
	}
	s.call("GET", "/api/v1/projects/nope/audit", nil, 404, nil)
}
