package search_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tessera/coding"
	"tessera/coding/search"
	"tessera/coding/store"
)

var ctx = context.Background()

// frozen is the clock of every test store.
var frozen = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// env is a store in a temporary data directory with its search index
// hooked to the store's changes, and one project.
type env struct {
	tb  testing.TB
	dir string
	st  *store.Store
	ix  *search.Index
	pid string
}

// mustEnv opens a store and an index on a new data directory.
func mustEnv(tb testing.TB) *env {
	tb.Helper()
	e := &env{tb: tb, dir: tb.TempDir()}
	e.open(true)
	p := &coding.Project{Name: "Learning from failure"}
	if err := e.st.CreateProject(ctx, p); err != nil {
		tb.Fatal(err)
	}
	e.pid = p.ID
	return e
}

// open opens the store (with or without the index hooked to its changes)
// and the index.
func (e *env) open(hook bool) {
	e.tb.Helper()
	opt := store.Options{Now: func() time.Time { return frozen }, Timeout: time.Second}
	if hook {
		opt.OnChange = func(chs []coding.Change) {
			if e.ix != nil {
				e.ix.Apply(chs)
			}
		}
	}
	st, err := store.Open(filepath.Join(e.dir, "tessera.db"), opt)
	if err != nil {
		e.tb.Fatal(err)
	}
	ix, err := search.Open(st, search.Options{Dir: filepath.Join(e.dir, "index")})
	if err != nil {
		e.tb.Fatal(err)
	}
	e.st, e.ix = st, ix
	e.tb.Cleanup(func() { e.close() })
}

// close closes the index and the store.
func (e *env) close() {
	e.tb.Helper()
	if e.ix != nil {
		if err := e.ix.Close(); err != nil {
			e.tb.Error(err)
		}
		e.ix = nil
	}
	if e.st != nil {
		e.st.Close()
		e.st = nil
	}
}

// reopen closes everything and opens it again.
func (e *env) reopen(hook bool) {
	e.tb.Helper()
	e.close()
	e.open(hook)
}

func (e *env) caseNamed(name string, attrs ...coding.Attribute) *coding.Case {
	e.tb.Helper()
	c := &coding.Case{ProjectID: e.pid, Name: name, Attributes: attrs}
	if err := e.st.CreateCase(ctx, c); err != nil {
		e.tb.Fatal(err)
	}
	return c
}

// doc stores a transcript whose lines "Speaker: words" are its turns
// (text without labels is one turn). raw is normalised first.
func (e *env) doc(title, caseID, raw string) *coding.Document {
	e.tb.Helper()
	text, _ := coding.NormalizeText(raw)
	d := &coding.Document{ProjectID: e.pid, Title: title, CaseID: caseID, Text: text, Turns: turnsOf(text)}
	if err := e.st.CreateDocument(ctx, d); err != nil {
		e.tb.Fatal(err)
	}
	return d
}

// turnsOf splits text into turns at lines of the form "Speaker: ...".
func turnsOf(text string) []coding.Turn {
	var turns []coding.Turn
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		n := coding.RuneLen(line)
		body := strings.TrimRight(line, "\n")
		if name, _, ok := strings.Cut(body, ": "); ok && !strings.ContainsAny(name, ".,") && coding.RuneLen(name) < 30 {
			turns = append(turns, coding.Turn{Speaker: name, Start: pos, End: pos + coding.RuneLen(body)})
		} else if len(turns) > 0 && strings.TrimSpace(body) != "" {
			turns[len(turns)-1].End = pos + coding.RuneLen(body)
		}
		pos += n
	}
	return turns
}

func (e *env) code(name string, level coding.Level, parent string) *coding.Code {
	e.tb.Helper()
	c := &coding.Code{ProjectID: e.pid, Name: name, Level: level, ParentID: parent}
	if err := e.st.CreateCode(ctx, c); err != nil {
		e.tb.Fatal(err)
	}
	return c
}

func (e *env) quote(docID string, start, end int, codes ...string) *coding.Quote {
	e.tb.Helper()
	q := &coding.Quote{ProjectID: e.pid, DocumentID: docID, Start: start, End: end, CodeIDs: codes, Coder: "anna"}
	if err := e.st.CreateQuote(ctx, q); err != nil {
		e.tb.Fatal(err)
	}
	return q
}

// search runs req and fails the test on error.
func (e *env) search(req search.Request) *search.Result {
	e.tb.Helper()
	res, err := e.ix.Search(ctx, e.pid, req)
	if err != nil {
		e.tb.Fatalf("search %q: %v", req.Query, err)
	}
	return res
}

// total returns the number of turns matching q.
func (e *env) total(q string) int {
	e.tb.Helper()
	return e.search(search.Request{Query: q, CountOnly: true}).Total
}

// indexDir returns the directory of the project's index.
func (e *env) indexDir() string {
	e.tb.Helper()
	return filepath.Join(e.dir, "index", e.pid)
}

// wantCode fails unless err carries the error code want.
func wantCode(tb testing.TB, err error, want string) {
	tb.Helper()
	if got := coding.ErrorCode(err); got != want {
		tb.Fatalf("got error code %q (%v), want %q", got, err, want)
	}
}

// readFile returns a testdata file.
func readFile(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestSearchFindsTurnsOfANewDocument(t *testing.T) {
	e := mustEnv(t)
	d := e.doc("Interview 1", "", "Interviewer: How did you learn?\nAnna: We learned a lot at the trade fair in Luleå.\n")
	res := e.search(search.Request{Query: "learning"})
	if res.Total != 2 {
		t.Fatalf("got %d hits, want 2 (learn and learned share a stem)", res.Total)
	}
	for _, h := range res.Hits {
		if h.DocumentID != d.ID || h.DocumentTitle != "Interview 1" {
			t.Errorf("got hit in %q %q, want %q", h.DocumentID, h.DocumentTitle, d.ID)
		}
	}
}
