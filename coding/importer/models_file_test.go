package importer_test

import (
	"context"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/importer"
)

// checkSampleModel checks the sample's model: every box bound to the code
// it names, labelled with it, and its arrows kept.
func checkSampleModel(t *testing.T, s coding.Store, pid string, rep *importer.SampleReport) {
	t.Helper()
	ms, err := s.ListModels(context.Background(), pid)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Models != 1 || len(ms) != 1 || ms[0].Name != "Learning from failed internationalisation" {
		t.Fatalf("got %d models reported, %d stored; want the sample's model", rep.Models, len(ms))
	}
	m := ms[0]
	if len(m.Frames) != 3 || len(m.Boxes) != 11 || len(m.Arrows) != 5 {
		t.Errorf("got %d frames, %d boxes, %d arrows; want 3, 11 and 5", len(m.Frames), len(m.Boxes), len(m.Arrows))
	}
	for _, b := range m.Boxes {
		if b.Missing || b.Label == "" || (b.CodeID != "" && b.Level == "") {
			t.Errorf("box %+v: want it labelled from its code", b)
		}
	}
}

func TestApplyModelsRefusesUnknownCodes(t *testing.T) {
	s := mustOpenStore(t)
	p := mustProject(t, s, "Models")
	im := &importer.Importer{Store: s}
	for _, tc := range []struct{ name, file, want string }{
		{"unknown code", `{"models": [{"name": "M", "boxes": [{"id": "b", "code": "Nope", "x": 0, "y": 0, "w": 10, "h": 10}]}]}`, `box b: no code named "Nope"`},
		{"unknown field", `{"models": [{"name": "M", "colour": "red"}]}`, "the models file is not valid"},
		{"bad arrow", `{"models": [{"name": "M", "boxes": [{"id": "b", "text": "x", "x": 0, "y": 0, "w": 10, "h": 10}], "arrows": [{"id": "a", "from": "b", "to": "c"}]}]}`, `model "M": arrow a`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := im.ApplyModels(context.Background(), p.ID, []byte(tc.file))
			if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), tc.want) {
				t.Errorf("got %v, want an invalid error with %q", err, tc.want)
			}
		})
	}
}
