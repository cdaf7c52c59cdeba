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
	var p struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Deals"}, &p)
	dir := t.TempDir()
	text := "Interviewer: Was it a deal?\nCEO: A deal, a good deal, the deal of the year.\n" +
		"Interviewer: So the deal held.\nCEO: There was denial at first.\n"
	if err := os.WriteFile(filepath.Join(dir, "deals.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	uploadDir(t, a, p.ID, dir, "Deals Oy")
	// The search index follows the store: wait until it has the turns.
	var res struct{ Total int }
	deadline := time.Now().Add(15 * time.Second)
	for apiCall(t, a, "GET", "/projects/"+p.ID+"/search?q="+url.QueryEscape("denail~"), nil, &res); res.Total != 4; apiCall(t, a, "GET", "/projects/"+p.ID+"/search?q="+url.QueryEscape("denail~"), nil, &res) {
		if time.Now().After(deadline) {
			t.Fatalf("denail~ through the API: got %d turns, want 4", res.Total)
		}
		time.Sleep(30 * time.Millisecond)
	}

	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "open the project", chromedp.Navigate(a.URL+"/p/"+p.ID),
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
