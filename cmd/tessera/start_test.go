package main_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// desktopEnv is the environment of a start without --data whose data
// directory lands in a temporary XDG_DATA_HOME with a space and a
// non-ASCII letter in its path, from a working directory without
// tessera-data.
func desktopEnv(t *testing.T) (env []string, wd, dataDir string) {
	t.Helper()
	home := t.TempDir()
	xdg := filepath.Join(home, "Own files", "Données")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "XDG_DATA_HOME=") {
			env = append(env, kv)
		}
	}
	env = append(env, "HOME="+home, "XDG_DATA_HOME="+xdg)
	return env, t.TempDir(), filepath.Join(xdg, "tessera")
}

// started is a tessera started without a command.
type started struct {
	cmd    *exec.Cmd
	url    string
	stdout *bufio.Reader
	stderr *lockedWriter
	done   chan error
}

// startDesktop runs tessera --no-open in env and wd until it serves.
func startDesktop(t *testing.T, env []string, wd string, args ...string) *started {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"--no-open"}, args...)...)
	cmd.Env, cmd.Dir = env, wd
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &started{cmd: cmd, stdout: bufio.NewReader(out), stderr: &lockedWriter{w: &strings.Builder{}}, done: make(chan error, 1)}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		<-s.done
	})
	for s.url == "" {
		line, err := s.stdout.ReadString('\n')
		if err != nil {
			t.Fatalf("tessera stopped before serving: %v\n%s", err, s.stderr)
		}
		if i := strings.Index(line, "http://"); i >= 0 && strings.HasPrefix(line, "Tessera is serving") {
			s.url = strings.TrimSpace(line[i:])
		}
	}
	return s
}

// getJSON fetches url and decodes its JSON answer into v, returning the
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

// waitFor polls cond every 50 ms until it holds or 30 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestStartSecondStartFindsTheFirst(t *testing.T) {
	env, wd, dataDir := desktopEnv(t)
	first := startDesktop(t, env, wd)

	// A second start finds the first, prints its URL and exits 0.
	second := exec.Command(binary, "--no-open")
	second.Env, second.Dir = env, wd
	out, err := second.Output()
	if err != nil {
		t.Fatalf("second start: %v\n%s", err, out)
	}
	want := fmt.Sprintf("Data directory: %s ($XDG_DATA_HOME)\nTessera is already running for %s at %s\n", dataDir, dataDir, first.url)
	if string(out) != want {
		t.Errorf("second start printed\n%s\nwant\n%s", out, want)
	}

	// The start backup lands in the data directory's backups folder.
	var list backupList
	waitFor(t, "the start backup", func() bool {
		return getJSON(t, first.url+"api/v1/backups", &list) == 200 && list.Last != nil
	})
	if _, err := os.Stat(filepath.Join(dataDir, "backups", list.Last.Name)); err != nil || !strings.HasSuffix(list.Last.Name, "-start.db") {
		t.Errorf("start backup %q: %v", list.Last.Name, err)
	}

	// The restore command refuses while the server holds the database.
	r := run(t, "restore", "--data", dataDir, "--yes", filepath.Join(dataDir, "backups", list.Last.Name))
	if r.code != 1 || !strings.Contains(r.stderr, "a Tessera server is using") || !strings.Contains(r.stderr, first.url) {
		t.Errorf("restore while serving: got exit %d %q, want a refusal naming %s", r.code, r.stderr, first.url)
	}

	// Ctrl+C stops it cleanly: exit 0, the address record removed.
	first.cmd.Process.Signal(os.Interrupt)
	if err := <-first.done; err != nil {
		t.Fatalf("stopping: %v\n%s", err, first.stderr)
	}
	first.done <- nil // for the cleanup
	if _, err := os.Stat(filepath.Join(dataDir, "server.url")); !os.IsNotExist(err) {
		t.Errorf("server.url after stopping: %v, want it removed", err)
	}
}

func TestStartKeepsUsingTesseraData(t *testing.T) {
	env, wd, _ := desktopEnv(t)
	legacy := filepath.Join(wd, "tessera-data")
	if r := run(t, "import", "--data", legacy, "--project", "Old study", filepath.Join(sampleDir(t), "README.md")); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	s := startDesktop(t, env, wd, "--keep-backups", "0")
	var projects []struct{ Name string }
	if getJSON(t, s.url+"api/v1/projects", &projects) != 200 || len(projects) != 1 || projects[0].Name != "Old study" {
		t.Errorf("got projects %v, want the one in ./tessera-data", projects)
	}
	var list backupList
	getJSON(t, s.url+"api/v1/backups", &list)
	if len(list.Backups) != 0 {
		t.Errorf("--keep-backups 0: got backups %v", list.Backups)
	}
}

func TestRestoreFromTheRunningServer(t *testing.T) {
	env, wd, dataDir := desktopEnv(t)
	s := startDesktop(t, env, wd)
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
	// The replaced database is kept and can be restored in turn.
	getJSON(t, s.url+"api/v1/backups", &list)
	if list.Last == nil || list.Last.Kind != "before-restore" {
		t.Fatalf("got newest backup %+v, want the replaced database", list.Last)
	}
	if code, body := post("backups/restore", `{"name": "`+list.Last.Name+`"}`); code != 202 {
		t.Fatalf("undo the restore: %d %s", code, body)
	}
	waitFor(t, "the data from before the restore", func() bool {
		return getJSON(t, s.url+"api/v1/projects", &projects) == 200 && len(projects) == 1
	})
	// Search works on the restored data: the index was rebuilt.
	if _, err := os.Stat(filepath.Join(dataDir, "tessera.db")); err != nil {
		t.Fatal(err)
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

// lockedWriter lets a test read what a process writes meanwhile.
type lockedWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}
