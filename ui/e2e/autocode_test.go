package e2e_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// confirmAutoCodePreview waits for the preview of auto-coding and codes
// every hit it shows.
func confirmAutoCodePreview(tb testing.TB, b *browser) {
	tb.Helper()
	b.waitJS(tb, "the auto-coding preview", `!!document.querySelector('dialog[open] .autocode-preview .preview-hit')`)
	b.do(tb, "code the hits shown", chromedp.Click(chromedp.CSS(`dialog[open] .autocode-preview button[type=submit]`)))
}

// TestAutoCodePreviewWithUntickedHits codes the hits of a search after
// the preview: one hit unticked stays uncoded, the others are coded in
// one change that one undo takes back.
func TestAutoCodePreviewWithUntickedHits(t *testing.T) {
	a := startApp(t)
	pid := dealsProject(t, a)
	var code codeJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "Striking deals", "level": "concept"}, &code)
	waitSearchTotal(t, a, pid, "deal", 3)

	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "search", chromedp.Navigate(a.URL+"/p/"+pid+"/search?q="+url.QueryEscape("deal")))
	b.waitJS(t, "three hits", `document.querySelectorAll('.hit').length === 3`)
	b.do(t, "choose the code", chromedp.Click(chromedp.CSS(`.autocode button.btn-sm`)),
		chromedp.WaitVisible(chromedp.CSS(`dialog .picker-input`)), chromedp.KeyEvent("striking"))
	b.waitJS(t, "the code in the picker", `(document.querySelector('dialog .picker-opt[aria-selected=true]') || {textContent: ''}).textContent.includes('Striking deals')`)
	b.do(t, "pick it", chromedp.KeyEvent(kb.Enter))
	b.waitJS(t, "the code chosen", `document.querySelector('.autocode').textContent.includes('Striking deals')`)
	b.do(t, "code all hits", chromedp.Click(chromedp.CSS(`.autocode .btn-primary`)))

	// The preview lists the three hits, all ticked; untick the one that
	// asks "Was it a deal?".
	b.waitJS(t, "the preview", `document.querySelectorAll('dialog[open] .preview-hit').length === 3`)
	if n := eval[int](t, b, `document.querySelectorAll('dialog[open] .preview-hit input:checked').length`); n != 3 {
		t.Errorf("got %d hits ticked, want all 3", n)
	}
	if n := len(apiQuotes(t, a, pid)); n != 0 {
		t.Fatalf("got %d quotes while the preview is open, want none", n)
	}
	if got := eval[string](t, b, `document.querySelector('dialog[open] .preview-hit').textContent`); !strings.Contains(got, "Was it a deal?") {
		t.Fatalf("first hit of the preview: got %q, want the question, in document order", got)
	}
	b.do(t, "untick the question", chromedp.Click(chromedp.CSS(`dialog[open] .preview-hit input`)))
	b.waitJS(t, "the button counts two", `document.querySelector('dialog[open] .autocode-preview button[type=submit]').textContent === 'Code 2 hits'`)
	b.do(t, "code the two", chromedp.Click(chromedp.CSS(`dialog[open] .autocode-preview button[type=submit]`)))
	b.waitJS(t, "the report", `(document.querySelector('.autocode .ok-text') || {}).textContent === 'Created 2 quotes.'`)

	quotes := apiQuotes(t, a, pid)
	if len(quotes) != 2 {
		t.Fatalf("got %d quotes, want 2", len(quotes))
	}
	for _, q := range quotes {
		if len(q.CodeIDs) != 1 || q.CodeIDs[0] != code.ID {
			t.Errorf("quote %q: got codes %v, want %s", q.Text, q.CodeIDs, code.ID)
		}
		if q.Start < len("Interviewer: Was it a deal?") {
			t.Errorf("quote %q at %d lies in the unticked question", q.Text, q.Start)
		}
	}
	// One change: one undo removes both quotes.
	b.waitJS(t, "the undo of the run", `!!document.querySelector('.autocode .autocode-undo')`)
	eval[bool](t, b, `(document.querySelector('.autocode .autocode-undo').click(), true)`)
	deadline := time.Now().Add(10 * time.Second)
	for len(apiQuotes(t, a, pid)) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("one undo did not remove the run's quotes")
		}
		time.Sleep(30 * time.Millisecond)
	}
	checkPageErrors(t, b)
}

// apiQuotes returns the project's quotes as the API has them.
func apiQuotes(tb testing.TB, a *app, pid string) []quoteJSON {
	tb.Helper()
	var qs []quoteJSON
	apiCall(tb, a, "GET", "/projects/"+pid+"/quotes", nil, &qs)
	return qs
}
