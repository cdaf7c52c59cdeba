package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// openExportsScreen opens the Exports screen of the seeded study in a new
// browser.
func openExportsScreen(t *testing.T) (*app, string, *browser) {
	t.Helper()
	a := startApp(t)
	pid, _ := seedStudy(t, a)
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "open the Exports screen", chromedp.Navigate(a.URL+"/p/"+pid+"/exports"),
		chromedp.WaitVisible(chromedp.CSS(`.exports-list tr[data-format]`)))
	return a, pid, b
}

// TestExportsScreenOffersOnlyAcceptedLevels: on the Exports screen every
// level a level control offers is one each format it drives accepts
// (the supporting data has rows by theme or concept, the matrix by
// dimension too), and the supporting data downloads by concept.
func TestExportsScreenOffersOnlyAcceptedLevels(t *testing.T) {
	_, _, b := openExportsScreen(t)

	controls := eval[[]string](t, b, `[...document.querySelectorAll('.exports-options select')].map((s) => s.name).filter((n) => n.startsWith('level'))`)
	if len(controls) == 0 {
		t.Fatal("no level control on the Exports screen")
	}
	offered := map[string]bool{}
	for _, name := range controls {
		sel := `.exports-options select[name="` + name + `"]`
		values := eval[[]string](t, b, `[...document.querySelector(`+jsString(sel)+`).options].map((o) => o.value).filter(Boolean)`)
		for _, v := range values {
			offered[v] = true
			choose(t, b, sel, v)
			b.waitJS(t, "level "+v+" in the downloads", `[...document.querySelectorAll('.exports-list a[href]')].some((a) => new URL(a.href).searchParams.get('level') === `+jsString(v)+`)`)
			// Every download that now asks for this level gets a file.
			refused := eval[[]string](t, b, fmt.Sprintf(`Promise.all([...document.querySelectorAll('.exports-list tr[data-format]')]
				.map((r) => r.querySelector('a[href]')).filter((a) => new URL(a.href).searchParams.get('level') === %s)
				.map((a) => fetch(a.href).then((res) => res.ok ? '' : a.getAttribute('aria-label') + ': ' + res.status)))
				.then((l) => l.filter(Boolean))`, jsString(v)))
			if len(refused) > 0 {
				t.Errorf("level control %s offers %q, refused by %q", name, v, refused)
			}
		}
		choose(t, b, sel, "")
	}
	if !offered["dimension"] {
		t.Errorf("level controls offer %v, want dimension for the matrix", offered)
	}

	// The supporting data by concept: its control sets it, the file comes.
	for _, name := range controls {
		s := `.exports-options select[name="` + name + `"]`
		if eval[bool](t, b, `[...document.querySelector(`+jsString(s)+`).options].some((o) => o.value === 'dimension')`) {
			continue
		}
		choose(t, b, s, "concept")
	}
	b.waitJS(t, "concept in the supporting-data download", `new URL(document.querySelector('a[aria-label="Download supporting-csv"]').href).searchParams.get('level') === 'concept'`)
	name, data := download(t, b, `a[aria-label="Download supporting-csv"]`)
	if !strings.HasPrefix(name, "Born globals in the North-supporting-csv") || !strings.Contains(string(data), ",") {
		t.Errorf("supporting-csv by concept: got %q (%d bytes), want the CSV file", name, len(data))
	}
	checkPageErrors(t, b)
}

// TestExportsScreenShowsRefusedDownload: a download whose options the
// server refuses (one SVG of a figure split by dimension) shows the
// server's reason beside the link; with the options fixed, the file comes
// under its name. The analysis screens' export links do the same.
func TestExportsScreenShowsRefusedDownload(t *testing.T) {
	a, pid, b := openExportsScreen(t)

	choose(t, b, `.exports-options select[name="split"]`, "dimension")
	b.waitJS(t, "the split in the download", `document.querySelector('a[aria-label="Download gioia-svg"]').href.includes('split=dimension')`)
	b.do(t, "download the split figure as one SVG", chromedp.Click(chromedp.CSS(`a[aria-label="Download gioia-svg"]`)))
	b.waitJS(t, "the server's reason", `!!document.querySelector('tr[data-format="gioia-svg"] [role="alert"]')`)
	if got := eval[string](t, b, `document.querySelector('tr[data-format="gioia-svg"] [role="alert"]').textContent`); !strings.Contains(got, "gioia-svg-zip") || strings.Contains(got, "{") {
		t.Errorf("refused gioia-svg: got %q, want the server's message naming gioia-svg-zip", got)
	}
	// The zip of the split figure comes.
	name, data := download(t, b, `a[aria-label="Download gioia-svg-zip"]`)
	if !strings.HasSuffix(name, "gioia-svg-zip.zip") || !strings.HasPrefix(string(data), "PK") {
		t.Errorf("gioia-svg-zip: got %q beginning %q, want a zip file", name, data[:min(4, len(data))])
	}
	// Without the split, the SVG comes and the reason goes.
	choose(t, b, `.exports-options select[name="split"]`, "")
	b.waitJS(t, "no split in the download", `!document.querySelector('a[aria-label="Download gioia-svg"]').href.includes('split=')`)
	name, data = download(t, b, `a[aria-label="Download gioia-svg"]`)
	if name != "Born globals in the North-gioia-svg.svg" || !strings.Contains(string(data), "<svg") {
		t.Errorf("gioia-svg: got %q beginning %q, want the SVG", name, data[:min(40, len(data))])
	}
	if n := eval[int](t, b, `document.querySelectorAll('tr[data-format="gioia-svg"] [role="alert"]').length`); n != 0 {
		t.Errorf("got %d messages beside the saved gioia-svg, want none", n)
	}

	// The matrix screen's export links: columns by an attribute no case has.
	b.do(t, "open the matrix by a missing attribute", chromedp.Navigate(a.URL+"/p/"+pid+"/analysis/matrix?columns=attr%3ANo+such+attribute"),
		chromedp.WaitVisible(chromedp.CSS(`.analysis-tab .exports a`)))
	b.do(t, "download the matrix CSV", chromedp.Click(chromedp.CSS(`.analysis-tab .exports a`)))
	b.waitJS(t, "the server's reason beside the matrix export", `!!document.querySelector('.analysis-tab .exports [role="alert"]')`)
	if got := eval[string](t, b, `document.querySelector('.analysis-tab .exports [role="alert"]').textContent`); got == "" || strings.Contains(got, "{") {
		t.Errorf("refused matrix-csv: got %q, want the server's message", got)
	}
	checkPageErrors(t, b)
}
