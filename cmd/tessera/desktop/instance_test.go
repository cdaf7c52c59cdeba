package desktop_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"tessera/cmd/tessera/desktop"
)

func TestRunning(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	if url, ok := desktop.Running(ctx, dir); ok {
		t.Fatalf("no URL file: got %q, want none running", url)
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/healthz" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}`))
	}))
	if err := desktop.WriteURL(dir, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	url, ok := desktop.Running(ctx, dir)
	if !ok || url != srv.URL+"/" {
		t.Fatalf("got %q %v, want %q running", url, ok, srv.URL+"/")
	}

	// A server that stopped without removing its file is not running.
	srv.Close()
	if url, ok := desktop.Running(ctx, dir); ok {
		t.Fatalf("stopped server: got %q running", url)
	}
	if url, ok := desktop.WaitRunning(ctx, dir, 300*time.Millisecond); ok {
		t.Fatalf("stopped server: WaitRunning got %q", url)
	}

	// Something else on the port is not Tessera.
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	desktop.WriteURL(dir, other.URL+"/")
	if _, ok := desktop.Running(ctx, dir); ok {
		t.Fatal("a server without Tessera's health route counts as running")
	}
	if err := desktop.RemoveURL(dir); err != nil {
		t.Fatal(err)
	}
	if err := desktop.RemoveURL(dir); err != nil {
		t.Fatalf("removing twice: %v", err)
	}
}

func TestListenLoopback(t *testing.T) {
	first, err := desktop.ListenLoopback(0)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	port := first.Addr().(*net.TCPAddr).Port
	// The preferred port is taken: another free one, on loopback.
	second, err := desktop.ListenLoopback(port)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	addr := second.Addr().(*net.TCPAddr)
	if addr.Port == port || !addr.IP.IsLoopback() {
		t.Errorf("got %v, want a loopback address on a port other than %d", addr, port)
	}
	// A free preferred port is used.
	second.Close()
	third, err := desktop.ListenLoopback(addr.Port)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if got := third.Addr().(*net.TCPAddr).Port; got != addr.Port {
		t.Errorf("got port %d, want the free preferred port %d", got, addr.Port)
	}
}
