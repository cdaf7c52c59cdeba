package e2e_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"unicode/utf16"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// runModule imports a front-end module in the page and evaluates body
// with it bound to m; body returns a JSON-serialisable value.
func runModule[T any](t *testing.T, b *browser, module, body string) T {
	t.Helper()
	return eval[T](t, b, fmt.Sprintf(`import(%s).then((m) => { %s })`, jsString(module), body))
}

// TestOffsetConversion checks offsets.js against Go: code-point offsets to
// UTF-16 indexes and back, for text with emoji and non-ASCII letters.
func TestOffsetConversion(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	b.do(t, "load the app", chromedp.Navigate(a.URL+"/"))
	texts := []string{"plain ascii", "Luleå 👍 ok", "👍👍a👍", "Kohtamäki 🤖🤖 Björn\nÅsa", "𝔘𝔫𝔦 x 𝔠𝔬𝔡𝔢", ""}
	for _, s := range texts {
		runes := []rune(s)
		var want []int
		for k := 0; k <= len(runes); k++ {
			want = append(want, len(utf16.Encode(runes[:k])))
		}
		js, _ := json.Marshal(s)
		got := runModule[[]int](t, b, "/js/core/offsets.js", fmt.Sprintf(`
			const text = %s, map = new m.OffsetMap(text), out = [];
			for (let k = 0; k <= map.length; k++) out.push(map.toUtf16(k));
			return out;`, js))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q: code point to UTF-16 (-want +got):\n%s", s, diff)
		}
		back := runModule[[]int](t, b, "/js/core/offsets.js", fmt.Sprintf(`
			const text = %s, map = new m.OffsetMap(text), out = [];
			for (let k = 0; k <= map.length; k++) out.push(map.toCodePoint(map.toUtf16(k)));
			return out.concat([m.cpLength(text), map.length]);`, js))
		wantBack := make([]int, 0, len(runes)+3)
		for k := 0; k <= len(runes); k++ {
			wantBack = append(wantBack, k)
		}
		wantBack = append(wantBack, len(runes), len(runes))
		if diff := cmp.Diff(wantBack, back); diff != "" {
			t.Errorf("%q: round trip and length (-want +got):\n%s", s, diff)
		}
	}
}

// TestSegmentsAndSnapping checks the reader's layout: segments cut at quote
// ends, overlaps, hidden speaker labels, and snapping to whole words.
func TestSegmentsAndSnapping(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	b.do(t, "load the app", chromedp.Navigate(a.URL+"/"))

	type seg struct {
		Text string `json:"text"`
		IDs  string `json:"ids"`
	}
	text := "Interviewer: Where?\nAnna: In Luleå 👍 we met Björn.\n"
	// Turns as the importer gives them: after the label, to the line end.
	got := runModule[[][]seg](t, b, "/js/reader/segments.js", fmt.Sprintf(`
		return import('/js/core/offsets.js').then((o) => {
			const map = new o.OffsetMap(%s);
			const turns = [{speaker: 'Interviewer', start: 13, end: 20}, {speaker: 'Anna', start: 26, end: 51}];
			const blocks = m.buildBlocks(map, turns);
			const quotes = [
				{id: 'q1', start: 29, end: 37, code_ids: ['c1']},
				{id: 'q2', start: 35, end: 44, code_ids: ['c2']},
			];
			const layout = m.layoutSegments(blocks, quotes, map, (q) => ['#ff0000'], '', null);
			return layout.map((l) => l.segs.map((s) => ({text: s.text, ids: s.ids})));
		});`, jsString(text)))
	want := [][]seg{
		{{"Where?\n", ""}},
		{{"In ", ""}, {"Luleå ", "q1"}, {"👍 ", "q1 q2"}, {"we met ", "q2"}, {"Björn.\n", ""}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}

	// Drag handles at the ends of the selected quote, only when it may be
	// resized.
	handles := runModule[[]int](t, b, "/js/reader/segments.js", fmt.Sprintf(`
		return import('/js/core/offsets.js').then((o) => {
			const map = new o.OffsetMap(%s);
			const blocks = m.buildBlocks(map, [{speaker: 'Anna', start: 26, end: 51}]);
			const quotes = [{id: 'q1', start: 29, end: 37, code_ids: ['c1']}];
			const count = (resizable) => m.layoutSegments(blocks, quotes, map, () => ['#ff0000'], 'q1', null, resizable)
				.flatMap((l) => l.segs).reduce((n, s) => n + (s.sel ? 10 : 0) + (s.hs ? 1 : 0) + (s.he ? 1 : 0), 0);
			return [count(true), count(false)];
		});`, jsString(text)))
	if diff := cmp.Diff([]int{12, 10}, handles); diff != "" {
		t.Errorf("selected segments*10 + handles, resizable and not (-want +got):\n%s", diff)
	}

	snapped := runModule[[]string](t, b, "/js/reader/segments.js", `
		return import('/js/core/offsets.js').then((o) => {
			const map = new o.OffsetMap('the trade fair in Luleå 👍 was great');
			const cases = [[5, 20], [4, 9], [18, 25], [0, 3]];
			return cases.map(([s, e]) => { const [a, b] = m.snapToWords(map, s, e); return [...map.text].slice(a, b).join(''); });
		});`)
	wantSnap := []string{"trade fair in Luleå", "trade", "Luleå 👍", "the"}
	if diff := cmp.Diff(wantSnap, snapped); diff != "" {
		t.Errorf("snapToWords (-want +got):\n%s", diff)
	}
}
