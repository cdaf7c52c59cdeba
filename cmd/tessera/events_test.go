package main_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestServeStreamsChangesAndStopsWithStreamsOpen checks the wiring of
// tessera serve: commits reach the event streams, and an interrupt stops
// the server at once although a stream is open.
func TestServeStreamsChangesAndStopsWithStreamsOpen(t *testing.T) {
	cmd := exec.Command(binary, "serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	url := strings.TrimSpace(line[strings.Index(line, "http://"):])

	res, err := http.Post(url+"api/v1/projects", "application/json", strings.NewReader(`{"name": "Live"}`))
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		ID string `json:"id"`
	}
	json.NewDecoder(res.Body).Decode(&p)
	res.Body.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"api/v1/projects/"+p.ID+"/events", nil)
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

	cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-exited:
		exited <- err
		if err != nil {
			t.Errorf("serve exited with %v, want success", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve still runs 5 s after the interrupt, with a stream open")
	}
}
