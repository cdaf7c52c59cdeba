package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"tessera/coding"
	"tessera/coding/store"
)

var ctx = context.Background()

// frozen is the clock of every test store.
var frozen = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// mustOpen opens a store on a new file in a temporary directory.
func mustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	return mustOpenAt(tb, filepath.Join(tb.TempDir(), "tessera.db"))
}

func mustOpenAt(tb testing.TB, path string) *store.Store {
	tb.Helper()
	s, err := store.Open(path, store.Options{Now: func() time.Time { return frozen }, Timeout: 200 * time.Millisecond})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func mustProject(tb testing.TB, s *store.Store, name string) *coding.Project {
	tb.Helper()
	p := &coding.Project{Name: name}
	if err := s.CreateProject(ctx, p); err != nil {
		tb.Fatal(err)
	}
	return p
}

func mustDocument(tb testing.TB, s *store.Store, pid, title, text string) *coding.Document {
	tb.Helper()
	norm, _ := coding.NormalizeText(text)
	d := &coding.Document{ProjectID: pid, Title: title, Text: norm}
	if err := s.CreateDocument(ctx, d); err != nil {
		tb.Fatal(err)
	}
	return d
}

func mustCode(tb testing.TB, s *store.Store, pid, name string, level coding.Level, parent string) *coding.Code {
	tb.Helper()
	c := &coding.Code{ProjectID: pid, Name: name, Level: level, ParentID: parent}
	if err := s.CreateCode(ctx, c); err != nil {
		tb.Fatal(err)
	}
	return c
}

func mustQuote(tb testing.TB, s *store.Store, pid, did string, start, end int, codes ...string) *coding.Quote {
	tb.Helper()
	q := &coding.Quote{ProjectID: pid, DocumentID: did, Start: start, End: end, CodeIDs: codes, Coder: "anna"}
	if err := s.CreateQuote(ctx, q); err != nil {
		tb.Fatal(err)
	}
	return q
}

// wantCode fails unless err carries the error code want.
func wantCode(tb testing.TB, err error, want string) {
	tb.Helper()
	if got := coding.ErrorCode(err); got != want {
		tb.Fatalf("got error code %q (%v), want %q", got, err, want)
	}
}

func TestProjectsPersistAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tessera.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := mustProject(t, s, "Learning from failure")
	c := &coding.Case{ProjectID: p.ID, Name: "Kohtamäki Analytics Oy", Attributes: []coding.Attribute{
		{Name: "employees", Value: float64(45)},
		{Name: "markets", Value: []any{"Sweden", "Japan"}},
		{Name: "founded", Value: "2011-05-01"},
	}}
	if err := s.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpenAt(t, path)
	got, err := s.FindProjectByName(ctx, "learning FROM failure")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != p.ID {
		t.Fatalf("got project %q, want %q", got.ID, p.ID)
	}
	gc, err := s.FindCase(ctx, p.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := map[string]coding.AttrType{"employees": coding.AttrNumber, "markets": coding.AttrList, "founded": coding.AttrDate}
	for _, a := range gc.Attributes {
		if a.Type != wantTypes[a.Name] {
			t.Errorf("attribute %s: got type %s, want %s", a.Name, a.Type, wantTypes[a.Name])
		}
	}
	if got := gc.Attribute("markets").String(); got != "Sweden; Japan" {
		t.Errorf("got markets %q, want %q", got, "Sweden; Japan")
	}
}

func TestProjectNameConflict(t *testing.T) {
	s := mustOpen(t)
	mustProject(t, s, "Study")
	wantCode(t, s.CreateProject(ctx, &coding.Project{Name: "STUDY"}), coding.ECONFLICT)
	wantCode(t, s.CreateProject(ctx, &coding.Project{Name: "  "}), coding.EINVALID)
	_, err := s.FindProject(ctx, "nope")
	wantCode(t, err, coding.ENOTFOUND)
}

func TestSecondOpenFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tessera.db")
	mustOpenAt(t, path)
	start := time.Now()
	_, err := store.Open(path, store.Options{Timeout: 300 * time.Millisecond})
	wantCode(t, err, coding.ECONFLICT)
	if coding.ErrorMessage(err) == "" || time.Since(start) > 2*time.Second {
		t.Fatalf("got %v after %v, want an in-use error within 2 s", err, time.Since(start))
	}
}

func TestDeleteProjectRemovesEverything(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Doomed")
	d := mustDocument(t, s, p.ID, "Interview", "Anna: we failed.")
	c := mustCode(t, s, p.ID, "Failure", coding.LevelConcept, "")
	mustQuote(t, s, p.ID, d.ID, 7, 16, c.ID)
	if err := s.DeleteProject(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	_, err := s.ListDocuments(ctx, p.ID, coding.DocumentFilter{})
	wantCode(t, err, coding.ENOTFOUND)
	// The name is free again.
	mustProject(t, s, "Doomed")
}

func TestBackupIsAConsistentCopy(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Backed up")
	mustDocument(t, s, p.ID, "Luleå", "Åsa: Luleå 👍")
	var buf bytes.Buffer
	n, err := s.Backup(ctx, &buf)
	if err != nil || n == 0 {
		t.Fatalf("got %d bytes, %v; want a copy", n, err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	c := mustOpenAt(t, path)
	docs, err := c.ListDocuments(ctx, p.ID, coding.DocumentFilter{})
	if err != nil || len(docs) != 1 || docs[0].Title != "Luleå" {
		t.Fatalf("got %v, %v; want the one document", docs, err)
	}
}

func TestConcurrentQuoteWriters(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Busy")
	d := mustDocument(t, s, p.ID, "Long", "Björn: "+string(bytes.Repeat([]byte("word "), 200)))
	c := mustCode(t, s, p.ID, "Word", coding.LevelConcept, "")
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := &coding.Quote{ProjectID: p.ID, DocumentID: d.ID, Start: 7 + i*5, End: 11 + i*5, CodeIDs: []string{c.ID}}
			errs <- s.CreateQuote(ctx, q)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	qs, err := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{CodeID: c.ID})
	if err != nil || len(qs) != 50 {
		t.Fatalf("got %d quotes (%v), want 50", len(qs), err)
	}
	for i, q := range qs {
		if q.Text != "word" || q.Start != 7+i*5 {
			t.Fatalf("quote %d: got %q at %d, want %q at %d", i, q.Text, q.Start, "word", 7+i*5)
		}
	}
	seq, _ := s.Seq(ctx, p.ID)
	if seq < 53 {
		t.Errorf("got seq %d, want at least 53 (one per mutation)", seq)
	}
}

func TestOnChangeReportsCommittedChanges(t *testing.T) {
	var mu sync.Mutex
	var got []coding.Change
	s, err := store.Open(filepath.Join(t.TempDir(), "t.db"), store.Options{OnChange: func(cs []coding.Change) {
		mu.Lock()
		got = append(got, cs...)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := mustProject(t, s, "Watched")
	d := mustDocument(t, s, p.ID, "Doc", "Text here")
	// A failed mutation reports nothing.
	_ = s.CreateQuote(ctx, &coding.Quote{ProjectID: p.ID, DocumentID: d.ID, Start: 0, End: 99, CodeIDs: []string{"x"}})
	if len(got) != 2 || got[1].Kind != "document" || got[1].Seq != 2 || got[1].IDs[0] != d.ID {
		t.Fatalf("got changes %+v, want project then document with seq 2", got)
	}
}
