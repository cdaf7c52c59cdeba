package e2e_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// matrixJSON is the part of GET /matrix the test reads.
type matrixJSON struct {
	Rows []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"rows"`
	Cols []struct {
		Key   string `json:"key"`
		Label string `json:"label"`
	} `json:"cols"`
	Cells [][]struct {
		Value    float64  `json:"value"`
		QuoteIDs []string `json:"quote_ids"`
	} `json:"cells"`
	Total struct {
		Value float64 `json:"value"`
	} `json:"total"`
}

// choose picks value in the <select> matched by selector, as a user would.
func choose(tb testing.TB, b *browser, selector, value string) {
	tb.Helper()
	ok := eval[bool](tb, b, fmt.Sprintf(`(() => {
		const s = document.querySelector(%s);
		if (!s || ![...s.options].some((o) => o.value === %s)) return false;
		s.value = %s;
		s.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})()`, jsString(selector), jsString(value), jsString(value)))
	if !ok {
		tb.Fatalf("no option %q in %s", value, selector)
	}
}

// goTo moves the open page to path as the app's own links do, without
// loading the page again.
func goTo(tb testing.TB, b *browser, path string) {
	tb.Helper()
	eval[bool](tb, b, fmt.Sprintf(`import('/js/core/router.js').then((m) => { m.navigate(%s); return true; })`, jsString(path)))
}

// svgText returns the text of the SVG matched by selector, lines of a
// wrapped label joined by spaces.
func svgText(tb testing.TB, b *browser, selector string) string {
	tb.Helper()
	return eval[string](tb, b, fmt.Sprintf(`(() => {
		const svg = document.querySelector(%s);
		if (!svg) return '';
		return [...svg.querySelectorAll('text')].map((t) => {
			const spans = t.querySelectorAll('tspan');
			return spans.length ? [...spans].map((s) => s.textContent).join(' ') : t.textContent;
		}).join('\n');
	})()`, jsString(selector)))
}

// download clicks the download link matched by selector and returns the
// file's suggested name and content.
func download(tb testing.TB, b *browser, selector string) (string, []byte) {
	tb.Helper()
	dir := tb.TempDir()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	begin := chromedp.Events(ctx, cdpbrowser.DownloadWillBegin)
	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	names := make(chan string, 1)
	go func() {
		for ev, err := range begin {
			if err != nil {
				return
			}
			names <- ev.SuggestedFilename
			return
		}
	}()
	yes := true
	b.do(tb, "download "+selector, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes,
		})
		return err
	}), chromedp.Click(chromedp.CSS(selector)))
	for ev, err := range progress {
		if err != nil {
			tb.Fatalf("download %s: %v", selector, err)
		}
		switch ev.State {
		case cdpbrowser.DownloadProgressStateCanceled:
			tb.Fatalf("download %s was cancelled", selector)
		case cdpbrowser.DownloadProgressStateCompleted:
			data, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				tb.Fatal(err)
			}
			select {
			case name := <-names:
				return name, data
			case <-ctx.Done():
				tb.Fatalf("download %s: no file name", selector)
			}
		}
	}
	tb.Fatalf("download %s did not complete", selector)
	return "", nil
}

// TestAnalysis drives the analysis screen on the coded sample study: the
// matrix and its totals, a cell's quotes and the jump to the transcript,
// attribute columns, the co-occurrence heatmap, the charts and their SVG
// and PNG downloads.
func TestAnalysis(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := seedStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)

	// Give the cases a country, shared by two of them.
	country := map[string]string{"Kohtamäki Analytics Oy": "Suomi", "Pöllö Robotics Oy": "Suomi", "Luleå MedSense AB": "Sverige", "Nebelhöhle Games GmbH": "Deutschland"}
	setCaseAttributes(t, a, pid, func(name string) map[string]any {
		return map[string]any{"Country": country[name], "Employees": 10 + len(name)}
	})
	var codes []struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Level  string `json:"level"`
		Counts struct {
			Quotes int `json:"quotes"`
		} `json:"counts"`
	}
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	var quotes []quoteJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/quotes", nil, &quotes)
	quoteText := map[string]string{}
	for _, q := range quotes {
		quoteText[q.ID] = q.Text
	}

	// Open the analysis screen from the navigation: the theme x case matrix.
	b.do(t, "open the project", chromedp.Navigate(a.URL+"/p/"+pid))
	b.waitJS(t, "the navigation", `!!document.querySelector('nav.nav a[href$="/analysis"]')`)
	b.do(t, "open the analysis", chromedp.Click(chromedp.CSS(`nav.nav a[href$="/analysis"]`)))
	b.waitJS(t, "the matrix", `!!document.querySelector('table.matrix tbody tr')`)

	// Row totals are the codes' quote counts.
	type row struct {
		Name  string `json:"name"`
		Total string `json:"total"`
	}
	rowsJS := `[...document.querySelectorAll('table.matrix tbody tr')].map((tr) => ({name: tr.querySelector('th').textContent.trim(), total: tr.lastElementChild.textContent.trim()}))`
	checkTotals := func(level string) {
		t.Helper()
		var want []row
		for _, c := range codes {
			if c.Level == level {
				want = append(want, row{c.Name, strconv.Itoa(c.Counts.Quotes)})
			}
		}
		if diff := cmp.Diff(want, eval[[]row](t, b, rowsJS)); diff != "" {
			t.Errorf("%s rows and totals (-want +got):\n%s", level, diff)
		}
	}
	checkTotals("theme")
	choose(t, b, `.analysis-controls select`, "concept")
	b.waitJS(t, "the concept rows", `location.search.includes('level=concept') && !document.querySelector('.stale') && document.querySelectorAll('table.matrix tbody tr').length === 3`)
	checkTotals("concept")
	// Every quote has a concept, so the grand total counts them all.
	if got, want := eval[string](t, b, `document.querySelector('table.matrix tfoot tr').lastElementChild.textContent.trim()`), strconv.Itoa(len(quotes)); got != want {
		t.Errorf("got grand total %s, want %s (the quotes of the project)", got, want)
	}

	// A cell lists its quotes in the side panel.
	var m matrixJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/matrix?level=concept", nil, &m)
	var wantTexts []string
	for _, id := range m.Cells[0][0].QuoteIDs {
		wantTexts = append(wantTexts, quoteText[id])
	}
	sort.Strings(wantTexts)
	if len(wantTexts) == 0 {
		t.Fatalf("the first cell of the matrix has no quotes: %+v", m.Cells[0])
	}
	b.do(t, "open a cell", chromedp.Click(chromedp.CSS(`table.matrix tbody tr:first-child td:nth-child(2) .mcell-btn`)))
	b.waitJS(t, "the cell's quotes", fmt.Sprintf(`document.querySelectorAll('.quote-panel .retrieved').length === %d`, len(wantTexts)))
	gotTexts := eval[[]string](t, b, `[...document.querySelectorAll('.quote-panel .retrieved .kwic-line mark')].map((m) => m.textContent).sort()`)
	if diff := cmp.Diff(wantTexts, gotTexts); diff != "" {
		t.Errorf("quotes of the cell (-want +got):\n%s", diff)
	}
	b.waitJS(t, "the focus on the panel's heading", `document.activeElement && document.activeElement.id === 'quote-panel-title'`)

	// Framework matrix: the cells list the quote texts.
	b.do(t, "show quotes in cells", chromedp.Click(chromedp.CSS(`.analysis-controls .segmented button:nth-child(4)`)))
	b.waitJS(t, "quotes in cells", `!!document.querySelector('.mcell-quotes li')`)
	if got := eval[string](t, b, `document.querySelector('table.matrix tbody tr:first-child .mcell-quotes').textContent`); !strings.Contains(got, wantTexts[0]) {
		t.Errorf("got framework cell %q, want it to contain %q", got, wantTexts[0])
	}
	// Each quote says who said it, ending with its column's case.
	attributed := `(() => {
		const heads = [...document.querySelectorAll('table.matrix thead th')].map((th) => th.textContent.trim());
		let n = 0; const bad = [];
		document.querySelectorAll('table.matrix tbody tr').forEach((tr) => [...tr.children].forEach((td, i) =>
			td.querySelectorAll('.mcell-quotes li').forEach((li) => {
				n++;
				const a = li.querySelector('.attribution');
				if (!a || !a.textContent.trim().endsWith(heads[i] + ')')) bad.push(li.textContent);
			})));
		return n > 0 && bad.length === 0 ? 'ok' : JSON.stringify({ n, bad: bad.slice(0, 3) });
	})()`
	if got := eval[string](t, b, attributed); got != "ok" {
		t.Errorf("framework cells without their attribution: %s", got)
	}

	// Jump from a quote to its place in the transcript.
	first := eval[string](t, b, `document.querySelector('.quote-panel .retrieved .kwic-line mark').textContent`)
	b.do(t, "jump to the transcript", chromedp.Click(chromedp.CSS(`.quote-panel .retrieved .retrieved-meta a`)))
	b.waitJS(t, "the selected quote in the reader", `location.pathname.includes('/d/') && !!document.querySelector('.quote-card .quote-text')`)
	if got := eval[string](t, b, `document.querySelector('.quote-card .quote-text').textContent`); got != first {
		t.Errorf("got selected quote %q in the reader, want %q", got, first)
	}

	// Columns from a case attribute: its values, in order of first appearance.
	goTo(t, b, "/p/"+pid+"/analysis/matrix")
	b.waitJS(t, "the matrix", `!!document.querySelector('table.matrix tbody tr')`)
	choose(t, b, `.analysis-controls select:has(option[value="attr:Country"])`, "attr:Country")
	b.waitJS(t, "attribute columns", `location.search.includes('columns=attr') && !document.querySelector('.stale') && !!document.querySelector('table.matrix thead th[title="Suomi"]')`)
	heads := eval[[]string](t, b, `[...document.querySelectorAll('table.matrix thead th.mcol')].map((th) => th.textContent.trim())`)
	if diff := cmp.Diff([]string{"Suomi", "Sverige", "Deutschland", "Total"}, heads); diff != "" {
		t.Errorf("attribute columns (-want +got):\n%s", diff)
	}
	apiCall(t, a, "GET", "/projects/"+pid+"/matrix?columns=attr:Country", nil, &m)
	if got, want := eval[string](t, b, `document.querySelector('table.matrix tfoot tr').lastElementChild.textContent.trim()`), strconv.Itoa(int(m.Total.Value)); got != want {
		t.Errorf("got grand total %s by country, want %s", got, want)
	}
	if got := eval[string](t, b, `document.querySelector('.analysis-tab .exports a').getAttribute('href')`); !strings.Contains(got, "/export/matrix-csv?") || !strings.Contains(got, "columns=attr%3ACountry") {
		t.Errorf("got export link %s, want matrix-csv with the attribute columns", got)
	}

	// Case profiles: attributes in the chosen order.
	b.do(t, "open case profiles", chromedp.Click(chromedp.CSS(`.subnav a[href$="/analysis/cases"]`)))
	b.waitJS(t, "the case profiles", `!!document.querySelector('.profiles-table tbody tr')`)
	b.do(t, "move Employees up", chromedp.Click(chromedp.CSS(`button[aria-label="Move Employees up"]`)))
	b.waitJS(t, "the new order", `document.querySelector('.profiles-table thead th:nth-child(2)').textContent === 'Employees'`)
	if got := eval[string](t, b, `document.querySelector('.profiles .exports a').getAttribute('href')`); !strings.Contains(got, "attributes=Employees%2CCountry") {
		t.Errorf("got case export %s, want the attributes in the chosen order", got)
	}

	// Co-occurrence: the heatmap, and a pair's quotes.
	var co struct {
		Codes []struct {
			Name string `json:"name"`
		} `json:"codes"`
		Pairs []struct {
			Count int `json:"count"`
		} `json:"pairs"`
	}
	apiCall(t, a, "GET", "/projects/"+pid+"/cooccurrence", nil, &co)
	if len(co.Pairs) == 0 {
		t.Fatal("the sample coding has no co-occurring codes")
	}
	b.do(t, "open co-occurrence", chromedp.Click(chromedp.CSS(`.subnav a[href$="/analysis/cooccurrence"]`)))
	b.waitJS(t, "the heatmap", `!!document.querySelector('table.heatmap tbody tr')`)
	if got, want := eval[int](t, b, `document.querySelectorAll('table.heatmap tbody tr').length`), len(co.Codes); got != want {
		t.Errorf("got %d heatmap rows, want %d", got, want)
	}
	if got := eval[int](t, b, `[...document.querySelectorAll('table.heatmap td:not(.diag) button')].length`); got != 2*len(co.Pairs) {
		t.Errorf("got %d shaded heatmap cells, want %d (each pair twice)", got, 2*len(co.Pairs))
	}
	b.do(t, "open a pair", chromedp.Click(chromedp.CSS(`.pair-list .pair`)))
	b.waitJS(t, "the pair's quotes", `document.querySelectorAll('.quote-panel .retrieved').length > 0 && !!document.querySelector('.quote-group-title')`)

	// Charts: SVG with the code names as text, downloadable as SVG and PNG.
	b.do(t, "open charts", chromedp.Click(chromedp.CSS(`.subnav a[href$="/analysis/charts"]`)))
	b.waitJS(t, "four charts", `document.querySelectorAll('svg.chart').length === 4 && document.querySelectorAll('.chart-downloads a[data-format=png]').length === 4`)
	for i, names := range [][]string{{"Vicarious learning at trade fairs"}, {"Vicarious learning at trade fairs"}, {"Coding progress", "Kohtamäki Analytics Oy"}} {
		sel := fmt.Sprintf(`.chart-card:nth-child(%d) svg.chart`, i+1)
		text := svgText(t, b, sel)
		for _, n := range names {
			if !strings.Contains(text, n) {
				t.Errorf("chart %d: got text %q, want it to contain %q", i+1, text, n)
			}
		}
		if got := eval[string](t, b, `document.querySelector(`+jsString(sel)+`).getAttribute('role')`); got != "img" {
			t.Errorf("chart %d: got role %q, want img", i+1, got)
		}
	}
	choose(t, b, `.chart-card:nth-child(1) select`, "concept")
	b.waitJS(t, "the concept bars", `[...document.querySelectorAll('.chart-card:nth-child(1) svg.chart text')].some((t) => t.textContent.includes('Partners open doors'))`)
	for _, n := range []string{"Watching competitors", "Partners open doors", "Learning from failure"} {
		if text := svgText(t, b, `.chart-card:nth-child(1) svg.chart`); !strings.Contains(text, n) {
			t.Errorf("concept bars: got text %q, want it to contain %q", text, n)
		}
	}
	b.waitJS(t, "the new downloads", `!!document.querySelector('.chart-card:nth-child(1) .chart-downloads a[data-format=png]')`)
	// The downloads work under the page's security policy: the SVG parses
	// (in Go and with the browser's DOMParser), with its text and inline
	// styles; the PNG is the drawing at twice its size.
	name, svgFile := download(t, b, `.chart-card:nth-child(1) .chart-downloads a[data-format=svg]`)
	if !strings.HasSuffix(name, ".svg") || !strings.Contains(name, "code-frequencies") {
		t.Errorf("got SVG file name %q, want born-globals-…-code-frequencies-concept.svg", name)
	}
	var root struct {
		XMLName xml.Name
		Width   float64 `xml:"width,attr"`
		Height  float64 `xml:"height,attr"`
	}
	if err := xml.Unmarshal(svgFile, &root); err != nil || root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("SVG download: got root %v (%v), want an SVG document", root.XMLName, err)
	}
	type parsed struct {
		Root   string `json:"root"`
		Error  string `json:"error"`
		Text   string `json:"text"`
		Styled bool   `json:"styled"`
	}
	got := eval[parsed](t, b, `(() => {
		const doc = new DOMParser().parseFromString(`+jsString(string(svgFile))+`, 'image/svg+xml');
		const err = doc.querySelector('parsererror');
		return {root: doc.documentElement.nodeName, error: err ? err.textContent : '', text: doc.documentElement.textContent,
			styled: (doc.documentElement.getAttribute('style') || '').includes('font-family')};
	})()`)
	if got.Root != "svg" || got.Error != "" {
		t.Errorf("SVG download: got root %q, parse error %q; want an svg document", got.Root, got.Error)
	}
	if !strings.Contains(got.Text, "Partners open doors") || !got.Styled {
		t.Errorf("SVG download: got text %q (font inline: %v), want the code names and inline styles", got.Text, got.Styled)
	}
	name, pngFile := download(t, b, `.chart-card:nth-child(1) .chart-downloads a[data-format=png]`)
	img, err := png.Decode(bytes.NewReader(pngFile))
	if err != nil || !strings.HasSuffix(name, ".png") {
		t.Fatalf("PNG download %q: %v", name, err)
	}
	if got, want := img.Bounds().Dx(), int(2*root.Width); got != want {
		t.Errorf("got PNG %d px wide, want %d (twice the SVG)", got, want)
	}

	// Every tab fits the window; with TESSERA_SCREENS=1 each is saved.
	tabs := []struct{ name, path, ready string }{
		{"matrix", "/analysis/matrix?level=concept", `!!document.querySelector('table.matrix tbody tr')`},
		{"framework", "/analysis/matrix?cell=quotes&level=concept", `!!document.querySelector('.mcell-quotes li')`},
		{"cases", "/analysis/cases", `!!document.querySelector('.profiles-table tbody tr')`},
		{"cooccurrence", "/analysis/cooccurrence", `!!document.querySelector('table.heatmap tbody tr')`},
		{"charts", "/analysis/charts", `document.querySelectorAll('svg.chart').length === 4`},
		{"rounds", "/analysis/rounds", `!!document.querySelector('.round-form')`},
	}
	dir := ""
	if os.Getenv("TESSERA_SCREENS") == "1" {
		dir = outDir(t)
		t.Logf("screenshots in %s", dir)
	}
	for _, size := range [][2]int64{{1280, 800}, {1920, 1080}} {
		b.do(t, "resize", chromedp.EmulateViewport(size[0], size[1]))
		for _, s := range tabs {
			goTo(t, b, "/p/"+pid+s.path)
			b.waitJS(t, s.name, s.ready)
			b.do(t, "settle", chromedp.Sleep(200*time.Millisecond))
			checkFits(t, b, s.name, size)
			if dir != "" {
				shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(dir, fmt.Sprintf("analysis-%s-%dx%d.png", s.name, size[0], size[1])), shot, 0o644)
			}
		}
	}
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("got page errors %q, want none", errs)
	}
}
