package e2e_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tessera/coding"
)

// benchWords is the vocabulary of the synthetic transcript: plain English
// with Nordic names, so the text has non-ASCII letters throughout.
var benchWords = strings.Fields(`we the a of and to in that it was for on with as our they at be this from
have had not but what all were when there can an your which their said if do will each about how up out them
then she many some so these would other into has more her two like him see time could no make than first been
its who now people my made over did down only way find use may water long little very after words called just
where most know customers partners market distributor fair trade learning export network growth Luleå Tromsø
Kohtamäki Björn Öberg Düsseldorf Zoë Pöllö Jyväskylä Malmö sales engineers product robots quality supplier
agency Finland Sweden Norway Germany Japan board investors certification recall audit complaint process`)

// benchTranscript builds a deterministic transcript of about n words in
// speaker turns of perTurn words on average (short questions, longer
// answers), with an emoji now and then.
func benchTranscript(n, perTurn int) string {
	r := rand.New(rand.NewPCG(7, 11))
	var b strings.Builder
	words := 0
	avg := max(4, perTurn)
	question := 2 + avg/4
	answer := 2*avg - question
	for turn := 0; words < n; turn++ {
		speaker, length := "Interviewer", 2+r.IntN(2*question-3)
		if turn%2 == 1 {
			speaker, length = "Anna Kohtamäki (CEO)", answer/2+r.IntN(answer)
		}
		b.WriteString(speaker + ": ")
		for i := 0; i < length && words < n; i++ {
			w := benchWords[r.IntN(len(benchWords))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			words++
			switch {
			case r.IntN(400) == 0:
				b.WriteString(" 👍")
			case r.IntN(14) == 0:
				b.WriteString(".")
			case r.IntN(20) == 0:
				b.WriteString(",")
			}
			if i < length-1 {
				b.WriteString(" ")
			}
		}
		b.WriteString(".\n")
	}
	return b.String()
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// selectPlainOnScreen selects 40 characters of the i-th plain (uncoded)
// text segment on screen, scrolling on when there is none; it reports
// whether it selected.
func selectPlainOnScreen(tb testing.TB, b *browser, i int) bool {
	tb.Helper()
	ok := eval[bool](tb, b, fmt.Sprintf(`(() => {
		// A plain (uncoded) text segment on screen, at least 40 characters long.
		// Only blocks on screen: measuring the others would lay them out.
		const view = document.querySelector('.reader-main').getBoundingClientRect();
		const onScreen = [...document.querySelectorAll('.transcript .block')].filter(el => {
			const r = el.getBoundingClientRect();
			return r.bottom > view.top && r.top < view.bottom;
		});
		const segs = onScreen.flatMap(b => [...b.querySelectorAll('.txt [data-s]:not(.hl)')]).filter(el => {
			const r = el.getBoundingClientRect();
			return r.top > 80 && r.bottom < innerHeight - 40 && el.textContent.length >= 40;
		});
		const el = segs[%d %% Math.max(1, segs.length)];
		if (!el) return false;
		const n = el.firstChild;
		const r = document.createRange();
		r.setStart(n, 0); r.setEnd(n, 40);
		document.getSelection().removeAllRanges(); document.getSelection().addRange(r);
		return true; })()`, i))
	if !ok {
		// Scroll on to uncoded text.
		eval[bool](tb, b, `(document.querySelector('.reader-main').scrollBy(0, innerHeight), true)`)
		b.do(tb, "settle", chromedp.Sleep(300*time.Millisecond))
	}
	return ok
}

// timeToHighlight runs the JavaScript statement trigger, which codes the
// selection, and returns the milliseconds from it to the first frame
// showing the new (pending) highlight, and to the stored quote shown.
func timeToHighlight(tb testing.TB, b *browser, trigger string) []float64 {
	tb.Helper()
	return eval[[]float64](tb, b, `new Promise((resolve) => {
		const root = document.querySelector('.transcript');
		const before = root.querySelectorAll('.hl.pending').length;
		const t0 = performance.now();
		let shown = 0;
		const obs = new MutationObserver(() => {
			if (!shown && root.querySelectorAll('.hl.pending').length > before) {
				shown = -1;
				window.__commitMs = performance.now() - t0;
				requestAnimationFrame(() => setTimeout(() => { shown = performance.now() - t0; }, 0));
			}
		});
		obs.observe(root, {subtree: true, childList: true, attributes: true});
		`+trigger+`;
		const wait = () => {
			if (shown > 0 && !root.querySelector('.hl.pending')) { obs.disconnect(); resolve([shown, performance.now() - t0]); }
			else setTimeout(wait, 5);
		};
		wait();
	})`)
}

// TestReaderPerformance measures, in headless Chromium, how long a
// 100,000-word transcript of about 4,000 turns with 2,000 quotes takes to open
// to an interactive reader, how long applying a code (key 1, or the
// popover and Enter) takes to show its highlight, and how long the frames
// are while it scrolls. It runs
// only with TESSERA_BENCH=1 and prints the figures; it sets no limits.
func TestReaderPerformance(t *testing.T) {
	if os.Getenv("TESSERA_BENCH") != "1" {
		t.Skip("set TESSERA_BENCH=1 to measure the reader")
	}
	a := startApp(t)
	ctx := context.Background()
	p := &coding.Project{Name: "Reader benchmark"}
	if err := a.Store.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	text := benchTranscript(100_000, 25)
	var doc docJSON
	apiCall(t, a, "POST", "/projects/"+p.ID+"/documents", map[string]any{"title": "Long interview", "text": text}, &doc)
	length := coding.RuneLen(doc.Text)

	var codeIDs []string
	for i := range 20 {
		c := &coding.Code{ProjectID: p.ID, Name: fmt.Sprintf("Concept %02d", i+1), Level: coding.LevelConcept}
		if err := a.Store.CreateCode(ctx, c); err != nil {
			t.Fatal(err)
		}
		codeIDs = append(codeIDs, c.ID)
	}
	// 2,000 quotes of 5 to 60 words' length (about 30 to 400 characters),
	// some overlapping, in the first 95 % of the text.
	r := rand.New(rand.NewPCG(3, 5))
	began := time.Now()
	for range 2000 {
		start := r.IntN(length * 95 / 100)
		end := start + 30 + r.IntN(370)
		ids := []string{codeIDs[r.IntN(len(codeIDs))]}
		if r.IntN(5) == 0 {
			ids = append(ids, codeIDs[r.IntN(len(codeIDs))])
		}
		q := &coding.Quote{ProjectID: p.ID, DocumentID: doc.ID, Start: start, End: end, CodeIDs: ids, Coder: "bench"}
		if err := a.Store.CreateQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("stored 2,000 quotes in %s", time.Since(began).Round(time.Millisecond))

	b := newBrowser(t)
	readerURL := a.URL + "/p/" + p.ID + "/d/" + doc.ID
	screenshotsOnFailure(t, b, func() string { return readerURL }, nil)
	// Warm the HTTP cache of the scripts, and store a recent code for key 1.
	b.do(t, "warm up", chromedp.Navigate(a.URL+"/p/"+p.ID))
	eval[bool](t, b, fmt.Sprintf(`(localStorage.setItem('tessera.recent.%s', JSON.stringify([%q])), true)`, p.ID, codeIDs[0]))

	// Cold opens: a full page load of the reader URL, timed from the start
	// of navigation to the first frame after the reader's layout.
	var cold, fetchMs, scriptsMs, docMs, whole []float64
	phase := time.Now()
	for range 4 {
		b.do(t, "open the reader", chromedp.Navigate(readerURL))
		b.waitJS(t, "the reader", `window.__tessera && window.__tessera.readerReadyAt > 0`)
		cold = append(cold, eval[float64](t, b, `window.__tessera.readerReadyAt`))
		b.waitJS(t, "the whole transcript", `window.__tessera.readerCompleteAt > 0`)
		whole = append(whole, eval[float64](t, b, `window.__tessera.readerCompleteAt`))
		scriptsMs = append(scriptsMs, eval[float64](t, b, `window.__tessera.startedAt`))
		docMs = append(docMs, eval[float64](t, b, `window.__tessera.docLoadedAt`))
		fetchMs = append(fetchMs, eval[float64](t, b, `(performance.getEntriesByType('resource').find(e => e.name.includes('/documents/')) || {duration: 0}).duration`))
	}
	t.Logf("cold opens took %s", time.Since(phase).Round(time.Millisecond))
	phase = time.Now()
	blocks := eval[int](t, b, `document.querySelectorAll('.transcript .block').length`)
	if n := eval[int](t, b, `document.querySelectorAll('.blocks-to-come').length`); n != 0 {
		t.Errorf("blocks still to come after the reader completed: %d", n)
	}
	highlights := eval[int](t, b, `document.querySelectorAll('.transcript .hl').length`)

	// In-app opens: from the click on the document link to the same point.
	var warm []float64
	for range 3 {
		b.do(t, "back to the documents", chromedp.Navigate(a.URL+"/p/"+p.ID))
		b.waitJS(t, "the document list", `!!document.querySelector('.doc-open')`)
		b.do(t, "open the transcript", chromedp.Click(chromedp.CSS(`.doc-open`)))
		b.waitJS(t, "the reader", `window.__tessera && window.__tessera.readerOpenMs > 0 && location.pathname.includes('/d/')`)
		warm = append(warm, eval[float64](t, b, `window.__tessera.readerOpenMs`))
	}
	// Code in the steady state, once the whole transcript is in the page.
	b.waitJS(t, "the whole transcript", `window.__tessera.readerCompleteAt > 0`)

	t.Logf("in-app opens took %s", time.Since(phase).Round(time.Millisecond))
	phase = time.Now()
	// Applying a code with key 1 to a fresh selection: time from the key to
	// the first frame showing the highlight, then to the stored quote.
	var apply, stored []float64
	for i := range 10 {
		if !selectPlainOnScreen(t, b, i) {
			continue
		}
		b.waitJS(t, "the selection bubble", `!!document.querySelector('.bubble')`)
		ms := timeToHighlight(t, b, `document.dispatchEvent(new KeyboardEvent('keydown', {key: '1', bubbles: true}))`)
		t.Logf("layout %.1f ms, commit %.1f ms, shown %.1f", eval[float64](t, b, `window.__tessera.layoutMs`), eval[float64](t, b, `window.__commitMs`), ms[0])
		apply = append(apply, ms[0])
		stored = append(stored, ms[1])
	}
	t.Logf("applying took %s; to highlight %.0f ms; to stored %.0f ms", time.Since(phase).Round(time.Millisecond), apply, stored)
	if len(apply) == 0 {
		t.Fatal("found no uncoded passage to code")
	}

	// Coding through the popover: c, the code's name typed, then Enter;
	// timed from Enter to the first frame showing the new quote.
	phase = time.Now()
	var enter []float64
	for i := range 10 {
		if !selectPlainOnScreen(t, b, i+3) {
			continue
		}
		b.waitJS(t, "the selection bubble", `!!document.querySelector('.bubble')`)
		b.do(t, "open the coding popover", shortcut('c'))
		b.waitJS(t, "the coding popover", `document.activeElement && document.activeElement.classList.contains('picker-input')`)
		b.do(t, "type the code's name", chromedp.KeyEvent("Concept 03"))
		b.waitJS(t, "the code offered first", `(document.querySelector('.popover .picker-opt.active') || {}).textContent.includes('Concept 03')`)
		ms := timeToHighlight(t, b, `document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, cancelable: true}))`)
		enter = append(enter, ms[0])
	}
	t.Logf("coding with Enter took %s; to highlight %.0f ms", time.Since(phase).Round(time.Millisecond), enter)
	if len(enter) == 0 {
		t.Fatal("found no uncoded passage to code with Enter")
	}

	// Scrolling: the transcript scrolled from the top by 120 px a frame
	// for 240 frames, as a fast wheel or a dragged scroll bar does; the
	// time between frames.
	eval[bool](t, b, `(document.querySelector('.reader-main').scrollTop = 0, true)`)
	b.do(t, "settle", chromedp.Sleep(500*time.Millisecond))
	frames := eval[[]float64](t, b, `new Promise((resolve) => {
		const el = document.querySelector('.reader-main');
		const at = [];
		const step = (t) => {
			at.push(t);
			el.scrollTop += 120;
			if (at.length <= 240) requestAnimationFrame(step); else resolve(at.slice(1).map((x, i) => x - at[i]));
		};
		requestAnimationFrame(step);
	})`)
	slices.Sort(frames)
	p95 := frames[len(frames)*95/100]
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("got page errors %q, want none", errs)
	}

	lines := []string{
		"Reader benchmark (headless Chromium, 1280x800)",
		fmt.Sprintf("transcript: 100,000 words, %d characters, %d speaker turns, 2,000 quotes (%d highlight spans)", length, blocks, highlights),
		fmt.Sprintf("open, full page load to interactive reader: median %.0f ms, max %.0f ms (n=%d)", median(cold), slices.Max(cold), len(cold)),
		fmt.Sprintf("  of which: scripts running at %.0f ms, document and quotes fetched (%.0f ms request) and parsed at %.0f ms", median(scriptsMs), median(fetchMs), median(docMs)),
		fmt.Sprintf("  whole transcript in the page (rendered in the background): median %.0f ms", median(whole)),
		fmt.Sprintf("open, from the document list (in-app):     median %.0f ms, max %.0f ms (n=%d)", median(warm), slices.Max(warm), len(warm)),
		fmt.Sprintf("apply a code (key 1) to highlight shown:   median %.1f ms, max %.1f ms (n=%d)", median(apply), slices.Max(apply), len(apply)),
		fmt.Sprintf("apply a code to quote stored and shown:    median %.1f ms, max %.1f ms (n=%d)", median(stored), slices.Max(stored), len(stored)),
		fmt.Sprintf("code through the popover, Enter to shown:  median %.1f ms, max %.1f ms (n=%d)", median(enter), slices.Max(enter), len(enter)),
		fmt.Sprintf("scroll, time between frames:               median %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)", median(frames), p95, slices.Max(frames), len(frames)),
	}
	for _, l := range lines {
		fmt.Println(l)
		t.Log(l)
	}
}
