package e2e_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestTablePresetForm fills the table options on the Exports screen,
// saves them as a preset, reloads (which empties the form), applies the
// preset and downloads the Gioia table as Word: its header row reads the
// headers typed, with the caption, number and notes, and no repeated
// header row. Then it asks for the figure per dimension on A4 pages.
func TestTablePresetForm(t *testing.T) {
	a := startApp(t)
	pid, _ := seedStudy(t, a)
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	page := a.URL + "/p/" + pid + "/exports"
	b.do(t, "open the Exports screen", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`.table-options textarea[name=table-headers]`)))

	typeIn := func(what, selector, text string) {
		t.Helper()
		b.do(t, what, chromedp.Click(chromedp.CSS(selector)), chromedp.KeyEvent(text))
	}
	headers := []string{"Open coding: 1st-order themes", "Axial coding", "Phases"}
	b.do(t, "click the headers", chromedp.Click(chromedp.CSS(`textarea[name=table-headers]`)))
	for i, h := range headers {
		if i > 0 {
			b.do(t, "next line", chromedp.KeyEvent(kb.Enter))
		}
		b.do(t, "type a header", chromedp.KeyEvent(h))
	}
	typeIn("type the caption", `input[name=table-caption]`, "Data structure of the study")
	typeIn("type the number", `input[name=table-number]`, "3")
	typeIn("type the notes", `textarea[name=table-notes]`, "Made-up rows.")
	b.do(t, "no repeated header row", chromedp.Click(chromedp.CSS(`input[name=table-continued]`)))
	choose(t, b, `select[name=table-style]`, "grid")
	typeIn("name the preset", `input[name=preset-name]`, "Journal")
	b.do(t, "save the preset", chromedp.Click(chromedp.CSS(`.table-presets button[type=submit]`)))
	b.waitJS(t, "the preset saved", `document.querySelector('.table-presets [role=status]')?.textContent === 'Saved the preset “Journal”.'`)
	screenshot(t, b, "exports-table-options-1280x800")

	// A reload empties the form; the preset stays with the project.
	b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.table-options textarea[name=table-headers]`)))
	b.waitJS(t, "the preset listed", `[...document.querySelectorAll('select[name=preset] option')].some((o) => o.value === 'Journal')`)
	if got := eval[string](t, b, `document.querySelector('textarea[name=table-headers]').value`); got != "" {
		t.Fatalf("got headers %q after the reload, want an empty form", got)
	}
	if href := eval[string](t, b, `document.querySelector('a[aria-label="Download gioia-docx"]').href`); strings.Contains(href, "header=") {
		t.Fatalf("download %q carries headers before the preset is applied", href)
	}
	choose(t, b, `select[name=preset]`, "Journal")
	b.do(t, "apply the preset", chromedp.Click(chromedp.CSS(`.table-presets button:not([type=submit])`)))
	b.waitJS(t, "the form filled", `document.querySelector('textarea[name=table-headers]').value === `+jsString(strings.Join(headers, "\n")))
	if got := eval[bool](t, b, `document.querySelector('input[name=table-continued]').checked`); got {
		t.Errorf("repeat header row: got checked after applying, want the preset's off")
	}

	_, data := download(t, b, `a[aria-label="Download gioia-docx"]`)
	doc := docxPart(t, data, "word/document.xml")
	firstRow := regexp.MustCompile(`(?s)<w:tr>.*?</w:tr>`).FindString(doc)
	var cells []string
	for _, m := range regexp.MustCompile(`(?s)<w:tc>.*?</w:tc>`).FindAllString(firstRow, -1) {
		var text strings.Builder
		for _, tm := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllStringSubmatch(m, -1) {
			text.WriteString(tm[1])
		}
		cells = append(cells, text.String())
	}
	if len(cells) < 3 || strings.Join(cells[:3], "|") != strings.Join(headers, "|") {
		t.Errorf("got the header row %q, want it to begin with %q", cells, headers)
	}
	for _, want := range []string{"Table 3", "Data structure of the study", "Made-up rows."} {
		if !strings.Contains(doc, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
	if strings.Contains(doc, "<w:tblHeader/>") {
		t.Errorf("the document repeats its header row, want it printed once as the preset says")
	}

	// The figure: one per dimension on A4 pages, with the headers typed,
	// in the PDF's download.
	choose(t, b, `.exports-options select[name=split]`, "dimension")
	choose(t, b, `.exports-options select[name=page]`, "a4")
	b.waitJS(t, "the figure options in the PDF download", `(() => { const h = document.querySelector('a[aria-label="Download gioia-pdf"]').href; return h.includes('split=dimension') && h.includes('page=a4') && h.includes('header=Phases'); })()`)
	name, pdf := download(t, b, `a[aria-label="Download gioia-pdf"]`)
	if !strings.HasSuffix(name, ".pdf") || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("got %q (%d bytes), want the figure as PDF", name, len(pdf))
	}
	if href := eval[string](t, b, `document.querySelector('a[aria-label="Download gioia-svg"]').href`); !strings.Contains(href, "header=Open+coding") || strings.Contains(href, "caption=") {
		t.Errorf("figure download %q: want the headers and no table caption", href)
	}
}

// docxPart returns one part of a Word file.
func docxPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the download is not a Word file: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			body, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(body)
		}
	}
	t.Fatalf("the Word file has no %s", name)
	return ""
}
