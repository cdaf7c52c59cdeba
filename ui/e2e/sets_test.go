package e2e_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
)

// TestDocumentSetSearchAndUTF16Export: a person ticks two interviews on
// the documents screen and puts them in a new set, reloads and finds it
// there, searches the project and narrows the hits to the set, then
// downloads the project as .qdpx with UTF-16 positions from the projects
// page, and the file holds the set and counts the quote after an emoji
// in UTF-16 units.
func TestDocumentSetSearchAndUTF16Export(t *testing.T) {
	a := startApp(t)
	var p struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Cold robots"}, &p)
	doc := func(title, text string) docJSON {
		var d docJSON
		apiCall(t, a, "POST", "/projects/"+p.ID+"/documents", map[string]string{"title": title, "text": text}, &d)
		return d
	}
	anna := doc("Founder Anna", "Anna: We failed 👍 and then we learned at the fair.")
	doc("Founder Bo", "Bo: The fair taught us everything.")
	doc("Sales Cy", "Cy: Sales at the fair were slow.")
	var code codeJSON
	apiCall(t, a, "POST", "/projects/"+p.ID+"/codes", map[string]any{"name": "Learning at fairs", "level": "concept"}, &code)
	phrase := "learned at the fair"
	start := utf8.RuneCountInString(anna.Text[:strings.Index(anna.Text, phrase)])
	apiCall(t, a, "POST", "/projects/"+p.ID+"/quotes", map[string]any{"document_id": anna.ID, "start": start, "end": start + utf8.RuneCountInString(phrase), "code_ids": []string{code.ID}}, nil)

	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "open the project", chromedp.Navigate(a.URL+"/p/"+p.ID),
		chromedp.WaitVisible(chromedp.CSS(`.doc-row`)))

	// Tick the two founders and put them in a new set.
	b.do(t, "tick Founder Anna", chromedp.Click(chromedp.CSS(`input[aria-label="Select Founder Anna"]`)))
	b.do(t, "tick Founder Bo", chromedp.Click(chromedp.CSS(`input[aria-label="Select Founder Bo"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.set-bar`)))
	if got := eval[string](t, b, `document.querySelector('.set-bar').textContent`); !strings.Contains(got, "2 documents selected") {
		t.Errorf("set bar: got %q, want it to count 2 documents", got)
	}
	b.do(t, "add them to a new set", chromedp.Click(chromedp.CSS(`.set-bar .btn-primary`)))
	b.waitJS(t, "the name prompt", `!!document.querySelector('dialog[open] input')`)
	b.do(t, "name the set", chromedp.SendKeys(chromedp.CSS(`dialog[open] input`), "Founders"), chromedp.KeyEvent("\r"))
	b.waitJS(t, "the set with its documents", `(document.querySelector('.set-row[data-set="Founders"]') || {textContent: ''}).textContent.includes('2 documents')`)
	if eval[bool](t, b, `!!document.querySelector('.set-bar')`) {
		t.Error("the selection stays after adding it to the set; want it cleared")
	}
	var sets []struct {
		Name        string   `json:"name"`
		DocumentIDs []string `json:"document_ids"`
	}
	apiCall(t, a, "GET", "/projects/"+p.ID+"/sets", nil, &sets)
	if len(sets) != 1 || sets[0].Name != "Founders" || len(sets[0].DocumentIDs) != 2 {
		t.Fatalf("stored sets: got %+v, want Founders with 2 documents", sets)
	}
	screenshot(t, b, "document-set-1280x800")

	// After a reload the set is still there; rename it.
	b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.set-row[data-set="Founders"]`)))
	b.do(t, "rename the set", chromedp.Click(chromedp.CSS(`button[aria-label="Rename the set Founders"]`)))
	b.waitJS(t, "the rename prompt", `!!document.querySelector('dialog[open] input')`)
	b.do(t, "type the new name", chromedp.Evaluate[chromedp.Void](`document.querySelector('dialog[open] input').select()`),
		chromedp.SendKeys(chromedp.CSS(`dialog[open] input`), "Founding team"), chromedp.KeyEvent("\r"))
	b.waitJS(t, "the renamed set", `!!document.querySelector('.set-row[data-set="Founding team"]')`)

	// Search the project, then narrow the hits to the set.
	b.do(t, "search for fair", chromedp.Click(chromedp.CSS(`#search-input`)), chromedp.SendKeys(chromedp.CSS(`#search-input`), "fair"),
		chromedp.KeyEvent("\r"))
	b.waitJS(t, "three hits", `(document.querySelector('.search-summary [role=status]') || {textContent: ''}).textContent.trim() === '3 hits'`)
	choose(t, b, `.search-set`, "Founding team")
	b.waitJS(t, "two hits in the set", `(document.querySelector('.search-summary [role=status]') || {textContent: ''}).textContent.trim() === '2 hits'`)
	titles := eval[[]string](t, b, `[...document.querySelectorAll('.hit .hit-meta a')].map((a) => a.textContent)`)
	if strings.Contains(strings.Join(titles, "|"), "Sales Cy") || len(titles) != 2 {
		t.Errorf("hits in the set: got %q, want the two founders only", titles)
	}
	if got := eval[string](t, b, `location.search`); !strings.Contains(got, "set=Founding+team") {
		t.Errorf("search address: got %q, want it to keep the set", got)
	}

	// The matrix: the concept by sets of documents.
	goTo(t, b, "/p/"+p.ID+"/analysis/matrix?level=concept")
	b.waitJS(t, "the matrix", `!!document.querySelector('table.matrix tbody tr')`)
	choose(t, b, `.matrix-columns`, "set")
	b.waitJS(t, "the set as a column", `[...document.querySelectorAll('table.matrix th.mcol')].map((th) => th.textContent).join('|') === 'Founding team|Total'`)
	if got := eval[string](t, b, `document.querySelector('table.matrix tbody tr').textContent`); !strings.Contains(got, "Learning at fairs") {
		t.Errorf("matrix row: got %q, want the concept", got)
	}

	// Export the project as .qdpx with UTF-16 positions from the projects page.
	b.do(t, "back to the projects", chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.project-card`)))
	card := `.project-card:has(summary[aria-label="Export Cold robots"])`
	b.do(t, "open the Export menu", chromedp.Click(chromedp.CSS(card+` summary`)),
		chromedp.WaitVisible(chromedp.CSS(card+` .qdpx-positions`)))
	choose(t, b, card+` .qdpx-positions`, "utf16")
	b.waitJS(t, "the link asks for UTF-16", `document.querySelector(`+jsString(card+` a[href*="/export/qdpx"]`)+`).href.includes('positions=utf16')`)
	name, data := download(t, b, card+` a[href*="/export/qdpx"]`)
	if !strings.HasSuffix(name, ".qdpx") {
		t.Errorf("download name: got %q, want a .qdpx", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the download is not a zip archive: %v", err)
	}
	var qde []byte
	for _, f := range zr.File {
		if f.Name == "project.qde" {
			rc, _ := f.Open()
			qde, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	var x struct {
		Description string `xml:"Description"`
		Sources     []struct {
			Name       string `xml:"name,attr"`
			Selections []struct {
				Start int `xml:"startPosition,attr"`
			} `xml:"PlainTextSelection"`
		} `xml:"Sources>TextSource"`
		Sets []struct {
			Name    string `xml:"name,attr"`
			Members []struct {
				Target string `xml:"targetGUID,attr"`
			} `xml:"MemberSource"`
		} `xml:"Sets>Set"`
	}
	if err := xml.Unmarshal(qde, &x); err != nil {
		t.Fatalf("project.qde: %v", err)
	}
	if !strings.Contains(x.Description, `"positions":"utf16"`) {
		t.Errorf("project description: got %q, want the UTF-16 marker", x.Description)
	}
	for _, s := range x.Sources {
		if s.Name == "Founder Anna" && (len(s.Selections) != 1 || s.Selections[0].Start != start+1) {
			t.Errorf("selection after the emoji: got %+v, want it to start at %d UTF-16 units", s.Selections, start+1)
		}
	}
	if len(x.Sets) != 1 || x.Sets[0].Name != "Founding team" || len(x.Sets[0].Members) != 2 {
		t.Errorf("sets in project.qde: got %+v, want Founding team with two sources", x.Sets)
	}
	checkPageErrors(t, b)
}
