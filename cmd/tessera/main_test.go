package main_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// binary is the tessera binary built once for all tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tessera-cli-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "tessera")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("build tessera: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary printed.
type result struct {
	stdout, stderr string
	code           int
}

// run runs the binary with args and returns its output and exit code.
func run(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// sampleDir is the bundled sample study.
func sampleDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../sample-transcripts")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// importSample imports the sample study into a new data directory.
func importSample(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	s := sampleDir(t)
	r := run(t, "import", "--data", data, "--project", "Failure study", "--case-per-folder",
		"--cases", filepath.Join(s, "cases.csv"), "--metadata", filepath.Join(s, "metadata.csv"),
		"--coding", filepath.Join(s, "coding.json"), s)
	if r.code != 0 {
		t.Fatalf("import: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	return data
}

func TestImportThenExportGioiaCSV(t *testing.T) {
	data := importSample(t)
	r := run(t, "export", "--data", data, "--project", "failure STUDY", "--format", "gioia-csv")
	if r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Failure recognition", "Interactive sensemaking", "Organisational adaptation", "Type of learning"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("gioia-csv lacks %q:\n%s", want, r.stdout)
		}
	}
	if lines := strings.Count(r.stdout, "\n"); lines < 20 {
		t.Errorf("got %d lines, want a row per concept (20+)", lines)
	}

	// Exporting to a file writes it whole.
	out := filepath.Join(t.TempDir(), "quotes.csv")
	r = run(t, "export", "--data", data, "--project", "Failure study", "--format", "quotes-csv", "-o", out)
	if r.code != 0 {
		t.Fatalf("export quotes: exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte("Pöllö Robotics Oy")) {
		t.Fatalf("got %d bytes (%v), want quotes with their cases", len(b), err)
	}

	r = run(t, "search", "--data", data, "--project", "Failure study", `"trade fair"`)
	if r.code != 0 || !strings.Contains(r.stdout, "hits") {
		t.Fatalf("search: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestCommandErrors(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no command", nil, 2, "Usage: tessera COMMAND"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", []string{"export", "--bogus"}, 2, "flag provided but not defined"},
		{"export without project", []string{"export", "--data", data, "--format", "gioia-csv"}, 1, "--project is required"},
		{"export unknown project", []string{"export", "--data", data, "--project", "Nope", "--format", "gioia-csv"}, 1, `no project named "Nope"`},
		{"import missing file", []string{"import", "--data", data, "--project", "P", "/no/such/file.txt"}, 1, "cannot read /no/such/file.txt"},
		{"serve on all interfaces", []string{"serve", "--data", data, "--addr", "0.0.0.0:7080"}, 1, "only loopback addresses"},
		{"backup without -o", []string{"backup", "--data", data}, 1, "-o FILE is required"},
		{"help", []string{"import", "--help"}, 0, "Usage: tessera import"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.args...)
			if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("got exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tt.wantCode, tt.wantStderr)
			}
		})
	}
	if r := run(t, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "tessera ") {
		t.Errorf("version: got %d %q", r.code, r.stdout)
	}
}

func TestExportUnknownFormatKeepsData(t *testing.T) {
	data := importSample(t)
	r := run(t, "export", "--data", data, "--project", "Failure study", "--format", "gioia-pptx")
	if r.code != 1 || !strings.Contains(r.stderr, "unknown export format") {
		t.Fatalf("got exit %d, %q; want exit 1 naming the unknown format", r.code, r.stderr)
	}
}

// serve starts `tessera serve` on a free port and returns its URL.
func serve(t *testing.T, data string) string {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--data", data, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("got %q, want a URL", line)
	}
	return strings.TrimSpace(line[i:])
}

func TestServeLocksTheDataAndBacksUpOnline(t *testing.T) {
	data := importSample(t)
	url := serve(t, data)

	resp, err := http.Get(url + "api/v1/projects")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("Failure study")) {
		t.Fatalf("got %d %s, want the project list", resp.StatusCode, body)
	}
	resp, err = http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(page, []byte("<html")) {
		t.Fatalf("got %q, want the UI page", page)
	}

	// A second process gets a clear error quickly instead of hanging.
	start := time.Now()
	r := run(t, "export", "--data", data, "--project", "Failure study", "--format", "gioia-csv")
	if r.code != 1 || !strings.Contains(r.stderr, "already in use") || time.Since(start) > 5*time.Second {
		t.Fatalf("got exit %d, %q after %v; want an in-use error", r.code, r.stderr, time.Since(start))
	}
	// Backup goes through the running server.
	out := filepath.Join(t.TempDir(), "backup.db")
	r = run(t, "backup", "--data", data, "-o", out)
	if r.code != 0 {
		t.Fatalf("backup: exit %d: %s", r.code, r.stderr)
	}
	// The copy is a working data directory.
	restored := t.TempDir()
	if err := os.Rename(out, filepath.Join(restored, "tessera.db")); err != nil {
		t.Fatal(err)
	}
	r = run(t, "export", "--data", restored, "--project", "Failure study", "--format", "codebook-csv")
	if r.code != 0 || !strings.Contains(r.stdout, "Failure recognition") {
		t.Fatalf("export from backup: exit %d: %s", r.code, r.stderr)
	}
}
