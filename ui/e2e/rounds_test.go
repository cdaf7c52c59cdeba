package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSaturationChart codes five interviews of two cases so that they
// add 2, 1, 0, 0 and 0 new concepts, then reads the saturation chart:
// saturated after the second interview with the default window of 3,
// not with a window of 4 typed in (kept over a reload), and one case's
// curve on its own.
func TestSaturationChart(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	var p, alpha, beta, theme struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Saturation study"}, &p)
	base := "/projects/" + p.ID
	apiCall(t, a, "POST", base+"/cases", map[string]string{"name": "Alpha"}, &alpha)
	apiCall(t, a, "POST", base+"/cases", map[string]string{"name": "Beta"}, &beta)
	apiCall(t, a, "POST", base+"/codes", map[string]string{"name": "Learning", "level": "theme"}, &theme)
	concepts := make([]string, 3)
	for i, name := range []string{"Trial and error", "Peers", "Mentors"} {
		var c struct{ ID string }
		apiCall(t, a, "POST", base+"/codes", map[string]string{"name": name, "parent_id": theme.ID}, &c)
		concepts[i] = c.ID
	}
	coding := [][]int{{0, 1}, {2}, {0}, {1}, {0}}
	for i, codes := range coding {
		var d struct{ ID string }
		caseID := alpha.ID
		if i%2 == 1 {
			caseID = beta.ID
		}
		apiCall(t, a, "POST", base+"/documents", map[string]string{"title": "Interview " + string(rune('1'+i)),
			"text": "Interviewer: Tell me.\nInformant: We learned a lot from this and from that. " + strings.Repeat("Yes. ", i)}, &d)
		apiCall(t, a, "PATCH", base+"/documents/"+d.ID, map[string]string{"case_id": caseID}, nil)
		for j, c := range codes {
			apiCall(t, a, "POST", base+"/quotes", map[string]any{"document_id": d.ID, "start": 32 + 10*j, "end": 40 + 10*j, "code_ids": []string{concepts[c]}}, nil)
		}
	}

	b.do(t, "open the charts", chromedp.Navigate(a.URL+"/p/"+p.ID+"/analysis/charts"))
	b.waitJS(t, "the saturation chart", `(document.querySelector('[data-saturation]') || {}).textContent === 'Saturated after interview 2 (Interview 2): the next 3 added no new concept.'`)
	if text := svgText(t, b, `.chart-card:nth-child(4) svg.chart`); !strings.Contains(text, "Saturation: all interviews") || !strings.Contains(text, "saturated (3 without new)") {
		t.Errorf("got chart text %q, want the title and the saturation mark", text)
	}

	// A window of 4, typed in, is not reached; the choice survives a reload.
	b.do(t, "type a window of 4", chromedp.Click(chromedp.CSS(`.chart-card:nth-child(4) input[type=number]`)),
		chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("4"), chromedp.KeyEvent(kb.Tab))
	notYet := `(document.querySelector('[data-saturation]') || {}).textContent === 'Not saturated yet: no run of 4 interviews without a new concept.'`
	b.waitJS(t, "no saturation with 4", notYet)
	b.do(t, "reload", chromedp.Reload())
	b.waitJS(t, "no saturation with 4 after the reload", notYet)

	// One case's curve: Beta's two interviews each add a concept.
	choose(t, b, `.chart-card:nth-child(4) label:last-of-type select`, "Beta")
	b.waitJS(t, "Beta's curve", `[...document.querySelectorAll('.chart-card:nth-child(4) svg.chart text')].some((t) => t.textContent === 'Saturation: case Beta')`)
	rows := eval[int](t, b, `document.querySelectorAll('.chart-card:nth-child(4) table.matrix tbody tr').length`)
	if rows != 2 {
		t.Errorf("got %d rows in Beta's table, want 2", rows)
	}
}

// TestRetireCode retires a concept on its page: the coding popover no
// longer offers it, its quotes keep it, and bringing it back offers it
// again.
func TestRetireCode(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, did := seedStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)
	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	cid := codeByName(codes, "Partners open doors").ID
	var doc docJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/documents/"+did, nil, &doc)
	phrase := strings.Join(strings.Fields(doc.Text)[300:304], " ")
	retired := func() bool {
		var c struct {
			Retired bool `json:"retired"`
		}
		apiCall(t, a, "GET", "/projects/"+pid+"/codes/"+cid, nil, &c)
		return c.Retired
	}
	offered := func(want bool) {
		t.Helper()
		b.do(t, "open the reader", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+did))
		b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block')`)
		selectText(t, b, phrase)
		b.waitJS(t, "the selection bubble", `!!document.querySelector('.bubble')`)
		b.do(t, "open the coding popover", shortcut('c'))
		b.waitJS(t, "the coding popover", `document.activeElement && document.activeElement.classList.contains('picker-input')`)
		b.do(t, "look for the concept", chromedp.KeyEvent("Partners"))
		b.waitJS(t, "the options", `[...document.querySelectorAll('.picker-opt')].some((e) => e.textContent.includes('Create'))`)
		got := eval[bool](t, b, `[...document.querySelectorAll('.picker-opt')].some((e) => e.textContent.includes('Partners open doors') && !e.textContent.includes('Create'))`)
		if got != want {
			t.Errorf("coding popover offers the concept: got %v, want %v", got, want)
		}
		b.do(t, "close the popover", chromedp.KeyEvent(kb.Escape))
	}

	page := a.URL + "/p/" + pid + "/codes/" + cid
	b.do(t, "open the concept", chromedp.Navigate(page))
	b.waitJS(t, "the retire button", `[...document.querySelectorAll('.code-detail button')].some((e) => e.textContent === 'Retire')`)
	b.do(t, "retire it", chromedp.Click(chromedp.CSS(`.code-detail button[title^="Hide the code"]`)))
	b.waitJS(t, "the retired note", `document.querySelector('.code-path').textContent.includes('retired')`)
	if !retired() {
		t.Fatal("got the concept in use after Retire, want it retired")
	}
	offered(false)
	var quotes []quoteJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/quotes?code_id="+cid, nil, &quotes)
	if len(quotes) == 0 {
		t.Error("got no quotes of the retired concept, want them kept")
	}

	b.do(t, "open the concept again", chromedp.Navigate(page))
	b.waitJS(t, "the bring-back button", `[...document.querySelectorAll('.code-detail button')].some((e) => e.textContent === 'Bring back')`)
	b.do(t, "bring it back", chromedp.Click(chromedp.CSS(`.code-detail button[title^="Offer the code"]`)))
	b.waitJS(t, "the retire button again", `[...document.querySelectorAll('.code-detail button')].some((e) => e.textContent === 'Retire')`)
	if retired() {
		t.Fatal("got the concept retired after Bring back, want it in use")
	}
	offered(true)
}

// TestRoundsScreen closes two rounds on the rounds tab, typing their
// names and notes, with a rename between them, and reads the evolution:
// the renamed concept, then, after a merge, the evolution to now.
func TestRoundsScreen(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := seedStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)
	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	watching := codeByName(codes, "Watching competitors").ID
	partners := codeByName(codes, "Partners open doors").ID

	closeRound := func(name, note string, rounds int) {
		t.Helper()
		b.do(t, "name the round", chromedp.Click(chromedp.CSS(`.round-form input`)), chromedp.KeyEvent(name))
		b.do(t, "write the note", chromedp.Click(chromedp.CSS(`.round-form textarea`)), chromedp.KeyEvent(note))
		b.do(t, "close the round", chromedp.Click(chromedp.CSS(`.round-form button[type=submit]`)))
		b.waitJS(t, "the round listed", fmt.Sprintf(`document.querySelectorAll('.round-list li').length === %d`, rounds))
	}
	b.do(t, "open the rounds", chromedp.Navigate(a.URL+"/p/"+pid+"/analysis/rounds"))
	b.waitJS(t, "the form", `!!document.querySelector('.round-form') && document.body.textContent.includes('No round closed yet')`)
	closeRound("Open coding", "First pass", 1)
	b.waitJS(t, "nothing changed yet", `(document.querySelector('.evolution-table caption') || {}).textContent === 'No code changed'`)

	apiCall(t, a, "PATCH", "/projects/"+pid+"/codes/"+watching, map[string]string{"name": "Benchmarking rivals"}, nil)
	closeRound("Axial coding", "Grouped", 2)
	row := `[...document.querySelectorAll('.evolution-table tbody tr.changed')].map((tr) => [...tr.children].map((td) => td.textContent).join('|'))`
	b.waitJS(t, "the rename", row+`.some((r) => r.includes('Watching competitors|Benchmarking rivals|renamed from Watching competitors'))`)

	// The evolution from the second round to now follows a merge.
	apiCall(t, a, "POST", "/projects/"+pid+"/codes/"+partners+"/merge", map[string]string{"target_id": watching}, nil)
	choose(t, b, `.analysis-tab.rounds label:nth-child(1) select`, eval[string](t, b, `document.querySelector('.analysis-tab.rounds label:nth-child(2) select').value`))
	choose(t, b, `.analysis-tab.rounds label:nth-child(2) select`, "current")
	b.waitJS(t, "the merge", row+`.some((r) => r.includes('Partners open doors||merged into Benchmarking rivals'))`)
	b.do(t, "reload", chromedp.Reload())
	b.waitJS(t, "the merge after a reload", row+`.some((r) => r.includes('Benchmarking rivals|Benchmarking rivals|merged from Partners open doors'))`)
}
