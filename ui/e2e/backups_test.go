package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestRestoreBackupFromTheProjectsPage reads when the last backup was
// made on the projects page, then restores it as a person does: the
// restore button, a backup chosen with the keyboard, the confirmation;
// the page reloads on the restored data.
func TestRestoreBackupFromTheProjectsPage(t *testing.T) {
	a := startApp(t)
	// serve takes a backup when it starts, in the background.
	var list struct {
		Last *struct{ Name string } `json:"last"`
	}
	deadline := time.Now().Add(15 * time.Second)
	for apiCall(t, a, "GET", "/backups", nil, &list); list.Last == nil; apiCall(t, a, "GET", "/backups", nil, &list) {
		if time.Now().After(deadline) {
			t.Fatal("no start backup")
		}
		time.Sleep(20 * time.Millisecond)
	}
	apiCall(t, a, "POST", "/projects", map[string]any{"name": "Made after the backup"}, nil)

	b := newBrowser(t)
	b.do(t, "open the projects page", chromedp.Navigate(a.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.project-card`)))
	b.waitJS(t, "the last backup", `(document.querySelector('.backups time') || {}).textContent > ''`)
	if got := eval[string](t, b, `document.querySelector('.backups').textContent`); !contains(got, "Last backup:", "when Tessera started", "the last 7 kept") {
		t.Errorf("backups panel: got %q", got)
	}

	b.do(t, "open the restore dialog", chromedp.Click(chromedp.CSS(`.backups button`)),
		chromedp.WaitVisible(chromedp.CSS(`dialog[open] .backup-option`)))
	if n := eval[int](t, b, `document.querySelectorAll('dialog[open] .backup-option').length`); n != 1 {
		t.Errorf("got %d backups in the dialog, want the start backup", n)
	}
	if os.Getenv("TESSERA_SCREENS") == "1" {
		png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(outDir(t), "restore-backup-1280x800.png"), png, 0o644)
	}
	// The newest is chosen and focused; Enter submits the choice.
	b.waitJS(t, "the newest backup focused", `document.activeElement && document.activeElement.name === 'backup' && document.activeElement.checked`)
	b.do(t, "choose it", chromedp.KeyEvent("\r"))
	b.waitJS(t, "the confirmation", `(document.querySelector('dialog[open] .dialog-msg') || {}).textContent > ''`)
	if got := eval[string](t, b, `document.querySelector('dialog[open] .dialog-msg').textContent`); !contains(got, "Replace all projects", "kept as another backup") {
		t.Errorf("confirmation: got %q", got)
	}
	eval[bool](t, b, `window.beforeRestore = true`)
	b.do(t, "confirm", chromedp.Click(chromedp.CSS(`dialog[open] .btn-danger`)))

	// The page reloads on the restored data: the project made after the
	// backup is gone, and the replaced database is the newest backup.
	// (Polled through the reload, which ends any one evaluation.)
	reloaded := `!window.beforeRestore && !!document.querySelector('.projects-page .empty-state') &&
		(document.querySelector('.backups') || {textContent: ''}).textContent.includes('kept before a restore')`
	deadline = time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](reloaded))
		if err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page did not reload on the restored data (last error %v; page errors %v)", err, b.pageErrors())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}

// contains reports whether s contains every part.
func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
