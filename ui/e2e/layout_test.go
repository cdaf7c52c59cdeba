package e2e_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
)

// uploadDir uploads every file of dir into project pid under case name.
func uploadDir(tb testing.TB, a *app, pid, dir, caseName string) {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("case", caseName)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		part, _ := w.CreateFormFile("file", e.Name())
		part.Write(data)
	}
	w.Close()
	res, err := http.Post(a.URL+"/api/v1/projects/"+pid+"/documents", w.FormDataContentType(), &body)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		msg, _ := io.ReadAll(res.Body)
		tb.Fatalf("upload %s: status %d: %s", dir, res.StatusCode, msg)
	}
}

// seedStudy loads the sample transcripts and a small coded Gioia structure.
func seedStudy(tb testing.TB, a *app) (pid, did string) {
	tb.Helper()
	var p struct{ ID string }
	apiCall(tb, a, "POST", "/projects", map[string]string{"name": "Born globals in the North"}, &p)
	root := filepath.Join("..", "..", "sample-transcripts")
	dirs, err := os.ReadDir(root)
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			uploadDir(tb, a, p.ID, filepath.Join(root, d.Name()), d.Name())
		}
	}
	var docs []docJSON
	apiCall(tb, a, "GET", "/projects/"+p.ID+"/documents", nil, &docs)
	if len(docs) == 0 {
		tb.Fatal("no documents imported")
	}
	var doc docJSON
	apiCall(tb, a, "GET", "/projects/"+p.ID+"/documents/"+docs[0].ID, nil, &doc)

	code := func(name, level, parent, color string) string {
		var c codeJSON
		apiCall(tb, a, "POST", "/projects/"+p.ID+"/codes", map[string]any{"name": name, "level": level, "parent_id": parent, "color": color}, &c)
		return c.ID
	}
	dim := code("Learning from networks", "dimension", "", "#bb6bd9")
	theme := code("Vicarious learning at trade fairs", "theme", dim, "#56ccf2")
	concepts := []string{
		code("Watching competitors", "concept", theme, "#f2c94c"),
		code("Partners open doors", "concept", theme, "#6fcf97"),
		code("Learning from failure", "concept", "", "#f2994a"),
	}
	// Quote a few sentences of the first transcript, two of them overlapping.
	words := strings.Fields(doc.Text)
	for i := 0; i < 6 && i*40+30 < len(words); i++ {
		phrase := strings.Join(words[i*40+5:i*40+18], " ")
		at := strings.Index(doc.Text, phrase)
		if at < 0 {
			continue
		}
		start := utf8.RuneCountInString(doc.Text[:at])
		end := start + utf8.RuneCountInString(phrase)
		apiCall(tb, a, "POST", "/projects/"+p.ID+"/quotes", map[string]any{
			"document_id": doc.ID, "start": start, "end": end, "code_ids": []string{concepts[i%3]},
		}, nil)
		if i == 2 {
			apiCall(tb, a, "POST", "/projects/"+p.ID+"/quotes", map[string]any{
				"document_id": doc.ID, "start": start + 10, "end": end + 40, "code_ids": []string{concepts[0], concepts[1]},
			}, nil)
		}
	}
	return p.ID, doc.ID
}

// stickingOut names the innermost elements whose right edge lies beyond
// the page's visible width, for the message of a layout failure.
const stickingOut = `(() => {
	const w = document.documentElement.clientWidth, out = [];
	for (const el of document.querySelectorAll('body *')) {
		if (el.getBoundingClientRect().right <= w + 0.5) continue;
		if ([...el.children].some(c => c.getBoundingClientRect().right > w + 0.5)) continue;
		out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''));
	}
	return out.slice(0, 6).join(', ');
})()`

// checkFits fails the test when the page shown, named name, is wider
// than its visible width (the window less a vertical scrollbar) at size.
func checkFits(t *testing.T, b *browser, name string, size [2]int64) {
	t.Helper()
	if w := eval[int](t, b, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
		t.Errorf("%s at %dx%d: page is %d px wider than the window; sticking out: %s", name, size[0], size[1], w, eval[string](t, b, stickingOut))
	}
}

// TestLayoutFits opens every screen of a coded study at 1280x800 and
// 1920x1080 and checks that nothing overflows the window sideways. With
// TESSERA_SCREENS=1 or TESSERA_E2E_OUT set it saves a screenshot of each
// screen.
func TestLayoutFits(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	pid, did := seedStudy(t, a)
	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	var model struct{ ID string }
	apiCall(t, a, "POST", "/projects/"+pid+"/models", map[string]any{"name": "Process model",
		"frames": []map[string]any{{"id": "f1", "label": "Phase 1", "x": 20, "y": 20, "w": 1400, "h": 300}},
		"boxes":  []map[string]any{{"id": "b1", "code_id": codes[0].ID, "frame_id": "f1", "x": 40, "y": 60, "w": 200, "h": 60}}}, &model)
	screens := []struct{ name, path, ready, setup string }{
		{"projects", "/", `!!document.querySelector('.project-card')`, ""},
		{"documents", "/p/" + pid, `document.querySelectorAll('.doc-open').length > 3`, ""},
		{"cases", "/p/" + pid + "/cases", `!!document.querySelector('.sheet tbody tr')`, ""},
		{"informants", "/p/" + pid + "/informants", `!!document.querySelector('tr[data-informant="I-01"]')`, ""},
		{"reader", "/p/" + pid + "/d/" + did, `!!document.querySelector('.transcript .hl')`, ""},
		{"codebook", "/p/" + pid + "/codes/" + codes[1].ID, `!!document.querySelector('.code-detail')`, ""},
		{"memos", "/p/" + pid + "/memos", `!!document.querySelector('.memos-layout')`, ""},
		{"gioia", "/p/" + pid + "/gioia", `!!document.querySelector('table.gioia tbody tr')`, `localStorage.removeItem('tessera.gioia.view')`},
		{"gioia-figure", "/p/" + pid + "/gioia", `!!document.querySelector('.gioia-svg g[data-code]')`, `localStorage.setItem('tessera.gioia.view', 'figure')`},
		{"codebook-figure", "/p/" + pid + "/codes/" + codes[1].ID, `!!document.querySelector('.codebook-page .gioia-svg g[data-code]')`, `localStorage.setItem('tessera.codebook.figure', '1')`},
		{"models", "/p/" + pid + "/models/" + model.ID, `!!document.querySelector('.model-box')`, ""},
		{"search", "/p/" + pid + "/search?q=trade+fair", `!!document.querySelector('.hit') || !!document.querySelector('.error-box')`, ""},
		{"exports", "/p/" + pid + "/exports?counts=true", `document.querySelectorAll('.exports-list tr[data-format]').length >= 30`, ""},
		{"anonymisation", "/p/" + pid + "/exports/anonymisation", `!!document.querySelector('.anon-text mark')`, ""},
	}
	save := os.Getenv("TESSERA_SCREENS") == "1" || os.Getenv("TESSERA_E2E_OUT") != ""
	dir := ""
	if save {
		dir = outDir(t)
		t.Logf("screenshots in %s", dir)
	}
	for _, size := range [][2]int64{{1280, 800}, {1920, 1080}} {
		b.do(t, "resize", chromedp.EmulateViewport(size[0], size[1]))
		for _, s := range screens {
			if s.setup != "" {
				eval[any](t, b, s.setup)
			}
			b.do(t, "open "+s.name, chromedp.Navigate(a.URL+s.path))
			b.waitJS(t, s.name, s.ready)
			b.do(t, "settle", chromedp.Sleep(250*time.Millisecond))
			checkFits(t, b, s.name, size)
			if save {
				png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%dx%d.png", s.name, size[0], size[1])), png, 0o644)
			}
		}
	}
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("got page errors %q, want none", errs)
	}
}
