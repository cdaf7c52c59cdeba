package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// saveScreen keeps a screenshot of the page as name.png among the test's
// artifacts: in $TESSERA_E2E_OUT when set, else in a directory the test
// names in its log.
func saveScreen(tb testing.TB, b *browser, dir, name string) {
	tb.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		tb.Fatalf("screenshot %s: %v", name, err)
	}
}

// lineCount is a JavaScript function: how many lines of the text of an
// element show (lines an element clips do not count).
const lineCount = `((el) => { const r = document.createRange(); r.selectNodeContents(el); const box = el.getBoundingClientRect();
	return new Set([...r.getClientRects()].filter((x) => x.width > 0 && x.top < box.bottom - 1).map((x) => Math.round(x.top))).size; })`

// outside is a JavaScript function: the elements matching sel that stick
// out of the element matching box (each inside its own box), by name;
// elements not shown (in a closed <details>, say) do not count.
const outside = `((box, sel) => [...document.querySelectorAll(box)].flatMap((b) => {
	const o = b.getBoundingClientRect();
	return [...b.querySelectorAll(sel)].filter((e) => { const r = e.getBoundingClientRect();
		return r.width > 0 && e.checkVisibility() && (r.left < o.left - 0.5 || r.right > o.right + 0.5 || r.top < o.top - 0.5 || r.bottom > o.bottom + 0.5); })
		.map((e) => e.textContent.trim() || e.getAttribute('aria-label')); }))`

// TestRoughEdgesAtBothSizes opens the screens where things used to break
// at 1280x800 and 1920x1080 and checks them by their geometry: the
// project's name readable in the top bar, speaker
// names on one line beside timestamps, long in-vivo concept names at most
// two lines in the reader's codebook, the quote card's buttons inside the
// card, the coding popover inside the window with whole code names, and
// the facet dropdowns of the tree inside their rows and wide enough for
// their value. Screenshots of each are kept.
func TestRoughEdgesAtBothSizes(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := seedStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)
	dir := outDir(t)
	t.Logf("screenshots in %s", dir)

	var docs []docJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/documents", nil, &docs)
	var vtt docJSON
	for _, d := range docs {
		if d.Title == "head-of-sales" {
			vtt = d
		}
	}
	if vtt.ID == "" {
		t.Fatalf("no head-of-sales transcript among %+v", docs)
	}
	apiCall(t, a, "GET", "/projects/"+pid+"/documents/"+vtt.ID, nil, &vtt)
	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	theme := codeByName(codes, "Vicarious learning at trade fairs")
	// A long in-vivo concept, coding a passage of the transcript.
	invivo := "“We basically learned everything the hard way, by losing two big customers in Germany in one single quarter”"
	var c codeJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": invivo, "parent_id": theme.ID}, &c)
	phrase := "I worked eleven years in Stockholm"
	at := strings.Index(vtt.Text, phrase)
	if at < 0 {
		t.Fatalf("%q not in %q (%s)", phrase, shorten(vtt.Text), vtt.Title)
	}
	start := len([]rune(vtt.Text[:at]))
	apiCall(t, a, "POST", "/projects/"+pid+"/quotes", map[string]any{"document_id": vtt.ID, "start": start, "end": start + len([]rune(phrase)), "code_ids": []string{c.ID}}, nil)
	var facet struct{ ID string }
	apiCall(t, a, "POST", "/projects/"+pid+"/facets", map[string]any{"name": "Type of learning", "values": []string{"experiential learning", "vicarious learning"}}, &facet)
	apiCall(t, a, "PUT", "/projects/"+pid+"/codes/"+theme.ID+"/facets/"+facet.ID, map[string]any{"value": "vicarious learning"}, nil)

	for _, size := range [][2]int64{{1280, 800}, {1920, 1080}} {
		at := fmt.Sprintf("%dx%d", size[0], size[1])
		b.do(t, "resize", chromedp.EmulateViewport(size[0], size[1]))

		// The reader with timestamps and the long concept in its codebook.
		b.do(t, "open the transcript with timestamps", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+vtt.ID))
		b.waitJS(t, "the reader", `!!document.querySelector('.transcript .head .ts') && !!document.querySelector('.transcript .hl')`)
		if broken := eval[[]string](t, b, `[...document.querySelectorAll('.transcript .head .who')].filter((e) => e.getBoundingClientRect().top < innerHeight && `+lineCount+`(e) > 1).map((e) => e.textContent)`); len(broken) > 0 {
			t.Errorf("%s: speaker names on more than one line: %q", at, broken)
		}
		if w := eval[float64](t, b, `document.querySelector('.project-name').getBoundingClientRect().width`); w < 90 {
			t.Errorf("%s: the project's name in the top bar is %.0f px wide, want room for a few words (90 px)", at, w)
		}
		b.waitJS(t, "the long concept in the side codebook", `[...document.querySelectorAll('.codebook.compact .code-name')].some((e) => e.textContent.startsWith('“We basically'))`)
		if n := eval[int](t, b, ``+lineCount+`([...document.querySelectorAll('.codebook.compact .code-name')].find((e) => e.textContent.startsWith('“We basically')))`); n > 2 {
			t.Errorf("%s: the long concept name takes %d lines in the reader's codebook, want at most 2", at, n)
		}
		b.do(t, "open the quote", chromedp.Click(chromedp.CSS(`.transcript .hl`)))
		b.waitJS(t, "the quote card", `!!document.querySelector('.quote-card')`)
		if out := eval[[]string](t, b, outside+`('.quote-card', 'button, a, kbd')`); len(out) > 0 {
			t.Errorf("%s: quote card controls outside the card: %q", at, out)
		}
		// The evidence controls: chosen as power quote (with its order) and
		// the print excerpt's editor open, all inside the card.
		if eval[string](t, b, `document.querySelector('.quote-card .pick-btn[data-kind="power"]').getAttribute('aria-pressed')`) != "true" {
			b.do(t, "choose the power quote", chromedp.Click(chromedp.CSS(`.quote-card .pick-btn[data-kind="power"]`)))
		}
		b.waitJS(t, "the power quote's order", `!!document.querySelector('.quote-card .pick-order input')`)
		if eval[string](t, b, `document.querySelector('.quote-card .excerpt-toggle').getAttribute('aria-expanded')`) != "true" {
			b.do(t, "open the print excerpt", chromedp.Click(chromedp.CSS(`.quote-card .excerpt-toggle`)))
		}
		b.waitJS(t, "the excerpt editor", `!!document.querySelector('.quote-card .excerpt-field textarea')`)
		if out := eval[[]string](t, b, outside+`('.quote-card', 'button, a, kbd, input, textarea, label')`); len(out) > 0 {
			t.Errorf("%s: quote card evidence controls outside the card: %q", at, out)
		}
		if out := eval[[]string](t, b, outside+`('.quote-card .pick-list li', 'button, input, label')`); len(out) > 0 {
			t.Errorf("%s: power and proof controls outside their code's row: %q", at, out)
		}
		if wide := eval[[]string](t, b, `[document.querySelector('.quote-card'), ...document.querySelectorAll('.quote-card *')].filter((e) => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible').map((e) => e.className || e.tagName)`); len(wide) > 0 {
			t.Errorf("%s: quote card parts scroll sideways: %q", at, wide)
		}
		saveScreen(t, b, dir, "reader-evidence-"+at)
		saveScreen(t, b, dir, "reader-"+at)

		// The coding popover opened on a turn at the bottom of the window.
		b.do(t, "close the quote", chromedp.KeyEvent("\x1b"))
		// Select a few words on the last full line of text in the window.
		ok := eval[bool](t, b, `(() => {
			const txt = document.querySelector('.transcript .txt').getBoundingClientRect();
			for (let y = innerHeight - 40; y > innerHeight - 200; y -= 10) {
				const r = document.caretRangeFromPoint(txt.left + 5, y);
				if (!r || r.startContainer.nodeType !== Node.TEXT_NODE || !r.startContainer.parentElement.closest('.txt')) continue;
				const n = r.startContainer, at = r.startOffset;
				if (n.data.length - at < 12) continue;
				r.setEnd(n, at + 12);
				if (r.getBoundingClientRect().bottom > innerHeight - 10) continue;
				const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true;
			}
			return false; })()`)
		if !ok {
			t.Fatalf("%s: no turn near the bottom of the window", at)
		}
		b.waitJS(t, "the selection bubble", `!!document.querySelector('.bubble')`)
		b.do(t, "open the coding popover", shortcut('c'))
		b.waitJS(t, "the coding popover", `!!document.querySelector('.popover .picker-opt') && document.querySelector('.popover').getBoundingClientRect().top >= 0`)
		b.do(t, "settle", chromedp.Sleep(100*time.Millisecond))
		if r := eval[[]float64](t, b, `(() => { const r = document.querySelector('.popover').getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; })()`); r[0] < 0 || r[1] > r[2] {
			t.Errorf("%s: coding popover from %.0f to %.0f, want inside the window (0 to %.0f)", at, r[0], r[1], r[2])
		}
		if cut := eval[[]string](t, b, `[...document.querySelectorAll('.popover .opt-name')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent)`); len(cut) > 0 {
			t.Errorf("%s: code names cut off in the coding popover: %q", at, cut)
		}
		saveScreen(t, b, dir, "picker-"+at)
		b.do(t, "close the popover", chromedp.KeyEvent("\x1b"))

		// The codebook tree with its facet dropdowns.
		b.do(t, "open the codebook", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+theme.ID))
		b.waitJS(t, "the facet dropdowns", `document.querySelectorAll('.tree .facet-chip select').length >= 2`)
		if out := eval[[]string](t, b, outside+`('.tree-row', '.facet-chip select')`); len(out) > 0 {
			t.Errorf("%s: facet dropdowns outside their row: %q", at, out)
		}
		if cut := eval[[]string](t, b, `[...document.querySelectorAll('.tree .facet-chip select')].filter((s) => {
			const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(s).font;
			return c.measureText(s.options[s.selectedIndex].text).width > s.clientWidth - 8; }).map((s) => s.options[s.selectedIndex].text)`); len(cut) > 0 {
			t.Errorf("%s: facet dropdowns too narrow for their value: %q", at, cut)
		}
		saveScreen(t, b, dir, "codebook-"+at)
	}
	noPageErrors(t, b)
}
