package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"tessera/cmd/tessera/cli"
	"tessera/coding/datadir"
)

// TestServeStreamsChangesAndStopsWithStreamsOpen checks the wiring of
// tessera serve: commits reach the event streams, and the server stops
// at once when asked to although a stream is open.
func TestServeStreamsChangesAndStopsWithStreamsOpen(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready, done := make(chan string, 1), make(chan int, 1)
	var out, errb bytes.Buffer // read only once the server has stopped
	m := &cli.Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Ready: func(url string, _ *datadir.Dir) { ready <- url }}
	go func() { done <- m.Run(ctx, []string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0"}) }()
	var url string
	select {
	case url = <-ready:
	case code := <-done:
		t.Fatalf("serve: exit %d before listening: %s", code, errb.String())
	}

	res, err := http.Post(url+"api/v1/projects", "application/json", strings.NewReader(`{"name": "Live"}`))
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		ID string `json:"id"`
	}
	json.NewDecoder(res.Body).Decode(&p)
	res.Body.Close()

	streamCtx, closeStream := context.WithCancel(context.Background())
	defer closeStream()
	req, _ := http.NewRequestWithContext(streamCtx, "GET", url+"api/v1/projects/"+p.ID+"/events", nil)
	stream, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stream.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	waitLine := func(prefix string) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("the stream ended before %q", prefix)
				}
				if strings.HasPrefix(l, prefix) {
					return
				}
			case <-deadline:
				t.Fatalf("no %q on the stream", prefix)
			}
		}
	}
	waitLine("event: hello")
	req, _ = http.NewRequest("PATCH", url+"api/v1/projects/"+p.ID, strings.NewReader(`{"description": "Luleå"}`))
	req.Header.Set("Content-Type", "application/json")
	if res, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else {
		res.Body.Close()
	}
	waitLine(`data: {"seq":2,"op":"update_project"`)

	cancel() // as Ctrl+C does
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited with %d, want 0: %s", code, errb.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve still runs 5 s after being stopped, with a stream open")
	}
}
