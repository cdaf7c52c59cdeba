package e2e_test

import (
	"sort"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// TestSameTitlesToldApart uploads two transcripts that get the same
// title in two cases: the search page's document filter names each with
// its case and file name; a document renamed to a title of its own is
// named by its title alone.
func TestSameTitlesToldApart(t *testing.T) {
	a := startApp(t)
	var p struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Twins"}, &p)
	uploadText(t, a, p.ID, "Kohtamäki Analytics Oy", "interview.txt", "Interviewer: What did you learn?\nCEO: We learned at trade fairs.\n")
	uploadText(t, a, p.ID, "Pöllö Robotics Oy", "interview.md", "Interviewer: What did you learn?\nCTO: We learned from partners.\n")
	var docs []docJSON
	apiCall(t, a, "GET", "/projects/"+p.ID+"/documents", nil, &docs)
	if len(docs) != 2 || docs[0].Title != docs[1].Title {
		t.Fatalf("documents %+v: want two with one title", docs)
	}
	title := docs[0].Title
	want := []string{title + " (Kohtamäki Analytics Oy · interview.txt)", title + " (Pöllö Robotics Oy · interview.md)"}
	waitSearchTotal(t, a, p.ID, "learned", 2)

	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "search", chromedp.Navigate(a.URL+"/p/"+p.ID+"/search?q=learned"))
	b.waitJS(t, "the document filter", `[...document.querySelectorAll('.facet-group h2')].some(h => h.textContent === 'Document')`)
	got := eval[[]string](t, b, `[...[...document.querySelectorAll('.facet-group')].find(g => g.querySelector('h2').textContent === 'Document').querySelectorAll('.facet-term span:not(.count)')].map(s => s.textContent)`)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("document filter (-want +got):\n%s", diff)
	}

	// A title of its own stays as it is.
	apiCall(t, a, "PATCH", "/projects/"+p.ID+"/documents/"+docs[1].ID, map[string]any{"title": "Robotics CTO"}, nil)
	b.waitJS(t, "the renamed document's own title", `[...document.querySelectorAll('.facet-term span:not(.count)')].some(s => s.textContent === 'Robotics CTO') &&
		[...document.querySelectorAll('.facet-term span:not(.count)')].some(s => s.textContent === `+jsString(title)+`)`)
	checkPageErrors(t, b)
}
