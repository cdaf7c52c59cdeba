package e2e_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestRoundsFlow closes a round, renames, merges, splits, moves, retires
// and adds concepts, closes a second round on the rounds tab and reads the
// flow between the two: a band of each kind with the quotes of the
// evolution report, the name of a band under the mouse, the details of a
// clicked band and of one chosen with the keyboard, the themes' flow, and
// the SVG download.
func TestRoundsFlow(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := seedStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)
	base := "/projects/" + pid
	var codes []codeJSON
	apiCall(t, a, "GET", base+"/codes", nil, &codes)
	watching := codeByName(codes, "Watching competitors")
	partners := codeByName(codes, "Partners open doors").ID
	failure := codeByName(codes, "Learning from failure").ID
	var subsidies, fairs codeJSON
	apiCall(t, a, "POST", base+"/codes", map[string]string{"name": "Export subsidies", "parent_id": watching.ParentID}, &subsidies)
	apiCall(t, a, "POST", base+"/codes", map[string]string{"name": "Trade fair visits", "parent_id": watching.ParentID}, &fairs)
	var first struct{ ID string }
	apiCall(t, a, "POST", base+"/rounds", map[string]string{"name": "Open coding", "note": "First pass"}, &first)

	// Between the rounds: one change of each kind.
	apiCall(t, a, "PATCH", base+"/codes/"+watching.ID, map[string]string{"name": "Benchmarking rivals"}, nil)
	apiCall(t, a, "POST", base+"/codes/"+partners+"/merge", map[string]string{"target_id": watching.ID}, nil)
	var all, quotes []quoteJSON
	apiCall(t, a, "GET", base+"/quotes", nil, &all)
	for _, q := range all {
		if slices.Contains(q.CodeIDs, failure) {
			quotes = append(quotes, q)
		}
	}
	if len(quotes) == 0 {
		t.Fatalf("got %d quotes of the concept to split, want some", len(quotes))
	}
	apiCall(t, a, "POST", base+"/codes/"+failure+"/split", map[string]any{"name": "Learning from losses", "quote_ids": []string{quotes[0].ID}}, nil)
	apiCall(t, a, "PUT", base+"/codes/"+subsidies.ID+"/retired", map[string]bool{"retired": true}, nil)
	apiCall(t, a, "POST", base+"/codes", map[string]string{"name": "Mentors", "parent_id": watching.ParentID}, nil)
	var peers codeJSON
	apiCall(t, a, "POST", base+"/codes", map[string]string{"name": "Peer learning", "level": "theme"}, &peers)
	apiCall(t, a, "PATCH", base+"/codes/"+fairs.ID, map[string]string{"parent_id": peers.ID}, nil)

	// The second round is closed as a person does, on the rounds tab.
	b.do(t, "open the rounds", chromedp.Navigate(a.URL+"/p/"+pid+"/analysis/rounds"))
	b.waitJS(t, "the form", `document.querySelectorAll('.round-list li').length === 1`)
	b.do(t, "name the round", chromedp.Click(chromedp.CSS(`.round-form input`)), chromedp.KeyEvent("Axial coding"))
	b.do(t, "close the round", chromedp.Click(chromedp.CSS(`.round-form button[type=submit]`)))
	b.waitJS(t, "the flow of the two rounds", `document.querySelectorAll('.round-list li').length === 2 && !!document.querySelector('svg.flow .band')`)

	// Each kind of band, with the quotes the evolution report counts.
	var ev struct {
		Codes []struct {
			FromName   string `json:"from_name"`
			ToName     string `json:"to_name"`
			FromCounts *struct {
				Quotes int `json:"quotes"`
			} `json:"from_counts"`
			ToCounts *struct {
				Quotes int `json:"quotes"`
			} `json:"to_counts"`
		} `json:"codes"`
	}
	var rounds []struct{ ID string }
	apiCall(t, a, "GET", base+"/rounds", nil, &rounds)
	apiCall(t, a, "GET", base+"/rounds/evolution?from="+first.ID+"&to="+rounds[len(rounds)-1].ID, nil, &ev)
	quotesOf := func(from, to string) int {
		for _, c := range ev.Codes {
			switch {
			case from != "" && c.FromName == from && c.FromCounts != nil:
				return c.FromCounts.Quotes
			case from == "" && c.ToName == to && c.ToCounts != nil:
				return c.ToCounts.Quotes
			}
		}
		t.Fatalf("the evolution report has no code %q/%q", from, to)
		return 0
	}
	bands := eval[[]string](t, b, `[...document.querySelectorAll('svg.flow .band')].map((p) => [p.dataset.kind, p.dataset.from, p.dataset.to, p.dataset.quotes].join('|'))`)
	want := []string{
		fmt.Sprintf("renamed|Watching competitors|Benchmarking rivals|%d", quotesOf("Watching competitors", "")),
		fmt.Sprintf("merged|Partners open doors|Benchmarking rivals|%d", quotesOf("Partners open doors", "")),
		fmt.Sprintf("split|Learning from failure|Learning from losses|%d", quotesOf("", "Learning from losses")),
		// The code split keeps the quotes it did not give away.
		fmt.Sprintf("kept|Learning from failure|Learning from failure|%d", quotesOf("Learning from failure", "")-quotesOf("", "Learning from losses")),
		"retired|Export subsidies|Export subsidies|0",
		"added|Added|Mentors|0",
		"moved|Trade fair visits|Trade fair visits|0",
	}
	for _, w := range want {
		found := false
		for _, got := range bands {
			found = found || got == w
		}
		if !found {
			t.Errorf("no band %q among %q", w, bands)
		}
	}
	// Codes are labelled with their own quotes: a quote coded with both
	// merged codes counts once.
	labels := eval[string](t, b, `[...document.querySelectorAll('svg.flow .node text')].map((e) => e.textContent).join('|')`)
	for _, w := range []string{fmt.Sprintf("Learning from failure · %d", quotesOf("Learning from failure", "")), fmt.Sprintf("Benchmarking rivals · %d", quotesOf("", "Benchmarking rivals"))} {
		if !strings.Contains(labels, w) {
			t.Errorf("node labels %q lack %q", labels, w)
		}
	}
	legend := eval[string](t, b, `document.querySelector('.flow-legend').textContent`)
	for _, k := range []string{"kept 1", "renamed 1", "moved 1", "merged 1", "split 1", "retired 1", "added 1"} {
		if !strings.Contains(legend, k) {
			t.Errorf("legend %q lacks %q", legend, k)
		}
	}

	// The mouse over the merge band (scrolled into view) names it; a click
	// keeps its details.
	merged := `svg.flow .band[data-kind=merged]`
	pt := eval[[]float64](t, b, `(() => { const el = document.querySelector('`+merged+`'); el.scrollIntoView({ block: 'center' }); const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
	b.do(t, "point at the merge", chromedp.MouseEvent(chromedp.MouseMoved, pt[0], pt[1]))
	b.waitJS(t, "the merge named", `document.querySelector('.flow-details').dataset.hover.startsWith('Partners open doors → Benchmarking rivals: merged')`)
	b.do(t, "click the merge", chromedp.MouseClickXY(pt[0], pt[1]))
	b.waitJS(t, "the merge's details", `document.querySelector('.flow-details').textContent.includes('merged into Benchmarking rivals')`)

	// The keyboard reaches the split band.
	b.do(t, "focus the split band", chromedp.Focus(chromedp.CSS(`svg.flow .band[data-kind=split]`)), chromedp.KeyEvent(kb.Enter))
	b.waitJS(t, "the split's details", `document.querySelector('.flow-details').textContent.includes('split from Learning from failure')`)
	screenshot(t, b, "rounds-flow-1280x800")

	// The drawing downloads as a standalone SVG.
	name, data := download(t, b, `.rounds-flow .chart-downloads a[data-format=svg]`)
	if !strings.HasSuffix(name, ".svg") || !strings.Contains(string(data), "Benchmarking rivals") || strings.Count(string(data), "<path") != len(bands) {
		t.Errorf("SVG download %q: %d bands in %d bytes, want %d bands with the codes' names", name, strings.Count(string(data), "<path"), len(data), len(bands))
	}

	// The themes' flow: one theme kept, one added.
	choose(t, b, `select[name=flow-level]`, "theme")
	b.waitJS(t, "the themes' bands", `[...document.querySelectorAll('svg.flow .band')].map((p) => p.dataset.kind + '|' + p.dataset.from + '|' + p.dataset.to).join() === 'kept|Vicarious learning at trade fairs|Vicarious learning at trade fairs,added|Added|Peer learning'`)
}
