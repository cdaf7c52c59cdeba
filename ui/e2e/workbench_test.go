package e2e_test

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

type codeJSON struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Level    string            `json:"level"`
	ParentID string            `json:"parent_id"`
	Facets   map[string]string `json:"facets"`
}

type quoteJSON struct {
	ID         string   `json:"id"`
	DocumentID string   `json:"document_id"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Text       string   `json:"text"`
	CodeIDs    []string `json:"code_ids"`
}

type docJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

func codeByName(codes []codeJSON, name string) *codeJSON {
	for i := range codes {
		if codes[i].Name == name {
			return &codes[i]
		}
	}
	return nil
}

// TestWorkbenchJourney walks a researcher's first session: create a
// project, upload two transcripts, code a passage holding an emoji and a
// non-ASCII name with a new concept, see it again after a reload, build a
// theme and a dimension, set a facet value, undo and redo, auto-code search
// hits and read the Gioia view.
func TestWorkbenchJourney(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	var pid, did string
	screenshotsOnFailure(t, b,
		func() string {
			if did == "" {
				return ""
			}
			return a.URL + "/p/" + pid + "/d/" + did
		},
		func() string {
			if pid == "" {
				return ""
			}
			return a.URL + "/p/" + pid + "/codes"
		})

	// Create a project.
	b.do(t, "open the project list",
		chromedp.Navigate(a.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[aria-label="New project name"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[aria-label="New project name"]`), "Born globals in the North"),
		chromedp.Click(chromedp.CSS(`.new-project button[type=submit]`)),
	)
	b.waitJS(t, "the project to open", `location.pathname.startsWith('/p/') && !!document.querySelector('#upload-input')`)
	pid = strings.Split(eval[string](t, b, `location.pathname`), "/")[2]

	// Upload two files into a new case.
	files := []string{filepath.Join("testdata", "kohtamaki-ceo.txt"), filepath.Join("testdata", "pollo-cto.md")}
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = abs
	}
	b.do(t, "upload two transcripts",
		chromedp.SetUploadFiles(chromedp.CSS(`#upload-input`), files),
	)
	b.waitJS(t, "both imports", `document.querySelectorAll('.upload-item.done').length === 2`)
	b.waitJS(t, "the documents to be listed", `document.querySelectorAll('.doc-open').length === 2`)
	if got := eval[int](t, b, `document.querySelectorAll('.upload-item.failed').length`); got != 0 {
		t.Fatalf("got %d failed uploads, want 0", got)
	}

	// Open the first transcript.
	b.do(t, "open a transcript", chromedp.Click(chromedp.CSS(`.doc-open`)))
	b.waitJS(t, "the reader", `window.__tessera && window.__tessera.readerReadyAt > 0 && !!document.querySelector('.transcript .block')`)
	did = strings.Split(eval[string](t, b, `location.pathname`), "/")[4]
	var doc docJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/documents/"+did, nil, &doc)
	const passage = "Luleå was a turning point 👍"
	if !strings.Contains(doc.Text, passage) {
		// The other document opened first; go to the one with the passage.
		var docs []docJSON
		apiCall(t, a, "GET", "/projects/"+pid+"/documents", nil, &docs)
		for _, d := range docs {
			if d.ID != did {
				did = d.ID
			}
		}
		b.do(t, "open the CEO transcript", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+did))
		b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block')`)
		apiCall(t, a, "GET", "/projects/"+pid+"/documents/"+did, nil, &doc)
	}

	// Select a span with an emoji and a non-ASCII name; press c; create a concept.
	selectText(t, b, passage)
	b.waitJS(t, "the selection bubble", `!!document.querySelector('.bubble')`)
	b.do(t, "open the coding popover", shortcut('c'))
	b.waitJS(t, "the coding popover", `document.activeElement && document.activeElement.classList.contains('picker-input')`)
	b.do(t, "name a new concept", chromedp.KeyEvent("Trade fairs as door openers"))
	b.waitJS(t, "the create option", `[...document.querySelectorAll('.picker-opt')].some(e => e.textContent.includes('Create concept'))`)
	b.do(t, "create the concept", chromedp.KeyEvent(kb.Enter))
	b.waitJS(t, "the saved highlight", `document.querySelectorAll('.transcript .hl').length > 0 && !document.querySelector('.transcript .hl.pending')`)
	if got := highlightedText(t, b); got != passage {
		t.Errorf("highlight before reload: got %q, want %q", got, passage)
	}

	// The server stored code-point offsets of exactly those characters.
	var quotes []quoteJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/quotes", nil, &quotes)
	if len(quotes) != 1 {
		t.Fatalf("got %d quotes, want 1", len(quotes))
	}
	i := strings.Index(doc.Text, passage)
	wantStart := utf8.RuneCountInString(doc.Text[:i])
	wantEnd := wantStart + utf8.RuneCountInString(passage)
	if q := quotes[0]; q.Start != wantStart || q.End != wantEnd || q.Text != passage {
		t.Errorf("stored quote: got [%d,%d) %q, want [%d,%d) %q", q.Start, q.End, q.Text, wantStart, wantEnd, passage)
	}

	// After a reload the highlight covers the same characters.
	b.do(t, "reload", chromedp.Reload())
	b.waitJS(t, "the highlight after reload", `document.querySelectorAll('.transcript .hl').length > 0`)
	if got := highlightedText(t, b); got != passage {
		t.Errorf("highlight after reload: got %q, want %q", got, passage)
	}

	// Build the data structure in the codebook: a theme and a dimension.
	b.do(t, "open the codebook", chromedp.Click(chromedp.CSS(`nav.nav a[href$="/codes"]`)))
	addCode := func(name, level string) {
		b.do(t, "add "+level+" "+name,
			chromedp.WaitVisible(chromedp.CSS(`.new-code input`)),
			chromedp.SendKeys(chromedp.CSS(`.new-code input`), name),
			chromedp.SetValue(chromedp.CSS(`.new-code select`), level),
		)
		// Preact listens for change events; SetValue sets the value only.
		eval[bool](t, b, `(() => { const s = document.querySelector('.new-code select'); s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
		b.do(t, "submit "+name, chromedp.Click(chromedp.CSS(`.new-code button[type=submit]`)))
		b.waitJS(t, name+" saved", fmt.Sprintf(`[...document.querySelectorAll('.tree-row:not(.pending) .code-name')].some(e => e.textContent === %s)`, jsString(name)))
	}
	addCode("Learning from trade fairs", "theme")
	addCode("Network-based learning", "dimension")

	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	concept := codeByName(codes, "Trade fairs as door openers")
	theme := codeByName(codes, "Learning from trade fairs")
	dim := codeByName(codes, "Network-based learning")
	if concept == nil || theme == nil || dim == nil {
		t.Fatalf("got codes %+v, want the concept, theme and dimension", codes)
	}

	// Drag the concept onto the theme.
	b.do(t, "drag the concept onto the theme",
		chromedp.DragAndDrop(chromedp.CSS(`[data-id="`+concept.ID+`"]`), chromedp.CSS(`[data-id="`+theme.ID+`"]`)))
	waitParent := func(id, parent string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			var cs []codeJSON
			apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &cs)
			for _, c := range cs {
				if c.ID == id && c.ParentID == parent {
					return
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("code %s: parent not %s after 10 s (codes %+v)", id, parent, cs)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitParent(concept.ID, theme.ID)

	// Group the theme under the dimension with the keyboard: focus, m, choose.
	b.do(t, "move the theme with the keyboard",
		chromedp.Focus(chromedp.CSS(`[data-id="`+theme.ID+`"]`)),
		shortcut('m'),
		chromedp.WaitVisible(chromedp.CSS(`dialog .picker-input`)),
		chromedp.KeyEvent("Network-based"),
	)
	b.waitJS(t, "the filtered choice", `document.querySelectorAll('dialog .picker-opt').length === 1`)
	b.do(t, "choose the dimension", chromedp.KeyEvent(kb.Enter))
	waitParent(theme.ID, dim.ID)
	b.waitJS(t, "the tree to show the structure", fmt.Sprintf(
		`(() => { const r = [...document.querySelectorAll('.tree-row')].map(e => e.dataset.id + ':' + e.getAttribute('aria-level'));
		  return r.includes(%s) && r.includes(%s) && r.includes(%s); })()`,
		jsString(dim.ID+":1"), jsString(theme.ID+":2"), jsString(concept.ID+":3")))

	// A facet, and a value on the theme set in place in the tree.
	b.do(t, "create a facet",
		chromedp.SendKeys(chromedp.CSS(`.facet-new input[aria-label="New facet name"]`), "Type of learning"),
		chromedp.SendKeys(chromedp.CSS(`.facet-new input[aria-label="Values of the new facet"]`), "experiential, vicarious, congenital"),
		chromedp.Click(chromedp.CSS(`.facet-new button[type=submit]`)),
	)
	b.waitJS(t, "the facet chip on the theme", fmt.Sprintf(`!!document.querySelector('[data-id=%s] .facet-chip select')`, jsString(theme.ID)))
	eval[bool](t, b, fmt.Sprintf(`(() => { const s = document.querySelector('[data-id=%s] .facet-chip select');
		s.value = 'vicarious'; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`, jsString(theme.ID)))
	waitFacet := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			var c codeJSON
			apiCall(t, a, "GET", "/projects/"+pid+"/codes/"+theme.ID, nil, &c)
			got := ""
			for _, v := range c.Facets {
				got = v
			}
			if got == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("facet value of the theme: got %q, want %q", got, want)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitFacet("vicarious")

	// Undo the facet value, the facet and the move, then redo all three.
	waitFacets := func(want int) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			var fs []struct{}
			apiCall(t, a, "GET", "/projects/"+pid+"/facets", nil, &fs)
			if len(fs) == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("got %d facets, want %d", len(fs), want)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	b.do(t, "blur the form fields", chromedp.Focus(chromedp.CSS(`[data-id="`+concept.ID+`"]`)))
	b.waitJS(t, "undo to name the facet value", `(document.querySelector('.undo-btn:not([disabled])') || {title: ''}).title.includes('Set a facet of')`)
	b.do(t, "undo", chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitFacet("")
	b.do(t, "undo again", chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitFacets(0)
	b.do(t, "undo a third time", chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitParent(theme.ID, "")
	for _, step := range []func(){func() { waitParent(theme.ID, dim.ID) }, func() { waitFacets(1) }, func() { waitFacet("vicarious") }} {
		b.do(t, "redo", chromedp.KeyEvent("Z", chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift)))
		step()
	}

	// The Gioia view lists concept, theme and dimension.
	b.do(t, "open the Gioia view", chromedp.Click(chromedp.CSS(`nav.nav a[href$="/gioia"]`)))
	b.waitJS(t, "the Gioia table", `!!document.querySelector('table.gioia tbody tr')`)
	row := eval[[]string](t, b, `[...document.querySelector('table.gioia tbody tr').querySelectorAll('td')].slice(0, 3).map(td => td.textContent.trim())`)
	want := []string{"Trade fairs as door openers", "Learning from trade fairs", "Network-based learning"}
	if strings.Join(row, "|") != strings.Join(want, "|") {
		t.Errorf("first Gioia row: got %q, want %q", row, want)
	}

	// Search last: it needs the search index, which follows the store.
	// Search and auto-code the hits with the concept.
	b.do(t, "focus the search box with /", shortcut('/'))
	b.waitJS(t, "the search box to have focus", `document.activeElement && document.activeElement.id === 'search-input'`)
	b.do(t, "search", chromedp.KeyEvent("trade fair"), chromedp.KeyEvent(kb.Enter))
	b.waitJS(t, "search hits", `document.querySelectorAll('.hit').length > 0`)
	hits := eval[int](t, b, `document.querySelectorAll('.hit').length`)
	screenshot(t, b, "search")
	// The concordance download holds a line per match.
	href := eval[string](t, b, `document.querySelector('.search-summary a[href*="format=csv"]').getAttribute('href')`)
	resp, err := http.Get(a.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	conc, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.Count(string(conc), ",trade fair,") < hits {
		t.Errorf("concordance %s: status %d, want a line per match of %d hits:\n%s", href, resp.StatusCode, hits, conc)
	}
	b.do(t, "choose the code for auto-coding", chromedp.Click(chromedp.CSS(`.autocode button.btn-sm`)))
	b.do(t, "find the concept",
		chromedp.WaitVisible(chromedp.CSS(`dialog .picker-input`)),
		chromedp.KeyEvent("door openers"),
	)
	b.waitJS(t, "the concept in the picker", `[...document.querySelectorAll('dialog .picker-opt')].some(e => e.textContent.includes('door openers'))`)
	b.do(t, "pick it", chromedp.KeyEvent(kb.Enter))
	apiCall(t, a, "GET", "/projects/"+pid+"/quotes", nil, &quotes)
	before := len(quotes)
	b.do(t, "code the hits", chromedp.Click(chromedp.CSS(`.autocode .btn-primary`)))
	confirmAutoCodePreview(t, b)
	b.waitJS(t, "the auto-coding report", `!!document.querySelector('.autocode .ok-text')`)
	report := eval[string](t, b, `document.querySelector('.autocode .ok-text').textContent`)
	apiCall(t, a, "GET", "/projects/"+pid+"/quotes", nil, &quotes)
	if len(quotes) < 2 {
		t.Errorf("after auto-coding %d hits (%s): got %d quotes, want more than 1", hits, report, len(quotes))
	}
	autoCoded := len(quotes)

	// The whole run is undone in one step, and redone with Ctrl+Shift+Z.
	// The hits are searched again after the run, and the bar may move
	// meanwhile: the button is pressed through the page, not at a point.
	b.waitJS(t, "the hits coded", `document.querySelectorAll('.hit .chips').length === document.querySelectorAll('.hit').length`)
	eval[bool](t, b, `(document.querySelector('.autocode .autocode-undo').click(), true)`)
	b.waitJS(t, "the report to go", `!document.querySelector('.autocode .ok-text')`)
	waitQuotes := func(what string, want int) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			apiCall(t, a, "GET", "/projects/"+pid+"/quotes", nil, &quotes)
			if len(quotes) == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: got %d quotes, want %d", what, len(quotes), want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitQuotes("after undoing the auto-coding", before)
	b.do(t, "redo it", shortcut('z', chromedp.ModifierCtrl, chromedp.ModifierShift))
	waitQuotes("after redoing the auto-coding", autoCoded)

	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("got page errors %q, want none", errs)
	}
	if d := b.openedDialogs(); len(d) > 0 {
		t.Errorf("got JavaScript dialogs %q, want none", d)
	}
}
