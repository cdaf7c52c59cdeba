package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"tessera/coding"
	backups "tessera/coding/backup"
	"tessera/desktop"
	"tessera/server"
	"tessera/ui"
)

// startWait is how long a second start waits for a first one that holds
// the database but has not yet recorded its address (it may still be
// bringing the search index up to date).
const startWait = time.Minute

// startUsage is the synopsis of tessera without a command.
const startUsage = "[--data DIR] [--no-open] [--keep-backups N]"

// start is tessera without a command, what a double-click runs: serve the
// user's data directory on a loopback port and open the browser on it.
// When a Tessera already serves that directory, it opens the browser on
// that one, prints its URL and returns without error.
func (m *Main) start(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("tessera", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: tessera %s\n\nServe your data directory on this computer and open the browser on it; with a Tessera already serving it, open that one.\n\nFlags:\n", startUsage)
		fs.PrintDefaults()
		fmt.Fprintln(m.Stderr, "\nRun 'tessera help' for the commands.")
	}
	dir := fs.String("data", "", "data `directory` (default: your own, see the README; ./tessera-data when the working directory has one)")
	noOpen := fs.Bool("no-open", false, "do not open the browser")
	keep := fs.Int("keep-backups", backups.DefaultKeep, "automatic backups to keep in the data directory's backups folder (0: none)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return coding.Errorf(coding.EINVALID, "unexpected argument %q (run tessera help for the commands)", fs.Arg(0))
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
	shown := func(url string) error {
		fmt.Fprintf(m.Stdout, "Tessera is already running for %s at %s\n", *dir, url)
		if !*noOpen {
			m.openBrowser(url)
		}
		return nil
	}
	if url, ok := desktop.Running(ctx, *dir); ok {
		return shown(url)
	}

	s := m.newSite(*dir, *keep, func(a *app) server.Config { return m.soloConfig(a) })
	if err := s.start(ctx); err != nil {
		if coding.ErrorCode(err) == coding.ECONFLICT {
			if url, ok := desktop.WaitRunning(ctx, *dir, startWait); ok {
				return shown(url)
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

// newSite returns the site of the data directory dir keeping keep
// automatic backups, with the server configuration config.
func (m *Main) newSite(dir string, keep int, config func(a *app) server.Config) *site {
	return &site{
		dir:    dir,
		keeper: backups.New(dir, keep),
		log:    m.logger(),
		open:   func(ctx context.Context) (*app, error) { return openApp(ctx, dir, true, m.Stderr) },
		config: config,
	}
}

// soloConfig is the server configuration of a in solo mode.
func (m *Main) soloConfig(a *app) server.Config {
	return server.Config{Store: a.store, Search: a.index, UI: ui.FS, Logger: m.logger(), Version: fullVersion()}
}

// logger is the log of serving commands, on standard error.
func (m *Main) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// env is where the default data directory is looked for.
func (m *Main) env() desktop.Env {
	if m.Env != nil {
		return m.Env()
	}
	return desktop.HostEnv()
}
