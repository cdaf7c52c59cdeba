package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"tessera/coding"
	backups "tessera/coding/backup"
	"tessera/coding/datadir"
	"tessera/server"
	"tessera/ui"
)

// backupCheckEvery is how often a serving process looks whether the
// daily backup is due.
const backupCheckEvery = 10 * time.Minute

// site is what a serving process serves: an open data directory behind
// the HTTP handler, with its automatic backups, and the means to restore
// one of them while serving. A restore closes the data directory, puts
// the backup in place and opens it again behind a new handler, on the
// same address; requests meanwhile answer 503.
type site struct {
	dir    string
	keeper *backups.Keeper
	log    *slog.Logger
	// open opens the data directory with its search index.
	open func(ctx context.Context) (*datadir.Dir, error)
	// config returns the server configuration for d; site adds Backups
	// and Restore.
	config func(d *datadir.Dir) server.Config

	// mu is held for reading by every request and for writing while the
	// database is swapped, so a restore waits for requests in flight.
	mu       sync.RWMutex
	data     *datadir.Dir
	srv      *server.Server
	stopRuns func() // stops the backup loop and waits for it
	// restoring turns new requests away with 503 from the moment a
	// restore is accepted until it is done.
	restoring atomic.Bool
}

// newSite returns the site of the data directory dir keeping keep
// automatic backups, served with the options opt.
func (m *Main) newSite(dir string, keep int, opt serveOptions) *site {
	log := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return &site{
		dir:    dir,
		keeper: backups.New(dir, keep),
		log:    log,
		open: func(ctx context.Context) (*datadir.Dir, error) {
			return datadir.Open(ctx, dir, datadir.Options{Search: true, Progress: m.Stderr})
		},
		config: func(d *datadir.Dir) server.Config {
			return server.Config{
				Store:        d.Store,
				Search:       d.Index,
				UI:           ui.FS,
				Logger:       log,
				Version:      m.fullVersion(),
				Team:         opt.team,
				TrustProxy:   opt.trustProxy,
				ServiceToken: opt.serviceToken,
			}
		},
	}
}

// start opens the data directory and serves it.
func (s *site) start(ctx context.Context) error {
	d, err := s.open(ctx)
	if err != nil {
		return err
	}
	s.attach(d, true)
	return nil
}

// attach serves d and starts its backup loop, with a start backup first
// (in the background) when start is set. s.mu is held or nothing serves
// yet.
func (s *site) attach(d *datadir.Dir, start bool) {
	s.data = d
	cfg := s.config(d)
	cfg.Backups, cfg.Restore = s.keeper, s.requestRestore
	s.srv = server.New(cfg)
	d.Listen(s.srv.Notify) // commits reach the event streams
	s.stopRuns = func() {}
	if s.keeper.Keep <= 0 {
		return
	}
	write := func(w io.Writer) (int64, error) { return d.Store.Backup(context.Background(), w) }
	report := func(b backups.Backup, err error) {
		if err != nil {
			s.log.Error("automatic backup failed", "err", err)
			return
		}
		s.log.Info("backup written", "file", filepath.Join(backups.Folder, b.Name), "bytes", b.Size)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if start {
			report(s.keeper.TakeAndRotate(backups.KindStart, write))
		}
		s.keeper.Run(ctx, write, backupCheckEvery, report)
	}()
	s.stopRuns = func() { cancel(); <-done }
}

// ServeHTTP serves through the current handler, or answers 503 while a
// restore is under way.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.restoring.Load() {
		restoringAnswer(w)
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.srv.Handler().ServeHTTP(w, r)
}

// closeStreams ends the event streams of the current server, which never
// end by themselves: on shutdown (http.Server.RegisterOnShutdown).
func (s *site) closeStreams() {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.srv != nil {
		s.srv.CloseStreams()
	}
}

// restoringAnswer is the answer of every request during a restore.
func restoringAnswer(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "2")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	io.WriteString(w, `{"error":"Tessera is restoring a backup; try again in a moment"}`+"\n")
}

// requestRestore is the server's Restore hook, called while serving a
// request (so under s.mu's read lock): it turns new requests away, ends
// the event streams (tabs reconnect once the restore is done, and reload
// their data as the restored change numbers tell them to), and restores
// b once the requests in flight, the asking one included, are answered.
func (s *site) requestRestore(b backups.Backup) error {
	if !s.restoring.CompareAndSwap(false, true) {
		return coding.Errorf(coding.ECONFLICT, "a restore is already under way")
	}
	srv := s.srv
	go func() {
		srv.CloseStreams()
		s.mu.Lock()
		defer s.mu.Unlock()
		defer s.restoring.Store(false)
		if err := s.restore(b); err != nil {
			s.log.Error("restore failed", "backup", b.Name, "err", err)
		}
	}()
	return nil
}

// restore swaps the database for the backup b; s.mu is held. When the
// restored data cannot be opened, the replaced database goes back.
func (s *site) restore(b backups.Backup) error {
	ctx := context.Background()
	s.stopRuns()
	s.data.Listen(nil)
	if err := s.data.Close(); err != nil {
		s.log.Warn("closing the data directory before the restore", "err", err)
	}
	dbPath := filepath.Join(s.dir, datadir.DatabaseFile)
	saved, rerr := s.keeper.Restore(dbPath, b)
	if rerr == nil {
		s.log.Info("restored a backup", "backup", b.Name, "previous database kept as", filepath.Join(backups.Folder, saved.Name))
		// The index follows the database: rebuild it from the restored one.
		if err := os.RemoveAll(datadir.IndexDir(s.dir)); err != nil {
			s.log.Warn("removing the old search index", "err", err)
		}
	}
	d, err := s.open(ctx)
	if err != nil && rerr == nil {
		// The restored file does not open: put the previous one back.
		s.log.Error("the restored database does not open; putting the previous one back", "err", err)
		if _, perr := s.keeper.Restore(dbPath, saved); perr != nil {
			return fmt.Errorf("open the restored database: %v; put the previous one back: %w", err, perr)
		}
		os.RemoveAll(datadir.IndexDir(s.dir))
		d, err = s.open(ctx)
	}
	if err != nil {
		return fmt.Errorf("reopen the data directory: %w", err)
	}
	s.attach(d, false)
	return rerr
}

// Close stops the backups and closes the data directory, after a restore
// under way has ended.
func (s *site) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data == nil {
		return nil
	}
	s.stopRuns()
	s.data.Listen(nil)
	err := s.data.Close()
	s.data = nil
	return err
}
