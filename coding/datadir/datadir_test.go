package datadir_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/datadir"
	"tessera/coding/search"
)

// TestOpenWiresTheIndexToTheStore stores a document and finds it at once
// (the change hook feeds the index), and finds it again after reopening,
// when the index is brought up to date from the store.
func TestOpenWiresTheIndexToTheStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d, err := datadir.Open(ctx, dir, datadir.Options{Search: true})
	if err != nil {
		t.Fatal(err)
	}
	p := &coding.Project{Name: "Wiring"}
	if err := d.Store.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	doc := &coding.Document{ProjectID: p.ID, Title: "Luleå", Text: "Anna: the trade fair in Luleå", Turns: []coding.Turn{{Speaker: "Anna", Start: 6, End: 29}}}
	if err := d.Store.CreateDocument(ctx, doc); err != nil {
		t.Fatal(err)
	}
	mustFind(t, d, p.ID, "lulea", 1)
	// Another opening of a held directory is refused with a clear error.
	if _, err := datadir.Open(ctx, dir, datadir.Options{}); coding.ErrorCode(err) != coding.ECONFLICT || !strings.Contains(coding.ErrorMessage(err), "already in use") {
		t.Errorf("second open: got %v, want an in-use conflict", err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	// Without the index, the store still opens; with it, after the index
	// directory is gone, the index is rebuilt on opening.
	if !datadir.Exists(dir) || datadir.Exists(t.TempDir()) {
		t.Error("Exists: got false for the data directory or true for an empty one")
	}
	plain, err := datadir.Open(ctx, dir, datadir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Index != nil {
		t.Error("got an index without Options.Search")
	}
	plain.Close()
	if err := os.RemoveAll(datadir.IndexDir(dir)); err != nil {
		t.Fatal(err)
	}
	var progress bytes.Buffer
	again, err := datadir.Open(ctx, dir, datadir.Options{Search: true, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	mustFind(t, again, p.ID, `"trade fair"`, 1)
	if !strings.Contains(progress.String(), "indexing project "+p.ID+": 1/1") {
		t.Errorf("got progress %q, want the rebuild reported", progress.String())
	}
}

// mustFind searches a project's turns and checks the number of hits.
func mustFind(t *testing.T, d *datadir.Dir, projectID, query string, want int) {
	t.Helper()
	res, err := d.Index.Search(context.Background(), projectID, search.Request{Query: query})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != want {
		t.Errorf("search %s: got %d hits, want %d", query, res.Total, want)
	}
}

// TestListenHearsEveryCommit gives the listener every committed change
// with its sequence number, until it is taken away.
func TestListenHearsEveryCommit(t *testing.T) {
	ctx := context.Background()
	d, err := datadir.Open(ctx, t.TempDir(), datadir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var heard []coding.Change
	d.Listen(func(cs []coding.Change) { heard = append(heard, cs...) })
	p := &coding.Project{Name: "Heard"}
	if err := d.Store.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	if len(heard) != 1 || heard[0].ProjectID != p.ID || heard[0].Kind != "project" || heard[0].Seq != 1 {
		t.Fatalf("got %+v, want the project's creation as change 1", heard)
	}
	d.Listen(nil)
	if err := d.Store.CreateCase(ctx, &coding.Case{ProjectID: p.ID, Name: "Unheard"}); err != nil {
		t.Fatal(err)
	}
	if len(heard) != 1 {
		t.Errorf("got %d changes after Listen(nil), want still 1", len(heard))
	}
}
