package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"
)

// setCaseAttributes gives every case of the project the attributes
// attrs returns for its name.
func setCaseAttributes(tb testing.TB, a *app, pid string, attrs func(name string) map[string]any) {
	tb.Helper()
	var cases []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	apiCall(tb, a, "GET", "/projects/"+pid+"/cases", nil, &cases)
	for _, c := range cases {
		apiCall(tb, a, "PATCH", "/projects/"+pid+"/cases/"+c.ID, map[string]any{"attributes": attrs(c.Name)}, nil)
	}
}

// TestMatrixNumericColumnsAndBins makes a numeric case attribute the
// matrix columns: its values come in numeric order, the offered bins
// group them, bounds of one's own (typed) too, and bounds that do not
// rise are refused with the server's message.
func TestMatrixNumericColumnsAndBins(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, _ := seedStudy(t, a)
	screenshotsOnFailure(t, b, nil, nil)
	employees := map[string]int{"Kohtamäki Analytics Oy": 120, "Pöllö Robotics Oy": 45, "Luleå MedSense AB": 300, "Nebelhöhle Games GmbH": 12}
	setCaseAttributes(t, a, pid, func(name string) map[string]any { return map[string]any{"Employees": employees[name]} })
	heads := func() []string {
		t.Helper()
		return eval[[]string](t, b, `[...document.querySelectorAll('table.matrix thead th.mcol')].map((th) => th.textContent.trim())`)
	}
	settled := `!document.querySelector('.stale') && !!document.querySelector('table.matrix tbody tr')`

	b.do(t, "open the matrix", chromedp.Navigate(a.URL+"/p/"+pid+"/analysis/matrix"))
	b.waitJS(t, "the matrix", settled)
	choose(t, b, `.analysis-controls select:has(option[value="attr:Employees"])`, "attr:Employees")
	b.waitJS(t, "numeric columns", `location.search.includes('columns=attr') && `+settled+` && !!document.querySelector('table.matrix thead th[title="300"]')`)
	if diff := cmp.Diff([]string{"12", "45", "120", "300", "Total"}, heads()); diff != "" {
		t.Errorf("numeric columns in order of value (-want +got):\n%s", diff)
	}

	// The offered halves: below and from the median value.
	b.waitJS(t, "the bins offered", `[...document.querySelectorAll('.analysis-controls select option')].some((o) => o.value === '120')`)
	choose(t, b, `.analysis-controls select:has(option[value="custom"])`, "120")
	b.waitJS(t, "two bins", `location.search.includes('bins=120') && `+settled+` && document.querySelectorAll('table.matrix thead th.mcol').length === 3`)
	if diff := cmp.Diff([]string{"under 120", "120 or more", "Total"}, heads()); diff != "" {
		t.Errorf("halves (-want +got):\n%s", diff)
	}

	// Bounds of one's own, typed.
	choose(t, b, `.analysis-controls select:has(option[value="custom"])`, "custom")
	b.waitJS(t, "the bounds field", `!!document.querySelector('.bins-input')`)
	b.do(t, "type bounds", chromedp.Click(chromedp.CSS(`.bins-input`)),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('.bins-input').select()`), chromedp.KeyEvent("50, 200"), chromedp.KeyEvent(kb.Enter))
	b.waitJS(t, "three bins", `location.search.includes('bins=50%2C200') && `+settled+` && document.querySelectorAll('table.matrix thead th.mcol').length === 4`)
	if diff := cmp.Diff([]string{"under 50", "50 to under 200", "200 or more", "Total"}, heads()); diff != "" {
		t.Errorf("typed bins (-want +got):\n%s", diff)
	}
	saveScreen(t, b, outDir(t), "matrix-bins-1280x800")
	if href := eval[string](t, b, `document.querySelector('.analysis-tab .exports a').getAttribute('href')`); !strings.Contains(href, "columns=attr%3AEmployees") || !strings.Contains(href, "bins=50%2C200") {
		t.Errorf("got export link %s, want the attribute columns and the bins", href)
	}

	// Bounds that do not rise: the server's message shows.
	b.do(t, "type falling bounds", chromedp.Evaluate[chromedp.Void](`document.querySelector('.bins-input').select()`),
		chromedp.KeyEvent("200, 50"), chromedp.KeyEvent(kb.Enter))
	b.waitJS(t, "the refusal", `!!document.querySelector('.analysis-tab .error-box') && document.querySelector('.analysis-tab .error-box').textContent.includes('rise')`)
	noPageErrors(t, b)
}
