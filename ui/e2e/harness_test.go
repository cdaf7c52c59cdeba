// Package e2e_test drives the embedded front end in headless Chromium
// against the real server, store and search index.
package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tessera/cmd/tessera/cli"
	"tessera/coding/datadir"
	"tessera/coding/search"
	"tessera/coding/store"
)

// chromiumPath is where Debian installs Chromium.
const chromiumPath = "/usr/bin/chromium"

// app is a running Tessera: the whole program, started through the
// Main the binary runs, with its store and search index.
type app struct {
	URL   string
	Store *store.Store
	Index *search.Index
}

// startApp runs `tessera serve` in-process on a fresh data directory and
// a free port, until the test ends.
func startApp(tb testing.TB) *app {
	tb.Helper()
	dir := tb.TempDir()
	return startMain(tb, "serve", "--data", dir, "--addr", "127.0.0.1:0")
}

// startMain runs a serving tessera command in-process and returns the
// app once it listens; the command stops when the test ends.
func startMain(tb testing.TB, args ...string) *app {
	tb.Helper()
	a, stop := runMain(tb, args...)
	tb.Cleanup(stop)
	return a
}

// runMain runs a serving tessera command in-process and returns the app
// once it listens, and stop, which ends the command and waits for it. The
// server's logs are dropped, unless TESSERA_E2E_LOG=1 asks for them on
// stderr.
func runMain(tb testing.TB, args ...string) (*app, func()) {
	tb.Helper()
	var logs io.Writer = io.Discard
	if os.Getenv("TESSERA_E2E_LOG") == "1" {
		logs = os.Stderr
	}
	ready := make(chan *app, 1)
	done := make(chan int, 1)
	m := &cli.Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: logs,
		Ready: func(url string, d *datadir.Dir) {
			ready <- &app{URL: strings.TrimSuffix(url, "/"), Store: d.Store, Index: d.Index}
		}}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- m.Run(ctx, args) }()
	select {
	case a := <-ready:
		stopped := false
		return a, func() {
			tb.Helper()
			if stopped {
				return
			}
			stopped = true
			cancel()
			if code := <-done; code != 0 {
				tb.Errorf("tessera %v: exit %d after shutdown", args, code)
			}
		}
	case code := <-done:
		cancel()
		tb.Fatalf("tessera %v: exit %d before listening (TESSERA_E2E_LOG=1 shows why)", args, code)
		return nil, nil
	}
}

// browser is a headless Chromium tab with the console and dialogs watched.
type browser struct {
	ctx     context.Context
	mu      sync.Mutex
	errors  []string
	dialogs []string
}

// newBrowser starts Chromium with a fresh profile. Without Chromium the
// test is skipped, unless TESSERA_E2E=1 asks for the browser tests to run.
func newBrowser(tb testing.TB) *browser {
	tb.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("TESSERA_E2E") == "1" {
			tb.Fatalf("TESSERA_E2E=1 but Chromium is missing at %s: %v", chromiumPath, err)
		}
		tb.Skipf("Chromium not installed at %s (set TESSERA_E2E=1 to make this an error)", chromiumPath)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 10*time.Minute)
	tb.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	b := &browser{ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		tb.Fatalf("start Chromium: %v", err)
	}
	// Watch for errors in the page and for any alert/confirm/prompt.
	console := chromedp.Console(ctx)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || (m.Type == chromedp.ConsoleError && m.Source != "network") {
				b.mu.Lock()
				b.errors = append(b.errors, m.String())
				b.mu.Unlock()
			}
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, string(ev.Type)+": "+ev.Message)
			b.mu.Unlock()
			// A warning about unsaved changes is answered "Leave", as a
			// person reloading on purpose would; any other dialog is
			// dismissed.
			leave := ev.Type == page.DialogTypeBeforeunload
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: leave})
		}
	}()
	return b
}

// pageErrors returns the exceptions and console errors seen so far.
func (b *browser) pageErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errors...)
}

// openedDialogs returns the JavaScript dialogs that opened.
func (b *browser) openedDialogs() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.dialogs...)
}

// do runs browser steps, failing the test with what on error.
func (b *browser) do(tb testing.TB, what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		tb.Fatalf("%s: %v (page errors: %v)", what, err, b.pageErrors())
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes it.
func eval[T any](tb testing.TB, b *browser, expr string) T {
	tb.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("evaluate %s: %v (page errors: %v)", shorten(expr), err, b.pageErrors())
	}
	return v
}

// waitJS waits until a JavaScript expression is truthy.
func (b *browser) waitJS(tb testing.TB, what, expr string) {
	tb.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(15*time.Second), chromedp.WithPollingInterval(40*time.Millisecond)))
	if err != nil {
		tb.Fatalf("wait for %s (%s): %v (page errors: %v)", what, shorten(expr), err, b.pageErrors())
	}
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// outDir is where failure screenshots go: $TESSERA_E2E_OUT, or a new
// temporary directory that outlives the test.
func outDir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("TESSERA_E2E_OUT"); d != "" {
		if err := os.MkdirAll(d, 0o755); err == nil {
			return d
		}
	}
	d, err := os.MkdirTemp("", "tessera-e2e-")
	if err != nil {
		return os.TempDir()
	}
	return d
}

// screenshotsOnFailure captures the page, the reader and the codebook when
// the test fails.
func screenshotsOnFailure(tb testing.TB, b *browser, readerURL, codebookURL func() string) {
	tb.Helper()
	tb.Cleanup(func() {
		if !tb.Failed() {
			return
		}
		dir := outDir(tb)
		name := strings.NewReplacer("/", "_", " ", "_").Replace(tb.Name())
		ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
		defer cancel()
		shoot := func(suffix, url string) {
			if url != "" {
				if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Sleep(800*time.Millisecond)); err != nil {
					tb.Logf("screenshot %s: navigate: %v", suffix, err)
					return
				}
			}
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				tb.Logf("screenshot %s: %v", suffix, err)
				return
			}
			p := filepath.Join(dir, name+"-"+suffix+".png")
			if err := os.WriteFile(p, png, 0o644); err == nil {
				tb.Logf("screenshot: %s", p)
			}
		}
		shoot("page", "")
		if readerURL != nil {
			shoot("reader", readerURL())
		}
		if codebookURL != nil {
			shoot("codebook", codebookURL())
		}
	})
}

// apiCall sends a JSON request to the API and decodes the answer into out.
func apiCall(tb testing.TB, a *app, method, path string, body, out any) int {
	tb.Helper()
	var r io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			tb.Fatal(err)
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, a.URL+"/api/v1"+path, r)
	if err != nil {
		tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		tb.Fatalf("%s %s: status %d: %s", method, path, res.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			tb.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
	return res.StatusCode
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// selectText selects the first occurrence of text inside the transcript
// by setting the DOM selection on its text node, as a mouse would.
func selectText(tb testing.TB, b *browser, text string) {
	tb.Helper()
	setSelection(tb, b, text, false)
}

// setSelection selects the first occurrence of text inside the
// transcript, or with caret puts the cursor just before it.
func setSelection(tb testing.TB, b *browser, text string, caret bool) {
	tb.Helper()
	ok := eval[bool](tb, b, fmt.Sprintf(`(() => {
		const want = %s;
		const root = document.querySelector('.transcript');
		const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let n = w.nextNode(); n; n = w.nextNode()) {
			const i = n.data.indexOf(want);
			if (i < 0) continue;
			const r = document.createRange();
			r.setStart(n, i);
			r.setEnd(n, %s ? i : i + want.length);
			const sel = document.getSelection();
			sel.removeAllRanges();
			sel.addRange(r);
			return true;
		}
		return false;
	})()`, jsString(text), strconv.FormatBool(caret)))
	if !ok {
		tb.Fatalf("text %q not found in the transcript", text)
	}
}

// highlightedText joins the text of the highlights of quotes coded with
// a code, in document order.
func highlightedText(tb testing.TB, b *browser) string {
	tb.Helper()
	return eval[string](tb, b, `[...document.querySelectorAll('.transcript .hl')].map(e => e.textContent).join('')`)
}

// shortcut presses a key as a keyboard shortcut: key down and key up
// without the separate char event that KeyEvent sends. A page that handles
// the key down cancels it, and a real browser then types nothing; the
// protocol's char event would type the key into whatever the shortcut
// focused.
func shortcut(key rune, mods ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, k := range kb.Encode(key) {
			if k.Type == kb.KeyChar {
				continue
			}
			for _, m := range mods {
				k.Modifiers |= int64(m)
			}
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *k); err != nil {
				return err
			}
		}
		return nil
	})
}
