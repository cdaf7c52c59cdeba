package codebook_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding/codebook"
	"tessera/coding/refi"
)

// TestReadQDPX takes the codebook of a REFI-QDA project (written by the
// qdpx export of a project holding the study's codebook) into another
// project, which then holds the same codes.
func TestReadQDPX(t *testing.T) {
	ctx := context.Background()
	st := mustOpenStore(t)
	from := mustProject(t, st, "Exported")
	if _, err := codebook.Apply(ctx, st, from.ID, mustRead(t, "study.csv")); err != nil {
		t.Fatal(err)
	}
	snap, err := st.Snapshot(ctx, from.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	var qdpx bytes.Buffer
	if err := refi.Export(&qdpx, snap, refi.ExportOptions{}); err != nil {
		t.Fatal(err)
	}

	cb, err := codebook.Read("study.qdpx", qdpx.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := entriesOf(t, st, from.ID)
	if diff := cmp.Diff(want, sortEntries(cb.Entries)); diff != "" {
		t.Errorf("entries read (-want +got):\n%s", diff)
	}
	if len(cb.Warnings) != 0 {
		t.Errorf("got warnings %v for a Tessera project", cb.Warnings)
	}
	to := mustProject(t, st, "Imported")
	rep, err := codebook.Apply(ctx, st, to.ID, cb)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Created) != len(want) || len(rep.Skipped) != 0 || len(rep.Warnings) != 0 {
		t.Errorf("got %d created, skipped %v, warnings %v; want %d created", len(rep.Created), rep.Skipped, rep.Warnings, len(want))
	}
	if diff := cmp.Diff(want, entriesOf(t, st, to.ID)); diff != "" {
		t.Errorf("imported codes (-want +got):\n%s", diff)
	}

	// A broken archive is refused as the project import refuses it.
	if _, err := codebook.Read("broken.qdpx", qdpx.Bytes()[:100]); err == nil {
		t.Error("got no error for a truncated archive")
	}
}
