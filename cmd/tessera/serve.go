package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"tessera/coding"
	"tessera/server"
	"tessera/ui"
)

// defaultAddr is where Tessera listens unless told otherwise: loopback only.
const defaultAddr = "127.0.0.1:7080"

// addrFile, in the data directory, holds the URL of the server using it,
// so other commands (backup) can reach it.
const addrFile = "server.url"

func init() {
	register("serve", "Serve the web UI and the JSON API for a data directory", func(m *Main, ctx context.Context, args []string) error {
		fs := m.flags("serve", "[--data DIR] [--addr HOST:PORT]")
		dir := fs.String("data", defaultDataDir, "data `directory` (created if missing)")
		addr := fs.String("addr", defaultAddr, "`address` to listen on (loopback only)")
		if err := parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return coding.Errorf(coding.EINVALID, "unexpected argument %q", fs.Arg(0))
		}
		if err := checkLoopback(*addr); err != nil {
			return err
		}
		a, err := openApp(ctx, *dir, true, m.Stderr)
		if err != nil {
			return err
		}
		defer a.Close()
		return m.serve(ctx, a, *addr)
	})
}

// checkLoopback refuses addresses reachable from other machines: without
// accounts, anyone who can reach the port could read and change the data.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return coding.Errorf(coding.EINVALID, "--addr %q is not HOST:PORT (e.g. %s)", addr, defaultAddr)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return coding.Errorf(coding.EINVALID, "refusing to listen on %s: Tessera has no accounts yet, so only loopback addresses (127.0.0.1, ::1, localhost) are allowed; reach it from elsewhere through an SSH tunnel", addr)
}

// serve runs the HTTP server for a until ctx is cancelled.
func (m *Main) serve(ctx context.Context, a *app, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return coding.Errorf(coding.ECONFLICT, "cannot listen on %s: %v", addr, err)
	}
	logger := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv := server.New(server.Config{
		Store:   a.store,
		Search:  a.index,
		UI:      ui.FS,
		Logger:  logger,
		Version: fullVersion(),
	})
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + ln.Addr().String() + "/"
	urlPath := filepath.Join(a.dir, addrFile)
	if err := os.WriteFile(urlPath, []byte(url+"\n"), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", urlPath, err)
	}
	defer os.Remove(urlPath)

	fmt.Fprintf(m.Stdout, "Tessera is serving %s at %s\n", a.dir, url)
	if m.Ready != nil {
		m.Ready(url)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(m.Stderr, "shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
