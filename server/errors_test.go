package server_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"tessera/server"
)

// syncBuffer is a log destination safe for the server's goroutines.
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

func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	var logs syncBuffer
	s := mustStart(t, nil, func(c *server.Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	// A closed store fails with an I/O error, which is no business of the
	// researcher's.
	if err := s.store.Close(); err != nil {
		t.Fatal(err)
	}
	res, data := s.do("GET", "/api/v1/projects", "", nil)
	if got, want := res.StatusCode, 500; got != want {
		t.Errorf("got status %d, want %d", got, want)
	}
	if got, want := string(data), `{"error":"internal error"}`+"\n"; got != want {
		t.Errorf("got body %q, want %q", got, want)
	}
	if !strings.Contains(logs.String(), "request failed") || !strings.Contains(logs.String(), "database not open") {
		t.Errorf("got log %q, want the failure's detail", logs.String())
	}
}
