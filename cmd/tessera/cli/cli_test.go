package cli_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tessera/cmd/tessera/cli"
	"tessera/coding/datadir"
)

// result is what one run of the program printed.
type result struct {
	stdout, stderr string
	code           int
}

// run runs the program in-process with args, as the binary does, and
// returns its output and exit code.
func run(t testing.TB, args ...string) result {
	t.Helper()
	return runIn(t, "", args...)
}

// runIn runs the program with args and stdin, and returns its output and
// exit code.
func runIn(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	m := &cli.Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code := m.Run(ctx, args)
	return result{out.String(), errb.String(), code}
}

// start runs a serving command (serve, demo) until the test ends and
// returns the URL it listens on.
func start(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	// The server logs until it stops: its output is read only after.
	var out, errb bytes.Buffer
	m := &cli.Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Ready: func(url string, _ *datadir.Dir) { ready <- url }}
	go func() { done <- m.Run(ctx, args) }()
	select {
	case url := <-ready:
		t.Cleanup(func() {
			cancel()
			if code := <-done; code != 0 {
				t.Errorf("%v: exit %d after shutdown: %s", args, code, errb.String())
			}
		})
		return url
	case code := <-done:
		cancel()
		t.Fatalf("%v: exit %d before listening\n%s%s", args, code, out.String(), errb.String())
		return ""
	}
}

// sampleDir is the bundled sample study.
func sampleDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("../../../sample-transcripts")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// importSample imports the sample study into a new data directory.
func importSample(t testing.TB) string {
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

	// The concordance of a search, to standard output and to a file.
	r = run(t, "search", "--data", data, "--project", "Failure study", "--format", "md", `"trade fair"`)
	if r.code != 0 || !strings.Contains(r.stdout, "| **trade fair** |") || !strings.Contains(r.stdout, "Left context") {
		t.Fatalf("search concordance: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	out = filepath.Join(t.TempDir(), "fairs.xlsx")
	r = run(t, "search", "--data", data, "--project", "Failure study", "--format", "xlsx", "-o", out, "fair*")
	if b, err := os.ReadFile(out); r.code != 0 || err != nil || !bytes.HasPrefix(b, []byte("PK")) || !strings.Contains(r.stderr, "lines to") {
		t.Fatalf("search concordance to a file: exit %d, %v\n%s", r.code, err, r.stderr)
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
		{"help", []string{"help"}, 0, "Usage: tessera COMMAND"},
		{"start with an argument", []string{"--data", data, "--no-open", "extra"}, 1, `unexpected argument "extra"`},
		{"start with an unknown flag", []string{"--bogus"}, 2, "flag provided but not defined"},
		{"start keeping fewer than no backups", []string{"--data", data, "--keep-backups", "-1"}, 1, "--keep-backups must be 0 or more"},
		{"restore without a file", []string{"restore", "--data", data}, 1, "one backup FILE"},
		{"restore a file that is not a database", []string{"restore", "--data", data, "--yes", "cli_test.go"}, 1, "cli_test.go is not a Tessera database"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", []string{"export", "--bogus"}, 2, "flag provided but not defined"},
		{"export without project", []string{"export", "--data", data, "--format", "gioia-csv"}, 1, "--project is required"},
		{"export unknown project", []string{"export", "--data", data, "--project", "Nope", "--format", "gioia-csv"}, 1, `no project named "Nope"`},
		{"import missing file", []string{"import", "--data", data, "--project", "P", "/no/such/file.txt"}, 1, "cannot read /no/such/file.txt"},
		{"serve on all interfaces", []string{"serve", "--data", data, "--addr", "0.0.0.0:7080"}, 1, "only loopback addresses"},
		{"backup without -o", []string{"backup", "--data", data}, 1, "-o FILE is required"},
		{"search concordance in an unknown format", []string{"search", "--data", data, "--project", "P", "--format", "pdf", "fair"}, 1, `unknown concordance format "pdf"`},
		{"search -o without a format", []string{"search", "--data", data, "--project", "P", "-o", "x.csv", "fair"}, 1, "-o needs --format"},
		{"help", []string{"import", "--help"}, 0, "Usage: tessera import"},
		{"help of a command", []string{"help", "export"}, 0, "Usage: tessera export --data DIR"},
		{"help of a subcommand", []string{"user", "help", "add"}, 0, "Usage: tessera user add --data DIR [--admin] NAME"},
		{"command without its subcommand", []string{"user"}, 2, "Usage: tessera user COMMAND"},
		{"unknown subcommand", []string{"user", "frob"}, 2, `tessera user: unknown command "frob"`},
		{"argument where none is taken", []string{"version", "extra"}, 1, `tessera version: unexpected argument "extra"`},
		{"flag after an argument", []string{"reindex", "--data", data, "now", "--project", "P"}, 1, `unexpected argument "now"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.args...)
			if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("got exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tt.wantCode, tt.wantStderr)
			}
		})
	}
	if r := run(t, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "tessera dev") {
		t.Errorf("version: got %d %q", r.code, r.stdout)
	}
	// The usage text lists every command, in the table's order.
	r := run(t, "--help")
	last := -1
	for _, name := range []string{"serve", "demo", "import", "import-qdpx", "export", "rounds", "saturation", "search", "reindex", "backup", "user", "bench", "version"} {
		i := strings.Index(r.stderr, "\n  "+name+" ")
		if i < 0 || i < last {
			t.Errorf("usage lists %q at %d (previous at %d):\n%s", name, i, last, r.stderr)
		}
		last = i
	}
}

func TestExportUnknownFormatKeepsData(t *testing.T) {
	data := importSample(t)
	r := run(t, "export", "--data", data, "--project", "Failure study", "--format", "gioia-rtf")
	if r.code != 1 || !strings.Contains(r.stderr, "unknown export format") {
		t.Fatalf("got exit %d, %q; want exit 1 naming the unknown format", r.code, r.stderr)
	}
}

// serve starts `tessera serve` on a free port and returns its URL.
func serve(t *testing.T, data string) string {
	t.Helper()
	return start(t, "serve", "--data", data, "--addr", "127.0.0.1:0")
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

func TestQDPXRoundTripThroughTheCLI(t *testing.T) {
	data := importSample(t)
	qdpx := filepath.Join(t.TempDir(), "study.qdpx")
	if r := run(t, "export", "--data", data, "--project", "Failure study", "--format", "qdpx", "-o", qdpx); r.code != 0 {
		t.Fatalf("export qdpx: exit %d: %s", r.code, r.stderr)
	}
	other := t.TempDir()
	r := run(t, "import-qdpx", "--data", other, "--project", "Shared study", qdpx)
	if r.code != 0 || !strings.Contains(r.stdout, `imported "Shared study"`) {
		t.Fatalf("import-qdpx: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	before := run(t, "export", "--data", data, "--project", "Failure study", "--format", "gioia-csv", "--counts")
	after := run(t, "export", "--data", other, "--project", "Shared study", "--format", "gioia-csv", "--counts")
	if before.stdout != after.stdout || before.stdout == "" {
		t.Errorf("the Gioia table changed across the round trip:\nbefore:\n%s\nafter:\n%s", before.stdout, after.stdout)
	}
	if r := run(t, "import-qdpx", "--data", other, "--project", "Shared study", qdpx); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("second import: got exit %d %q, want a name conflict", r.code, r.stderr)
	}
	// UTF-16 positions come back to the same quotes.
	utf16 := filepath.Join(t.TempDir(), "study-utf16.qdpx")
	if r := run(t, "export", "--data", data, "--project", "Failure study", "--format", "qdpx", "--positions", "utf16", "-o", utf16); r.code != 0 {
		t.Fatalf("export qdpx --positions utf16: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, "import-qdpx", "--data", other, "--project", "UTF-16 study", utf16); r.code != 0 {
		t.Fatalf("import-qdpx of the UTF-16 export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if again := run(t, "export", "--data", other, "--project", "UTF-16 study", "--format", "gioia-csv", "--counts"); again.stdout != before.stdout {
		t.Errorf("the Gioia table changed across a UTF-16 round trip:\n%s", again.stdout)
	}
	if r := run(t, "export", "--data", data, "--project", "Failure study", "--format", "qdpx", "--positions", "bytes"); r.code != 1 || !strings.Contains(r.stderr, "codepoints or utf16") {
		t.Errorf("--positions bytes: got exit %d %q, want an error naming both conventions", r.code, r.stderr)
	}
	// The codebook alone goes into an existing project.
	r = run(t, "import", "--data", other, "--project", "Codes only", "--codebook", qdpx)
	if r.code != 0 || !strings.Contains(r.stdout, "codebook: 36 codes created, 0 matched, 0 skipped") {
		t.Errorf("import --codebook FILE.qdpx: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestTeamModeRefusedWithoutAdmin(t *testing.T) {
	data := t.TempDir()
	want := "tessera user add --data " + data + " --admin NAME"
	for _, args := range [][]string{
		{"serve", "--data", data, "--team", "--addr", "127.0.0.1:0"},
		{"serve", "--data", data, "--addr", "0.0.0.0:0"},
	} {
		r := run(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("%v: got exit %d, stderr %q; want exit 1 naming %q", args, r.code, r.stderr, want)
		}
	}
	// A user who is not an administrator is not enough.
	if r := runIn(t, "a long enough password\n", "user", "add", "--data", data, "aino"); r.code != 0 {
		t.Fatalf("user add: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, "serve", "--data", data, "--team", "--addr", "127.0.0.1:0"); r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("without an administrator: got exit %d, %q", r.code, r.stderr)
	}
}

// serveTeam starts `tessera serve --team` on a free port and returns its
// URL.
func serveTeam(t *testing.T, data string, flags ...string) string {
	t.Helper()
	return start(t, append([]string{"serve", "--data", data, "--team", "--addr", "127.0.0.1:0"}, flags...)...)
}

func TestUserAddThroughStdinThenSignIn(t *testing.T) {
	data := t.TempDir()
	// The password is the first line of stdin when stdin is no terminal.
	r := runIn(t, "Luleå 👍 correct horse\r\nignored\n", "user", "add", "--data", data, "--admin", "Kohtamäki")
	if r.code != 0 || !strings.Contains(r.stdout, "added administrator kohtamäki") {
		t.Fatalf("user add: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, tc := range []struct {
		stdin, name, want string
	}{
		{"short\n", "aino", "at least 10"},
		{"", "aino", "no password on standard input"},
		{"another long password\n", "kohtamäki", "already exists"},
		{"another long password\n", "consensus", "reserved"},
	} {
		if r := runIn(t, tc.stdin, "user", "add", "--data", data, tc.name); r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("user add %s with %q: got exit %d, %q; want %q", tc.name, tc.stdin, r.code, r.stderr, tc.want)
		}
	}
	runIn(t, "a long enough password\n", "user", "add", "--data", data, "aino")
	r = run(t, "user", "list", "--data", data)
	if r.code != 0 || !strings.Contains(r.stdout, "kohtamäki") || !strings.Contains(r.stdout, "aino") || strings.Contains(r.stdout, "argon2") {
		t.Errorf("user list: exit %d\n%s", r.code, r.stdout)
	}
	if r := run(t, "user", "disable", "--data", data, "kohtamäki"); r.code != 1 || !strings.Contains(r.stderr, "only enabled administrator") {
		t.Errorf("disabling the last administrator: exit %d %q", r.code, r.stderr)
	}
	if r := run(t, "user", "frob", "--data", data); r.code != 2 {
		t.Errorf("unknown subcommand: got exit %d, want 2", r.code)
	}

	// The team server signs the administrator in, and nobody else.
	url := serveTeam(t, data)
	resp, err := http.Get(url + "api/v1/projects")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("without a session: got %d, want 401", resp.StatusCode)
	}
	login := func(name, pw string) *http.Response {
		t.Helper()
		resp, err := http.Post(url+"api/v1/login", "application/json", strings.NewReader(`{"username": "`+name+`", "password": "`+pw+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := login("KOHTAMÄKI", "Luleå 👍 correct horse"); resp.StatusCode != 200 || len(resp.Cookies()) != 1 {
		t.Errorf("login: got %d with %d cookies", resp.StatusCode, len(resp.Cookies()))
	}
	if resp := login("kohtamäki", "correct horse"); resp.StatusCode != 401 {
		t.Errorf("wrong password: got %d", resp.StatusCode)
	}
	// The service token lets tessera backup reach the running server.
	if fi, err := os.Stat(filepath.Join(data, "server.token")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("server.token: %v %v, want a file only its owner reads", fi, err)
	}
	token, _ := os.ReadFile(filepath.Join(data, "server.token"))
	req, _ := http.NewRequest("GET", url+"api/v1/backup", nil)
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(token)))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Errorf("backup with the service token: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if r := run(t, "backup", "--data", data, "-o", filepath.Join(t.TempDir(), "team.db")); r.code != 0 {
		t.Errorf("tessera backup of a team server: exit %d %q", r.code, r.stderr)
	}
	// Accounts change only while no server holds the data.
	if r := run(t, "user", "list", "--data", data); r.code != 1 || !strings.Contains(r.stderr, "already in use") {
		t.Errorf("user list while serving: exit %d %q", r.code, r.stderr)
	}
}

func TestTeamServerOverTLS(t *testing.T) {
	data := t.TempDir()
	if r := runIn(t, "a long enough password\n", "user", "add", "--data", data, "--admin", "anna"); r.code != 0 {
		t.Fatalf("user add: %s", r.stderr)
	}
	certFile, keyFile, pool := selfSigned(t)
	if r := run(t, "serve", "--data", data, "--team", "--tls-cert", certFile); r.code != 1 || !strings.Contains(r.stderr, "go together") {
		t.Errorf("--tls-cert alone: got exit %d %q", r.code, r.stderr)
	}
	url := serveTeam(t, data, "--tls-cert", certFile, "--tls-key", keyFile)
	if !strings.HasPrefix(url, "https://") {
		t.Fatalf("got URL %q, want https", url)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Post(url+"api/v1/login", "application/json", strings.NewReader(`{"username": "anna", "password": "a long enough password"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || len(resp.Cookies()) != 1 || !resp.Cookies()[0].Secure {
		t.Errorf("login over TLS: got %d, cookies %v; want a Secure session cookie", resp.StatusCode, resp.Cookies())
	}
	if hsts := resp.Header.Get("Strict-Transport-Security"); !strings.Contains(hsts, "max-age=") {
		t.Errorf("got HSTS %q, want max-age", hsts)
	}
}

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key,
// and returns their files and a pool that trusts the certificate.
func selfSigned(t *testing.T) (string, string, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "Tessera test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}
