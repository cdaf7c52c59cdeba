package server_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// step is what /history says of an undo or redo target.
type step struct {
	Seq     uint64 `json:"seq"`
	Op      string `json:"op"`
	Summary string `json:"summary"`
}

// history is the body of GET /history.
type history struct {
	Undo *step `json:"undo"`
	Redo *step `json:"redo"`
}

func TestHistoryTargetsFollowChangesUndosAndRedos(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, doc, code := soloProject(s) // changes 1 (project), 2 (document), 3 (code)
	base := "/api/v1/projects/" + pid
	undo := func(seq uint64) {
		t.Helper()
		s.call("POST", base+"/undo", map[string]uint64{"seq": seq}, 200, nil)
	}
	createCode := &step{3, "create_code", "Create code «trade fairs»"}
	createQuote := &step{4, "create_quote", "Create quote «We learned» in Interview Luleå"}
	s.call("POST", base+"/quotes", map[string]any{"document_id": doc, "start": 6, "end": 16, "code_ids": []string{code}}, 201, nil)

	steps := []struct {
		name string
		do   func()
		want history
	}{
		{"after a quote", func() {}, history{Undo: createQuote}},
		{"undo the quote", func() { undo(4) }, history{Undo: createCode, Redo: &step{5, "create_quote", createQuote.Summary}}},
		{"undo the code", func() { undo(3) }, history{
			Undo: &step{2, "create_document", "Create document «Interview Luleå»"},
			Redo: &step{6, "create_code", createCode.Summary}}},
		{"redo the code", func() { undo(6) }, history{Undo: &step{7, "create_code", createCode.Summary}, Redo: &step{5, "create_quote", createQuote.Summary}}},
		{"redo the quote", func() { undo(5) }, history{Undo: &step{8, "create_quote", createQuote.Summary}}},
		{"undo the redo", func() { undo(8) }, history{Undo: &step{7, "create_code", createCode.Summary}, Redo: &step{9, "create_quote", createQuote.Summary}}},
		{"a new change ends redo", func() {
			s.call("PATCH", base+"/codes/"+code, map[string]string{"definition": "Fairs"}, 200, nil)
		}, history{Undo: &step{10, "update_code", "Update code «trade fairs»"}}},
		{"the project itself cannot be undone", func() { undo(10); undo(7); undo(2) }, history{Redo: &step{13, "create_document", "Create document «Interview Luleå»"}}},
	}
	for _, st := range steps {
		st.do()
		var got history
		s.call("GET", base+"/history", nil, 200, &got)
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", st.name, diff)
		}
	}
}

func TestHistoryIsPerUser(t *testing.T) {
	tp := mustTeamProject(t)
	first := tp.quote(tp.aino, 0, 5, tp.trust)
	tp.quote(tp.aino, 6, 10, tp.trust)
	var got history
	tp.aino.call("GET", tp.path("/history"), nil, 200, &got)
	if got.Undo == nil || got.Undo.Op != "create_quote" || got.Redo != nil {
		t.Fatalf("got %+v, want aino's second quote to undo", got)
	}
	// The owner undoes aino's second quote: aino's undo moves back to
	// her first, and the owner's undo is not aino's to redo.
	tp.owner.call("POST", tp.path("/undo"), map[string]uint64{"seq": got.Undo.Seq}, 200, nil)
	second := got.Undo.Seq
	tp.aino.call("GET", tp.path("/history"), nil, 200, &got)
	if got.Undo == nil || got.Undo.Seq != second-1 || got.Redo != nil {
		t.Errorf("got %+v, want aino's first quote (%s, change %d) and no redo", got, first, second-1)
	}
	tp.owner.call("GET", tp.path("/history"), nil, 200, &got)
	if got.Redo == nil || got.Redo.Seq != second+1 || got.Redo.Op != "create_quote" {
		t.Errorf("got owner's %+v, want to redo aino's quote with change %d", got, second+1)
	}
	tp.bjorn.call("GET", tp.path("/history"), nil, 200, &got)
	if got.Undo != nil || got.Redo != nil {
		t.Errorf("got bjorn's %+v, want nothing", got)
	}
}
