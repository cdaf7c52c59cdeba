package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"tessera/cmd/tessera/desktop"
	"tessera/coding"
	backups "tessera/coding/backup"
)

// startWait is how long a second start waits for a first one that holds
// the database but has not yet recorded its address (it may still be
// bringing the search index up to date).
const startWait = time.Minute

// startArgs is the synopsis of tessera without a command.
const startArgs = "[--data DIR] [--no-open] [--keep-backups N]"

// start is tessera without a command, what a double-click runs: serve the
// user's data directory on a loopback port and open the browser on it.
// When a Tessera already serves that directory, it opens the browser on
// that one, prints its URL and returns without error.
func (m *Main) start(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("tessera", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: tessera %s\n\nServe your data directory on this computer and open the browser on it; with a Tessera already serving it, open that one.\n\nFlags:\n", startArgs)
		fs.PrintDefaults()
		fmt.Fprintln(m.Stderr, "\nRun 'tessera help' for the commands.")
	}
	dir := fs.String("data", "", "data `directory` (default: your own, see the README; ./tessera-data when the working directory has one)")
	noOpen := fs.Bool("no-open", false, "do not open the browser")
	keep := keepBackupsFlag(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if err := noArgs(fs.Args()); err != nil {
		return err
	}
	if *keep < 0 {
		return coding.Errorf(coding.EINVALID, "--keep-backups must be 0 or more")
	}
	if *dir == "" {
		d, reason, err := desktop.DataDir(m.env())
		if err != nil {
			return err
		}
		*dir = d
		fmt.Fprintf(m.Stdout, "Data directory: %s (%s)\n", d, reason)
	}
	found := func(url string) error {
		fmt.Fprintf(m.Stdout, "Tessera is already running for %s at %s\n", *dir, url)
		if !*noOpen {
			m.openBrowser(url)
		}
		return nil
	}
	if url, ok := desktop.Running(ctx, *dir); ok {
		return found(url)
	}
	s := m.newSite(*dir, *keep, serveOptions{})
	if err := s.start(ctx); err != nil {
		if coding.ErrorCode(err) == coding.ECONFLICT {
			if url, ok := desktop.WaitRunning(ctx, *dir, startWait); ok {
				return found(url)
			}
		}
		return err
	}
	ln, err := desktop.ListenLoopback(desktop.PreferredPort)
	if err != nil {
		s.Close()
		return coding.Errorf(coding.ECONFLICT, "cannot listen on a loopback port: %v", err)
	}
	return m.serveSite(ctx, ln, s, nil, !*noOpen)
}

// keepBackupsFlag declares --keep-backups on fs.
func keepBackupsFlag(fs *flag.FlagSet) *int {
	return fs.Int("keep-backups", backups.DefaultKeep, "automatic backups (at start and daily) to keep in the data directory's backups folder; 0 for none")
}

// env is where the default data directory is looked for.
func (m *Main) env() desktop.Env {
	if m.Env != nil {
		return m.Env()
	}
	return desktop.HostEnv()
}
