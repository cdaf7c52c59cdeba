package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tessera/server"
)

// testHeartbeat is the heartbeat of the test servers' event streams.
const testHeartbeat = 50 * time.Millisecond

// eventBound is how long a test waits for an event: every change must
// reach every stream well within it.
const eventBound = 5 * time.Second

// sseEvent is one Server-Sent Event as a browser's EventSource sees it.
type sseEvent struct {
	ID, Name, Data string
}

// stream is an open event stream read in the background.
type stream struct {
	t      *testing.T
	events chan sseEvent
	// pings receives a signal for heartbeats (comment lines).
	pings  chan struct{}
	done   chan struct{}
	cancel context.CancelFunc
	body   io.Closer
}

// openStream opens url (a path of the server at base) with hc and the
// given headers; it fails the test unless the answer is 200.
func openStream(t *testing.T, hc *http.Client, base, path string, header http.Header) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	res, err := hc.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		cancel()
		t.Fatalf("GET %s: got status %d, want 200; body %s", path, res.StatusCode, data)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("GET %s: got Content-Type %q, want text/event-stream", path, ct)
	}
	st := &stream{t: t, events: make(chan sseEvent, 10000), pings: make(chan struct{}, 1), done: make(chan struct{}), cancel: cancel, body: res.Body}
	go st.read(res.Body)
	t.Cleanup(st.close)
	return st
}

// read parses the stream as EventSource does, until it ends.
func (st *stream) read(r io.Reader) {
	defer close(st.done)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var ev sseEvent
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.Name != "" || ev.Data != "" {
				st.events <- ev
			}
			ev = sseEvent{}
		case strings.HasPrefix(line, ":"):
			select {
			case st.pings <- struct{}{}:
			default:
			}
		default:
			field, value, _ := strings.Cut(line, ":")
			value = strings.TrimPrefix(value, " ")
			switch field {
			case "id":
				ev.ID = value
			case "event":
				ev.Name = value
			case "data":
				ev.Data += value
			case "retry":
				st.events <- sseEvent{Name: "retry", Data: value}
			}
		}
	}
}

// close ends the stream from the client's side.
func (st *stream) close() {
	st.cancel()
	st.body.Close()
	<-st.done
}

// next returns the next event named one of names, skipping others; it
// fails the test when none comes within eventBound.
func (st *stream) next(names ...string) sseEvent {
	st.t.Helper()
	deadline := time.After(eventBound)
	for {
		select {
		case ev := <-st.events:
			for _, n := range names {
				if ev.Name == n {
					return ev
				}
			}
		case <-st.done:
			select {
			case ev := <-st.events:
				for _, n := range names {
					if ev.Name == n {
						return ev
					}
				}
				continue
			default:
			}
			st.t.Fatalf("the stream ended while waiting for %v", names)
		case <-deadline:
			st.t.Fatalf("no %v event within %v", names, eventBound)
		}
	}
}

// change is the data of a change event.
type change struct {
	Seq     uint64        `json:"seq"`
	Op      string        `json:"op"`
	Actor   string        `json:"actor"`
	Client  string        `json:"client"`
	Undoes  uint64        `json:"undoes"`
	Changes []changedKind `json:"changes"`
}

// changedKind is one kind's entities in a change event.
type changedKind struct {
	Kind    string   `json:"kind"`
	IDs     []string `json:"ids"`
	Deleted bool     `json:"deleted"`
}

// nextChange returns the next change event, skipping presence events.
func (st *stream) nextChange() change {
	st.t.Helper()
	ev := st.next("change", "reset", "hello")
	if ev.Name != "change" {
		st.t.Fatalf("got event %s %s, want a change", ev.Name, ev.Data)
	}
	var c change
	if err := json.Unmarshal([]byte(ev.Data), &c); err != nil {
		st.t.Fatalf("change %s: %v", ev.Data, err)
	}
	if c.Seq != 0 && ev.ID != jsonNumber(c.Seq) {
		st.t.Errorf("change %s: got id %q, want its seq", ev.Data, ev.ID)
	}
	return c
}

// hello returns the seq of the stream's hello event, checking its id:
// the seq, or for a stream resuming from a point, that point.
func (st *stream) hello(resumesFrom ...uint64) uint64 {
	st.t.Helper()
	ev := st.next("hello")
	var h struct {
		Seq uint64 `json:"seq"`
	}
	if err := json.Unmarshal([]byte(ev.Data), &h); err != nil {
		st.t.Fatal(err)
	}
	want := h.Seq
	if len(resumesFrom) > 0 {
		want = resumesFrom[0]
	}
	if ev.ID != jsonNumber(want) {
		st.t.Errorf("hello %s: got id %q, want %d", ev.Data, ev.ID, want)
	}
	return h.Seq
}

// waitEnd fails the test unless the stream ends within eventBound.
func (st *stream) waitEnd() {
	st.t.Helper()
	select {
	case <-st.done:
	case <-time.After(eventBound):
		st.t.Fatalf("the stream is still open after %v", eventBound)
	}
}

func jsonNumber(n uint64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// wantChange checks a change event's op, client and entities.
func wantChange(t *testing.T, got change, op, client string, changes ...changedKind) {
	t.Helper()
	if got.Op != op || got.Client != client {
		t.Errorf("got change %d %q by client %q, want %q by %q", got.Seq, got.Op, got.Client, op, client)
	}
	if diff := cmp.Diff(changes, got.Changes); changes != nil && diff != "" {
		t.Errorf("change %d %s: entities (-want +got):\n%s", got.Seq, got.Op, diff)
	}
}

// callFrom is call with the X-Tessera-Client header of a browser tab.
func (s *testServer) callFrom(tab, method, path string, v any, wantStatus int, out any) {
	s.t.Helper()
	var body io.Reader
	if v != nil {
		b, err := json.Marshal(v)
		if err != nil {
			s.t.Fatal(err)
		}
		body = bytes.NewReader(b)
	}
	req := s.request(method, path)
	if body != nil {
		req.Body = io.NopCloser(body)
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set(server.ClientHeader, tab)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != wantStatus {
		s.t.Fatalf("%s %s: got status %d, want %d; body %s", method, path, res.StatusCode, wantStatus, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			s.t.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
}
