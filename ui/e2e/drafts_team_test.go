package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDraftsStayWithTheirAccount leaves a coder's definition unsaved in a
// browser shared with another coder: the other account is never offered
// it, and its author gets it back after signing in again.
func TestDraftsStayWithTheirAccount(t *testing.T) {
	a := startTeamApp(t)
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	olga := signIn(t, a, "olga")
	var p struct{ ID string }
	olga.call("POST", "/projects", map[string]string{"name": "Shared laptop"}, &p)
	for _, name := range []string{"aino", "bjorn"} {
		olga.call("PUT", "/projects/"+p.ID+"/members/"+name, map[string]string{"role": "coder"}, nil)
	}
	var c codeJSON
	olga.call("POST", "/projects/"+p.ID+"/codes", map[string]any{"name": "Learning from failure", "level": "concept"}, &c)
	codeURL := a.URL + "/p/" + p.ID + "/codes/" + c.ID
	signOutPage := func(who string) {
		t.Helper()
		b.do(t, who+" signs out", chromedp.Click(chromedp.CSS(`.sign-out`)))
		// Unsaved changes ask first; the person agrees.
		waitAcrossLoad(t, b, "the sign-in page or the question", `!!document.querySelector('.login-form') || !!document.querySelector('dialog[open] .btn-danger')`)
		if eval[bool](t, b, `!!document.querySelector('dialog[open] .btn-danger')`) {
			b.do(t, "sign out anyway", chromedp.Click(chromedp.CSS(`dialog[open] .btn-danger`)))
		}
		waitAcrossLoad(t, b, "the sign-in page", `!!document.querySelector('.login-form input[name=username]')`)
	}

	// Aino types while her browser cannot reach the code, and signs out.
	b.do(t, "open Tessera", chromedp.Navigate(a.URL+"/"))
	signInPage(t, b, "aino", teamPassword("aino"))
	b.waitJS(t, "signed in", `!!document.querySelector('.sign-out')`)
	b.do(t, "open the code", chromedp.Navigate(codeURL))
	b.waitJS(t, "the definition", `!!document.querySelector('#md-definition')`)
	b.do(t, "cut the code route off", blockRequests(codeRoutes))
	b.do(t, "Aino types", chromedp.Click(chromedp.CSS(`#md-definition`)), chromedp.KeyEvent("Aino: failing in Luleå."))
	waitOffline(t, b)
	signOutPage("Aino")
	b.do(t, "reconnect", blockRequests())

	// Björn, on the same browser, sees nothing of it.
	signInPage(t, b, "bjorn", teamPassword("bjorn"))
	b.waitJS(t, "signed in", `!!document.querySelector('.sign-out')`)
	b.do(t, "open the code", chromedp.Navigate(codeURL))
	b.waitJS(t, "the definition", `!!document.querySelector('#md-definition')`)
	waitAllSaved(t, b)
	if got := fieldValue(t, b, "#md-definition"); got != "" {
		t.Errorf("Björn's definition field: got %q, want it empty", got)
	}
	if n := eval[int](t, b, `document.querySelectorAll('.drafts-waiting, .draft-note, dialog[open]').length`); n != 0 {
		t.Errorf("Björn sees %d offers of text typed earlier, want none", n)
	}
	signOutPage("Björn")

	// Aino signs in again and gets her text back.
	signInPage(t, b, "aino", teamPassword("aino"))
	b.waitJS(t, "signed in", `!!document.querySelector('.sign-out')`)
	b.do(t, "open the project", chromedp.Navigate(a.URL+"/p/"+p.ID))
	b.waitJS(t, "the list of texts waiting", `!!document.querySelector('.drafts-waiting a')`)
	b.do(t, "open the text waiting", chromedp.Click(chromedp.CSS(`.drafts-waiting a`)))
	b.waitJS(t, "the restored text", `(document.querySelector('#md-definition') || {}).value === 'Aino: failing in Luleå.'`)
	waitAllSaved(t, b)
	var got struct{ Definition string }
	olga.call("GET", "/projects/"+p.ID+"/codes/"+c.ID, nil, &got)
	if got.Definition != "Aino: failing in Luleå." {
		t.Errorf("stored definition: got %q, want Aino's", got.Definition)
	}
	checkPageErrors(t, b)
}
