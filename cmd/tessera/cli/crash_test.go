package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	_ "net/http/pprof" // profiles of the load test's server (TESSERA_SERVE_PPROF)
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tessera/cmd/tessera/cli"
)

// crashRounds bounds the kill -9 test: each round starts the server on
// the same data directory, writes until a random number of writes was
// acknowledged and kills the process without warning.
const crashRounds = 4

// crashWriters is the number of clients writing at once.
const crashWriters = 6

// crashServer is a `tessera serve` process that the test kills.
type crashServer struct {
	cmd *exec.Cmd
	url string
}

// startCrashable starts `tessera serve` on data in a child process (the
// test binary running TestServeChild), with env added to its environment,
// and returns once it listens. At cleanup the process is killed.
func startCrashable(t testing.TB, data string, env ...string) *crashServer {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	cmd.Env = append(os.Environ(), "TESSERA_SERVE_CHILD="+strings.Join([]string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, "\n"))
	cmd.Env = append(cmd.Env, env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
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
	return &crashServer{cmd: cmd, url: strings.TrimSpace(line[i:]) + "api/v1"}
}

// TestServeChild is the server process of the crash and load tests: run
// by them with TESSERA_SERVE_CHILD (the arguments, one per line), it runs
// the program until it is killed. With TESSERA_SERVE_PPROF (an address)
// it also serves Go's profiles there, for the load test. Run any other way
// it does nothing.
func TestServeChild(t *testing.T) {
	args := os.Getenv("TESSERA_SERVE_CHILD")
	if args == "" {
		t.Skip("the server process of the crash and load tests")
	}
	if addr := os.Getenv("TESSERA_SERVE_PPROF"); addr != "" {
		runtime.SetMutexProfileFraction(1)
		runtime.SetBlockProfileRate(int(100 * time.Microsecond))
		go http.ListenAndServe(addr, nil) // net/http/pprof's handlers
	}
	os.Exit(cli.NewMain().Run(context.Background(), strings.Split(args, "\n")))
}

// kill ends the server with SIGKILL and waits for it to be gone.
func (s *crashServer) kill() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// crashClient is an HTTP client for the writers; its requests fail once
// the server is killed. It keeps a connection per client open, as each
// person's browser does.
var crashClient = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 200}}

// send sends v as JSON and decodes the answer into out; it reports whether
// the server acknowledged the request with a 2xx status.
func send(method, u string, v, out any) (bool, error) {
	var body io.Reader
	if v != nil {
		b, _ := json.Marshal(v)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := crashClient.Do(req)
	if err != nil {
		return false, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return false, err
	}
	if res.StatusCode/100 != 2 {
		return false, fmt.Errorf("%s %s: status %d: %s", method, u, res.StatusCode, data)
	}
	if out != nil {
		return true, json.Unmarshal(data, out)
	}
	return true, nil
}

// mustSend is send for the test goroutine: anything but a 2xx fails.
func mustSend(t testing.TB, method, u string, v, out any) {
	t.Helper()
	if _, err := send(method, u, v, out); err != nil {
		t.Fatal(err)
	}
}

// ledger records what the server acknowledged, and what it may have done
// without saying so (requests cut off by the kill).
type ledger struct {
	mu sync.Mutex
	// memos maps acknowledged memos to the bodies they may have: the last
	// acknowledged one and any sent after it.
	memos map[string][]string
	// quotes holds acknowledged quotes.
	quotes map[string]bool
	// gone holds memos and quotes whose deletion was acknowledged; maybe
	// those whose deletion was sent but not answered.
	gone, maybe map[string]bool
}

// writer creates, changes and deletes memos and quotes until the server
// stops answering; acks counts acknowledged writes, and reaching killAt
// closes kill once.
func (l *ledger) writer(base string, n int, doc, code string, acks *atomic.Int64, killAt int64, kill func()) {
	ack := func() {
		if acks.Add(1) == killAt {
			kill()
		}
	}
	for i := 0; ; i++ {
		// A memo, found by the index through the word "kraschtest".
		var m struct {
			ID string `json:"id"`
		}
		body := fmt.Sprintf("kraschtest writer %d memo %d", n, i)
		ok, err := send("POST", base+"/memos", map[string]string{"title": "crash", "body": body}, &m)
		if err != nil {
			return
		}
		if ok {
			l.mu.Lock()
			l.memos[m.ID] = []string{body}
			l.mu.Unlock()
			ack()
		}
		if i%3 == 1 {
			changed := body + " changed"
			l.mu.Lock()
			l.memos[m.ID] = append(l.memos[m.ID], changed)
			l.mu.Unlock()
			if _, err := send("PATCH", base+"/memos/"+m.ID, map[string]string{"body": changed}, nil); err != nil {
				return
			}
			l.mu.Lock()
			l.memos[m.ID] = []string{changed}
			l.mu.Unlock()
			ack()
		}
		// A quote of a passage that starts with the word "kraschord".
		var q struct {
			ID string `json:"id"`
		}
		end := 10 + (n*10_000+i)%19_000
		if _, err := send("POST", base+"/quotes", map[string]any{"document_id": doc, "start": 0, "end": end, "code_ids": []string{code}}, &q); err != nil {
			return
		}
		l.mu.Lock()
		l.quotes[q.ID] = true
		l.mu.Unlock()
		ack()
		if i%5 == 4 {
			for _, del := range []string{"/memos/" + m.ID, "/quotes/" + q.ID} {
				id := del[strings.LastIndexByte(del, '/')+1:]
				l.mu.Lock()
				l.maybe[id] = true
				l.mu.Unlock()
				if _, err := send("DELETE", base+del, nil, nil); err != nil {
					return
				}
				l.mu.Lock()
				l.gone[id] = true
				l.mu.Unlock()
				ack()
			}
		}
	}
}

// check compares what the restarted server holds with the ledger, and
// waits (polling with a deadline) for its index to list exactly the memos
// and quotes of its store.
func (l *ledger) check(t *testing.T, base string) {
	t.Helper()
	var memos []struct{ ID, Body string }
	mustSend(t, "GET", base+"/memos", nil, &memos)
	var quotes []struct{ ID string }
	mustSend(t, "GET", base+"/quotes", nil, &quotes)
	stored := map[string]string{}
	for _, m := range memos {
		stored[m.ID] = m.Body
	}
	storedQuotes := map[string]bool{}
	for _, q := range quotes {
		storedQuotes[q.ID] = true
	}
	l.mu.Lock()
	for id, bodies := range l.memos {
		body, ok := stored[id]
		switch {
		case l.gone[id] && ok:
			t.Errorf("memo %s: deletion was acknowledged, but it is back", id)
		case l.maybe[id] || l.gone[id]:
		case !ok:
			t.Errorf("memo %s: acknowledged, but lost", id)
		case !slices.Contains(bodies, body):
			t.Errorf("memo %s: got body %q, want one of %q", id, body, bodies)
		}
	}
	for id := range l.quotes {
		switch {
		case l.gone[id] && storedQuotes[id]:
			t.Errorf("quote %s: deletion was acknowledged, but it is back", id)
		case l.maybe[id] || l.gone[id]:
		case !storedQuotes[id]:
			t.Errorf("quote %s: acknowledged, but lost", id)
		}
	}
	l.mu.Unlock()

	// The index is derived: after the restart it must agree with the
	// store, memo for memo and quote for quote.
	search := func(kind, word string) []string {
		var res struct {
			Hits []struct{ ID string }
		}
		mustSend(t, "GET", base+"/search?"+url.Values{"q": {word}, "kind": {kind}, "limit": {"1000"}, "facets": {"false"}}.Encode(), nil, &res)
		ids := make([]string, 0, len(res.Hits))
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		return ids
	}
	wantMemos, wantQuotes := sortedKeys(stored), sortedKeys(storedQuotes)
	deadline := time.Now().Add(30 * time.Second)
	poll := time.NewTicker(50 * time.Millisecond)
	defer poll.Stop()
	for {
		gotMemos, gotQuotes := search("memo", "kraschtest"), search("quote", "kraschord")
		if slices.Equal(gotMemos, wantMemos) && slices.Equal(gotQuotes, wantQuotes) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the index disagrees with the store after a restart: memos %d indexed, %d stored; quotes %d indexed, %d stored",
				len(gotMemos), len(wantMemos), len(gotQuotes), len(wantQuotes))
		}
		<-poll.C
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestKillNineLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills the server several times")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	data := t.TempDir()
	srv := startCrashable(t, data)

	// A project with one long transcript and a code to quote it with.
	var p, d, c struct{ ID string }
	mustSend(t, "POST", srv.url+"/projects", map[string]string{"name": "Crash"}, &p)
	base := srv.url + "/projects/" + p.ID
	text := "kraschord " + strings.Repeat("the pilot plant in Luleå ran again ", 600)
	mustSend(t, "POST", base+"/documents", map[string]string{"title": "Interview", "text": text}, &d)
	mustSend(t, "POST", base+"/codes", map[string]string{"name": "Restarts", "level": "concept"}, &c)

	l := &ledger{memos: map[string][]string{}, quotes: map[string]bool{}, gone: map[string]bool{}, maybe: map[string]bool{}}
	for round := range crashRounds {
		if round > 0 {
			srv = startCrashable(t, data)
			base = srv.url + "/projects/" + p.ID
			l.check(t, base)
		}
		var acks atomic.Int64
		killAt := 20 + rng.Int64N(150)
		killed := make(chan struct{})
		var once sync.Once
		var wg sync.WaitGroup
		for n := range crashWriters {
			wg.Go(func() {
				l.writer(base, round*crashWriters+n, d.ID, c.ID, &acks, killAt, func() { once.Do(func() { close(killed) }) })
			})
		}
		<-killed
		srv.kill()
		wg.Wait()
		t.Logf("round %d: killed after %d acknowledged writes", round, acks.Load())
	}
	srv = startCrashable(t, data)
	l.check(t, srv.url+"/projects/"+p.ID)
	t.Logf("%d memos and %d quotes acknowledged in all", len(l.memos), len(l.quotes))
}
