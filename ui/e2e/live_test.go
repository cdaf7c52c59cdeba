package e2e_test

import (
	"fmt"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// liveText is the interview of the live tests.
const liveText = "Interviewer: How did it start?\nAnna: In Luleå 👍 we met at a trade fair.\nAnna: The next trade fair brought our first customer.\n"

// liveDelay is how soon a change made in one browser context shows in
// another.
const liveDelay = time.Second

// waitWithin waits until a JavaScript expression is truthy, failing when
// that takes longer than d.
func (b *browser) waitWithin(tb testing.TB, what, expr string, d time.Duration) {
	tb.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(d), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		tb.Fatalf("%s within %v (%s): %v (page errors: %v)", what, d, shorten(expr), err, b.pageErrors())
	}
}

// waitLive waits until the page's event stream is connected.
func waitLive(tb testing.TB, b *browser) {
	tb.Helper()
	b.waitJS(tb, "the event stream", `import('/js/project/live.js').then((m) => m.live.get().connected)`)
}

// liveProject makes a project with the live interview and the code trust.
func liveProject(tb testing.TB, a *app) (pid, did string) {
	tb.Helper()
	var v struct {
		ID string `json:"id"`
	}
	apiCall(tb, a, "POST", "/projects", map[string]any{"name": "Live study"}, &v)
	pid = v.ID
	apiCall(tb, a, "POST", "/projects/"+pid+"/documents", map[string]any{"title": "Anna", "text": liveText}, &v)
	did = v.ID
	apiCall(tb, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "trust"}, nil)
	return pid, did
}

// memoJSON is a memo as the API answers.
type memoJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// waitMemo polls the API until ok holds for the project's only memo (the
// zero memo when there is none), and returns it.
func waitMemo(t *testing.T, a *app, pid string, ok func(memoJSON) bool) memoJSON {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var ms []memoJSON
		apiCall(t, a, "GET", "/projects/"+pid+"/memos", nil, &ms)
		var m memoJSON
		if len(ms) > 0 {
			m = ms[0]
		}
		if len(ms) < 2 && ok(m) {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("memos %+v: not as wanted after 10 s", ms)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// oneBrowser starts the app with the live project and one browser.
func oneBrowser(t *testing.T) (a *app, pid, did string, b *browser) {
	t.Helper()
	a = startApp(t)
	pid, did = liveProject(t, a)
	b = newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	return a, pid, did, b
}

// noPageErrors fails the test when a page had errors.
func noPageErrors(t *testing.T, browsers ...*browser) {
	t.Helper()
	for _, b := range browsers {
		if errs := b.pageErrors(); len(errs) > 0 {
			t.Errorf("got page errors %q, want none", errs)
		}
	}
}

// TestLiveTwoContexts opens one project in two browser contexts: quotes,
// codes, memos and an undo made in one show in the other within a second,
// without a reload, and each shows the other tab in the project.
func TestLiveTwoContexts(t *testing.T) {
	a := startApp(t)
	pid, did := liveProject(t, a)
	one, two := newBrowser(t), newBrowser(t)
	screenshotsOnFailure(t, two, nil, nil)
	reader := a.URL + "/p/" + pid + "/d/" + did
	for _, b := range []*browser{one, two} {
		b.do(t, "open the reader", chromedp.Navigate(reader))
		b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block')`)
		waitLive(t, b)
	}
	// Both tabs are the same (local) user: each shows two tabs of it.
	two.waitJS(t, "two tabs in the project", `[...document.querySelectorAll('.presence .avatar.me')].some((e) => e.title.includes('2 tabs'))`)

	// A quote coded in one context shows in the other.
	selectText(t, one, "Luleå 👍")
	codeSelection(t, one, "trust")
	waitAPI(t, a, pid, "the quote stored", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 1 })
	two.waitWithin(t, "the other context's quote", `[...document.querySelectorAll('.transcript .hl')].map((e) => e.textContent).join('') === 'Luleå 👍'`, liveDelay)

	// A concept created while coding shows in the other's codebook.
	selectText(t, one, "trade fair")
	one.waitJS(t, "the selection bubble", `!!document.querySelector('.bubble')`)
	one.do(t, "open the coding popover", shortcut('c'))
	one.waitJS(t, "the coding popover", `document.activeElement && document.activeElement.classList.contains('picker-input')`)
	one.do(t, "name a new concept", chromedp.KeyEvent("Fairs open doors"))
	one.waitJS(t, "the create option", `[...document.querySelectorAll('.picker-opt')].some((e) => e.textContent.includes('Create concept'))`)
	one.do(t, "create the concept", chromedp.KeyEvent(kb.Enter))
	waitAPI(t, a, pid, "the second quote stored", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 2 })
	two.waitWithin(t, "the new concept in the other's codebook", `document.querySelector('aside.side').textContent.includes('Fairs open doors')`, liveDelay)
	two.waitWithin(t, "the second quote in the other context", `document.querySelectorAll('.transcript .hl').length >= 2`, liveDelay)

	// A memo written in one shows in the other's list of memos.
	for _, b := range []*browser{one, two} {
		b.do(t, "open the memos", chromedp.Navigate(a.URL+"/p/"+pid+"/memos"))
		b.waitJS(t, "the memos", `!!document.querySelector('.memos-layout')`)
		waitLive(t, b)
	}
	one.do(t, "start a memo", chromedp.Click(chromedp.CSS(`.memos-page .page-head .btn-primary`)))
	one.do(t, "title it", chromedp.Click(chromedp.CSS(`.memo-title`)), chromedp.KeyEvent("Doors and fairs"))
	one.do(t, "create it by leaving the title", chromedp.Click(chromedp.CSS(`.memos-page h1`)))
	one.waitJS(t, "the memo saved", `[...document.querySelectorAll('.memo-list a')].some((e) => e.textContent.includes('Doors and fairs'))`)
	waitMemo(t, a, pid, func(m memoJSON) bool { return m.Title == "Doors and fairs" })
	two.waitWithin(t, "the memo in the other context", `[...document.querySelectorAll('.memo-list a')].some((e) => e.textContent.includes('Doors and fairs'))`, liveDelay)
	one.do(t, "write it", chromedp.Click(chromedp.CSS(`.memo-body`)), chromedp.KeyEvent("Fairs come first."))
	one.do(t, "save it by leaving the text", chromedp.Click(chromedp.CSS(`.memos-page h1`)))

	// The other opens the memo; undo in one (of the memo's last change)
	// shows in the other's editor.
	memo := waitMemo(t, a, pid, func(m memoJSON) bool { return m.Body == "Fairs come first." })
	two.do(t, "open the memo", chromedp.Click(chromedp.CSS(`.memo-list a`)))
	two.waitJS(t, "the memo's text", `(document.querySelector('.memo-body') || {}).value === 'Fairs come first.'`)
	one.waitJS(t, "undo enabled", `!!document.querySelector('.undo-btn:not([disabled])')`)
	one.do(t, "leave the text fields", chromedp.Click(chromedp.CSS(`.memos-page h1`)))
	one.do(t, "undo", shortcut('z', chromedp.ModifierCtrl))
	memo = waitMemo(t, a, pid, func(m memoJSON) bool { return m.ID != memo.ID || m.Body != memo.Body || m.Title != memo.Title })
	if memo.ID == "" {
		two.waitWithin(t, "the undone memo gone from the other context", `![...document.querySelectorAll('.memo-list a')].some((e) => e.textContent.includes('Doors and fairs'))`, liveDelay)
	} else {
		two.waitWithin(t, "the undone text in the other's editor", fmt.Sprintf(`document.querySelector('.memo-body').value === %s`, jsString(memo.Body)), liveDelay)
	}
	noPageErrors(t, one, two)
}

// TestLiveResume reaches the workbench through a proxy and drops the
// proxy's connections: the event stream reconnects by itself and resumes
// after the last change it saw, so a quote stored meanwhile shows without
// a reload.
func TestLiveResume(t *testing.T) {
	a, pid, did, b := oneBrowser(t)
	target, err := url.Parse(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	// FlushInterval -1 passes each event on at once, as proxies for event
	// streams are set up to.
	proxy := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target) }, FlushInterval: -1})
	t.Cleanup(func() {
		// The page's event stream would keep Close waiting.
		proxy.CloseClientConnections()
		proxy.Close()
	})
	b.do(t, "open the reader", chromedp.Navigate(proxy.URL+"/p/"+pid+"/d/"+did))
	b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block')`)
	waitLive(t, b)
	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)

	// The stream goes down; a quote is stored before it is back.
	proxy.CloseClientConnections()
	b.waitJS(t, "the stream down", `import('/js/project/live.js').then((m) => !m.live.get().connected)`)
	apiCall(t, a, "POST", "/projects/"+pid+"/quotes", map[string]any{"document_id": did, "start": 37, "end": 45, "code_ids": []string{codes[0].ID}}, nil)
	b.waitJS(t, "the stream back", `import('/js/project/live.js').then((m) => m.live.get().connected)`)
	b.waitJS(t, "the quote stored while it was down", `document.querySelectorAll('.transcript .hl').length === 1`)
	noPageErrors(t, b)
}

// TestUndoAfterReload codes a passage, reloads the page and undoes with
// Ctrl+Z: the quote made before the reload goes.
func TestUndoAfterReload(t *testing.T) {
	a, pid, did, b := oneBrowser(t)
	b.do(t, "open the reader", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+did))
	b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block')`)
	selectText(t, b, "Luleå 👍")
	codeSelection(t, b, "trust")
	waitAPI(t, a, pid, "the quote stored", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 1 })

	b.do(t, "reload", chromedp.Reload())
	b.waitJS(t, "the reader with the quote", `document.querySelectorAll('.transcript .hl').length > 0`)
	b.waitJS(t, "undo to name the quote", `(document.querySelector('.undo-btn:not([disabled])') || {title: ''}).title.includes('Luleå')`)
	b.do(t, "undo", shortcut('z', chromedp.ModifierCtrl))
	waitAPI(t, a, pid, "the quote undone", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 0 })
	b.waitJS(t, "the highlight gone", `document.querySelectorAll('.transcript .hl').length === 0`)
	b.waitJS(t, "redo to name the quote", `(document.querySelector('.redo-btn:not([disabled])') || {title: ''}).title.includes('Luleå')`)
	b.do(t, "redo", shortcut('z', chromedp.ModifierCtrl, chromedp.ModifierShift))
	waitAPI(t, a, pid, "the quote redone", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 1 })
	b.waitJS(t, "the highlight back", `document.querySelectorAll('.transcript .hl').length > 0`)
	noPageErrors(t, b)
}

// TestAutoCodeUndoByKeyboard auto-codes search hits, then undoes the run
// with Ctrl+Z: the report and the codes shown on the hits go.
func TestAutoCodeUndoByKeyboard(t *testing.T) {
	a, pid, _, b := oneBrowser(t)
	b.do(t, "search", chromedp.Navigate(a.URL+"/p/"+pid+"/search?q="+strings.ReplaceAll(`"trade fair"`, `"`, "%22")))
	b.waitJS(t, "search hits", `document.querySelectorAll('.hit').length === 2`)
	b.do(t, "choose the code for auto-coding", chromedp.Click(chromedp.CSS(`.autocode button.btn-sm`)))
	b.do(t, "find the code", chromedp.WaitVisible(chromedp.CSS(`dialog .picker-input`)), chromedp.KeyEvent("trust"))
	b.waitJS(t, "the code in the picker", `[...document.querySelectorAll('dialog .picker-opt')].some((e) => e.textContent.includes('trust'))`)
	b.do(t, "pick it", chromedp.KeyEvent(kb.Enter))
	b.do(t, "code the hits", chromedp.Click(chromedp.CSS(`.autocode .btn-primary`)))
	confirmAutoCodePreview(t, b)
	b.waitJS(t, "the auto-coding report", `!!document.querySelector('.autocode .ok-text')`)
	b.waitJS(t, "the hits coded", `document.querySelectorAll('.hit .chips').length === 2`)
	waitAPI(t, a, pid, "the hits coded", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 2 })

	b.do(t, "leave the button", chromedp.Click(chromedp.CSS(`.search-page h1`)))
	b.do(t, "undo", shortcut('z', chromedp.ModifierCtrl))
	waitAPI(t, a, pid, "the run undone", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 0 })
	b.waitWithin(t, "the report and the chips gone", `!document.querySelector('.autocode .ok-text') && document.querySelectorAll('.hit .chips').length === 0`, liveDelay)
	noPageErrors(t, b)
}

// TestLiveTeamVisibility: a coder coding a document independently gets
// nothing of another coder's coding over the event stream, while the
// owner does; the owner's document list shows who reads which document.
func TestLiveTeamVisibility(t *testing.T) {
	a := startTeamApp(t)
	olga, bjorn := signIn(t, a, "olga"), signIn(t, a, "bjorn")
	pid, did, trust := trustStudy(t, olga)
	p := "/projects/" + pid
	var v struct {
		ID string `json:"id"`
	}

	coder, owner := newBrowser(t), newBrowser(t)
	screenshotsOnFailure(t, coder, nil, nil)
	coder.do(t, "open Tessera", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+did))
	signInPage(t, coder, "aino", teamPassword("aino"))
	waitAcrossLoad(t, coder, "aino's reader", `!!document.querySelector('.transcript .block')`)
	waitLive(t, coder)
	owner.do(t, "open Tessera", chromedp.Navigate(a.URL+"/p/"+pid))
	signInPage(t, owner, "olga", teamPassword("olga"))
	waitAcrossLoad(t, owner, "olga's document list", `!!document.querySelector('.doc-open')`)
	waitLive(t, owner)

	// The owner sees aino reading the interview.
	owner.waitWithin(t, "aino in the document list", `[...document.querySelectorAll('.doc-presence')].some((e) => e.getAttribute('aria-label').includes('aino'))`, 5*time.Second)

	// bjorn codes; then the owner renames the code, which everyone sees.
	bjorn.call("POST", p+"/quotes", map[string]any{"document_id": did, "start": 0, "end": 9, "code_ids": []string{trust}}, &v)
	owner.waitWithin(t, "bjorn's coding reaching the owner", `import('/js/project/live.js').then((m) => m.live.get().changes.some((c) => c.actor === 'bjorn'))`, liveDelay)
	olga.call("PATCH", p+"/codes/"+trust, map[string]any{"name": "trust in people"}, nil)
	coder.waitWithin(t, "the renamed code", `document.querySelector('aside.side').textContent.includes('trust in people')`, liveDelay)

	// Changes arrive in order: aino had bjorn's before the rename, were it sent.
	got := eval[[]string](t, coder, `import('/js/project/live.js').then((m) => m.live.get().changes.map((c) => c.actor + ':' + c.op))`)
	for _, c := range got {
		if strings.HasPrefix(c, "bjorn:") {
			t.Errorf("aino received %q of bjorn's independent coding; all received: %q", c, got)
		}
	}
	if n := eval[int](t, coder, `document.querySelectorAll('.transcript .hl').length`); n != 0 {
		t.Errorf("aino's reader shows %d highlights, want none of bjorn's", n)
	}
}
