package e2e_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestImportedSetsTiersAndCodeSets: a person imports an ATLAS.ti-like
// project.qde from the projects page and reads in the report how each
// source's positions were counted and that its 16 groups came in as sets;
// in the codebook they make the top of the imported tree the aggregate
// dimensions and the level below the themes, and put a code in a code
// set from the code's page.
func TestImportedSetsTiersAndCodeSets(t *testing.T) {
	a := startApp(t)
	qde, err := filepath.Abs(filepath.Join("..", "..", "coding", "refi", "testdata", "atlas", "project.qde"))
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "open the projects page", chromedp.Navigate(a.URL+"/"), chromedp.WaitReady(chromedp.CSS(`input[name=qdpx]`)))
	b.do(t, "choose the .qde", chromedp.SetUploadFiles(chromedp.CSS(`input[name=qdpx]`), []string{qde}))
	b.waitJS(t, "the import report", `!!document.querySelector('dialog[open] .import-report .report-positions')`)
	report := eval[string](t, b, `document.querySelector('dialog[open] .import-report').textContent`)
	if want := []string{"Created “Northern Founders”", "16 sets", "Positions (5 sources)", "Interview 01 Anna", "code points"}; !contains(report, want...) {
		t.Errorf("import report: got %q, want it to hold %q", report, want)
	}
	screenshot(t, b, "import-report-positions-1280x800")
	b.do(t, "open the project", chromedp.Click(chromedp.CSS(`dialog[open] .btn-primary`)))
	b.waitJS(t, "the imported project", `location.pathname.startsWith('/p/')`)
	pid := strings.Split(eval[string](t, b, `location.pathname`), "/")[2]

	// The tiers: the top of the tree becomes the dimensions, the level
	// below the themes.
	b.do(t, "open the codebook", chromedp.Click(chromedp.CSS(`nav.nav a[href$="/codes"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.code-sets`)))
	if got := eval[string](t, b, `document.querySelector('.code-sets').textContent`); !contains(got, "Negative emotions", "Top codes") {
		t.Errorf("code sets: got %q, want the imported code groups", got)
	}
	b.do(t, "open the tiers dialog", chromedp.Click(chromedp.CSS(`.code-sets > .btn`)),
		chromedp.WaitVisible(chromedp.CSS(`dialog[open] .tiers-form`)))
	choose(t, b, `dialog[open] .tiers-dimensions`, "1")
	choose(t, b, `dialog[open] .tiers-themes`, "2")
	b.do(t, "apply the tiers", chromedp.Click(chromedp.CSS(`dialog[open] .tiers-form .btn-primary`)))
	b.waitJS(t, "the dialog closed", `!document.querySelector('dialog[open]')`)
	var codes []codeJSON
	levels := func() map[string]string {
		apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
		out := map[string]string{}
		for _, c := range codes {
			out[c.Name] = c.Level
		}
		return out
	}
	if l := levels(); l["Emotions"] != "dimension" || l["Anger"] != "theme" {
		t.Errorf("levels after the tiers: got Emotions %q and Anger %q, want dimension and theme", l["Emotions"], l["Anger"])
	}

	// Put the code Bank in the code set "Negative emotions" from its page.
	bank := codeByName(codes, "Bank")
	b.do(t, "open the code Bank", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+bank.ID),
		chromedp.WaitVisible(chromedp.CSS(`.code-set-edit`)))
	b.do(t, "tick the set", chromedp.Click(chromedp.CSS(`.code-set-edit label:has(input) input`)))
	var sets []struct {
		Name    string   `json:"name"`
		CodeIDs []string `json:"code_ids"`
	}
	first := eval[string](t, b, `document.querySelector('.code-set-edit label').textContent.trim()`)
	// Wait for the save queue to send the change, as the save bar does.
	eval[bool](t, b, `import('/js/core/saving.js').then((m) => m.idle()).then(() => true)`)
	apiCall(t, a, "GET", "/projects/"+pid+"/sets", nil, &sets)
	ok := false
	for _, s := range sets {
		ok = ok || s.Name == first && slices.Contains(s.CodeIDs, bank.ID)
	}
	if !ok {
		t.Errorf("sets after ticking %q on Bank: got %+v, want Bank in it", first, sets)
	}
	checkPageErrors(t, b)
}
