package e2e_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tessera/cmd/tessera/cli"
)

// fetchFile downloads an API path as a test file named name and returns
// its path.
func fetchFile(tb testing.TB, a *app, path, name string) string {
	tb.Helper()
	res, err := http.Get(a.URL + "/api/v1" + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: status %d: %s", path, res.StatusCode, data)
	}
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestImportAndExportFromTheProjectsPage imports a REFI-QDA project and
// a codebook from the projects page, reads both reports, and downloads a
// project's .qdpx and the backup from its Export menu.
func TestImportAndExportFromTheProjectsPage(t *testing.T) {
	a := startApp(t)
	pid, _ := seedStudy(t, a)
	qdpx := fetchFile(t, a, "/projects/"+pid+"/export/qdpx", "Study from elsewhere.qdpx")
	qdc := fetchFile(t, a, "/projects/"+pid+"/export/codebook-qdc", "codebook.qdc")
	var codes []codeJSON
	apiCall(t, a, "GET", "/projects/"+pid+"/codes", nil, &codes)
	var empty struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Empty study"}, &empty)

	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "open the projects page", chromedp.Navigate(a.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.project-card`)))

	// Import the .qdpx: the report names what was created, skipped and
	// the warnings; "Open the project" opens it.
	// The file's project is named as one already here: the page asks for
	// another name.
	b.do(t, "choose the .qdpx", chromedp.SetUploadFiles(chromedp.CSS(`input[name=qdpx]`), []string{qdpx}))
	b.waitJS(t, "the name prompt", `(document.querySelector('dialog[open] .field span') || {textContent: ''}).textContent.includes('already exists')`)
	if got := eval[string](t, b, `document.querySelector('dialog[open] input').value`); got != "Study from elsewhere" {
		t.Errorf("proposed name: got %q, want the file's name", got)
	}
	b.do(t, "import under the proposed name", chromedp.KeyEvent("\r"))
	b.waitJS(t, "the import report", `!!document.querySelector('dialog[open] .import-report .report-created')`)
	screenshot(t, b, "import-qdpx-report-1280x800")
	report := eval[string](t, b, `document.querySelector('dialog[open] .import-report').textContent`)
	want := []string{"Created “Study from elsewhere”", fmt.Sprintf("%d codes", len(codes)), "4 cases", "Skipped (0)", "Warnings (0)"}
	if !contains(report, want...) {
		t.Errorf("import report: got %q, want it to hold %q", report, want)
	}
	b.do(t, "open the imported project", chromedp.Click(chromedp.CSS(`dialog[open] .btn-primary`)))
	b.waitJS(t, "the imported project", `location.pathname.startsWith('/p/') && !location.pathname.includes(`+jsString(pid)+`) && !location.pathname.includes(`+jsString(empty.ID)+`)`)
	newPID := strings.Split(eval[string](t, b, `location.pathname`), "/")[2]
	var imported []codeJSON
	apiCall(t, a, "GET", "/projects/"+newPID+"/codes", nil, &imported)
	if len(imported) != len(codes) {
		t.Errorf("imported project: got %d codes, want %d", len(imported), len(codes))
	}

	// Import the codebook into the empty project from its Export menu.
	b.do(t, "back to the projects", chromedp.Navigate(a.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.project-card`)))
	b.waitJS(t, "three projects", `document.querySelectorAll('.project-card').length === 3`)
	card := `.project-card:has(summary[aria-label="Export Empty study"])`
	b.do(t, "open the Export menu", chromedp.Click(chromedp.CSS(card+` summary`)),
		chromedp.WaitVisible(chromedp.CSS(card+` .export-menu-items`)))
	b.do(t, "choose the codebook", chromedp.SetUploadFiles(chromedp.CSS(card+` input[name=codebook]`), []string{qdc}))
	b.waitJS(t, "the codebook report", `!!document.querySelector('dialog[open] .import-report .report-matched')`)
	report = eval[string](t, b, `document.querySelector('dialog[open] .import-report').textContent`)
	want = []string{fmt.Sprintf("Created (%d)", len(codes)), "Matched (0)", "Skipped (0)", "Watching competitors"}
	if !contains(report, want...) {
		t.Errorf("codebook report: got %q, want it to hold %q", report, want)
	}
	apiCall(t, a, "GET", "/projects/"+empty.ID+"/codes", nil, &imported)
	if len(imported) != len(codes) {
		t.Errorf("codebook import: got %d codes, want %d", len(imported), len(codes))
	}
	b.do(t, "close the report", chromedp.KeyEvent("\r"))
	b.waitJS(t, "the report closed", `!document.querySelector('dialog[open]')`)

	// The Export menu downloads the project as .qdpx and the backup.
	card = `.project-card:has(summary[aria-label="Export Born globals in the North"])`
	b.do(t, "open the Export menu", chromedp.Click(chromedp.CSS(card+` summary`)),
		chromedp.WaitVisible(chromedp.CSS(card+` .export-menu-items`)))
	screenshot(t, b, "export-menu-1280x800")
	name, data := download(t, b, card+` a[href$="/export/qdpx"]`)
	if !strings.HasSuffix(name, ".qdpx") || !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		t.Errorf("qdpx download: got %q starting %q, want a .qdpx zip archive", name, data[:min(4, len(data))])
	}
	b.do(t, "open the Export menu again", chromedp.Click(chromedp.CSS(card+` summary`)),
		chromedp.WaitVisible(chromedp.CSS(card+` .export-menu-items`)))
	name, data = download(t, b, card+` a[href$="/api/v1/backup"]`)
	// A bbolt file begins with a page header (16 bytes) and the meta page's magic.
	if !strings.HasSuffix(name, ".db") || len(data) < 20 || binary.LittleEndian.Uint32(data[16:20]) != 0xED0CDAED {
		t.Errorf("backup download: got %q (%d bytes), want a bbolt database", name, len(data))
	}
	checkPageErrors(t, b)
}

// firstBytes says how each kind of export file begins.
var firstBytes = map[string][]string{
	".md":     {"#", "|"},
	".html":   {"<!DOCTYPE html>", "<!doctype html>"},
	".xlsx":   {"PK\x03\x04"},
	".docx":   {"PK\x03\x04"},
	".qdpx":   {"PK\x03\x04"},
	".tex":    {"%", "\\"},
	".svg":    {"<?xml", "<svg"},
	".png":    {"\x89PNG\r\n\x1a\n"},
	".qdc":    {"<?xml"},
	".pdf":    {"%PDF-"},
	".zip":    {"PK\x03\x04"},
	".pptx":   {"PK\x03\x04"},
	".drawio": {"<mxfile", "<?xml"},
}

// TestExportsScreenDownloadsEveryFormat lists the formats on the Exports
// screen, checks they are those `tessera export --list` prints, sets an
// option and downloads every format, checking each file's name and first
// bytes.
func TestExportsScreenDownloadsEveryFormat(t *testing.T) {
	a := startApp(t)
	pid, _ := seedStudy(t, a)
	// The model formats draw the project's model.
	apiCall(t, a, "POST", "/projects/"+pid+"/models", map[string]any{"name": "Process model",
		"boxes": []map[string]any{{"id": "b1", "text": "Noticing failure", "x": 0, "y": 0, "w": 160, "h": 60}}}, nil)
	var out bytes.Buffer
	m := &cli.Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: io.Discard}
	if code := m.Run(context.Background(), []string{"export", "--list"}); code != 0 {
		t.Fatalf("tessera export --list: exit %d", code)
	}
	var cliNames []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		cliNames = append(cliNames, strings.Fields(line)[0])
	}

	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	b.do(t, "open the project", chromedp.Navigate(a.URL+"/p/"+pid),
		chromedp.WaitVisible(chromedp.CSS(`nav.nav a[href$="/exports"]`)))
	b.do(t, "open the Exports screen", chromedp.Click(chromedp.CSS(`nav.nav a[href$="/exports"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.exports-list tr[data-format]`)))
	names := eval[[]string](t, b, `[...document.querySelectorAll('.exports-list tr[data-format]')].map(r => r.dataset.format)`)
	if strings.Join(names, " ") != strings.Join(cliNames, " ") {
		t.Fatalf("Exports screen lists %v, want the formats of tessera export --list %v", names, cliNames)
	}
	if got := eval[string](t, b, `document.querySelector('.exports-list tr[data-format="matrix-csv"]').textContent`); !contains(got, "level", "columns", "cell", "raw") {
		t.Errorf("matrix-csv row: got %q, want its options", got)
	}
	b.do(t, "ask for counts", chromedp.Click(chromedp.CSS(`.exports-options input[name=counts]`)))
	b.waitJS(t, "the counts option in the Gioia download", `document.querySelector('a[aria-label="Download gioia-csv"]').href.includes('counts=true')`)
	if href := eval[string](t, b, `document.querySelector('a[aria-label="Download codebook-csv"]').href`); strings.Contains(href, "counts") {
		t.Errorf("codebook-csv download %q carries an option it does not read", href)
	}
	screenshot(t, b, "exports-1280x800")

	for i, f := range names {
		if i%8 == 7 {
			// The browser takes a handful of downloads from one page:
			// reload it, which keeps the options (they are in the URL).
			b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.exports-list tr[data-format]`)))
			b.waitJS(t, "counts kept", `document.querySelector('.exports-options input[name=counts]').checked`)
		}
		name, data := download(t, b, `a[aria-label="Download `+f+`"]`)
		ext := filepath.Ext(name)
		if !strings.HasPrefix(name, "Born globals in the North-"+f) {
			t.Errorf("%s: file named %q", f, name)
		}
		if ext == ".csv" {
			// A CSV file begins with its header row.
			if head, _, _ := bytes.Cut(data, []byte("\n")); !bytes.Contains(head, []byte(",")) {
				t.Errorf("%s: first line %q is no CSV header", f, head)
			}
			continue
		}
		prefixes, ok := firstBytes[ext]
		if !ok {
			t.Errorf("%s: unexpected extension %q", f, ext)
			continue
		}
		good := false
		for _, p := range prefixes {
			if bytes.HasPrefix(data, []byte(p)) {
				good = true
			}
		}
		if len(data) == 0 || !good {
			t.Errorf("%s: %s file begins %q, want one of %q", f, ext, data[:min(16, len(data))], prefixes)
		}
		if f == "gioia-csv" && !bytes.Contains(data, []byte("Quotes")) {
			t.Errorf("gioia-csv with counts: got %q, want a Quotes column", data[:min(200, len(data))])
		}
	}
	checkPageErrors(t, b)
}
