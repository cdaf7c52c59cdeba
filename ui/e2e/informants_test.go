package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tessera/coding"
	"tessera/coding/codingtest"
)

// TestLinkSpeakerToInformant opens the Informants screen of a study
// whose speaker Eva is linked to nobody, links her to informant I-05 as
// a person does, renames I-05's pseudonym by keyboard, and sees the
// informant table count her document and quote, after a reload too, and
// in the downloaded table.
func TestLinkSpeakerToInformant(t *testing.T) {
	a := startApp(t)
	study := codingtest.NewInformantStudy(t, a.Store, "Informant study")
	pid, elin := study.Project.ID, study.Informants["I-05"]
	doc := study.Documents["Luleå Metall – export"]
	if _, err := a.Store.LinkSpeaker(context.Background(), pid, coding.SpeakerLink{DocumentID: doc.ID, Speaker: "Eva"}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	row := func(label, cell string) string {
		return fmt.Sprintf(`(document.querySelector('tr[data-informant=%s] td.%s') || {}).textContent`, jsString(label), cell)
	}
	b.do(t, "open the project", chromedp.Navigate(a.URL+"/p/"+pid))
	b.do(t, "open the informants", chromedp.Click(chromedp.CSS(`.documents-page .page-head a[href$="/informants"]`)))
	b.waitJS(t, "Elin without documents", row("I-05", "documents")+` === '0' && `+row("I-01", "documents")+` === '2'`)

	// Link Eva to I-05 (Elin).
	speaker := fmt.Sprintf(`select[aria-label=%s]`, jsString("Informant of Eva in "+doc.Title))
	choose(t, b, speaker, elin.ID)
	b.waitJS(t, "Elin's document and quote counted", row("I-05", "documents")+` === '1' && `+row("I-05", "quotes")+` === '1'`)

	// Rename the pseudonym by keyboard: select the word, type, leave.
	field := `input[aria-label="Pseudonym of I-05"]`
	b.do(t, "type a new pseudonym", chromedp.DoubleClick(chromedp.CSS(field)), chromedp.KeyEvent("Ella"), chromedp.KeyEvent(kb.Tab))
	b.waitJS(t, "the pseudonym saved", `fetch('/api/v1/projects/`+pid+`/informants/`+elin.ID+`').then(r => r.json()).then(i => i.pseudonym === 'Ella')`)

	// After a reload the link and the new pseudonym are still there.
	b.do(t, "reload", chromedp.Reload())
	b.waitJS(t, "the table again", row("I-05", "quotes")+` === '1'`)
	got := eval[[]string](t, b, fmt.Sprintf(`[document.querySelector(%s).value, document.querySelector(%s).value]`, jsString(speaker), jsString(field)))
	if got[0] != elin.ID || got[1] != "Ella" {
		t.Errorf("after reload: got link %q and pseudonym %q, want %s and Ella", got[0], got[1], elin.ID)
	}

	// The downloaded informant table shows the row.
	_, md := download(t, b, `a[href$="/export/informants-md"]`)
	if want := "| I-05 | Ella | Export manager | Luleå Metall AB | 2024-04-15 | 38 | 2 | 1 | 1 |"; !strings.Contains(string(md), want) {
		t.Errorf("downloaded table:\n%s\nwant the row %q", md, want)
	}

	// Linking by name from the screen links nothing new: every speaker is linked.
	b.do(t, "link by name", chromedp.Click(chromedp.CSS(`.informants-page .page-head .row-actions button:first-child`)))
	b.waitJS(t, "the report", `[...document.querySelectorAll('[role=status]')].some(e => e.textContent === '0 speakers linked, 0 informants added.')`)

	// A new informant, merged into I-05 from its row's dialog, is gone.
	b.do(t, "add an informant", chromedp.Click(chromedp.CSS(`.informants-page .page-head .row-actions button:last-child`)))
	b.waitJS(t, "I-06 added", `!!document.querySelector('tr[data-informant="I-06"]')`)
	b.do(t, "open the merge dialog", chromedp.Click(chromedp.CSS(`button[aria-label="Merge I-06 into another informant"]`)))
	b.waitJS(t, "the dialog", `!!document.querySelector('dialog[open] select')`)
	choose(t, b, `dialog[open] select`, elin.ID)
	b.do(t, "merge", chromedp.Click(chromedp.CSS(`dialog[open] button[type=submit]`)))
	b.waitJS(t, "I-06 merged away", `!document.querySelector('tr[data-informant="I-06"]') && `+row("I-05", "documents")+` === '1'`)

	// The Exports screen offers the informant table in every format.
	goTo(t, b, "/p/"+pid+"/exports")
	b.waitJS(t, "the informant formats", `['csv','xlsx','md','html','docx','tex'].every(f => document.querySelector('tr[data-format="informants-' + f + '"]'))`)
	checkPageErrors(t, b)
}
