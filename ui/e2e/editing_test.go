package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// waitAPI polls the API until ok(quotes, codes) holds.
func waitAPI(t *testing.T, a *app, pid, what string, ok func([]quoteJSON, []codeJSON) bool) ([]quoteJSON, []codeJSON) {
	t.Helper()
	type state struct {
		qs []quoteJSON
		cs []codeJSON
	}
	got := poll(t, what, func() state {
		var st state
		apiCall(t, a, "GET", "/projects/"+pid+"/quotes", nil, &st.qs)
		apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &st.cs)
		return st
	}, func(st state) bool { return ok(st.qs, st.cs) })
	return got.qs, got.cs
}

// poll calls get until ok holds for what it returns, for at most 10 s.
func poll[T any](t *testing.T, what string, get func() T, ok func(T) bool) T {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := get()
		if ok(v) {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after 10 s (last seen %+v)", what, v)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestQuoteEditing deletes a quote with Delete and undoes it, resizes a
// quote by dragging its end, and merges two concepts by drag and drop,
// then undoes the merge.
func TestQuoteEditing(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	var p struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Editing"}, &p)
	pid := p.ID
	var doc docJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/documents", map[string]any{
		"title": "CEO", "text": "Interviewer: Tell me.\nAnna Kohtamäki: We failed in Luleå 👍 first, and then we learned from our partners in Tromsø.\n",
	}, &doc)
	var c1, c2 codeJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "Learning from failure", "level": "concept", "color": "#f2994a"}, &c1)
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "Failure as teacher", "level": "concept", "color": "#56ccf2"}, &c2)
	span := func(s string) (int, int) {
		i := strings.Index(doc.Text, s)
		start := utf8.RuneCountInString(doc.Text[:i])
		return start, start + utf8.RuneCountInString(s)
	}
	s1, e1 := span("We failed in Luleå 👍")
	s2, e2 := span("learned from our partners")
	apiCall(t, a, "POST", "/projects/"+pid+"/quotes", map[string]any{"document_id": doc.ID, "start": s1, "end": e1, "code_ids": []string{c1.ID}}, nil)
	apiCall(t, a, "POST", "/projects/"+pid+"/quotes", map[string]any{"document_id": doc.ID, "start": s2, "end": e2, "code_ids": []string{c2.ID}}, nil)
	readerURL := a.URL + "/p/" + pid + "/d/" + doc.ID
	screenshotsOnFailure(t, b, func() string { return readerURL }, func() string { return a.URL + "/p/" + pid + "/codes" })

	// Select the first quote by clicking it, delete it, undo.
	b.do(t, "open the reader", chromedp.Navigate(readerURL))
	b.waitJS(t, "the highlights", `document.querySelectorAll('.transcript .hl').length === 2`)
	b.do(t, "click the first quote", chromedp.Click(chromedp.CSS(`.transcript .hl`)))
	b.waitJS(t, "the quote card", `!!document.querySelector('.quote-card')`)
	b.do(t, "delete it", shortcut(rune(kb.Delete[0])))
	waitAPI(t, a, pid, "the quote deleted", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 1 })
	b.do(t, "undo", shortcut('z', chromedp.ModifierCtrl))
	qs, _ := waitAPI(t, a, pid, "the quote back", func(qs []quoteJSON, _ []codeJSON) bool { return len(qs) == 2 })
	if qs[0].Start != s1 || qs[0].End != e1 || qs[0].CodeIDs[0] != c1.ID {
		t.Errorf("restored quote: got %+v, want [%d,%d) coded %s", qs[0], s1, e1, c1.ID)
	}
	b.waitJS(t, "both highlights", `document.querySelectorAll('.transcript .hl:not(.pending)').length >= 2`)

	// Resize the second quote by dragging its end handle to the end of "Tromsø".
	b.do(t, "select the second quote", chromedp.Click(chromedp.CSS(`.transcript .hl[data-q="`+qs[1].ID+`"]`)))
	b.waitJS(t, "the end handle", `!!document.querySelector('.handle-end')`)
	pts := eval[[]float64](t, b, `(() => {
		const h = document.querySelector('.handle-end').getBoundingClientRect();
		const w = document.createTreeWalker(document.querySelector('.transcript'), NodeFilter.SHOW_TEXT);
		for (let n = w.nextNode(); n; n = w.nextNode()) {
			const i = n.data.indexOf('Tromsø');
			if (i < 0) continue;
			const r = document.createRange(); r.setStart(n, i + 5); r.setEnd(n, i + 6);
			const t = r.getBoundingClientRect();
			return [h.left + h.width / 2, h.top + h.height / 2, t.right - 1, t.top + t.height / 2];
		}
		return [];
	})()`)
	if len(pts) != 4 {
		t.Fatal("cannot find the handle or the target word")
	}
	b.do(t, "drag the end",
		chromedp.MouseEvent(chromedp.MouseMoved, pts[0], pts[1]),
		chromedp.MouseEvent(chromedp.MousePressed, pts[0], pts[1], chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, (pts[0]+pts[2])/2, pts[3], chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, pts[2], pts[3], chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseReleased, pts[2], pts[3], chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
	want := "learned from our partners in Tromsø"
	waitAPI(t, a, pid, "the quote resized", func(qs []quoteJSON, _ []codeJSON) bool {
		for _, q := range qs {
			if q.Text == want {
				return true
			}
		}
		return false
	})

	// Merge the first concept into the second by dropping it onto it.
	b.do(t, "open the codebook", chromedp.Navigate(a.URL+"/p/"+pid+"/codes"))
	b.waitJS(t, "the tree", `document.querySelectorAll('.tree-row').length === 2`)
	b.do(t, "drop one concept on the other",
		chromedp.DragAndDrop(chromedp.CSS(`[data-id="`+c1.ID+`"]`), chromedp.CSS(`[data-id="`+c2.ID+`"]`)))
	b.waitJS(t, "the merge confirmation", `!!document.querySelector('dialog[open] .btn-primary')`)
	if msg := eval[string](t, b, `document.querySelector('dialog[open] .dialog-msg').textContent`); !strings.Contains(msg, "Learning from failure") {
		t.Errorf("confirmation: got %q, want it to name the merged code", msg)
	}
	b.do(t, "confirm", chromedp.Click(chromedp.CSS(`dialog[open] .btn-primary`)))
	waitAPI(t, a, pid, "the merge", func(qs []quoteJSON, cs []codeJSON) bool {
		return len(cs) == 1 && len(qs) == 2 && qs[0].CodeIDs[0] == c2.ID && qs[1].CodeIDs[0] == c2.ID
	})

	// Undo brings the concept back, coding its quote again.
	b.do(t, "focus the tree", chromedp.Focus(chromedp.CSS(`.tree-row`)))
	b.do(t, "undo the merge", shortcut('z', chromedp.ModifierCtrl))
	qs, cs := waitAPI(t, a, pid, "the unmerge", func(qs []quoteJSON, cs []codeJSON) bool {
		r := codeByName(cs, "Learning from failure")
		for _, q := range qs {
			if r != nil && q.Start == s1 && len(q.CodeIDs) == 1 && q.CodeIDs[0] == r.ID {
				return true
			}
		}
		return false
	})
	restored := codeByName(cs, "Learning from failure")
	if restored == nil {
		t.Fatalf("got codes %+v, want “Learning from failure” back", cs)
	}
	for _, q := range qs {
		wantCode := c2.ID
		if q.Start == s1 {
			wantCode = restored.ID
		}
		if fmt.Sprint(q.CodeIDs) != fmt.Sprint([]string{wantCode}) {
			t.Errorf("quote %q: got codes %v, want [%s]", q.Text, q.CodeIDs, wantCode)
		}
	}
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("got page errors %q, want none", errs)
	}
}
