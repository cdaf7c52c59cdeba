package e2e_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pickedQuote is a quote as the API returns it, with its choices.
type pickedQuote struct {
	ID    string `json:"id"`
	Picks []struct {
		CodeID string `json:"code_id"`
		Kind   string `json:"kind"`
		Order  int    `json:"order"`
	} `json:"picks"`
	Excerpt string `json:"excerpt"`
}

// waitQuote polls the API until ok holds for the quote id.
func waitQuote(t *testing.T, a *app, pid, id, what string, ok func(pickedQuote) bool) pickedQuote {
	t.Helper()
	return poll(t, what, func() pickedQuote {
		var q pickedQuote
		apiCall(t, a, "GET", "/projects/"+pid+"/quotes/"+id, nil, &q)
		return q
	}, ok)
}

// TestChooseEvidence marks a quote as power quote in the reader with the
// keyboard, trims it for print, and finds it, with its excerpt and who
// said it, in the supporting-data preview of the Gioia view; then takes
// the choice back from there with the mouse; then makes it a proof quote
// from the codebook's quote list.
func TestChooseEvidence(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	var p struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Evidence"}, &p)
	pid := p.ID
	var doc docJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/documents", map[string]any{
		"title": "Alder CEO", "text": "Interviewer: How did you learn?\nAnna: We ran small pilots before every launch in Luleå. Each pilot taught us what the market would pay.\nInterviewer: And then?\nAnna: Then we grew.\n",
	}, &doc)
	var dim, theme, concept codeJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "Learning by growing", "level": "dimension"}, &dim)
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "Trial and error", "level": "theme", "parent_id": dim.ID}, &theme)
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "Small pilots", "level": "concept", "parent_id": theme.ID}, &concept)
	passage := "We ran small pilots before every launch in Luleå."
	i := strings.Index(doc.Text, passage)
	start := utf8.RuneCountInString(doc.Text[:i])
	var q quoteJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/quotes", map[string]any{"document_id": doc.ID, "start": start, "end": start + utf8.RuneCountInString(passage), "code_ids": []string{concept.ID}}, &q)
	// Anna is informant I-07, the CEO.
	var inf struct{ ID string }
	apiCall(t, a, "POST", "/projects/"+pid+"/informants", map[string]any{"label": "I-07", "role": "CEO"}, &inf)
	if code := apiCall(t, a, "POST", "/projects/"+pid+"/informants/link", map[string]any{"document_id": doc.ID, "speaker": "Anna", "informant_id": inf.ID}, nil); code != 200 {
		t.Fatalf("link Anna: status %d", code)
	}
	readerURL := a.URL + "/p/" + pid + "/d/" + doc.ID
	gioiaURL := a.URL + "/p/" + pid + "/gioia"
	screenshotsOnFailure(t, b, func() string { return readerURL }, func() string { return gioiaURL })

	// In the reader: n selects the quote, q makes it a power quote.
	b.do(t, "open the reader", chromedp.Navigate(readerURL))
	b.waitJS(t, "the highlight", `document.querySelectorAll('.transcript .hl').length === 1`)
	b.do(t, "select the quote", shortcut('n'))
	b.waitJS(t, "the quote card", `!!document.querySelector('.quote-card')`)
	b.do(t, "make it a power quote", shortcut('q'))
	waitQuote(t, a, pid, q.ID, "the power quote stored", func(q pickedQuote) bool {
		return len(q.Picks) == 1 && q.Picks[0].Kind == "power" && q.Picks[0].CodeID == concept.ID && q.Picks[0].Order == 1
	})
	b.waitJS(t, "the card shows it", `document.querySelector('.quote-card .pick-btn[data-kind="power"]').getAttribute('aria-pressed') === 'true'`)

	// Trim it for print from the card, by keyboard: a piece out of order
	// is refused with the reason, a good excerpt is stored.
	b.do(t, "open the excerpt", chromedp.Click(chromedp.CSS(`.quote-card .excerpt-toggle`)))
	b.do(t, "type an excerpt out of order", chromedp.Focus(chromedp.CSS(`.quote-card .excerpt-field textarea`)),
		chromedp.KeyEvent("in Luleå […] We ran"), shortcut(rune(kb.Enter[0]), chromedp.ModifierCtrl))
	b.waitJS(t, "the refusal", `(document.querySelector('.quote-card .excerpt-field [role=alert]') || {textContent: ''}).textContent.includes('order')`)
	b.do(t, "type a good excerpt", shortcut('a', chromedp.ModifierCtrl),
		chromedp.KeyEvent("We ran small pilots […] in Luleå."), shortcut(rune(kb.Enter[0]), chromedp.ModifierCtrl))
	waitQuote(t, a, pid, q.ID, "the excerpt stored", func(q pickedQuote) bool { return q.Excerpt == "We ran small pilots […] in Luleå." })

	// The Gioia view's supporting-data preview prints it as power quote,
	// trimmed, with who said it.
	b.do(t, "open the Gioia view", chromedp.Navigate(gioiaURL))
	b.do(t, "show the supporting data", chromedp.Click(chromedp.CSS(`input[name="supporting"]`)))
	b.waitJS(t, "the power quote in the preview", `(() => {
		const li = document.querySelector('.supporting .cited[data-quote=`+jsString(q.ID)+`]');
		return !!li && li.dataset.kind === 'power' && li.textContent.includes('We ran small pilots […] in Luleå.') && li.textContent.includes('(I-07, CEO, Alder CEO)');
	})()`)

	// Its order is set there by keyboard.
	b.do(t, "set the order", chromedp.Focus(chromedp.CSS(`.supporting .cited .pick-order input`)),
		shortcut('a', chromedp.ModifierCtrl), chromedp.KeyEvent("2"), chromedp.KeyEvent(kb.Tab))
	waitQuote(t, a, pid, q.ID, "the order stored", func(q pickedQuote) bool { return len(q.Picks) == 1 && q.Picks[0].Order == 2 })
	b.waitJS(t, "the preview shows the order", `document.querySelector('.supporting .cited .pick-order input').value === '2'`)

	// Pressing Power again there takes the choice back: the quote stays,
	// chosen automatically.
	b.do(t, "take the choice back", chromedp.Click(chromedp.CSS(`.supporting .cited .pick-btn[data-kind="power"]`)))
	waitQuote(t, a, pid, q.ID, "the choice taken back", func(q pickedQuote) bool { return len(q.Picks) == 0 })
	b.waitJS(t, "the preview follows", `(document.querySelector('.supporting .cited') || {dataset: {}}).dataset.kind === 'auto'`)
	// In the codebook's quote list, the keyboard makes it a proof quote.
	b.do(t, "open the code", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+concept.ID))
	b.waitJS(t, "the quote list", `!!document.querySelector('.retrieved .pick-btn[data-kind="proof"]')`)
	b.do(t, "press Proof", chromedp.Focus(chromedp.CSS(`.retrieved .pick-btn[data-kind="proof"]`)), chromedp.KeyEvent(kb.Enter))
	waitQuote(t, a, pid, q.ID, "the proof quote stored", func(q pickedQuote) bool { return len(q.Picks) == 1 && q.Picks[0].Kind == "proof" })
	b.waitJS(t, "the list shows it", `document.querySelector('.retrieved .pick-btn[data-kind="proof"]').getAttribute('aria-pressed') === 'true'`)
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}
