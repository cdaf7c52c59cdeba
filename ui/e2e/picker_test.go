package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// uncodedPhrase returns a few words from the end of a long line of the
// document's text, past the quotes seedStudy makes.
func uncodedPhrase(tb testing.TB, text string) string {
	tb.Helper()
	lines := strings.Split(text, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if words := strings.Fields(lines[i]); len(words) > 8 {
			return strings.Join(words[len(words)-5:], " ")
		}
	}
	tb.Fatal("no long line in the document")
	return ""
}

// TestPickerCreatesOnlyWhatItShows types a name that matches no code into
// the coding popover: Enter pressed before the list shows that name
// creates nothing, "Create concept «…»" then is the highlighted choice,
// and Enter on it creates the concept and codes the selection.
func TestPickerCreatesOnlyWhatItShows(t *testing.T) {
	a := startApp(t)
	pid, did := seedStudy(t, a)
	var doc docJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/documents/"+did, nil, &doc)
	phrase := uncodedPhrase(t, doc.Text)
	var before []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &before)

	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "open the transcript", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+did))
	b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block')`)
	selectText(t, b, phrase)
	b.waitJS(t, "the selection bubble", `!!document.querySelector('.bubble')`)
	b.do(t, "open the coding popover", shortcut('c'))
	b.waitJS(t, "the coding popover", `document.activeElement && document.activeElement.classList.contains('picker-input')`)

	// A name matching a code: the code is highlighted, creating comes last.
	b.do(t, "type part of a code's name", chromedp.KeyEvent("watch"))
	b.waitJS(t, "the matching code", `(document.querySelector('.picker-opt[aria-selected=true] .opt-name') || {}).textContent === 'Watching competitors'`)
	if got := eval[string](t, b, `[...document.querySelectorAll('.picker-opt')].pop().textContent`); !strings.Contains(got, "Create concept «watch»") {
		t.Errorf("last choice: got %q, want the create choice", got)
	}

	// Text typed and Enter pressed at once, before the list follows: the
	// popover stays open and nothing is created.
	eval[bool](t, b, `(() => {
		const el = document.querySelector('.picker-input');
		el.value = 'Zebra crossings';
		el.dispatchEvent(new InputEvent('input', { bubbles: true }));
		el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
		return true;
	})()`)
	b.waitJS(t, "the create choice highlighted", `(document.querySelector('.picker-opt[aria-selected=true] .opt-create') || {}).textContent === 'Create concept «Zebra crossings»'`)
	if n := eval[int](t, b, `document.querySelectorAll('.picker-opt').length`); n != 1 {
		t.Errorf("got %d choices for a name that matches nothing, want only the create choice", n)
	}
	if !eval[bool](t, b, `!!document.querySelector('.picker-input')`) {
		t.Fatal("the popover closed: Enter chose something the list had not shown")
	}
	var now []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &now)
	if len(now) != len(before) {
		t.Fatalf("got %d codes before the create choice was taken, want %d", len(now), len(before))
	}

	// Enter on the highlighted choice creates the concept and codes the selection.
	b.do(t, "take the create choice", chromedp.KeyEvent(kb.Enter))
	b.waitJS(t, "the popover closed", `!document.querySelector('.picker-input')`)
	waitAPI(t, a, pid, "the new concept on the selection", func(qs []quoteJSON, cs []codeJSON) bool {
		c := codeByName(cs, "Zebra crossings")
		if c == nil || c.Level != "concept" {
			return false
		}
		for _, q := range qs {
			if q.Text == phrase && len(q.CodeIDs) == 1 && q.CodeIDs[0] == c.ID {
				return true
			}
		}
		return false
	})
	checkPageErrors(t, b)
}
