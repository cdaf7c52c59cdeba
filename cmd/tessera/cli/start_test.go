package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tessera/cmd/tessera/cli"
	"tessera/cmd/tessera/desktop"
	"tessera/coding/datadir"
)

// desktopEnv is the environment of a start without --data: on Linux, its
// data directory lands in XDG_DATA_HOME, here a temporary folder with a
// space and a non-ASCII letter in its path; the working directory has no
// tessera-data.
func desktopEnv(t *testing.T) (env func() desktop.Env, dataDir string) {
	t.Helper()
	home, wd := t.TempDir(), t.TempDir()
	xdg := filepath.Join(home, "Own files", "Données")
	return func() desktop.Env {
		e := desktop.HostEnv()
		e.GOOS, e.Home, e.WorkDir = "linux", home, wd
		e.Getenv = func(k string) string {
			if k == "XDG_DATA_HOME" {
				return xdg
			}
			return ""
		}
		return e
	}, filepath.Join(xdg, "tessera")
}

// syncBuffer is a buffer a test reads while the program writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// desktopRun is one run of tessera without a command.
type desktopRun struct {
	url            string
	stdout, stderr *syncBuffer
	opened         chan string // URLs the browser was asked to open
	stop           func() int  // stops the program, returns its exit code
}

// startDesktop runs tessera with args (no command) in env until it serves.
func startDesktop(t *testing.T, env func() desktop.Env, args ...string) *desktopRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &desktopRun{stdout: &syncBuffer{}, stderr: &syncBuffer{}, opened: make(chan string, 4)}
	ready := make(chan string, 1)
	done := make(chan int, 1)
	m := &cli.Main{Stdin: strings.NewReader(""), Stdout: r.stdout, Stderr: r.stderr, Env: env,
		OpenBrowser: func(url string) error { r.opened <- url; return nil },
		Ready:       func(url string, _ *datadir.Dir) { ready <- url }}
	go func() { done <- m.Run(ctx, args) }()
	var once sync.Once
	code := 0
	r.stop = func() int {
		once.Do(func() { cancel(); code = <-done })
		return code
	}
	t.Cleanup(func() { r.stop() })
	select {
	case r.url = <-ready:
	case code := <-done:
		t.Fatalf("exit %d before serving\n%s%s", code, r.stdout, r.stderr)
	}
	return r
}

// getJSON fetches url and decodes its JSON answer into v; it returns the
// status.
func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 && v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s: %v: %s", url, err, body)
		}
	}
	return resp.StatusCode
}

// backupList is the answer of GET /api/v1/backups.
type backupList struct {
	Backups []struct{ Name, Kind string }
	Last    *struct{ Name, Kind string }
}

// waitFor polls cond every 20 ms until it holds, for at most 30 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestStartSecondStartFindsTheFirst(t *testing.T) {
	env, dataDir := desktopEnv(t)
	first := startDesktop(t, env)
	if got := <-first.opened; got != first.url {
		t.Errorf("the browser opened %q, want %q", got, first.url)
	}
	if want := fmt.Sprintf("Data directory: %s ($XDG_DATA_HOME)\nTessera is serving %s at %s\n", dataDir, dataDir, first.url); first.stdout.String() != want {
		t.Errorf("first start printed\n%s\nwant\n%s", first.stdout, want)
	}

	// A second start, also without arguments, finds the first: it opens
	// the browser on it, prints its URL and exits 0.
	var out, errb bytes.Buffer
	var opened []string
	second := &cli.Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Env: env,
		OpenBrowser: func(url string) error { opened = append(opened, url); return nil }}
	if code := second.Run(context.Background(), nil); code != 0 {
		t.Fatalf("second start: exit %d\n%s", code, errb.String())
	}
	want := fmt.Sprintf("Data directory: %s ($XDG_DATA_HOME)\nTessera is already running for %s at %s\n", dataDir, dataDir, first.url)
	if out.String() != want {
		t.Errorf("second start printed\n%s\nwant\n%s", out.String(), want)
	}
	if len(opened) != 1 || opened[0] != first.url {
		t.Errorf("second start opened %v, want the first's %s", opened, first.url)
	}

	// The start backup lands in the data directory's backups folder.
	var list backupList
	waitFor(t, "the start backup", func() bool {
		return getJSON(t, first.url+"api/v1/backups", &list) == 200 && list.Last != nil
	})
	if _, err := os.Stat(filepath.Join(dataDir, "backups", list.Last.Name)); err != nil || list.Last.Kind != "start" {
		t.Errorf("start backup %+v: %v", list.Last, err)
	}

	// The restore command refuses while the server holds the database.
	r := run(t, "restore", "--data", dataDir, "--yes", filepath.Join(dataDir, "backups", list.Last.Name))
	if r.code != 1 || !strings.Contains(r.stderr, "a Tessera server is using") || !strings.Contains(r.stderr, first.url) {
		t.Errorf("restore while serving: got exit %d %q, want a refusal naming %s", r.code, r.stderr, first.url)
	}

	// Stopping (Ctrl+C, or closing the console window on Windows) ends
	// with exit 0 and removes the address record.
	if code := first.stop(); code != 0 {
		t.Fatalf("stopping: exit %d\n%s", code, first.stderr)
	}
	if _, err := os.Stat(filepath.Join(dataDir, desktop.URLFile)); !os.IsNotExist(err) {
		t.Errorf("%s after stopping: %v, want it removed", desktop.URLFile, err)
	}
}

func TestStartKeepsUsingTesseraData(t *testing.T) {
	env, _ := desktopEnv(t)
	legacy := filepath.Join(env().WorkDir, "tessera-data")
	if r := run(t, "import", "--data", legacy, "--project", "Old study", filepath.Join(sampleDir(t), "README.md")); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	s := startDesktop(t, env, "--no-open", "--keep-backups", "0")
	if !strings.HasPrefix(s.stdout.String(), "Data directory: "+legacy+" (the working directory has a tessera-data folder)\n") {
		t.Errorf("got %q, want the legacy folder announced", s.stdout)
	}
	var projects []struct{ Name string }
	if getJSON(t, s.url+"api/v1/projects", &projects) != 200 || len(projects) != 1 || projects[0].Name != "Old study" {
		t.Errorf("got projects %v, want the one in ./tessera-data", projects)
	}
	var list backupList
	if getJSON(t, s.url+"api/v1/backups", &list); len(list.Backups) != 0 {
		t.Errorf("--keep-backups 0: got backups %v", list.Backups)
	}
	select {
	case url := <-s.opened:
		t.Errorf("--no-open: the browser opened %s", url)
	default:
	}
}

func TestRestoreFromTheRunningServer(t *testing.T) {
	env, _ := desktopEnv(t)
	s := startDesktop(t, env, "--no-open")
	var list backupList
	waitFor(t, "the start backup", func() bool {
		return getJSON(t, s.url+"api/v1/backups", &list) == 200 && list.Last != nil
	})
	startBackup := list.Last.Name
	post := func(path, body string) (int, string) {
		t.Helper()
		resp, err := http.Post(s.url+"api/v1/"+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := post("projects", `{"name": "Made after the backup"}`); code != 201 {
		t.Fatalf("create project: %d %s", code, body)
	}
	if code, body := post("backups/restore", `{"name": "`+startBackup+`"}`); code != 202 {
		t.Fatalf("restore: %d %s", code, body)
	}
	// The server comes back on the same address with the restored data.
	var projects []struct{ Name string }
	waitFor(t, "the restored data", func() bool {
		return getJSON(t, s.url+"api/v1/projects", &projects) == 200 && len(projects) == 0
	})
	// The replaced database is kept and restores in turn; search works on
	// it (the index is rebuilt).
	getJSON(t, s.url+"api/v1/backups", &list)
	if list.Last == nil || list.Last.Kind != "before-restore" {
		t.Fatalf("got newest backup %+v, want the replaced database", list.Last)
	}
	if code, body := post("backups/restore", `{"name": "`+list.Last.Name+`"}`); code != 202 {
		t.Fatalf("undo the restore: %d %s", code, body)
	}
	var p []struct{ ID, Name string }
	waitFor(t, "the data from before the restore", func() bool {
		return getJSON(t, s.url+"api/v1/projects", &p) == 200 && len(p) == 1
	})
	if code := getJSON(t, s.url+"api/v1/projects/"+p[0].ID+"/search?q=anything", nil); code != 200 {
		t.Errorf("search after the restore: status %d", code)
	}
}

func TestRestoreCommand(t *testing.T) {
	data := importSample(t)
	saved := filepath.Join(t.TempDir(), "before.db")
	if r := run(t, "backup", "--data", data, "-o", saved); r.code != 0 {
		t.Fatalf("backup: %s", r.stderr)
	}
	if r := run(t, "import", "--data", data, "--project", "Later study", filepath.Join(sampleDir(t), "README.md")); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	// Without a yes nothing changes.
	r := runIn(t, "no\n", "restore", "--data", data, saved)
	if r.code != 1 || !strings.Contains(r.stderr, "Type yes to restore") || !strings.Contains(r.stderr, "not restored") {
		t.Fatalf("answer no: got exit %d %q", r.code, r.stderr)
	}
	if r := run(t, "export", "--data", data, "--project", "Later study", "--format", "codebook-csv"); r.code != 0 {
		t.Fatalf("after answering no the data changed: %s", r.stderr)
	}
	r = runIn(t, "yes\n", "restore", "--data", data, saved)
	if r.code != 0 || !strings.Contains(r.stderr, "the replaced database is kept as") {
		t.Fatalf("restore: exit %d %q", r.code, r.stderr)
	}
	if r := run(t, "export", "--data", data, "--project", "Later study", "--format", "codebook-csv"); r.code != 1 {
		t.Errorf("the project made after the backup is still there")
	}
	// Search runs on the restored data (the index is rebuilt from it).
	if r := run(t, "search", "--data", data, "--project", "Failure study", "trade"); r.code != 0 || r.stdout == "" {
		t.Errorf("search after restore: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	// The replaced database was kept as a backup that restores in turn.
	kept, _ := filepath.Glob(filepath.Join(data, "backups", "tessera-*-before-restore.db"))
	if len(kept) != 1 {
		t.Fatalf("got %v, want one before-restore backup", kept)
	}
	if r := run(t, "restore", "--data", data, "--yes", kept[0]); r.code != 0 {
		t.Fatalf("restore the kept copy: %s", r.stderr)
	}
	if r := run(t, "export", "--data", data, "--project", "Later study", "--format", "codebook-csv"); r.code != 0 {
		t.Errorf("after restoring the kept copy: %s", r.stderr)
	}
}

func TestStartErrorWaitsForEnter(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	m := &cli.Main{Stdin: strings.NewReader("\n"), Stdout: &out, Stderr: &errb, PauseOnStartError: true}
	if code := m.Run(context.Background(), []string{"--data", file, "--no-open"}); code != 1 {
		t.Fatalf("got exit %d, want 1: %s", code, errb.String())
	}
	if got := errb.String(); !strings.Contains(got, "tessera: ") || !strings.HasSuffix(got, "Press Enter to close this window.") {
		t.Errorf("got %q, want the error, then the request to press Enter", got)
	}
}
