package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestAnonymisationProfileAndExport: a researcher opens the anonymisation
// profile from the Exports screen, previews a transcript with the names
// the project knows highlighted, adds a place of their own and sees it
// highlighted with its replacement, saves, and downloads an anonymised
// quote table that holds none of the names.
func TestAnonymisationProfileAndExport(t *testing.T) {
	a := startApp(t)
	pid, did := seedStudy(t, a)
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)

	b.do(t, "open the Exports screen", chromedp.Navigate(a.URL+"/p/"+pid+"/exports"),
		chromedp.WaitVisible(chromedp.CSS(`.exports-options input[name=anonymise]`)))
	b.do(t, "open the anonymisation profile", chromedp.Click(chromedp.CSS(`.anon-option a`)),
		chromedp.WaitVisible(chromedp.CSS(`form.anon-form input[name=term]`)))

	// Preview the first transcript, chosen with the keyboard.
	b.do(t, "choose the transcript", chromedp.Focus(chromedp.CSS(`select[name=preview]`)), chromedp.KeyEvent(kb.ArrowDown))
	b.waitJS(t, "the transcript chosen", `document.querySelector('select[name=preview]').value === `+jsString(did))
	b.waitJS(t, "the informant's name highlighted", `[...document.querySelectorAll('.anon-text mark[data-kind=speaker] .anon-old')].some(m => m.textContent === 'Jyrki')`)
	if got := eval[string](t, b, `document.querySelector('.anon-text mark[data-kind=speaker] .anon-new').textContent`); got == "" || got == "Jyrki" {
		t.Errorf("Jyrki is replaced by %q, want a pseudonym", got)
	}
	if eval[bool](t, b, `[...document.querySelectorAll('.anon-text mark .anon-old')].some(m => m.textContent === 'Tampere')`) {
		t.Fatal("Tampere is highlighted before it is listed")
	}

	// Add a term by typing it, as a person does.
	b.do(t, "type a term", chromedp.Click(chromedp.CSS(`input[name=term]`)), chromedp.SendKeys(chromedp.CSS(`input[name=term]`), "tampere"),
		chromedp.Click(chromedp.CSS(`input[name=replacement]`)), chromedp.SendKeys(chromedp.CSS(`input[name=replacement]`), "[city]"+kb.Enter))
	b.waitJS(t, "the term listed", `!!document.querySelector('tr[data-term="tampere"]')`)
	b.waitJS(t, "Tampere highlighted with its replacement", `[...document.querySelectorAll('.anon-text mark[data-kind=term]')].some(m =>
		m.querySelector('.anon-old').textContent === 'Tampere' && m.querySelector('.anon-new').textContent === '[city]')`)
	screenshot(t, b, "anonymisation-1280x800")

	b.do(t, "save the profile", chromedp.Click(chromedp.CSS(`form.anon-form button[type=submit]`)))
	b.waitJS(t, "saved", `document.querySelector('.anon-actions [role=status]').textContent.includes('Saved')`)
	b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`form.anon-form input[name=term]`)))
	b.waitJS(t, "the term kept", `!!document.querySelector('tr[data-term="tampere"]') && document.querySelector('input[aria-label="Replacement of tampere"]').value === '[city]'`)

	// Back on the Exports screen with Anonymise ticked, download the quotes.
	b.do(t, "back to the exports", chromedp.Click(chromedp.CSS(`.anon-page .page-head a`)),
		chromedp.WaitVisible(chromedp.CSS(`.exports-list tr[data-format]`)))
	b.waitJS(t, "anonymise ticked", `document.querySelector('.exports-options input[name=anonymise]').checked`)
	b.waitJS(t, "the download anonymised", `document.querySelector('a[aria-label="Download quotes-csv"]').href.includes('anonymise=true')`)
	name, data := download(t, b, `a[aria-label="Download quotes-csv"]`)
	text := string(data)
	if !strings.HasPrefix(name, "Born globals in the North-quotes-csv") {
		t.Errorf("downloaded %q", name)
	}
	if !strings.Contains(text, "Firm A") || strings.Count(text, "\n") < 3 {
		t.Errorf("anonymised quotes: want Firm A and the quotes, got\n%s", text)
	}
	for _, name := range []string{"Jyrki", "Kohtamäki Analytics", "Tampere"} {
		if strings.Contains(text, name) {
			t.Errorf("the anonymised download holds %q:\n%s", name, text)
		}
	}
	// Unticked, the same download names the firm.
	b.do(t, "untick anonymise", chromedp.Click(chromedp.CSS(`.exports-options input[name=anonymise]`)))
	b.waitJS(t, "the plain download", `!document.querySelector('a[aria-label="Download quotes-csv"]').href.includes('anonymise')`)
	_, plain := download(t, b, `a[aria-label="Download quotes-csv"]`)
	if !strings.Contains(string(plain), "Kohtamäki Analytics Oy") || !strings.Contains(string(plain), "Jyrki") {
		t.Errorf("the plain download lacks the firm or the informant:\n%s", plain)
	}
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}
