package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"
)

// transcriptJSON is a document with its turns, speakers and quotes.
type transcriptJSON struct {
	Text  string `json:"text"`
	Turns []struct {
		Speaker    string `json:"speaker"`
		Start, End int
	} `json:"turns"`
	Speakers []struct{ Name, Role string } `json:"speakers"`
	Quotes   []struct {
		ID, Text    string
		Start, End  int
		Corrections []struct{ Before, After string } `json:"corrections"`
	} `json:"quotes"`
}

// turns returns each turn as "speaker: text".
func (d transcriptJSON) turns() []string {
	var out []string
	for _, t := range d.Turns {
		out = append(out, t.Speaker+": "+string([]rune(d.Text)[t.Start:t.End]))
	}
	return out
}

// quoteWords returns each quote's words by ID, failing the test when a
// quote's text is not what the document reads at its range.
func (d transcriptJSON) quoteWords(tb testing.TB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	for _, q := range d.Quotes {
		if got := string([]rune(d.Text)[q.Start:q.End]); got != q.Text {
			tb.Errorf("quote %s reads %q at [%d,%d), its text is %q", q.ID, got, q.Start, q.End, q.Text)
		}
		out[q.ID] = q.Text
	}
	return out
}

// waitTranscript polls the document until ok holds for it.
func waitTranscript(tb testing.TB, a *app, pid, did, what string, ok func(transcriptJSON) bool) transcriptJSON {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var d transcriptJSON
		apiCall(tb, a, "GET", "/projects/"+pid+"/documents/"+did+"?quotes=true", nil, &d)
		if ok(d) {
			return d
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s: not after 10 s (turns %q, speakers %+v)", what, d.turns(), d.Speakers)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// retype empties the focused field with n backspaces and types text.
func retype(n int, text string) chromedp.Action[chromedp.Void] {
	return chromedp.KeyEvent(strings.Repeat(kb.Backspace, n) + text)
}

// TestTranscriptEditing repairs an imperfect import in the reader as its
// owner would: splits Anna's answer out of the interviewer's turn at the
// cursor, joins a turn the import split wrongly, merges, renames and
// splits speakers, changes a turn's speaker, and corrects a misheard
// word, which a second tab shows too. After every step each quote still
// covers its words, checked through the API; the correction is undone
// with Ctrl+Z.
func TestTranscriptEditing(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	var p struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Repairs"}, &p)
	pid := p.ID
	var doc docJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/documents", map[string]any{"title": "Kohtamäki Oy",
		"text": "Interviewer: How was Luleå? Anna: Yes — fine.\r\n" +
			"Kohtamäki: We learnt from teh partners 👍 in Luleå.\r\n" +
			"Interviewer: And then?\r\n" +
			"Kohtamäki: Then we grew.\r\n" +
			"Fast: we doubled.\r\n"}, &doc)
	var code codeJSON
	apiCall(t, a, "POST", "/projects/"+pid+"/codes", map[string]any{"name": "Partners", "level": "concept", "color": "#f2994a"}, &code)
	want := map[string]string{}
	for _, words := range []string{"Yes — fine.", "teh partners 👍", "in Luleå.", "Then we grew.", "doubled"} {
		i := strings.Index(doc.Text, words)
		start := len([]rune(doc.Text[:i]))
		var q struct{ ID string }
		apiCall(t, a, "POST", "/projects/"+pid+"/quotes", map[string]any{"document_id": doc.ID, "start": start, "end": start + len([]rune(words)), "code_ids": []string{code.ID}}, &q)
		want[q.ID] = words
	}
	readerURL := a.URL + "/p/" + pid + "/d/" + doc.ID
	screenshotsOnFailure(t, b, func() string { return readerURL }, nil)
	// step waits until the document passes ok, then checks every quote.
	step := func(what string, ok func(transcriptJSON) bool) transcriptJSON {
		t.Helper()
		d := waitTranscript(t, a, pid, doc.ID, what, ok)
		if diff := cmp.Diff(want, d.quoteWords(t)); diff != "" {
			t.Errorf("%s: quotes (-want +got):\n%s", what, diff)
		}
		return d
	}
	hasTurns := func(turns ...string) func(transcriptJSON) bool {
		return func(d transcriptJSON) bool { return cmp.Equal(turns, d.turns()) }
	}
	b.do(t, "open the reader", chromedp.Navigate(readerURL))
	b.waitJS(t, "the highlights", `document.querySelectorAll('.transcript .hl').length === 5`)

	// Split Anna's answer off at the cursor: Shift+Enter, the dialog
	// proposes the label's name, Enter.
	setSelection(t, b, "Anna:", true)
	b.do(t, "split at the cursor", shortcut(rune(kb.Enter[0]), chromedp.ModifierShift))
	b.waitJS(t, "the split dialog", `document.querySelector('dialog[open] .speaker-name')?.value === 'Anna'`)
	b.do(t, "confirm the speaker", chromedp.KeyEvent(kb.Enter))
	step("the split turn", hasTurns("Interviewer: How was Luleå?", "Anna: Yes — fine.",
		"Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Interviewer: And then?", "Kohtamäki: Then we grew.", "Fast: we doubled."))
	b.waitJS(t, "six turns on screen", `document.querySelectorAll('.transcript .block.turn').length === 6`)

	// "Fast:" was no speaker: join that turn to the one before.
	setSelection(t, b, "doubled", true)
	b.do(t, "join the turn to the one before", shortcut(rune(kb.Backspace[0]), chromedp.ModifierShift))
	step("the joined turn", hasTurns("Interviewer: How was Luleå?", "Anna: Yes — fine.",
		"Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Interviewer: And then?", "Kohtamäki: Then we grew.\nFast: we doubled."))
	b.waitJS(t, "five turns on screen", `document.querySelectorAll('.transcript .block.turn').length === 5`)

	// Speakers: Anna and Kohtamäki are one person; merge, then rename.
	b.do(t, "open the speakers", chromedp.Click(chromedp.CSS(`.edit-speakers`)))
	b.waitJS(t, "the speakers dialog", `document.querySelectorAll('dialog[open] .speaker-row').length === 3`)
	screenshot(t, b, "transcript-speakers-1280x800")
	choose(t, b, `.speaker-row[data-speaker="Kohtamäki"] .merge-into`, "Anna")
	b.do(t, "merge Kohtamäki into Anna",
		chromedp.Click(chromedp.CSS(`.speaker-row[data-speaker="Kohtamäki"] .merge-speaker`)))
	step("the merged speakers", func(d transcriptJSON) bool { return len(d.Speakers) == 2 })
	b.waitJS(t, "two speakers listed", `document.querySelectorAll('dialog[open] .speaker-row').length === 2`)
	b.do(t, "rename Anna",
		chromedp.Click(chromedp.CSS(`.speaker-row[data-speaker="Anna"] .speaker-name-input`)),
		chromedp.KeyEvent(" Kohtamäki"),
		chromedp.Click(chromedp.CSS(`.speaker-row[data-speaker="Anna"] .speaker-rename button`)))
	step("the renamed speaker", hasTurns("Interviewer: How was Luleå?", "Anna Kohtamäki: Yes — fine.",
		"Anna Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Interviewer: And then?", "Anna Kohtamäki: Then we grew.\nFast: we doubled."))

	// The last turn is a colleague's: split the speaker, ticking that turn.
	b.waitJS(t, "the renamed row", `!!document.querySelector('dialog[open] .speaker-row[data-speaker="Anna Kohtamäki"]')`)
	b.do(t, "split Anna Kohtamäki",
		chromedp.Click(chromedp.CSS(`.speaker-row[data-speaker="Anna Kohtamäki"] .split-speaker`)))
	b.waitJS(t, "her turns", `document.querySelectorAll('dialog[open] .split-turn').length === 3`)
	b.do(t, "give turn 5 to Åsa",
		chromedp.Click(chromedp.CSS(`dialog[open] .split-turn[data-turn="5"]`)),
		chromedp.Click(chromedp.CSS(`dialog[open] .split-name`)),
		chromedp.KeyEvent("Åsa Lindqvist"),
		chromedp.Click(chromedp.CSS(`dialog[open] .split-panel button[type=submit]`)))
	step("the split speaker", hasTurns("Interviewer: How was Luleå?", "Anna Kohtamäki: Yes — fine.",
		"Anna Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Interviewer: And then?", "Åsa Lindqvist: Then we grew.\nFast: we doubled."))
	b.waitJS(t, "the speakers again", `document.querySelectorAll('dialog[open] .speaker-row').length === 3`)
	choose(t, b, `.speaker-row[data-speaker="Åsa Lindqvist"] .speaker-role`, "interviewer")
	step("Åsa's role", func(d transcriptJSON) bool {
		for _, s := range d.Speakers {
			if s.Name == "Åsa Lindqvist" {
				return s.Role == "interviewer"
			}
		}
		return false
	})
	b.do(t, "close the speakers", chromedp.Click(chromedp.CSS(`dialog[open] .dialog-actions .btn-primary`)))

	// Turn 4's question was asked by Åsa: click the speaker's name.
	b.waitJS(t, "the dialog closed", `!document.querySelector('dialog[open]')`)
	b.do(t, "open turn 4", chromedp.Click(chromedp.CSS(`#turn-4 .who`)))
	b.waitJS(t, "the turn dialog", `document.querySelector('dialog[open] .speaker-name')?.value === 'Interviewer'`)
	b.do(t, "give it to Åsa", retype(len("Interviewer"), "Åsa Lindqvist"+kb.Enter))
	step("the turn's speaker", hasTurns("Interviewer: How was Luleå?", "Anna Kohtamäki: Yes — fine.",
		"Anna Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Åsa Lindqvist: And then?", "Åsa Lindqvist: Then we grew.\nFast: we doubled."))
	b.waitJS(t, "the speaker on screen", `document.querySelector('#turn-4 .who').textContent === 'Åsa Lindqvist'`)

	// A second tab follows the correction through the event stream.
	tab2, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	b2 := &browser{ctx: tab2}
	b2.do(t, "open the reader in a second tab", chromedp.Navigate(readerURL))
	b2.waitJS(t, "the second tab's highlights", `document.querySelectorAll('.transcript .hl').length === 5`)

	// Correct the misheard word: select it, e, type, Enter.
	selectText(t, b, "teh")
	b.do(t, "open the correction", shortcut('e'))
	b.waitJS(t, "the correction dialog", `document.querySelector('dialog[open] .correction')?.value === 'teh'`)
	b.do(t, "type the word", retype(3, "the"+kb.Enter))
	for id, w := range want {
		if w == "teh partners 👍" {
			want[id] = "the partners 👍"
		}
	}
	d := step("the corrected word", func(d transcriptJSON) bool { return strings.Contains(d.Text, "from the partners") })
	corrected := 0
	for _, q := range d.Quotes {
		if len(q.Corrections) == 1 && q.Corrections[0].Before == "teh partners 👍" && q.Corrections[0].After == "the partners 👍" {
			corrected++
		}
	}
	if corrected != 1 {
		t.Errorf("quotes recording the correction: got %d, want 1", corrected)
	}
	for _, br := range []*browser{b, b2} {
		br.waitJS(t, "the corrected text on screen", `document.querySelector('.transcript').textContent.includes('learnt from the partners 👍 in Luleå.')`)
	}
	b.waitJS(t, "the corrected quote highlighted", `[...document.querySelectorAll('.transcript .hl')].some((e) => e.textContent === 'the partners 👍')`)
	screenshot(t, b, "transcript-editing-1280x800")
	screenshot(t, b2, "transcript-editing-second-tab-1280x800")
	b.do(t, "a large screen", chromedp.EmulateViewport(1920, 1080))
	screenshot(t, b, "transcript-editing-1920x1080")
	b.do(t, "back to the laptop screen", chromedp.EmulateViewport(1280, 800))

	// Ctrl+Z takes the correction back.
	b.do(t, "undo", chromedp.Click(chromedp.CSS(`.doc-title`)), shortcut('z', chromedp.ModifierCtrl))
	for id, w := range want {
		if w == "the partners 👍" {
			want[id] = "teh partners 👍"
		}
	}
	step("the undone correction", func(d transcriptJSON) bool { return strings.Contains(d.Text, "from teh partners") })
	for _, br := range []*browser{b, b2} {
		br.waitJS(t, "the undo on screen", `document.querySelector('.transcript').textContent.includes('learnt from teh partners')`)
	}

	// s with the cursor in a turn opens it too: join Åsa's two turns.
	setSelection(t, b, "Then we grew", true)
	b.do(t, "open the turn with s", shortcut('s'))
	b.waitJS(t, "the turn dialog", `document.querySelector('dialog[open] .speaker-name')?.value === 'Åsa Lindqvist'`)
	b.do(t, "join it to turn 4", chromedp.Click(chromedp.CSS(`dialog[open] .merge-prev`)))
	step("the joined turns", hasTurns("Interviewer: How was Luleå?", "Anna Kohtamäki: Yes — fine.",
		"Anna Kohtamäki: We learnt from teh partners 👍 in Luleå.", "Åsa Lindqvist: And then?\nKohtamäki: Then we grew.\nFast: we doubled."))
	b.waitJS(t, "four turns on screen", `document.querySelectorAll('.transcript .block.turn').length === 4`)
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}
