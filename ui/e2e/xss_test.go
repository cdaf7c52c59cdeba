package e2e_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
)

// TestNothingExecutes imports a transcript, a code name, a document title
// and a memo full of markup, shows them on every screen, and checks that
// the markup appears as text and that no script runs.
func TestNothingExecutes(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	var project struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Markup <b>test</b>"}, &project)
	pid := project.ID
	const payload = `<img src=x onerror=alert(1)>`
	text := "Interviewer: Please paste it.\nAnna: Here it is " + payload + " and <script>window.__xss=1</script> done 👍.\n"
	var doc docJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/documents", map[string]any{
		"title": `<svg onload=alert(2)>`, "text": text, "case": `<i onmouseover=alert(3)>Case</i>`,
	}, &doc)
	var code codeJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": `<img src=y onerror=alert(4)>`, "level": "concept"}, &code)
	qStart := utf8.RuneCountInString(doc.Text[:strings.Index(doc.Text, payload)])
	apiCall(t, a, "POST", "/projects/"+pid+"/quotes", map[string]any{
		"document_id": doc.ID, "start": qStart, "end": qStart + utf8.RuneCountInString(payload), "code_ids": []string{code.ID},
	}, nil)
	var memo struct{ ID string }
	apiCall(t, a, "POST", "/projects/"+pid+"/memos", map[string]any{
		"title": `<img src=z onerror=alert(5)>`,
		"body":  "# Findings\n\n<script>window.__xss=1</script>\n\n<img src=x onerror=\"window.__xss=2\">\n\n[click](javascript:window.__xss=3) and **bold**",
	}, &memo)
	var linked struct{ Created []struct{ ID string } }
	apiCall(t, a, "POST", "/projects/"+pid+"/informants/link-all", nil, &linked)
	for _, i := range linked.Created {
		apiCall(t, a, "PATCH", "/projects/"+pid+"/informants/"+i.ID, map[string]any{"pseudonym": `<img src=w onerror=alert(6)>`, "attributes": map[string]any{"note": `<b onmouseover=alert(7)>x</b>`}}, nil)
	}
	screenshotsOnFailure(t, b,
		func() string { return a.URL + "/p/" + pid + "/d/" + doc.ID },
		func() string { return a.URL + "/p/" + pid + "/codes/" + code.ID })

	screens := []struct{ name, path, ready string }{
		{"documents", "/p/" + pid, `document.querySelectorAll('.doc-open').length === 1`},
		{"reader", "/p/" + pid + "/d/" + doc.ID, `!!document.querySelector('.transcript .hl')`},
		{"code", "/p/" + pid + "/codes/" + code.ID, `!!document.querySelector('.retrieved .kwic-line')`},
		{"memo", "/p/" + pid + "/memos/" + memo.ID, `!!document.querySelector('.md-preview h1')`},
		{"gioia", "/p/" + pid + "/gioia", `!!document.querySelector('table.gioia tbody tr')`},
		{"cases", "/p/" + pid + "/cases", `!!document.querySelector('.sheet tbody tr')`},
		{"informants", "/p/" + pid + "/informants", `document.querySelectorAll('tr[data-informant]').length >= 1`},
	}
	for _, s := range screens {
		b.do(t, "open the "+s.name, chromedp.Navigate(a.URL+s.path))
		b.waitJS(t, "the "+s.name, s.ready)
		// Give any injected handler a chance to run.
		b.do(t, "wait", chromedp.Sleep(300*time.Millisecond))
		if n := eval[int](t, b, `document.querySelectorAll('#app script, #app img, #app svg[onload], #app [onerror], #app [onmouseover]').length`); n != 0 {
			html := eval[string](t, b, `document.getElementById('app').innerHTML.slice(0, 2000)`)
			t.Errorf("%s: got %d injected elements, want 0; page: %s", s.name, n, html)
		}
		if v := eval[string](t, b, `String(window.__xss)`); v != "undefined" {
			t.Errorf("%s: window.__xss = %s, want undefined", s.name, v)
		}
	}

	// The markup shows as the text it is.
	b.do(t, "open the reader", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+doc.ID))
	b.waitJS(t, "the reader", `!!document.querySelector('.transcript .hl')`)
	if got := eval[string](t, b, `document.querySelector('.transcript .hl').textContent`); got != payload {
		t.Errorf("highlighted text: got %q, want %q", got, payload)
	}
	if got := eval[string](t, b, `document.querySelector('.doc-title').textContent`); got != `<svg onload=alert(2)>` {
		t.Errorf("title: got %q, want the markup as text", got)
	}
	if got := eval[string](t, b, `document.querySelector('.tree-row .code-name').textContent`); got != `<img src=y onerror=alert(4)>` {
		t.Errorf("code name: got %q, want the markup as text", got)
	}

	if d := b.openedDialogs(); len(d) > 0 {
		t.Errorf("got JavaScript dialogs %q, want none", d)
	}
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("got page errors %q, want none", errs)
	}
}
