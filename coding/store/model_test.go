package store_test

import (
	"testing"

	"tessera/coding"
	"tessera/coding/store"
)

// mustModel stores a model with a box bound to each code given and a free
// box, joined by arrows.
func mustModel(tb testing.TB, s *store.Store, pid, name string, codes ...*coding.Code) *coding.Model {
	tb.Helper()
	m := &coding.Model{ProjectID: pid, Name: name,
		Frames: []coding.ModelFrame{{ID: "phase1", Label: "Phase 1", X: 0, Y: 0, W: 600, H: 300}},
		Boxes:  []coding.ModelBox{{ID: "free", Text: "Context", X: 10, Y: 400, W: 120, H: 50}},
	}
	for i, c := range codes {
		id := "box" + string(rune('a'+i))
		m.Boxes = append(m.Boxes, coding.ModelBox{ID: id, CodeID: c.ID, FrameID: "phase1", X: float64(20 + 200*i), Y: 40, W: 160, H: 60})
		m.Arrows = append(m.Arrows, coding.ModelArrow{ID: "to-" + id, From: "free", To: id, Style: coding.ArrowDashed})
	}
	if err := s.CreateModel(ctx, m); err != nil {
		tb.Fatal(err)
	}
	return m
}

// boxOf returns the box with id.
func boxOf(tb testing.TB, m *coding.Model, id string) coding.ModelBox {
	tb.Helper()
	for _, b := range m.Boxes {
		if b.ID == id {
			return b
		}
	}
	tb.Fatalf("model %s has no box %s", m.Name, id)
	return coding.ModelBox{}
}

func TestModelBoxesFollowTheCodebook(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Canvas")
	dim := mustCode(t, s, p.ID, "Learning", coding.LevelDimension, "")
	theme := mustCode(t, s, p.ID, "Partners", coding.LevelTheme, dim.ID)
	m := mustModel(t, s, p.ID, "Process model", dim, theme)
	if b := boxOf(t, m, "boxa"); b.Label != "Learning" || b.Level != coding.LevelDimension || b.Missing {
		t.Fatalf("got box %+v, want labelled Learning, a dimension", b)
	}

	// A rename shows in the model without touching it.
	name := "Entrepreneurial learning"
	if _, err := s.UpdateCode(ctx, p.ID, dim.ID, coding.CodeUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindModel(ctx, p.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b := boxOf(t, got, "boxa"); b.Label != name {
		t.Errorf("after the rename: got label %q, want %q", b.Label, name)
	}
	if got.Version != m.Version {
		t.Errorf("a rename changed the model's version from %d to %d", m.Version, got.Version)
	}

	// Deleting the code leaves the box, marked missing, with the last name.
	if _, err := s.DeleteCode(ctx, p.ID, theme.ID, true); err != nil {
		t.Fatal(err)
	}
	got, err = s.FindModel(ctx, p.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b := boxOf(t, got, "boxb"); !b.Missing || b.Label != "Partners" {
		t.Errorf("after deleting the code: got box %+v, want missing, labelled Partners", b)
	}
	// The model can still be saved with that box; a new box on a missing
	// code is refused.
	boxes := got.Boxes
	if _, err := s.UpdateModel(ctx, p.ID, m.ID, coding.ModelUpdate{Boxes: &boxes}); err != nil {
		t.Errorf("saving a model with a box on a deleted code: %v", err)
	}
	boxes = append(boxes, coding.ModelBox{ID: "new", CodeID: theme.ID, X: 1, Y: 1, W: 10, H: 10})
	_, err = s.UpdateModel(ctx, p.ID, m.ID, coding.ModelUpdate{Boxes: &boxes})
	wantCode(t, err, coding.EUNPROCESSABLE)
}

func TestModelBoxesFollowAMerge(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Canvas")
	a := mustCode(t, s, p.ID, "Trust", coding.LevelTheme, "")
	b := mustCode(t, s, p.ID, "Confidence", coding.LevelTheme, "")
	m := mustModel(t, s, p.ID, "Model", a)
	if _, err := s.MergeCodes(ctx, p.ID, a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindModel(ctx, p.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if box := boxOf(t, got, "boxa"); box.CodeID != b.ID || box.Label != "Confidence" || box.Missing {
		t.Errorf("after the merge: got box %+v, want bound to %s", box, b.ID)
	}
}

func TestModelUpdateUndoAndVersions(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Canvas")
	c := mustCode(t, s, p.ID, "Trust", coding.LevelTheme, "")
	m := mustModel(t, s, p.ID, "Model", c)

	moved := append([]coding.ModelBox(nil), m.Boxes...)
	moved[0].X += 40
	got, err := s.UpdateModel(ctx, p.ID, m.ID, coding.ModelUpdate{Boxes: &moved, IfVersion: m.Version})
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != m.Version+1 || got.Boxes[0].X != m.Boxes[0].X+40 {
		t.Fatalf("got version %d, x %v; want %d, %v", got.Version, got.Boxes[0].X, m.Version+1, m.Boxes[0].X+40)
	}
	// An update from the outdated copy is refused.
	_, err = s.UpdateModel(ctx, p.ID, m.ID, coding.ModelUpdate{Boxes: &moved, IfVersion: m.Version})
	wantCode(t, err, coding.ESTALE)

	// The move is in the audit trail and undoes.
	es, err := s.ListAudit(ctx, p.ID, coding.AuditFilter{Kind: "model", Limit: 1})
	if err != nil || len(es) != 1 || es[0].Op != "update_model" {
		t.Fatalf("got audit %+v, %v; want the update_model entry", es, err)
	}
	if _, err := s.Undo(ctx, p.ID, es[0].Seq); err != nil {
		t.Fatal(err)
	}
	back, err := s.FindModel(ctx, p.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Boxes[0].X != m.Boxes[0].X || boxOf(t, back, "boxa").Label != "Trust" {
		t.Errorf("after undo: got boxes %+v, want the first at x %v and boxa labelled Trust", back.Boxes, m.Boxes[0].X)
	}

	// Deleting is undoable too.
	if err := s.DeleteModel(ctx, p.ID, m.ID); err != nil {
		t.Fatal(err)
	}
	es, _ = s.ListAudit(ctx, p.ID, coding.AuditFilter{Limit: 1})
	if _, err := s.Undo(ctx, p.ID, es[0].Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindModel(ctx, p.ID, m.ID); err != nil {
		t.Errorf("after undoing the delete: %v", err)
	}
}

func TestModelRefusals(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Canvas")
	mustModel(t, s, p.ID, "Taken")
	box := func(id string) coding.ModelBox { return coding.ModelBox{ID: id, Text: "x", X: 0, Y: 0, W: 10, H: 10} }
	for _, tc := range []struct {
		name string
		m    coding.Model
		want string
	}{
		{"no name", coding.Model{Name: " "}, coding.EINVALID},
		{"name taken", coding.Model{Name: "taken"}, coding.ECONFLICT},
		{"unknown code", coding.Model{Name: "A", Boxes: []coding.ModelBox{{ID: "b", CodeID: "nope", X: 0, Y: 0, W: 10, H: 10}}}, coding.EUNPROCESSABLE},
		{"empty box", coding.Model{Name: "A", Boxes: []coding.ModelBox{{ID: "b", W: 10, H: 10}}}, coding.EINVALID},
		{"twice the same id", coding.Model{Name: "A", Boxes: []coding.ModelBox{box("b"), box("b")}}, coding.EINVALID},
		{"bad id", coding.Model{Name: "A", Boxes: []coding.ModelBox{box("b/1")}}, coding.EINVALID},
		{"zero size", coding.Model{Name: "A", Boxes: []coding.ModelBox{{ID: "b", Text: "x"}}}, coding.EINVALID},
		{"far away", coding.Model{Name: "A", Boxes: []coding.ModelBox{{ID: "b", Text: "x", X: 1e9, W: 10, H: 10}}}, coding.EINVALID},
		{"arrow to nothing", coding.Model{Name: "A", Boxes: []coding.ModelBox{box("b")}, Arrows: []coding.ModelArrow{{ID: "a", From: "b", To: "c"}}}, coding.EINVALID},
		{"arrow to itself", coding.Model{Name: "A", Boxes: []coding.ModelBox{box("b")}, Arrows: []coding.ModelArrow{{ID: "a", From: "b", To: "b"}}}, coding.EINVALID},
		{"bad style", coding.Model{Name: "A", Boxes: []coding.ModelBox{box("b"), box("c")}, Arrows: []coding.ModelArrow{{ID: "a", From: "b", To: "c", Style: "wavy"}}}, coding.EINVALID},
		{"unknown frame", coding.Model{Name: "A", Boxes: []coding.ModelBox{{ID: "b", Text: "x", FrameID: "f", W: 10, H: 10}}}, coding.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m
			m.ProjectID = p.ID
			wantCode(t, s.CreateModel(ctx, &m), tc.want)
		})
	}
	ms, err := s.ListModels(ctx, p.ID)
	if err != nil || len(ms) != 1 {
		t.Errorf("got %d models (%v), want only the first", len(ms), err)
	}
	_, err = s.FindModel(ctx, p.ID, "nope")
	wantCode(t, err, coding.ENOTFOUND)
}
