package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// gioiaTicked is a JavaScript expression: whether the figure shows a
// bracket tick from the box of code id, that is, the code is grouped.
func gioiaTicked(id string) string {
	return fmt.Sprintf(`(() => {
		const g = document.querySelector('.gioia-svg g[data-code="%s"]');
		if (!g) return 'none';
		const r = g.querySelector('rect');
		const x = +r.getAttribute('x') + +r.getAttribute('width'), cy = +r.getAttribute('y') + +r.getAttribute('height') / 2;
		return [...document.querySelectorAll('.gioia-svg .brackets path')].some((p) => {
			const m = /^M([\d.]+) ([\d.]+)/.exec(p.getAttribute('d'));
			return m && Math.abs(+m[1] - x) < 0.2 && Math.abs(+m[2] - cy) < 0.2;
		});
	})()`, id)
}

// TestGioiaFigureFollowsMove shows the Gioia figure in one browser
// context and beside the codebook in another; a concept dragged onto a
// theme in the second is grouped in both figures within a second, without
// a reload, and a click on its box opens the concept.
func TestGioiaFigureFollowsMove(t *testing.T) {
	a := startApp(t)
	pid, _ := seedStudy(t, a)
	one, two := newBrowser(t), newBrowser(t)
	screenshotsOnFailure(t, one, nil, nil)
	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	concept := codeByName(codes, "Learning from failure")
	theme := codeByName(codes, "Vicarious learning at trade fairs")

	one.do(t, "open the Gioia view", chromedp.Navigate(a.URL+"/p/"+pid+"/gioia"))
	one.waitJS(t, "the table", `!!document.querySelector('table.gioia')`)
	one.do(t, "show the figure", chromedp.Click(chromedp.CSS(`.gioia-page .segmented button:nth-child(2)`)))
	one.waitJS(t, "the figure", `document.querySelectorAll('.gioia-svg g[data-code]').length === 5`)
	waitLive(t, one)

	two.do(t, "open the codebook", chromedp.Navigate(a.URL+"/p/"+pid+"/codes"))
	two.waitJS(t, "the tree", `document.querySelectorAll('.tree-row').length === 5`)
	two.do(t, "show the figure beside it", chromedp.Click(chromedp.CSS(`.figure-toggle input`)))
	two.waitJS(t, "the figure beside the tree", `document.querySelectorAll('.codebook-page .gioia-svg g[data-code]').length === 5`)
	waitLive(t, two)
	for _, b := range []*browser{one, two} {
		if got := eval[any](t, b, gioiaTicked(concept.ID)); got != false {
			t.Fatalf("before the move: concept grouped in the figure: got %v, want false", got)
		}
	}

	two.do(t, "drag the concept onto the theme",
		chromedp.DragAndDrop(chromedp.CSS(`.tree-row[data-id="`+concept.ID+`"]`), chromedp.CSS(`.tree-row[data-id="`+theme.ID+`"]`)))
	waitAPI(t, a, pid, "the concept grouped", func(_ []quoteJSON, cs []codeJSON) bool {
		c := codeByName(cs, concept.Name)
		return c != nil && c.ParentID == theme.ID
	})
	one.waitWithin(t, "the other context's figure following the move", gioiaTicked(concept.ID)+` === true`, liveDelay+time.Second)
	two.waitWithin(t, "the figure beside the codebook following the move", gioiaTicked(concept.ID)+` === true`, liveDelay+time.Second)

	// A click on a box opens its code.
	one.do(t, "click the concept's box", chromedp.Click(chromedp.CSS(`.gioia-svg g[data-code="`+concept.ID+`"] rect`)))
	one.waitJS(t, "the concept's page", `location.pathname.endsWith('/codes/`+concept.ID+`') && !!document.querySelector('.code-detail')`)
	if got := eval[string](t, one, `document.querySelector('.code-detail input.code-title').value`); !strings.Contains(got, concept.Name) {
		t.Errorf("opened code: got %q, want %q", got, concept.Name)
	}
	noPageErrors(t, one, two)
}
