package search_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"tessera/coding"
	"tessera/coding/search"
)

// indexName returns the bleve directory the project's meta file names;
// it changes with every rebuild.
func (e *env) indexName() string {
	e.tb.Helper()
	b, err := os.ReadFile(filepath.Join(e.indexDir(), "meta.json"))
	if err != nil {
		e.tb.Fatal(err)
	}
	var m struct{ Index string }
	if err := json.Unmarshal(b, &m); err != nil {
		e.tb.Fatal(err)
	}
	return m.Index
}

func TestChangesAreSearchableAtOnce(t *testing.T) {
	f := mustFixture(t)
	f.total("fair") // opens (builds) the index
	built := f.indexName()

	code := f.code("Fairs abroad", coding.LevelConcept, "")
	q := f.quoteOf(f.ceo, "trade fair in Hannover", code.ID)
	quotes := func(query string) int {
		return f.search(search.Request{Query: query, Kinds: []string{"quote"}, CountOnly: true}).Total
	}
	if got := quotes("hannover"); got != 1 {
		t.Errorf("got %d quotes for hannover, want 1", got)
	}
	if got := f.total(`code:"Fairs abroad"`); got != 1 {
		t.Errorf("got %d turns coded Fairs abroad, want 1", got)
	}

	// Renaming the code relabels its quotes; recoding moves the turn.
	name := "Foreign trade fairs"
	if _, err := f.st.UpdateCode(ctx, f.pid, code.ID, coding.CodeUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	if got := quotes(`title:"foreign trade fairs"`); got != 1 {
		t.Errorf("got %d quotes labelled with the new name, want 1", got)
	}
	if _, err := f.st.UpdateQuote(ctx, f.pid, q.ID, coding.QuoteUpdate{CodeIDs: []string{f.peer.ID}}); err != nil {
		t.Fatal(err)
	}
	if got := f.total(`code:"Foreign trade fairs"`); got != 0 {
		t.Errorf("got %d turns still coded after recoding, want 0", got)
	}
	if err := f.st.DeleteQuote(ctx, f.pid, q.ID); err != nil {
		t.Fatal(err)
	}
	if got := quotes("hannover"); got != 0 {
		t.Errorf("got %d quotes after deleting it, want 0", got)
	}

	// A new document, a memo, then the document's deletion.
	d := f.doc("Zeppelin", "", "Interviewer: Anything else?\nCTO: The zeppelin fair in Friedrichshafen.\n")
	if got := f.total("zeppelin"); got != 1 {
		t.Errorf("got %d turns for a new document, want 1", got)
	}
	m := &coding.Memo{ProjectID: f.pid, TargetType: coding.MemoProject, Title: "Airships", Body: "Ask about the zeppelin."}
	if err := f.st.CreateMemo(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got := f.search(search.Request{Query: "zeppelin", Kinds: []string{"memo"}}).Total; got != 1 {
		t.Errorf("got %d memos, want 1", got)
	}
	if err := f.st.DeleteDocument(ctx, f.pid, d.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := f.total("zeppelin"); got != 0 {
		t.Errorf("got %d turns of a deleted document, want 0", got)
	}
	// Renaming a speaker and moving a document to another case.
	if _, err := f.st.UpdateDocument(ctx, f.pid, f.founder.ID, coding.DocumentUpdate{
		RenameSpeakers: map[string]string{"Founder": "CEO (Lena)"}, CaseID: &f.robotics.ID}); err != nil {
		t.Fatal(err)
	}
	if got := f.total(`speaker:"CEO (Lena)" case:"Robotics Oy"`); got != 2 {
		t.Errorf("got %d turns of the renamed speaker in the new case, want 2", got)
	}
	if got := f.indexName(); got != built {
		t.Errorf("the index was rebuilt (%s, was %s); want incremental updates", got, built)
	}
}

func TestConcurrentChanges(t *testing.T) {
	f := mustFixture(t)
	f.total("fair")
	built := f.indexName()
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			q := &coding.Quote{ProjectID: f.pid, DocumentID: f.ceo.ID, Start: i, End: i + 5, CodeIDs: []string{f.peer.ID}}
			if err := f.st.CreateQuote(ctx, q); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if got := f.search(search.Request{Kinds: []string{"quote"}, CountOnly: true}).Total; got != 22 {
		t.Errorf("got %d quotes, want 22", got)
	}
	f.reopen(true)
	if err := f.ix.EnsureFresh(ctx, f.pid); err != nil {
		t.Fatal(err)
	}
	if got := f.indexName(); got != built {
		t.Errorf("reopening rebuilt the index; want it current")
	}
}

func TestRebuildWhenIndexDeleted(t *testing.T) {
	f := mustFixture(t)
	f.total("fair")
	f.close()
	if err := os.RemoveAll(filepath.Join(f.dir, "index")); err != nil {
		t.Fatal(err)
	}
	f.open(true)
	var mu sync.Mutex
	var progress [][2]int
	ix, err := search.Open(f.st, search.Options{Dir: filepath.Join(f.dir, "index"), Progress: func(pid string, done, total int) {
		mu.Lock()
		progress = append(progress, [2]int{done, total})
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	f.ix.Close()
	f.ix = ix
	if err := f.ix.EnsureFresh(ctx, f.pid); err != nil {
		t.Fatal(err)
	}
	if got := f.total("learning"); got != 5 {
		t.Errorf("got %d turns after the rebuild, want 5", got)
	}
	if len(progress) != 2 || progress[1] != [2]int{2, 2} {
		t.Errorf("got progress %v, want 1 then 2 of 2 documents", progress)
	}
}

// TestRebuildAfterCrash stops the index from hearing about a commit, as
// if the process died between the store's commit and the index update.
func TestRebuildAfterCrash(t *testing.T) {
	f := mustFixture(t)
	f.total("fair")
	built := f.indexName()
	f.reopen(false) // the index misses every change from here
	f.doc("Zeppelin", "", "Interviewer: Anything else?\nCTO: The zeppelin fair in Friedrichshafen.\n")
	if _, err := f.st.UpdateCase(ctx, f.pid, f.robotics.ID, coding.CaseUpdate{Attributes: []coding.Attribute{{Name: "sector", Value: "drones"}}}); err != nil {
		t.Fatal(err)
	}
	f.reopen(true)
	if err := f.ix.EnsureFresh(ctx, f.pid); err != nil {
		t.Fatal(err)
	}
	if got := f.indexName(); got == built {
		t.Errorf("got the same index %s, want a rebuilt one", got)
	}
	if got := f.total("zeppelin"); got != 1 {
		t.Errorf("got %d turns for the missed document, want 1", got)
	}
	if got := f.total("attr:sector=drones"); got != 4 {
		t.Errorf("got %d turns for the missed attribute, want 4", got)
	}
}

func TestRebuildWhenMetaDamaged(t *testing.T) {
	for name, content := range map[string]string{
		"garbage":    "{not json",
		"old layout": `{"layout": 0, "language": "en", "index": "index-01"}`,
		"no index":   `{"layout": 1, "language": "en", "index": "index-0NOPE"}`,
		"language":   `{"layout": 1, "language": "fi", "index": "index-01"}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := mustFixture(t)
			f.total("fair")
			f.close()
			if err := os.WriteFile(filepath.Join(f.indexDir(), "meta.json"), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			f.open(true)
			if err := f.ix.EnsureFresh(ctx, f.pid); err != nil {
				t.Fatal(err)
			}
			if got := f.total("learning"); got != 5 {
				t.Errorf("got %d turns, want 5", got)
			}
			entries, _ := os.ReadDir(f.indexDir())
			if len(entries) != 2 {
				t.Errorf("got %d entries in the index directory, want meta.json and one index", len(entries))
			}
		})
	}
}

func TestRebuildKeepsChangesMadeMeanwhile(t *testing.T) {
	f := mustFixture(t)
	f.close()
	var once sync.Once
	f.open(true)
	ix, err := search.Open(f.st, search.Options{Dir: filepath.Join(f.dir, "index"), Progress: func(pid string, done, total int) {
		// A commit while the rebuild is under way.
		once.Do(func() { f.quoteOf(f.founder, "trial and error", f.learningByDoing.ID) })
	}})
	if err != nil {
		t.Fatal(err)
	}
	f.ix.Close()
	f.ix = ix
	if err := f.ix.Rebuild(ctx, f.pid); err != nil {
		t.Fatal(err)
	}
	if got := f.total(`code:"Learning by doing"`); got != 2 {
		t.Errorf("got %d turns coded Learning by doing, want 2 (one coded during the rebuild)", got)
	}
	f.reopen(true)
	if err := f.ix.EnsureFresh(ctx, f.pid); err != nil {
		t.Fatal(err)
	}
	if got := f.total(`"trial and error"`); got != 1 {
		t.Errorf("got %d turns, want 1", got)
	}
}

func TestProjectLanguage(t *testing.T) {
	e := mustEnv(t)
	e.doc("Haastattelu", "", "Haastattelija: Mitä tapahtui?\nToimitusjohtaja: Kävimme messuilla Tukholmassa ja Luulajassa.\n")
	if got := e.total("messut"); got != 0 {
		t.Fatalf("got %d turns with English stems, want 0", got)
	}
	fi := "fi"
	if _, err := e.st.UpdateProject(ctx, e.pid, coding.ProjectUpdate{Language: &fi}); err != nil {
		t.Fatal(err)
	}
	if got := e.total("messut"); got != 1 {
		t.Errorf("got %d turns with Finnish stems, want 1", got)
	}
}

func TestHeldIndexFailsFast(t *testing.T) {
	f := mustFixture(t)
	f.total("fair")
	other, err := search.Open(f.st, search.Options{Dir: filepath.Join(f.dir, "index")})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	// A second opener gets a conflict once bleve's bolt_timeout passes,
	// where it would otherwise wait for the lock for ever.
	_, err = other.Search(ctx, f.pid, search.Request{Query: "fair"})
	wantCode(t, err, coding.ECONFLICT)
	if got := f.total("fair"); got != 2 {
		t.Errorf("got %d turns from the first index, want 2", got)
	}
}

func TestDeletedProjectLosesItsIndex(t *testing.T) {
	f := mustFixture(t)
	f.total("fair")
	if err := f.st.DeleteProject(ctx, f.pid); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.indexDir()); !os.IsNotExist(err) {
		t.Errorf("got %v for the index directory, want it gone", err)
	}
	_, err := f.ix.Search(ctx, f.pid, search.Request{Query: "fair"})
	wantCode(t, err, coding.ENOTFOUND)
}
