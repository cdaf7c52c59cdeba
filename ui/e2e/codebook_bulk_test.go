package e2e_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// clickWith clicks the first node matching sel while holding modifiers,
// as a person Ctrl- or Shift-clicking does.
func clickWith(sel string, mods ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		nodes, err := chromedp.Nodes(chromedp.CSS(sel), chromedp.NodeVisible)(ctx, t)
		if err != nil {
			return err
		}
		_, err = chromedp.MouseClickNode(nodes[0], chromedp.ButtonModifiers(mods...))(ctx, t)
		return err
	})
}

// lastOp returns the operation of the project's last audit entry.
func lastOp(t *testing.T, a *app, pid string) string {
	t.Helper()
	var audit []struct {
		Op string `json:"op"`
	}
	apiCall(t, a, "GET", "/projects/"+pid+"/audit?limit=1", nil, &audit)
	if len(audit) == 0 {
		return ""
	}
	return audit[0].Op
}

// levelsOf says "name=level<parent name>" for the codes named.
func levelsOf(codes []codeJSON, names ...string) string {
	byID := map[string]string{}
	for _, c := range codes {
		byID[c.ID] = c.Name
	}
	var out []string
	for _, n := range names {
		if c := codeByName(codes, n); c != nil {
			out = append(out, n+"="+c.Level+"<"+byID[c.ParentID]+">")
		}
	}
	return strings.Join(out, " ")
}

// TestBulkMakeThemesAndDragSelection selects three ungrouped concepts
// with Shift+click and makes them themes in one step, undoes that with
// Ctrl+Z, selects them again with Shift+arrows, makes them themes again,
// then Ctrl+clicks two of them and drags the pair onto a dimension.
func TestBulkMakeThemesAndDragSelection(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := seedStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)
	for _, n := range []string{"Mentoring by peers", "Networks of founders"} {
		apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": n}, nil)
	}
	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	three := []string{"Learning from failure", "Mentoring by peers", "Networks of founders"}
	row := func(name string) string { return `.tree-row[data-id="` + codeByName(codes, name).ID + `"]` }
	dim := codeByName(codes, "Learning from networks")

	// Selecting and changing codes re-renders the tree, and the page may
	// still scroll to the focused row or move what is below the tree:
	// before pointing at sel, wait until it and the page have stayed put
	// for 20 frames, as a person waits for the screen to stop moving.
	settle := func(what, sel string) {
		t.Helper()
		quoted, _ := json.Marshal(sel)
		_, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`new Promise((done) => {
			const sel = `+string(quoted)+`;
			const where = () => {
				const el = document.querySelector(sel);
				if (!el) return '';
				const r = el.getBoundingClientRect();
				return scrollY + ',' + r.top + ',' + r.left;
			};
			let at = where(), still = 0;
			const frame = () => {
				const now = where();
				if (now && now === at && ++still >= 20) return done(true);
				if (now !== at) { at = now; still = 0; }
				requestAnimationFrame(frame);
			};
			frame();
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("wait for %s: %v", what, err)
		}
	}
	b.do(t, "open the codebook", chromedp.Navigate(a.URL+"/p/"+pid+"/codes"))
	b.waitJS(t, "the tree", `document.querySelectorAll('.tree-row').length >= 7`)
	b.do(t, "click the first concept", chromedp.Click(chromedp.CSS(row(three[0]))))
	b.waitJS(t, "the first concept open", `document.querySelector('`+row(three[0])+`').classList.contains('current')`)
	b.do(t, "Shift+click the third", clickWith(row(three[2]), chromedp.ModifierShift))
	b.waitJS(t, "three selected", `document.querySelectorAll('.tree-row.picked').length === 3 && document.querySelector('.bulk-head').textContent.includes('3 selected')`)
	makeThemes := chromedp.Click(chromedp.CSS(`.bulk-bar [data-action="level-theme"]`))
	settle("the selection at rest", `.bulk-bar [data-action="level-theme"]`)
	b.do(t, "make them themes", makeThemes)
	want := "Learning from failure=theme<> Mentoring by peers=theme<> Networks of founders=theme<>"
	_, codes = waitAPI(t, a, pid, "three themes", func(_ []quoteJSON, cs []codeJSON) bool { return levelsOf(cs, three...) == want })
	if op := lastOp(t, a, pid); op != "relevel_codes" {
		t.Fatalf("got last change %q, want one relevel_codes change", op)
	}
	b.waitJS(t, "the selection cleared", `!document.querySelector('.tree-row.picked') && !document.querySelector('.bulk-bar')`)

	// One undo turns all three back into concepts.
	b.do(t, "leave the buttons", chromedp.Click(chromedp.CSS(`.codebook-head h2`)))
	b.do(t, "undo", shortcut('z', chromedp.ModifierCtrl))
	concepts := "Learning from failure=concept<> Mentoring by peers=concept<> Networks of founders=concept<>"
	waitAPI(t, a, pid, "three concepts again", func(_ []quoteJSON, cs []codeJSON) bool { return levelsOf(cs, three...) == concepts })

	// The keyboard: focus the first, Shift+Down twice.
	b.waitJS(t, "the concepts shown again", `[...document.querySelectorAll('.tree-row.level-concept')].length >= 5`)
	eval[bool](t, b, `document.querySelector('`+row(three[0])+`').focus(), true`)
	shiftDown := chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierShift))
	focused := func(name string) string {
		return `document.activeElement === document.querySelector('` + row(name) + `')`
	}
	b.do(t, "extend the selection", shiftDown)
	b.waitJS(t, "the focus on the second", focused(three[1]))
	b.do(t, "extend it again", shiftDown)
	b.waitJS(t, "the focus on the third", focused(three[2]))
	b.waitJS(t, "three selected by keyboard", `document.querySelectorAll('.tree-row.picked').length === 3`)
	b.do(t, "Space takes the focused one out", chromedp.KeyEvent(" "))
	b.waitJS(t, "two selected", `document.querySelectorAll('.tree-row.picked').length === 2`)
	b.do(t, "Space puts it back", chromedp.KeyEvent(" "))
	b.waitJS(t, "three selected again", `document.querySelectorAll('.tree-row.picked').length === 3`)
	settle("the selection at rest again", `.bulk-bar [data-action="level-theme"]`)
	b.do(t, "make them themes again", makeThemes)
	_, codes = waitAPI(t, a, pid, "three themes again", func(_ []quoteJSON, cs []codeJSON) bool { return levelsOf(cs, three...) == want })

	// Ctrl+click two themes and drag them onto the dimension together.
	b.waitJS(t, "the selection cleared again", `!document.querySelector('.tree-row.picked') && !document.querySelector('.bulk-bar')`)
	b.waitJS(t, "the themes shown", `document.querySelectorAll('.tree-row.level-theme').length >= 4`)
	settle("the page at rest", row(three[1]))
	b.do(t, "click a theme", chromedp.Click(chromedp.CSS(row(three[1]))))
	// The click opens the theme; a Ctrl+click before that lands adds to
	// nothing.
	b.waitJS(t, "the theme open", `document.querySelector('`+row(three[1])+`').classList.contains('current')`)
	settle("the theme's page at rest", row(three[2]))
	b.do(t, "Ctrl+click another", clickWith(row(three[2]), chromedp.ModifierCtrl))
	b.waitJS(t, "two selected", `document.querySelectorAll('.tree-row.picked').length === 2`)
	// Both rows in the middle of the view, so that the drag does not
	// scroll the page under the pointer.
	eval[bool](t, b, `document.querySelector('.tree-row[data-id="`+dim.ID+`"]').scrollIntoView({block: 'center'}), true`)
	settle("the rows at rest", `.tree-row[data-id="`+dim.ID+`"]`)
	b.do(t, "drag the pair onto the dimension",
		chromedp.DragAndDrop(chromedp.CSS(row(three[2])), chromedp.CSS(`.tree-row[data-id="`+dim.ID+`"]`)))
	grouped := "Mentoring by peers=theme<Learning from networks> Networks of founders=theme<Learning from networks>"
	waitAPI(t, a, pid, "both under the dimension", func(_ []quoteJSON, cs []codeJSON) bool { return levelsOf(cs, three[1:]...) == grouped })
	if op := lastOp(t, a, pid); op != "move_codes" {
		t.Errorf("got last change %q, want one move_codes change", op)
	}
	b.waitJS(t, "the tree shows them under the dimension",
		`[...document.querySelectorAll('.tree-row[aria-level="2"] .code-name')].map((e) => e.textContent).filter((n) => n === 'Mentoring by peers' || n === 'Networks of founders').length === 2`)
	noPageErrors(t, b)
}
