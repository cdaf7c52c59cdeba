package e2e_test

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// blockRequests makes this browser's requests to URLs matching patterns
// fail, as when the server is unreachable; with none, all go through again.
func blockRequests(patterns ...string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		p := network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{}}
		for _, pat := range patterns {
			p.URLPatterns = append(p.URLPatterns, &network.BlockPattern{URLPattern: pat, Block: true})
		}
		_, err := cdp.Call(ctx, t, network.SetBlockedURLs, p)
		return err
	})
}

// TestFailedSaveKeepsWork codes a passage while saving fails: the
// highlight stays, the header counts the change waiting, a visible error
// offers Retry, and retrying saves it.
func TestFailedSaveKeepsWork(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	var p struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Offline study"}, &p)
	var doc docJSON
	apiCall(t, a, "POST", "/projects/"+p.ID+"/documents", map[string]any{
		"title": "Interview", "text": "Interviewer: And then?\nÅsa Lindqvist: We went to Tromsø 🤖 and met the distributor.\n",
	}, &doc)
	apiCall(t, a, "POST", "/projects/"+p.ID+"/codes", map[string]any{"name": "Meeting partners", "level": "concept"}, nil)
	screenshotsOnFailure(t, b, func() string { return a.URL + "/p/" + p.ID + "/d/" + doc.ID }, nil)

	b.do(t, "open the reader", chromedp.Navigate(a.URL+"/p/"+p.ID+"/d/"+doc.ID))
	b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block')`)
	b.do(t, "cut the server off", blockRequests("*://*:*/api/v1/projects/*/quotes"))
	selectText(t, b, "Tromsø 🤖 and met")
	b.waitJS(t, "the selection bubble", `!!document.querySelector('.bubble')`)
	b.do(t, "open the popover", shortcut('c'))
	b.waitJS(t, "the popover", `document.activeElement && document.activeElement.classList.contains('picker-input')`)
	b.do(t, "pick the code", chromedp.KeyEvent("Meeting"), chromedp.KeyEvent(kb.Enter))

	b.waitJS(t, "the save error", `!!document.querySelector('.save-error button.btn-primary')`)
	if got := eval[string](t, b, `document.querySelector('.save-status').textContent`); got != "Offline: 1 change waiting" {
		t.Errorf("save status: got %q, want %q", got, "Offline: 1 change waiting")
	}
	if got := eval[string](t, b, `[...document.querySelectorAll('.transcript .hl.pending')].map(e => e.textContent).join('')`); got != "Tromsø 🤖 and met" {
		t.Errorf("unsaved highlight: got %q, want %q", got, "Tromsø 🤖 and met")
	}

	b.do(t, "reconnect", blockRequests())
	// The page also tries again by itself: Retry is pressed unless that came first.
	eval[bool](t, b, `(() => { const r = document.querySelector('.save-error button.btn-primary'); if (r) r.click(); return true; })()`)
	b.waitJS(t, "the saved highlight", `!document.querySelector('.save-error') && document.querySelectorAll('.transcript .hl').length > 0 && !document.querySelector('.transcript .hl.pending')`)
	var quotes []quoteJSON
	apiCall(t, a, "GET", "/projects/"+p.ID+"/quotes", nil, &quotes)
	if len(quotes) != 1 || quotes[0].Text != "Tromsø 🤖 and met" {
		t.Errorf("stored quotes: got %+v, want one quote of %q", quotes, "Tromsø 🤖 and met")
	}
}
