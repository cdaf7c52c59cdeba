package e2e_test

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// liveApp is a Tessera that can be stopped and started again on the same
// address and data directory, as when the server crashes and comes back.
type liveApp struct {
	app
	dir, addr string
	halt      func()
}

// startLiveApp runs `tessera serve` on a fresh data directory and a free
// port.
func startLiveApp(tb testing.TB) *liveApp {
	tb.Helper()
	a := &liveApp{dir: tb.TempDir(), addr: "127.0.0.1:0"}
	a.restart(tb)
	a.addr = strings.TrimPrefix(a.URL, "http://")
	tb.Cleanup(func() { a.stop(tb) })
	return a
}

// restart serves the data directory on the app's address again.
func (a *liveApp) restart(tb testing.TB) {
	tb.Helper()
	b, halt := runMain(tb, "serve", "--data", a.dir, "--addr", a.addr)
	a.app, a.halt = *b, halt
}

// stop kills the server: connections drop, the data directory closes.
func (a *liveApp) stop(tb testing.TB) {
	tb.Helper()
	if a.halt != nil {
		a.halt()
		a.halt = nil
	}
}

// holdingProxy forwards to target and holds every request that hold
// picks until release is closed; done gets the time (Unix ms) each held
// request was answered.
func holdingProxy(tb testing.TB, target string, hold func(*http.Request) bool, release <-chan struct{}, arrived chan<- struct{}, done *atomic.Int64) string {
	tb.Helper()
	u, err := url.Parse(target)
	if err != nil {
		tb.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hold(r) {
			rp.ServeHTTP(w, r)
			return
		}
		arrived <- struct{}{}
		<-release
		rp.ServeHTTP(w, r)
		done.Store(time.Now().UnixMilli())
	}))
	tb.Cleanup(ts.Close)
	return ts.URL
}

// checkPageErrors fails the test when the page threw or logged errors.
func checkPageErrors(tb testing.TB, b *browser) {
	tb.Helper()
	if errs := b.pageErrors(); len(errs) > 0 {
		tb.Errorf("got page errors %q, want none", errs)
	}
}

// draftsStudy makes a project with one code and returns their IDs.
func draftsStudy(tb testing.TB, a *app) (pid, cid string) {
	tb.Helper()
	var p struct{ ID string }
	apiCall(tb, a, "POST", "/projects", map[string]string{"name": "Drafts study"}, &p)
	var c codeJSON
	apiCall(tb, a, "POST", "/projects/"+p.ID+"/codes", map[string]any{"name": "Learning from failure", "level": "concept"}, &c)
	return p.ID, c.ID
}

// storedCode is a code's text fields as the server has them.
type storedCode struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
	Version    int    `json:"version"`
}

// waitStored polls the API until get's answer satisfies ok.
func waitStored[T any](tb testing.TB, a *app, path, what string, ok func(T) bool) T {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var v T
		apiCall(tb, a, "GET", path, nil, &v)
		if ok(v) {
			return v
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s: not after 30 s (stored %+v)", what, v)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// caretToEnd focuses the text field sel with the caret after its text, as
// a click after the last word does.
func caretToEnd(tb testing.TB, b *browser, sel string) {
	tb.Helper()
	eval[bool](tb, b, `(() => { const el = document.querySelector(`+jsString(sel)+`); el.focus();
		el.setSelectionRange(el.value.length, el.value.length); return true; })()`)
}

// fieldValue returns the value of the text field sel ("" when missing).
func fieldValue(tb testing.TB, b *browser, sel string) string {
	tb.Helper()
	return eval[string](tb, b, `(document.querySelector(`+jsString(sel)+`) || {}).value || ''`)
}

// saveStatus returns the header's save status.
func saveStatus(tb testing.TB, b *browser) string {
	tb.Helper()
	return eval[string](tb, b, `(document.querySelector('.save-status') || {}).textContent || ''`)
}

// waitAllSaved waits for the header to say every change is saved.
func waitAllSaved(tb testing.TB, b *browser) {
	tb.Helper()
	b.waitJS(tb, "all changes saved", `(document.querySelector('.save-status') || {}).textContent === 'All changes saved'`)
}

// waitOffline waits for the header to say the server cannot be reached.
func waitOffline(tb testing.TB, b *browser) {
	tb.Helper()
	b.waitJS(tb, "the offline status", `((document.querySelector('.save-status') || {}).textContent || '').startsWith('Offline:')`)
}

// pressRetry presses the header's Retry, unless the page already tried
// again by itself and it is gone.
func pressRetry(tb testing.TB, b *browser) {
	tb.Helper()
	eval[bool](tb, b, `(() => { const r = document.querySelector('.save-retry'); if (r) r.click(); return true; })()`)
}

// leftDrafts lists the drafts the browser still keeps.
func leftDrafts(tb testing.TB, b *browser) []string {
	tb.Helper()
	return eval[[]string](tb, b, `Object.keys(localStorage).filter(k => k.startsWith('tessera.draft.'))`)
}

// startMemo opens the memos of project pid and presses New memo.
func startMemo(tb testing.TB, b *browser, a *app, pid string) {
	tb.Helper()
	b.do(tb, "open the memos", chromedp.Navigate(a.URL+"/p/"+pid+"/memos"))
	b.waitJS(tb, "the memos page", `!!document.querySelector('.memos-page .page-head .btn-primary')`)
	b.do(tb, "start a memo", chromedp.Click(chromedp.CSS(`.memos-page .page-head .btn-primary`)))
	b.waitJS(tb, "the editor", `!!document.querySelector('.memo-title')`)
}

// TestMemoTypedRightAfterTitle creates a memo by typing its title, clicking
// the text area and typing on at once: the memo is created meanwhile and
// keeps every character, focus stays in the text, and keys that are
// shortcuts elsewhere ("/", "c", "n") type.
func TestMemoTypedRightAfterTitle(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := draftsStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)

	startMemo(t, b, a, pid)
	title := "Lessons from Luleå / Tromsø"
	body := "We failed first / then learned: c, n, p and ? are keys here, not shortcuts. Pöllö"
	b.do(t, "type the title, click the text and type on",
		chromedp.Click(chromedp.CSS(`.memo-title`)), chromedp.KeyEvent(title),
		chromedp.Click(chromedp.CSS(`.memo-body`)), chromedp.KeyEvent(body))

	type memoJSON struct{ ID, Title, Body string }
	memos := waitStored(t, a, "/projects/"+pid+"/memos", "the memo stored whole", func(ms []memoJSON) bool {
		return len(ms) == 1 && ms[0].Body == body
	})
	if memos[0].Title != title {
		t.Errorf("stored title: got %q, want %q", memos[0].Title, title)
	}
	if got := fieldValue(t, b, ".memo-body"); got != body {
		t.Errorf("memo text on screen: got %q, want %q", got, body)
	}
	if !eval[bool](t, b, `document.activeElement === document.querySelector('.memo-body')`) {
		t.Errorf("focus: got %q, want the memo text", eval[string](t, b, `document.activeElement.className || document.activeElement.tagName`))
	}
	if got := eval[string](t, b, `location.pathname`); got != "/p/"+pid+"/memos/"+memos[0].ID {
		t.Errorf("address: got %s, want the new memo's", got)
	}
	checkPageErrors(t, b)
}

// TestReloadKeepsTyping types into a code's definition and a memo, pauses
// 300 ms, 1 s or 5 s as a person might, and reloads: every character is
// there after the reload (from the server, or restored from the browser's
// draft and then saved), and the page warns before leaving only while
// something is unsaved.
func TestReloadKeepsTyping(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, cid := draftsStudy(t, a)
	var memo struct{ ID string }
	apiCall(t, a, "POST", "/projects/"+pid+"/memos", map[string]any{"title": "Field notes", "body": "Start.", "target_type": "project"}, &memo)
	screenshotsOnFailure(t, b, nil, nil)

	type field struct {
		name, url, sel, path string
		stored               func(map[string]any) string
	}
	definition := field{"definition", "/p/" + pid + "/codes/" + cid, "#md-definition", "/projects/" + pid + "/codes/" + cid,
		func(m map[string]any) string { s, _ := m["definition"].(string); return s }}
	memoBody := field{"memo", "/p/" + pid + "/memos/" + memo.ID, ".memo-body", "/projects/" + pid + "/memos/" + memo.ID,
		func(m map[string]any) string { s, _ := m["body"].(string); return s }}
	for _, tc := range []struct {
		f     field
		pause time.Duration
	}{
		{definition, 300 * time.Millisecond}, {memoBody, 300 * time.Millisecond},
		{definition, time.Second}, {memoBody, time.Second},
		{definition, 5 * time.Second},
	} {
		t.Run(tc.f.name+"-"+tc.pause.String(), func(t *testing.T) {
			b.do(t, "open the field", chromedp.Navigate(a.URL+tc.f.url))
			b.waitJS(t, "the field", `!!document.querySelector(`+jsString(tc.f.sel)+`)`)
			waitAllSaved(t, b)
			var before map[string]any
			apiCall(t, a, "GET", tc.f.path, nil, &before)
			want := tc.f.stored(before) + " Typed " + tc.pause.String() + " before a reload: Åsa learned in Tromsø."
			caretToEnd(t, b, tc.f.sel)
			dialogs := len(b.openedDialogs())
			b.do(t, "type", chromedp.KeyEvent(" Typed "+tc.pause.String()+" before a reload: Åsa learned in Tromsø."))
			// The person pauses, then reloads.
			b.do(t, "pause and reload", chromedp.Sleep(tc.pause), chromedp.Reload())
			b.waitJS(t, "the text after the reload", `(document.querySelector(`+jsString(tc.f.sel)+`) || {}).value === `+jsString(want))
			waitStored(t, a, tc.f.path, "the text stored", func(m map[string]any) bool { return tc.f.stored(m) == want })
			waitAllSaved(t, b)
			if d := leftDrafts(t, b); len(d) > 0 {
				t.Errorf("drafts after the server confirmed: got %q, want none", d)
			}
			warned := len(b.openedDialogs()) > dialogs
			if tc.pause < time.Second && !warned {
				t.Errorf("reload %s after typing: got no warning, want one (the text was not saved yet)", tc.pause)
			}
			if tc.pause >= 5*time.Second && warned {
				t.Errorf("reload %s after typing: got a warning %q, want none (all was saved)", tc.pause, b.openedDialogs())
			}
		})
	}
	checkPageErrors(t, b)
}

// TestServerRestartLosesNothing kills the server while a definition is
// being typed and starts it again on the same data directory: the header
// counts the waiting change and offers Retry, the text reaches the server
// once it is back (by Retry, and by itself), and nothing typed is lost.
func TestServerRestartLosesNothing(t *testing.T) {
	a := startLiveApp(t)
	b := newBrowser(t)
	pid, cid := draftsStudy(t, &a.app)
	path := "/projects/" + pid + "/codes/" + cid
	screenshotsOnFailure(t, b, nil, nil)

	b.do(t, "open the code", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+cid))
	b.waitJS(t, "the definition", `!!document.querySelector('#md-definition')`)
	parts := []string{"Failing in Luleå", " taught the founders", " to test early", " and to listen to partners in Tromsø."}
	b.do(t, "type", chromedp.Click(chromedp.CSS(`#md-definition`)), chromedp.KeyEvent(parts[0]))
	waitStored(t, &a.app, path, "the first words stored", func(c storedCode) bool { return c.Definition == parts[0] })

	// The server dies mid-typing; the person types on.
	a.stop(t)
	b.do(t, "type while the server is down", chromedp.KeyEvent(parts[1]))
	b.waitJS(t, "the offline status", `(document.querySelector('.save-status') || {}).textContent === 'Offline: 1 change waiting'`)
	if !eval[bool](t, b, `!!document.querySelector('.save-retry')`) {
		t.Error("offline status: got no Retry button, want one")
	}
	b.do(t, "type more", chromedp.KeyEvent(parts[2]))
	if got := saveStatus(t, b); !strings.HasPrefix(got, "Offline:") {
		t.Errorf("status while the server is down: got %q, want it to say offline", got)
	}

	// Back: Retry sends what waits.
	a.restart(t)
	b.do(t, "retry", chromedp.Click(chromedp.CSS(`.save-retry`)))
	want := parts[0] + parts[1] + parts[2]
	waitStored(t, &a.app, path, "the text typed offline stored", func(c storedCode) bool { return c.Definition == want })
	waitAllSaved(t, b)

	// Down again: this time the page tries again by itself.
	a.stop(t)
	caretToEnd(t, b, "#md-definition")
	b.do(t, "type while the server is down again", chromedp.KeyEvent(parts[3]))
	waitOffline(t, b)
	a.restart(t)
	want += parts[3]
	waitStored(t, &a.app, path, "the text stored after the restart", func(c storedCode) bool { return c.Definition == want })
	waitAllSaved(t, b)
	if got := fieldValue(t, b, "#md-definition"); got != want {
		t.Errorf("definition on screen: got %q, want %q", got, want)
	}
	if d := leftDrafts(t, b); len(d) > 0 {
		t.Errorf("drafts after the server confirmed: got %q, want none", d)
	}
}

// TestSavedOnlyWhenConfirmed holds the server's answers to a definition's
// saves and watches the header: it says "All changes saved" only after
// the server has stored the last text typed.
func TestSavedOnlyWhenConfirmed(t *testing.T) {
	a := startApp(t)
	release := make(chan struct{})
	arrived := make(chan struct{}, 100)
	var lastDone atomic.Int64
	base := holdingProxy(t, a.URL, func(r *http.Request) bool {
		return r.Method == http.MethodPatch && strings.Contains(r.URL.Path, "/codes/")
	}, release, arrived, &lastDone)
	b := newBrowser(t)
	pid, cid := draftsStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)

	b.do(t, "open the code", chromedp.Navigate(base+"/p/"+pid+"/codes/"+cid))
	b.waitJS(t, "the definition", `!!document.querySelector('#md-definition')`)
	waitAllSaved(t, b)
	// Log every status the header shows, with the time.
	eval[bool](t, b, `(() => {
		window.__statusLog = [];
		const el = document.querySelector('.save-status');
		const note = () => window.__statusLog.push([Date.now(), el.textContent]);
		new MutationObserver(note).observe(el, { childList: true, characterData: true, subtree: true });
		return true; })()`)
	b.do(t, "type", chromedp.Click(chromedp.CSS(`#md-definition`)), chromedp.KeyEvent("Learning by failing"))
	select {
	case <-arrived:
	case <-time.After(15 * time.Second):
		t.Fatal("no save reached the server 15 s after typing")
	}
	if got := saveStatus(t, b); got != "Saving…" {
		t.Errorf("status while the save is held: got %q, want %q", got, "Saving…")
	}
	b.do(t, "type more while the save is held", chromedp.KeyEvent(", then learning by listening."))
	if got := saveStatus(t, b); got != "Saving…" {
		t.Errorf("status with typing not sent: got %q, want %q", got, "Saving…")
	}
	close(release)
	want := "Learning by failing, then learning by listening."
	waitStored(t, a, "/projects/"+pid+"/codes/"+cid, "the whole text stored", func(c storedCode) bool { return c.Definition == want })
	waitAllSaved(t, b)
	log := eval[[][]any](t, b, `window.__statusLog`)
	done := lastDone.Load()
	for _, e := range log {
		at, _ := e[0].(float64)
		if e[1] == "All changes saved" && int64(at) < done {
			t.Errorf("status log %v: %q shown at %d, before the server stored the last text at %d", log, e[1], int64(at), done)
		}
	}
}

// TestEveryTextFieldAutosaves types into each kind of text field and never
// leaves it: a code's name and notes, a quote's memo, a case's name and
// attribute, the project description, a transcript's title and details
// all reach the server while the field keeps the focus. A text typed while
// its route is cut off, then left by a reload, is listed on the next
// screen and restored and saved when its field opens.
func TestEveryTextFieldAutosaves(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, cid := draftsStudy(t, a)
	var cs struct{ ID string }
	apiCall(t, a, "POST", "/projects/"+pid+"/cases", map[string]any{"name": "Pöllö Robotics",
		"attributes": []map[string]any{{"name": "sector", "type": "text", "value": "robots"}}}, &cs)
	var doc docJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/documents", map[string]any{
		"title": "CEO", "text": "Interviewer: Tell me.\nAnna: We failed in Luleå first.\n"}, &doc)
	var q quoteJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/quotes", map[string]any{"document_id": doc.ID, "start": 22, "end": 28, "code_ids": []string{cid}}, &q)
	screenshotsOnFailure(t, b, nil, nil)

	get := func(path, field string) func() string {
		return func() string {
			var m map[string]any
			apiCall(t, a, "GET", path, nil, &m)
			s, _ := m[field].(string)
			return s
		}
	}
	attr := func() string {
		var c struct{ Attributes []struct{ Name, Value any } }
		apiCall(t, a, "GET", "/projects/"+pid+"/cases/"+cs.ID, nil, &c)
		for _, at := range c.Attributes {
			if at.Name == "sector" {
				s, _ := at.Value.(string)
				return s
			}
		}
		return ""
	}
	codePath, casePath := "/projects/"+pid+"/codes/"+cid, "/projects/"+pid+"/cases/"+cs.ID
	docPath := "/projects/" + pid + "/documents/" + doc.ID
	role := func() string {
		var d struct {
			Meta struct {
				InformantRole string `json:"informant_role"`
			}
		}
		apiCall(t, a, "GET", docPath, nil, &d)
		return d.Meta.InformantRole
	}
	for _, tc := range []struct {
		name, url, open, sel, typed, want string
		stored                            func() string
	}{
		{"code name", "/p/" + pid + "/codes/" + cid, "", ".code-title", " abroad", "Learning from failure abroad", get(codePath, "name")},
		{"inclusion", "/p/" + pid + "/codes/" + cid, "", "#md-inclusion", "Told by a founder.", "Told by a founder.", get(codePath, "inclusion")},
		{"exclusion", "/p/" + pid + "/codes/" + cid, "", "#md-exclusion", "Plans, not events.", "Plans, not events.", get(codePath, "exclusion")},
		{"quote memo", "/p/" + pid + "/d/" + doc.ID + "?q=" + q.ID, "", ".quote-card textarea", "Luleå was the turning point.", "Luleå was the turning point.", get("/projects/"+pid+"/quotes/"+q.ID, "memo")},
		{"case name", "/p/" + pid + "/cases", `.sheet tbody th .cell`, ".cell-input", " Oy", "Pöllö Robotics Oy", get(casePath, "name")},
		{"case attribute", "/p/" + pid + "/cases", `.sheet tbody td .cell`, ".cell-input", " and drones", "robots and drones", attr},
		{"project description", "/p/" + pid, "", "textarea.project-description", "Learning from failure in Nordic SMEs.", "Learning from failure in Nordic SMEs.", get("/projects/"+pid, "description")},
		{"document title", "/p/" + pid, `.doc-row button[aria-label="Details of CEO"]`, "input.doc-title", " of Pöllö", "CEO of Pöllö", get(docPath, "title")},
		{"informant role", "/p/" + pid, `.doc-row button[aria-label="Details of CEO of Pöllö"]`, "input.doc-informant-role", "Founder and CEO", "Founder and CEO", role},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b.do(t, "open the screen", chromedp.Navigate(a.URL+tc.url))
			if tc.open != "" {
				b.waitJS(t, "the cell", `!!document.querySelector(`+jsString(tc.open)+`)`)
				b.do(t, "open the cell", chromedp.Click(chromedp.CSS(tc.open)))
			}
			b.waitJS(t, "the field", `!!document.querySelector(`+jsString(tc.sel)+`)`)
			caretToEnd(t, b, tc.sel)
			b.do(t, "type", chromedp.KeyEvent(tc.typed))
			deadline := time.Now().Add(15 * time.Second)
			for tc.stored() != tc.want {
				if time.Now().After(deadline) {
					t.Fatalf("stored: got %q, want %q", tc.stored(), tc.want)
				}
				time.Sleep(100 * time.Millisecond)
			}
			if !eval[bool](t, b, `document.activeElement === document.querySelector(`+jsString(tc.sel)+`)`) {
				t.Errorf("focus left the field while it saved")
			}
			waitAllSaved(t, b)
		})
	}

	// Renaming in the tree: clicking elsewhere keeps the name, Escape drops it.
	b.do(t, "open the codebook", chromedp.Navigate(a.URL+"/p/"+pid+"/codes"))
	b.waitJS(t, "the tree", `!!document.querySelector('.tree-row')`)
	b.do(t, "rename", chromedp.Focus(chromedp.CSS(`.tree-row`)), chromedp.KeyEvent(kb.F2))
	b.waitJS(t, "the name field", `document.activeElement && document.activeElement.classList.contains('rename')`)
	b.do(t, "type a name and click elsewhere", chromedp.KeyEvent("Failing forward"), chromedp.Click(chromedp.CSS(`.codebook-head`)))
	waitStored(t, a, codePath, "the name kept", func(m map[string]any) bool { return m["name"] == "Failing forward" })
	b.do(t, "rename again", chromedp.Focus(chromedp.CSS(`.tree-row`)), chromedp.KeyEvent(kb.F2))
	b.waitJS(t, "the name field", `document.activeElement && document.activeElement.classList.contains('rename')`)
	b.do(t, "type and cancel", chromedp.KeyEvent("Dropped"), chromedp.KeyEvent(kb.Escape))
	b.waitJS(t, "the row again", `!document.querySelector('.tree-row .rename')`)
	waitAllSaved(t, b)
	var m map[string]any
	apiCall(t, a, "GET", codePath, nil, &m)
	if m["name"] != "Failing forward" {
		t.Errorf("name after Escape: got %v, want %q", m["name"], "Failing forward")
	}
	if got := eval[string](t, b, `document.querySelector('.tree-row .code-name').textContent`); got != "Failing forward" {
		t.Errorf("name in the tree after Escape: got %q, want %q", got, "Failing forward")
	}

	// Typed while the code route is cut off, then left by a reload.
	b.do(t, "open the code", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+cid))
	b.waitJS(t, "the exclusion", `!!document.querySelector('#md-exclusion')`)
	b.do(t, "cut the code route off", blockRequests(codeRoutes))
	caretToEnd(t, b, "#md-exclusion")
	b.do(t, "type", chromedp.KeyEvent(" Nor rumours."))
	waitOffline(t, b)
	b.do(t, "go to the documents", chromedp.Navigate(a.URL+"/p/"+pid))
	b.waitJS(t, "the list of texts waiting", `!!document.querySelector('.drafts-waiting a')`)
	if got := eval[string](t, b, `document.querySelector('.drafts-waiting a').textContent`); got != "Code “Failing forward”" {
		t.Errorf("text waiting: got %q, want the code named", got)
	}
	b.do(t, "reconnect", blockRequests())
	b.do(t, "open the text waiting", chromedp.Click(chromedp.CSS(`.drafts-waiting a`)))
	b.waitJS(t, "the restored text", `(document.querySelector('#md-exclusion') || {}).value === 'Plans, not events. Nor rumours.'`)
	want := "Plans, not events. Nor rumours."
	waitStored(t, a, codePath, "the restored text stored", func(m map[string]any) bool { return m["exclusion"] == want })
	waitAllSaved(t, b)
	if n := eval[int](t, b, `document.querySelectorAll('.drafts-waiting').length`); n != 0 {
		t.Errorf("texts waiting after saving: got %d lists, want none", n)
	}
	checkPageErrors(t, b)
}

// TestNewMemoSurvivesReload starts a memo and reloads 300 ms after typing
// its title, before or while it is being created, then types its text and
// reloads again: the project holds exactly one memo, with all the text.
func TestNewMemoSurvivesReload(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := draftsStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)

	startMemo(t, b, a, pid)
	// Only the title: the memo is created as the page goes.
	title, body := "Reloaded at once", "Typed and reloaded 300 ms later: Tromsø."
	b.do(t, "type a title, pause, reload", chromedp.Click(chromedp.CSS(`.memo-title`)), chromedp.KeyEvent(title),
		chromedp.Sleep(300*time.Millisecond), chromedp.Reload())
	// The memo is open again, or listed when its creation was confirmed
	// before the page went.
	b.waitJS(t, "the title after the reload", `(document.querySelector('.memo-title') || {}).value === `+jsString(title)+
		` || [...document.querySelectorAll('.memo-list a')].some(a => a.textContent.includes(`+jsString(title)+`))`)
	if fieldValue(t, b, ".memo-title") != title {
		b.do(t, "open the memo", chromedp.Click(chromedp.CSS(`.memo-list a`)))
		b.waitJS(t, "the memo", `(document.querySelector('.memo-title') || {}).value === `+jsString(title))
	}
	caretToEnd(t, b, ".memo-body")
	b.do(t, "type the text, pause, reload", chromedp.KeyEvent(body), chromedp.Sleep(300*time.Millisecond), chromedp.Reload())

	type memoJSON struct{ ID, Title, Body string }
	waitStored(t, a, "/projects/"+pid+"/memos", "the memo stored whole", func(ms []memoJSON) bool {
		return len(ms) >= 1 && ms[0].Title == title && ms[0].Body == body
	})
	b.waitJS(t, "the memo on screen", `(document.querySelector('.memo-body') || {}).value === `+jsString(body))
	waitAllSaved(t, b)
	var ms []memoJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/memos", nil, &ms)
	if len(ms) != 1 {
		t.Errorf("memos after the reload: got %+v, want one", ms)
	}
	if d := leftDrafts(t, b); len(d) > 0 {
		t.Errorf("drafts after the server confirmed: got %q, want none", d)
	}
	checkPageErrors(t, b)
}
