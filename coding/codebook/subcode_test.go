package codebook_test

import (
	"context"
	"testing"

	"tessera/coding/codebook"
)

// A codebook whose concepts nest below concepts comes in with the same
// nesting: a sub-concept sits under its concept.
func TestApplyKeepsSubConcepts(t *testing.T) {
	ctx := context.Background()
	csv := "name,level,parent\n" +
		"Learning,dimension,\n" +
		"From failure,theme,Learning\n" +
		"Trial and error,concept,Learning > From failure\n" +
		"Cold tests,concept,Learning > From failure > Trial and error\n" +
		"Frozen robots,concept,Learning > From failure > Trial and error > Cold tests\n"
	cb, err := codebook.Read("deep.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	st := mustOpenStore(t)
	p := mustProject(t, st, "Deep")
	rep, err := codebook.Apply(ctx, st, p.ID, cb)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Created) != 5 || len(rep.Skipped) != 0 {
		t.Fatalf("got %d created, %d skipped (%+v); want 5, 0", len(rep.Created), len(rep.Skipped), rep)
	}
	for _, e := range entriesOf(t, st, p.ID) {
		if e.Name == "Frozen robots" && e.ParentPath() != "Learning > From failure > Trial and error > Cold tests" {
			t.Errorf("Frozen robots under %q, want the full chain", e.ParentPath())
		}
	}
}
