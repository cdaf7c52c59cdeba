package e2e_test

import (
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tessera/coding"
	"tessera/coding/search"
	"tessera/coding/store"
	"tessera/server"
	"tessera/ui"
)

// liveApp is a Tessera that can be stopped and started again on the same
// address and data directory, as when the server crashes and comes back.
type liveApp struct {
	app
	dir  string
	addr string
	wrap func(http.Handler) http.Handler
	srv  *http.Server
	done chan struct{}
}

// startLiveApp starts the real server on a fresh data directory; wrap, if
// set, wraps its handler.
func startLiveApp(tb testing.TB, wrap func(http.Handler) http.Handler) *liveApp {
	tb.Helper()
	a := &liveApp{dir: tb.TempDir(), addr: "127.0.0.1:0", wrap: wrap}
	a.restart(tb)
	a.URL = "http://" + a.addr
	tb.Cleanup(func() { a.stop(tb) })
	return a
}

// restart opens the store and index of the data directory and serves them
// on the app's address.
func (a *liveApp) restart(tb testing.TB) {
	tb.Helper()
	var ix atomic.Pointer[search.Index]
	st, err := store.Open(filepath.Join(a.dir, "tessera.db"), store.Options{
		OnChange: func(cs []coding.Change) {
			if i := ix.Load(); i != nil {
				i.Apply(cs)
			}
		},
	})
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	idx, err := search.Open(st, search.Options{Dir: filepath.Join(a.dir, "index")})
	if err != nil {
		st.Close()
		tb.Fatalf("open search index: %v", err)
	}
	ix.Store(idx)
	var h http.Handler = server.New(server.Config{Store: st, Search: idx, UI: ui.FS, Logger: quietLogger()}).Handler()
	if a.wrap != nil {
		h = a.wrap(h)
	}
	// The address was just freed: listening again may take a moment.
	var ln net.Listener
	deadline := time.Now().Add(10 * time.Second)
	for {
		ln, err = net.Listen("tcp", a.addr)
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		idx.Close()
		st.Close()
		tb.Fatalf("listen on %s again: %v", a.addr, err)
	}
	a.addr = ln.Addr().String()
	a.Store, a.Index = st, idx
	a.srv = &http.Server{Handler: h}
	a.done = make(chan struct{})
	go func(srv *http.Server, done chan struct{}) {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			tb.Errorf("serve: %v", err)
		}
	}(a.srv, a.done)
}

// stop kills the server: connections drop, the store and index close.
func (a *liveApp) stop(tb testing.TB) {
	tb.Helper()
	if a.srv == nil {
		return
	}
	a.srv.Close()
	<-a.done
	a.srv = nil
	a.Index.Close()
	a.Store.Close()
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

// leftDrafts lists the drafts the browser still keeps.
func leftDrafts(tb testing.TB, b *browser) []string {
	tb.Helper()
	return eval[[]string](tb, b, `Object.keys(localStorage).filter(k => k.startsWith('tessera.draft.'))`)
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

	b.do(t, "open the memos", chromedp.Navigate(a.URL+"/p/"+pid+"/memos"))
	b.waitJS(t, "the memos page", `!!document.querySelector('.memos-page .page-head .btn-primary')`)
	b.do(t, "start a memo", chromedp.Click(chromedp.CSS(`.memos-page .page-head .btn-primary`)))
	b.waitJS(t, "the editor", `!!document.querySelector('.memo-title')`)
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
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("got page errors %q, want none", errs)
	}
}
