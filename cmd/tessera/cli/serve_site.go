package cli

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"tessera/cmd/tessera/desktop"
)

// shutdownWait bounds the wait for requests in flight on shutdown.
// Closing the console window on Windows leaves about five seconds before
// the system ends the process: the shutdown stays well within them.
const shutdownWait = 3 * time.Second

// serveSite serves s on ln until ctx ends, then shuts down (requests in
// flight get up to shutdownWait) and closes s. While it serves, the data
// directory names its URL (desktop.URLFile), so other commands and a
// second start find it. With openBrowser the default browser opens on
// it.
func (m *Main) serveSite(ctx context.Context, ln net.Listener, s *site, tlsConfig *tls.Config, openBrowser bool) error {
	defer s.Close()
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, TLSConfig: tlsConfig}
	hs.RegisterOnShutdown(s.closeStreams) // event streams never end by themselves
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
	}
	url := scheme + "://" + ln.Addr().String() + "/"
	if err := desktop.WriteURL(s.dir, url); err != nil {
		ln.Close()
		return fmt.Errorf("record the server's address in %s: %w", s.dir, err)
	}
	defer desktop.RemoveURL(s.dir)

	errc := make(chan error, 1)
	go func() {
		if tlsConfig != nil {
			errc <- hs.ServeTLS(ln, "", "")
			return
		}
		errc <- hs.Serve(ln)
	}()
	fmt.Fprintf(m.Stdout, "Tessera is serving %s at %s\n", s.dir, url)
	if m.Ready != nil {
		s.mu.RLock()
		d := s.data
		s.mu.RUnlock()
		m.Ready(url, d)
	}
	if openBrowser {
		m.openBrowser(url)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(m.Stderr, "shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openBrowser opens url through m.OpenBrowser, when set; a failure is
// reported but not fatal, as the URL is printed anyway.
func (m *Main) openBrowser(url string) {
	if m.OpenBrowser == nil {
		return
	}
	if err := m.OpenBrowser(url); err != nil {
		fmt.Fprintf(m.Stderr, "cannot open the browser (%v); open %s yourself\n", err, url)
	}
}
