package e2e_test

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestFuzzySearchWithAutomaticDistance searches denail~ from the search
// box: "denial", two letters swapped, is the first hit and is marked,
// before the turns with "deal", two edits away.
func TestFuzzySearchWithAutomaticDistance(t *testing.T) {
	a := startApp(t)
	pid := dealsProject(t, a)
	waitSearchTotal(t, a, pid, "denail~", 4)

	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "open the project", chromedp.Navigate(a.URL+"/p/"+pid),
		chromedp.WaitVisible(chromedp.CSS(`#search-input`)))
	b.do(t, "focus the search box with /", shortcut('/'))
	b.waitJS(t, "the search box to have focus", `document.activeElement && document.activeElement.id === 'search-input'`)
	b.do(t, "search", chromedp.KeyEvent("denail~"), chromedp.KeyEvent(kb.Enter))
	b.waitJS(t, "four hits", `document.querySelectorAll('.hit').length === 4`)
	marks := eval[[]string](t, b, `[...document.querySelectorAll('.hit')].map(h => [...h.querySelectorAll('mark')].map(m => m.textContent.toLowerCase()).join(' '))`)
	if marks[0] != "denial" {
		t.Errorf("hits marked %q, want denial first", marks)
	}
	for _, m := range marks[1:] {
		if m == "" || m == "denial" {
			t.Errorf("hits marked %q, want deal after denial", marks)
			break
		}
	}
	checkPageErrors(t, b)
}

// dealsText is a transcript where "deal" is frequent and "denial" rare.
const dealsText = "Interviewer: Was it a deal?\nCEO: A deal, a good deal, the deal of the year.\n" +
	"Interviewer: So the deal held.\nCEO: There was denial at first.\n"

// dealsProject makes a project holding dealsText as deals.txt.
func dealsProject(tb testing.TB, a *app) string {
	tb.Helper()
	var p struct{ ID string }
	apiCall(tb, a, "POST", "/projects", map[string]string{"name": "Deals"}, &p)
	uploadText(tb, a, p.ID, "Deals Oy", "deals.txt", dealsText)
	return p.ID
}

// uploadText uploads text as a file named name into a case.
func uploadText(tb testing.TB, a *app, pid, caseName, name, text string) {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	uploadDir(tb, a, pid, dir, caseName)
}

// waitSearchTotal waits until the search index, which follows the store,
// finds want turns for q.
func waitSearchTotal(tb testing.TB, a *app, pid, q string, want int) {
	tb.Helper()
	var res struct{ Total int }
	path := "/projects/" + pid + "/search?q=" + url.QueryEscape(q)
	deadline := time.Now().Add(15 * time.Second)
	for apiCall(tb, a, "GET", path, nil, &res); res.Total != want; apiCall(tb, a, "GET", path, nil, &res) {
		if time.Now().After(deadline) {
			tb.Fatalf("%s through the API: got %d turns, want %d", q, res.Total, want)
		}
		time.Sleep(30 * time.Millisecond)
	}
}
