package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tessera/coding"
	"tessera/coding/datadir"
	"tessera/server"
)

// teamText is the interview of the team tests, with "å" of "på"
// decomposed as it may arrive; the server stores it NFC.
const teamText = "Vi litar pa\u030a Luleå 👍 men Kohtamäki tvekar"

// cheapPasswords keep the password hashes of the tests fast.
var cheapPasswords = coding.PasswordParams{Time: 1, MemoryKiB: 1024, Threads: 1}

// teamPassword is the password of each test account.
func teamPassword(name string) string { return name + "-Kohtamäki-👍" }

// startTeamApp runs `tessera serve --team` with the accounts olga (an
// administrator), aino, bjorn and vera.
func startTeamApp(tb testing.TB) *app {
	tb.Helper()
	dir := tb.TempDir()
	d, err := datadir.Open(context.Background(), dir, datadir.Options{})
	if err != nil {
		tb.Fatalf("open the data directory: %v", err)
	}
	for _, name := range []string{"olga", "aino", "bjorn", "vera"} {
		hash, err := coding.HashPassword(teamPassword(name), cheapPasswords)
		if err != nil {
			tb.Fatal(err)
		}
		if err := d.Store.CreateUser(context.Background(), &coding.User{Username: name, PasswordHash: hash, Admin: name == "olga"}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := d.Close(); err != nil {
		tb.Fatal(err)
	}
	return startMain(tb, "serve", "--data", dir, "--team", "--addr", "127.0.0.1:0")
}

// member is a signed-in API client: its cookie and CSRF token.
type member struct {
	tb   testing.TB
	url  string
	http *http.Client
	csrf string
}

// signIn signs name in through the API.
func signIn(tb testing.TB, a *app, name string) *member {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	m := &member{tb: tb, url: a.URL, http: &http.Client{Jar: jar}}
	var me struct {
		CSRFToken string `json:"csrf_token"`
	}
	m.call("POST", "/login", map[string]string{"username": name, "password": teamPassword(name)}, &me)
	m.csrf = me.CSRFToken
	return m
}

// call sends a JSON request as the member and decodes the answer into out.
func (m *member) call(method, path string, body, out any) {
	m.tb.Helper()
	var r io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			m.tb.Fatal(err)
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, m.url+"/api/v1"+path, r)
	if err != nil {
		m.tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if m.csrf != "" {
		req.Header.Set(server.CSRFHeader, m.csrf)
	}
	res, err := m.http.Do(req)
	if err != nil {
		m.tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		m.tb.Fatalf("%s %s: status %d: %s", method, path, res.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			m.tb.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
}

// screenshot saves the page as name.png when TESSERA_E2E_OUT names a
// directory, for looking at the screens.
func screenshot(tb testing.TB, b *browser, name string) {
	tb.Helper()
	dir := os.Getenv("TESSERA_E2E_OUT")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(dir, name+".png")
	if err := os.MkdirAll(dir, 0o755); err == nil && os.WriteFile(p, png, 0o644) == nil {
		tb.Logf("screenshot: %s", p)
	}
}

// signInPage fills in the login page and submits it.
func signInPage(tb testing.TB, b *browser, name, password string) {
	tb.Helper()
	b.waitJS(tb, "the login form", `!!document.querySelector('.login-form input[name=username]')`)
	// Empty the fields as a person would, so Preact sees the input.
	eval[bool](tb, b, `(() => { for (const el of document.querySelectorAll('.login-form input')) {
		el.value = ''; el.dispatchEvent(new Event('input', {bubbles: true})); } return true; })()`)
	b.do(tb, "sign in as "+name,
		chromedp.SendKeys(chromedp.CSS(`.login-form input[name=username]`), name),
		chromedp.SendKeys(chromedp.CSS(`.login-form input[name=password]`), password),
		chromedp.Click(chromedp.CSS(`.login-form button[type=submit]`)),
	)
}

// waitAcrossLoad waits until a JavaScript expression is truthy while the
// page may be loading anew (signing out starts a fresh page).
func waitAcrossLoad(tb testing.TB, b *browser, what, expr string) {
	tb.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr,
			chromedp.WithPollingTimeout(5*time.Second), chromedp.WithPollingInterval(40*time.Millisecond)))
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("wait for %s: %v (page errors: %v)", what, err, b.pageErrors())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// codeSelection codes the text selected in the reader with the existing
// code name, through the coding popover.
func codeSelection(tb testing.TB, b *browser, name string) {
	tb.Helper()
	b.waitJS(tb, "the selection bubble", `!!document.querySelector('.bubble')`)
	b.do(tb, "open the coding popover", shortcut('c'))
	b.waitJS(tb, "the coding popover", `document.activeElement && document.activeElement.classList.contains('picker-input')`)
	b.do(tb, "find "+name, chromedp.KeyEvent(name))
	b.waitJS(tb, "the code offered", fmt.Sprintf(`[...document.querySelectorAll('.picker-opt.active')].some(e => e.textContent.includes(%s))`, jsString(name)))
	b.do(tb, "apply "+name, chromedp.KeyEvent(kb.Enter))
}

// quoteOf returns the coder's quote [start, end), waiting for it to be saved.
func quoteOf(tb testing.TB, m *member, pid, coder string, start, end int) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var qs []struct {
			Coder string `json:"coder"`
			Start int    `json:"start"`
			End   int    `json:"end"`
		}
		m.call("GET", "/projects/"+pid+"/quotes", nil, &qs)
		for _, q := range qs {
			if q.Coder == coder && q.Start == start && q.End == end {
				return
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no quote of %s at [%d,%d) after 10 s; quotes %+v", coder, start, end, qs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// trustStudy has olga make the project "Trust study" with the interview
// and the code trust, which aino and bjorn code independently (with the
// viewers as members too); it returns the IDs of project, document and
// code.
func trustStudy(tb testing.TB, olga *member, viewers ...string) (pid, did, trust string) {
	tb.Helper()
	var v struct {
		ID string `json:"id"`
	}
	olga.call("POST", "/projects", map[string]any{"name": "Trust study"}, &v)
	pid = v.ID
	p := "/projects/" + pid
	olga.call("POST", p+"/documents", map[string]any{"title": "Intervju Luleå", "text": teamText}, &v)
	did = v.ID
	olga.call("POST", p+"/codes", map[string]any{"name": "trust"}, &v)
	trust = v.ID
	roles := map[string]string{"aino": "coder", "bjorn": "coder"}
	for _, name := range viewers {
		roles[name] = "viewer"
	}
	for name, role := range roles {
		olga.call("PUT", p+"/members/"+name, map[string]string{"role": role}, nil)
	}
	olga.call("PUT", p+"/assignments", map[string]any{"document_ids": []string{did}, "coders": []string{"aino", "bjorn"}, "independent": true}, nil)
	return pid, did, trust
}

// TestTeamAgreementAndConsensus signs in through the login page, reads the
// agreement of two coders and their disagreement side by side, takes one
// coder's coding into the consensus, and signs out; then a coder codes in
// the reader (each change carries the CSRF token) and goes on after the
// session ended, without losing the change.
func TestTeamAgreementAndConsensus(t *testing.T) {
	a := startTeamApp(t)
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)

	// The owner sets up the project; the coders code the interview
	// independently through the API.
	olga, aino, bjorn := signIn(t, a, "olga"), signIn(t, a, "aino"), signIn(t, a, "bjorn")
	pid, did, trust := trustStudy(t, olga, "vera")
	p := "/projects/" + pid
	var v struct {
		ID string `json:"id"`
	}
	olga.call("POST", p+"/codes", map[string]any{"name": "risk"}, &v)
	quote := func(m *member, start, end int) string {
		m.call("POST", p+"/quotes", map[string]any{"document_id": did, "start": start, "end": end, "code_ids": []string{trust}}, &v)
		return v.ID
	}
	quote(aino, 0, 10)
	ainoQ := quote(aino, 20, 30) // "men Kohtam"
	quote(bjorn, 0, 9)
	bjornQ := quote(bjorn, 22, 30) // "n Kohtam": 8 of 10 shared, below 90 %

	// A wrong password shows the server's message; the right one enters.
	b.do(t, "open Tessera", chromedp.Navigate(a.URL+"/"))
	signInPage(t, b, "olga", "not the password")
	b.waitJS(t, "the error", `!!document.querySelector('.login-error')`)
	if got := eval[string](t, b, `document.querySelector('.login-error').textContent`); !strings.Contains(got, "wrong username or password") {
		t.Errorf("login error: got %q, want the server's message", got)
	}
	screenshot(t, b, "team-login")
	signInPage(t, b, "olga", teamPassword("olga"))
	b.waitJS(t, "the project list", `[...document.querySelectorAll('.project-open')].some(e => e.textContent.includes('Trust study'))`)
	if got := eval[string](t, b, `document.querySelector('.account-user').textContent`); got != "olga" {
		t.Errorf("top bar user: got %q, want olga", got)
	}

	// The Team screen shows the agreement figures of the API.
	b.do(t, "open the Team screen", chromedp.Navigate(a.URL+"/p/"+pid+"/team"))
	b.waitJS(t, "the agreement table", `!!document.querySelector('.agreement-table tfoot .pooled') && !document.querySelector('.team-stale')`)
	// The top bar with the account menu fits the laptop screen, also
	// beside the scrollbar of a long page.
	checkFits(t, b, "team screen", [2]int64{1280, 800})
	eval[bool](t, b, `document.body.style.minHeight = '3000px', true`)
	checkFits(t, b, "team screen with a scrollbar", [2]int64{1280, 800})
	eval[bool](t, b, `document.body.style.minHeight = '', true`)
	var rep struct {
		Character, Segment struct {
			Pooled struct {
				PercentAgreement *float64 `json:"percent_agreement"`
				Kappa            *float64 `json:"kappa"`
				Alpha            *float64 `json:"alpha"`
			} `json:"pooled"`
		}
	}
	olga.call("GET", p+"/agreement?coders=aino,bjorn&documents="+did, nil, &rep)
	fig := func(v *float64, pct bool) string {
		switch {
		case v == nil:
			return "n/a"
		case pct:
			return fmt.Sprintf("%.1f %%", *v)
		}
		return fmt.Sprintf("%.3f", *v)
	}
	c, s := rep.Character.Pooled, rep.Segment.Pooled
	want := []string{"All codes (pooled)", fig(c.PercentAgreement, true), fig(c.Kappa, false), fig(c.Alpha, false),
		fig(s.PercentAgreement, true), fig(s.Kappa, false), fig(s.Alpha, false)}
	got := eval[[]string](t, b, `[...document.querySelectorAll('.agreement-table tfoot .pooled > *')].slice(0, 7).map(e => e.textContent.trim())`)
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("pooled row: got %q, want %q", got, want)
	}
	screenshot(t, b, "team-agreement")

	// The disagreement view: one passage of trust, the coders side by side.
	b.do(t, "open the disagreements", chromedp.Click(chromedp.CSS(`.team-tabs a[href*="/team/disagreements"]`)))
	b.waitJS(t, "the passages", `document.querySelectorAll('.passage').length > 0`)
	cols := eval[[]string](t, b, `[...document.querySelectorAll('.passage')].filter(p => p.textContent.includes('Kohtam'))
		.flatMap(p => [...p.querySelectorAll('.dis-col')].map(c => c.querySelector('.dis-coder strong').textContent + ': ' + c.querySelector('.dis-passage').textContent))`)
	if want := []string{"aino: men Kohtam", "bjorn: men Kohtam"}; strings.Join(cols, " | ") != strings.Join(want, " | ") {
		t.Errorf("side by side: got %q, want %q", cols, want)
	}
	// What sets them apart is marked: "me" only aino coded.
	if got := eval[string](t, b, `[...document.querySelectorAll('.passage')].find(p => p.textContent.includes('Kohtam')).querySelector('.dis-col .dis-differs').textContent`); got != "me" {
		t.Errorf("aino's differing part: got %q, want %q", got, "me")
	}
	if got := eval[string](t, b, `[...document.querySelectorAll('.passage')].find(p => p.textContent.includes('Kohtam')).querySelector('a[href*="?at="]').getAttribute('href')`); got != "/p/"+pid+"/d/"+did+"?at=20-30" {
		t.Errorf("jump to text: got %q", got)
	}
	screenshot(t, b, "team-disagreements")

	// Take aino's coding: her quote accepted, bjorn's rejected.
	b.do(t, "accept aino's coding", chromedp.Click(chromedp.CSS(`.passage .dis-col button`)))
	b.waitJS(t, "the recorded decisions", `[...document.querySelectorAll('.passage .decision')].length >= 2`)
	var ds []struct {
		QuoteID  string `json:"quote_id"`
		Decision string `json:"decision"`
		By       string `json:"decided_by"`
	}
	olga.call("GET", p+"/consensus", nil, &ds)
	decided := map[string]string{}
	for _, d := range ds {
		decided[d.QuoteID] = d.Decision + " by " + d.By
	}
	if decided[ainoQ] != "accept by olga" || decided[bjornQ] != "reject by olga" {
		t.Errorf("consensus: got %v, want aino's quote accepted and bjorn's rejected by olga", decided)
	}
	screenshot(t, b, "team-decided")

	// The members and assignments the owner manages, and the accounts.
	b.do(t, "open the members", chromedp.Click(chromedp.CSS(`.team-tabs a[href$="/team/members"]`)))
	b.waitJS(t, "the members", `document.querySelectorAll('.members-table tbody tr').length === 4`)
	if got := eval[string](t, b, `[...document.querySelectorAll('.members-table tbody tr')].map(r => r.querySelector('th').textContent + '=' + r.querySelector('select').value).join(' ')`); got != "aino=coder bjorn=coder olga (you)=owner vera=viewer" {
		t.Errorf("members: got %q", got)
	}
	screenshot(t, b, "team-members")
	checkFits(t, b, "team members", [2]int64{1280, 800})
	b.do(t, "open the assignments", chromedp.Click(chromedp.CSS(`.team-tabs a[href$="/team/assignments"]`)))
	b.waitJS(t, "the assignment", `[...document.querySelectorAll('.members-table tbody tr')].some(r => r.textContent.includes('aino, bjorn'))`)
	screenshot(t, b, "team-assignments")
	b.do(t, "open the accounts", chromedp.Navigate(a.URL+"/users"))
	b.waitJS(t, "the accounts", `document.querySelectorAll('.users-table tbody tr').length === 4`)
	screenshot(t, b, "team-users")
	b.do(t, "back to the disagreements", chromedp.Navigate(a.URL+"/p/"+pid+"/team/disagreements"))
	b.waitJS(t, "the passages", `document.querySelectorAll('.passage').length > 0`)

	// Jump to the passage in the transcript.
	b.do(t, "jump to the text", chromedp.Click(chromedp.CSS(`.passage a[href*="?at="]`)))
	b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block') && document.getSelection().toString() === 'men Kohtam'`)

	// Signing out returns to the login page.
	b.do(t, "sign out", chromedp.Click(chromedp.CSS(`.sign-out`)))
	waitAcrossLoad(t, b, "the login page", `!!document.querySelector('.login-page')`)
	if got := eval[int](t, b, `document.querySelectorAll('.transcript').length`); got != 0 {
		t.Errorf("after signing out: got %d transcripts on the page, want 0", got)
	}

	// A coder codes in the reader: the change carries the CSRF token.
	signInPage(t, b, "aino", teamPassword("aino"))
	b.waitJS(t, "the project list", `!!document.querySelector('.project-open')`)
	b.do(t, "open the interview", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+did))
	b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block') && window.__tessera.readerReadyAt > 0`)
	if got := eval[int](t, b, `document.querySelectorAll('.transcript .hl[data-q]').length`); got == 0 {
		t.Errorf("aino sees none of her quotes")
	}
	var doc struct {
		Text string `json:"text"`
	}
	aino.call("GET", p+"/documents/"+did, nil, &doc)
	cp := func(s string) int { return utf8.RuneCountInString(doc.Text[:strings.Index(doc.Text, s)]) }
	selectText(t, b, "Luleå")
	codeSelection(t, b, "risk")
	quoteOf(t, aino, pid, "aino", cp("Luleå"), cp("Luleå")+5)
	if got := eval[int](t, b, `document.querySelectorAll('.save-error').length`); got != 0 {
		t.Errorf("got %d failed saves, want 0: %s", got, eval[string](t, b, `document.querySelector('.save-errors').textContent`))
	}

	// Wait for the codebook's counts to follow, the last request of coding.
	b.waitJS(t, "the count of risk", `[...document.querySelectorAll('.tree-row')].some(r => r.querySelector('.code-name').textContent === 'risk' && r.querySelector('.counts').textContent.trim() === '1')`)

	// Her session ends (she changed her password elsewhere): the next
	// change waits for her to sign in again, then is saved.
	aino.call("POST", "/me/password", map[string]string{"old": teamPassword("aino"), "new": "aino-new-Luleå-👍"}, nil)
	selectText(t, b, "tvekar")
	codeSelection(t, b, "risk")
	b.waitJS(t, "the sign-in dialog", `!!document.querySelector('.login-dialog[open]')`)
	if got := eval[string](t, b, `document.querySelector('.save-status').textContent`); got != "Saving…" {
		t.Errorf("while signed out: save status %q, want Saving…", got)
	}
	b.do(t, "sign in again",
		chromedp.SendKeys(chromedp.CSS(`.login-dialog input[name=password]`), "aino-new-Luleå-👍"),
		chromedp.Click(chromedp.CSS(`.login-dialog button[type=submit]`)),
	)
	b.waitJS(t, "the dialog to close", `!document.querySelector('.login-dialog')`)
	quoteOf(t, aino, pid, "aino", cp("tvekar"), cp("tvekar")+6)
	b.waitJS(t, "everything saved", `document.querySelector('.save-status').textContent === 'All changes saved'`)
	if got := eval[string](t, b, `document.querySelector('.reader-head').textContent`); !strings.Contains(got, "You code this document independently") {
		t.Errorf("reader head: got %q, want the note on independent coding", got)
	}
	screenshot(t, b, "team-coder-reader")

	// A viewer reads: no coding offered, no codebook changes.
	b.do(t, "sign out aino", chromedp.Click(chromedp.CSS(`.sign-out`)))
	waitAcrossLoad(t, b, "the login page", `!!document.querySelector('.login-page')`)
	signInPage(t, b, "vera", teamPassword("vera"))
	b.waitJS(t, "the project list", `!!document.querySelector('.project-open')`)
	b.do(t, "open the interview as viewer", chromedp.Navigate(a.URL+"/p/"+pid+"/d/"+did))
	b.waitJS(t, "the reader", `!!document.querySelector('.transcript .block') && !!document.querySelector('.reader-head .readonly-note')`)
	selectText(t, b, "Luleå")
	b.do(t, "press c", shortcut('c'))
	// The shortcut list opening on ? shows the page has handled c before it.
	b.do(t, "press ?", shortcut('?'))
	b.waitJS(t, "the shortcut list", `!!document.querySelector('.shortcuts')`)
	b.do(t, "close the shortcut list", chromedp.Click(chromedp.CSS(`dialog .dialog-actions button`)))
	b.waitJS(t, "the shortcut list to close", `!document.querySelector('.shortcuts')`)
	if got := eval[int](t, b, `document.querySelectorAll('.bubble, .popover').length`); got != 0 {
		t.Errorf("viewer: got %d coding bubbles or popovers, want 0", got)
	}
	if got := eval[int](t, b, `document.querySelectorAll('.new-code, .row-menu').length`); got != 0 {
		t.Errorf("viewer: got %d codebook editing controls, want 0", got)
	}
	// A quote the viewer selects shows as selected, without drag handles.
	b.do(t, "select a quote as viewer", chromedp.Click(chromedp.CSS(`.transcript .hl[data-q]`)))
	b.waitJS(t, "the quote selected", `!!document.querySelector('.transcript .hl.sel')`)
	if got := eval[int](t, b, `document.querySelectorAll('.transcript .handle').length`); got != 0 {
		t.Errorf("viewer: got %d resize handles on the selected quote, want 0", got)
	}
	screenshot(t, b, "team-viewer-reader")
	b.do(t, "open a code as viewer", chromedp.Navigate(a.URL+"/p/"+pid+"/codes/"+trust))
	b.waitJS(t, "the code", `!!document.querySelector('.code-detail .code-title')`)
	if !eval[bool](t, b, `document.querySelector('.code-detail .code-title').matches(':disabled')`) {
		t.Errorf("viewer: the code's name can be edited")
	}
	screenshot(t, b, "team-viewer-code")
	b.do(t, "open the disagreements as viewer", chromedp.Navigate(a.URL+"/p/"+pid+"/team/disagreements"))
	b.waitJS(t, "the passages", `document.querySelectorAll('.passage').length > 0`)
	if got := eval[int](t, b, `document.querySelectorAll('.passage button').length`); got != 0 {
		t.Errorf("viewer: got %d consensus buttons, want 0", got)
	}

	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
	if ds := b.openedDialogs(); len(ds) > 0 {
		t.Errorf("browser dialogs opened: %v", ds)
	}
}

// TestUploadWaitsForSignIn uploads a transcript after the owner's session
// ended: the file waits for the sign-in, then is imported without being
// chosen again.
func TestUploadWaitsForSignIn(t *testing.T) {
	a := startTeamApp(t)
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	olga := signIn(t, a, "olga")
	var v struct {
		ID string `json:"id"`
	}
	olga.call("POST", "/projects", map[string]any{"name": "Upload study"}, &v)
	pid := v.ID

	b.do(t, "open Tessera", chromedp.Navigate(a.URL+"/"))
	signInPage(t, b, "olga", teamPassword("olga"))
	b.waitJS(t, "the project list", `!!document.querySelector('.project-open')`)
	b.do(t, "open the project", chromedp.Navigate(a.URL+"/p/"+pid))
	b.waitJS(t, "the upload zone", `!!document.querySelector('#upload-input')`)

	// Her password changes elsewhere, which ends the browser's session.
	const newPassword = "olga-new-Luleå-🎉"
	olga.call("POST", "/me/password", map[string]string{"old": teamPassword("olga"), "new": newPassword}, nil)
	file, err := filepath.Abs(filepath.Join("testdata", "kohtamaki-ceo.txt"))
	if err != nil {
		t.Fatal(err)
	}
	b.do(t, "upload a transcript", chromedp.SetUploadFiles(chromedp.CSS(`#upload-input`), []string{file}))
	b.waitJS(t, "the sign-in dialog", `!!document.querySelector('.login-dialog[open]')`)
	b.waitJS(t, "the upload waiting", `!!document.querySelector('.upload-item.signin')`)
	b.do(t, "sign in again",
		chromedp.SendKeys(chromedp.CSS(`.login-dialog input[name=password]`), newPassword),
		chromedp.Click(chromedp.CSS(`.login-dialog button[type=submit]`)),
	)
	b.waitJS(t, "the import", `document.querySelectorAll('.upload-item.done').length === 1`)
	b.waitJS(t, "the document listed", `document.querySelectorAll('.doc-open').length === 1`)
	if got := eval[int](t, b, `document.querySelectorAll('.upload-item.failed').length`); got != 0 {
		t.Errorf("got %d failed uploads, want 0", got)
	}
}
