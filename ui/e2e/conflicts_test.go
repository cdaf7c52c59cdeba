package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// codeRoutes are the API routes of single codes.
const codeRoutes = "*://*:*/api/v1/projects/*/codes/*"

// TestStaleEditGetsConflictDialog edits one code definition in two
// browsers: the edit that started from an older version is refused, and
// its browser shows both texts; "Keep mine" stores it, the other browser's
// field follows while it is not being edited, and its next stale edit
// offers the same choice, where "Take theirs" keeps the stored text.
// Nothing is overwritten silently.
func TestStaleEditGetsConflictDialog(t *testing.T) {
	a := startApp(t)
	anna, ben := newBrowser(t), newBrowser(t)
	pid, cid := draftsStudy(t, a)
	path := "/projects/" + pid + "/codes/" + cid
	screenshotsOnFailure(t, anna, nil, nil)
	screenshotsOnFailure(t, ben, nil, nil)
	for _, b := range []*browser{anna, ben} {
		b.do(t, "open the code", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+cid))
		b.waitJS(t, "the definition", `!!document.querySelector('#md-definition')`)
	}

	// Ben's network drops while he types; Anna's text reaches the server.
	bens := "Ben: failures abroad, told by the founders."
	annas := "Anna: learning from a failed market entry."
	ben.do(t, "cut Ben off", blockRequests(codeRoutes))
	ben.do(t, "Ben types", chromedp.Click(chromedp.CSS(`#md-definition`)), chromedp.KeyEvent(bens))
	waitOffline(t, ben)
	anna.do(t, "Anna types", chromedp.Click(chromedp.CSS(`#md-definition`)), chromedp.KeyEvent(annas))
	waitStored(t, a, path, "Anna's text stored", func(c storedCode) bool { return c.Definition == annas })

	// Ben is back: his save started from the old version and is refused.
	ben.do(t, "reconnect Ben", blockRequests())
	pressRetry(t, ben)
	ben.waitJS(t, "the conflict dialog", `!!document.querySelector('dialog[open] .conflict')`)
	if got := fieldValue(t, ben, "dialog[open] .conflict-mine"); got != bens {
		t.Errorf("Ben's dialog, yours: got %q, want %q", got, bens)
	}
	if got := fieldValue(t, ben, "dialog[open] .conflict-theirs"); got != annas {
		t.Errorf("Ben's dialog, theirs: got %q, want %q", got, annas)
	}
	var c storedCode
	apiCall(t, a, "GET", path, nil, &c)
	if c.Definition != annas {
		t.Fatalf("stored while Ben chooses: got %q, want Anna's %q", c.Definition, annas)
	}
	ben.do(t, "keep mine", chromedp.Click(chromedp.CSS(`dialog[open] .conflict-mine-btn`)))
	waitStored(t, a, path, "Ben's text stored", func(c storedCode) bool { return c.Definition == bens })
	waitAllSaved(t, ben)

	// Anna is not editing: her view follows Ben's text by itself.
	anna.waitJS(t, "Ben's text in Anna's field", `document.querySelector('#md-definition').value === `+jsString(bens))

	// Anna types while cut off, Ben saves again: her words are refused, and
	// she takes Ben's text.
	anna.do(t, "cut Anna off", blockRequests(codeRoutes))
	caretToEnd(t, anna, "#md-definition")
	anna.do(t, "Anna types on", chromedp.KeyEvent(" Anna adds."))
	waitOffline(t, anna)
	caretToEnd(t, ben, "#md-definition")
	ben.do(t, "Ben types on", chromedp.KeyEvent(" Ben adds."))
	waitStored(t, a, path, "Ben's addition stored", func(c storedCode) bool { return c.Definition == bens+" Ben adds." })
	anna.do(t, "reconnect Anna", blockRequests())
	pressRetry(t, anna)
	anna.waitJS(t, "Anna's conflict dialog", `!!document.querySelector('dialog[open] .conflict')`)
	if got := fieldValue(t, anna, "dialog[open] .conflict-theirs"); got != bens+" Ben adds." {
		t.Errorf("Anna's dialog, theirs: got %q, want %q", got, bens+" Ben adds.")
	}
	if got := fieldValue(t, anna, "dialog[open] .conflict-mine"); got != bens+" Anna adds." {
		t.Errorf("Anna's dialog, yours: got %q, want %q", got, bens+" Anna adds.")
	}
	anna.do(t, "take theirs", chromedp.Click(chromedp.CSS(`dialog[open] .conflict-theirs-btn`)))
	bens += " Ben adds."
	anna.waitJS(t, "Ben's text in Anna's field", `document.querySelector('#md-definition').value === `+jsString(bens))
	waitAllSaved(t, anna)
	apiCall(t, a, "GET", path, nil, &c)
	if c.Definition != bens {
		t.Errorf("stored after Anna took theirs: got %q, want %q", c.Definition, bens)
	}
	for _, b := range []*browser{anna, ben} {
		if d := leftDrafts(t, b); len(d) > 0 {
			t.Errorf("drafts left: got %q, want none", d)
		}
	}
}

// TestOtherFieldChangeIsKept edits a memo's text while someone else
// renames it: the refused save is sent again on top of their version
// without asking, and both changes stand.
func TestOtherFieldChangeIsKept(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := draftsStudy(t, a)
	var memo struct{ ID string }
	apiCall(t, a, "POST", "/projects/"+pid+"/memos", map[string]any{"title": "Field notes", "body": "Day one.", "target_type": "project"}, &memo)
	path := "/projects/" + pid + "/memos/" + memo.ID
	screenshotsOnFailure(t, b, nil, nil)

	b.do(t, "open the memo", chromedp.Navigate(a.URL+"/p/"+pid+"/memos/"+memo.ID))
	b.waitJS(t, "the memo", `(document.querySelector('.memo-body') || {}).value === 'Day one.'`)
	b.do(t, "cut the memo route off", blockRequests("*://*:*/api/v1/projects/*/memos/*"))
	caretToEnd(t, b, ".memo-body")
	b.do(t, "type", chromedp.KeyEvent(" Day two in Tromsø."))
	waitOffline(t, b)
	apiCall(t, a, "PATCH", path, map[string]any{"title": "Field notes, Nordic trip"}, nil)
	b.do(t, "reconnect", blockRequests())
	pressRetry(t, b)

	type memoJSON struct{ Title, Body string }
	waitStored(t, a, path, "both changes stored", func(m memoJSON) bool {
		return m.Title == "Field notes, Nordic trip" && m.Body == "Day one. Day two in Tromsø."
	})
	waitAllSaved(t, b)
	if got := fieldValue(t, b, ".memo-title"); got != "Field notes, Nordic trip" {
		t.Errorf("title on screen: got %q, want the new one", got)
	}
	if n := eval[int](t, b, `document.querySelectorAll('dialog[open]').length`); n != 0 {
		t.Errorf("got %d dialogs open, want none (no field was changed twice)", n)
	}
	checkPageErrors(t, b)
}

// TestRestoredDraftMeetsNewerText leaves a definition unsaved (its route
// cut off), lets someone else store another one, and reloads: the draft is
// not put over their text but offered beside it, and "Save merged" stores
// the text the person edits from both.
func TestRestoredDraftMeetsNewerText(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, cid := draftsStudy(t, a)
	path := "/projects/" + pid + "/codes/" + cid
	screenshotsOnFailure(t, b, nil, nil)

	b.do(t, "open the code", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+cid))
	b.waitJS(t, "the definition", `!!document.querySelector('#md-definition')`)
	b.do(t, "cut the code route off", blockRequests(codeRoutes))
	b.do(t, "type", chromedp.Click(chromedp.CSS(`#md-definition`)), chromedp.KeyEvent("Mine: failure abroad."))
	waitOffline(t, b)
	apiCall(t, a, "PATCH", path, map[string]any{"definition": "Theirs: failure at home."}, nil)
	b.do(t, "reconnect and reload", blockRequests(), chromedp.Reload())

	b.waitJS(t, "the dialog", `!!document.querySelector('dialog[open] .conflict')`)
	if got := fieldValue(t, b, "dialog[open] .conflict-mine"); got != "Mine: failure abroad." {
		t.Errorf("yours: got %q, want the draft", got)
	}
	if got := fieldValue(t, b, "dialog[open] .conflict-theirs"); got != "Theirs: failure at home." {
		t.Errorf("theirs: got %q, want the stored text", got)
	}
	var c storedCode
	apiCall(t, a, "GET", path, nil, &c)
	if c.Definition != "Theirs: failure at home." {
		t.Fatalf("stored before the choice: got %q, want theirs kept", c.Definition)
	}
	if got := saveStatus(t, b); got != "Not saved" {
		t.Errorf("status while the choice waits: got %q, want %q", got, "Not saved")
	}
	if n := eval[int](t, b, `document.querySelectorAll('.drafts-waiting').length`); n != 0 {
		t.Errorf("texts waiting while their field is open: got %d lists, want none", n)
	}
	merged := "Failure abroad and at home."
	eval[bool](t, b, `(() => { const el = document.querySelector('dialog[open] .conflict-merge'); el.focus(); el.select(); return true; })()`)
	b.do(t, "edit the merge", chromedp.KeyEvent(merged), chromedp.Click(chromedp.CSS(`dialog[open] .conflict-merge-btn`)))
	waitStored(t, a, path, "the merge stored", func(c storedCode) bool { return c.Definition == merged })
	waitAllSaved(t, b)
	if got := fieldValue(t, b, "#md-definition"); got != merged {
		t.Errorf("definition on screen: got %q, want %q", got, merged)
	}
	if d := leftDrafts(t, b); len(d) > 0 {
		t.Errorf("drafts left: got %q, want none", d)
	}
	checkPageErrors(t, b)
}

// TestRefusedTextIsExplained renames a concept to the name of its
// sibling while typing: the server refuses, the field says why and the
// header says the change is not saved; typing on makes the name valid,
// and it is saved.
func TestRefusedTextIsExplained(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := draftsStudy(t, a)
	var other codeJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "Listening to partners", "level": "concept"}, &other)
	screenshotsOnFailure(t, b, nil, nil)

	b.do(t, "open the code", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+other.ID))
	b.waitJS(t, "the name", `(document.querySelector('.code-title') || {}).value === 'Listening to partners'`)
	eval[bool](t, b, `(() => { const el = document.querySelector('.code-title'); el.focus(); el.select(); return true; })()`)
	b.do(t, "type the sibling's name", chromedp.KeyEvent("Learning from failure"))
	b.waitJS(t, "the refusal", `!!document.querySelector('.draft-note.bad')`)
	if got := saveStatus(t, b); got != "Not saved" {
		t.Errorf("status with the name refused: got %q, want %q", got, "Not saved")
	}
	b.do(t, "type on", chromedp.KeyEvent(" abroad"))
	waitStored(t, a, "/projects/"+pid+"/codes/"+other.ID, "the new name stored", func(c storedCode) bool { return c.Name == "Learning from failure abroad" })
	waitAllSaved(t, b)
	if n := eval[int](t, b, `document.querySelectorAll('.draft-note').length`); n != 0 {
		t.Errorf("notes under the field after saving: got %d, want none", n)
	}
	checkPageErrors(t, b)
}
