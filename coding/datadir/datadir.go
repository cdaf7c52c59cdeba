// Package datadir opens a Tessera data directory: the bbolt store of
// record and the search index that follows its commits, wired together
// once for every program that needs them.
//
// The command line (serve, demo and every other command), the server's
// API tests and the browser tests all open data through Open, so the
// store, its change hook and the index are joined the same way
// everywhere. It lives under internal/ rather than in cmd/tessera so that
// tests outside the command (server/, ui/e2e/) can use it, while no code
// outside this module can.
package datadir

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"tessera/coding"
	"tessera/coding/search"
	"tessera/coding/store"
)

// Options say what to open besides the store.
type Options struct {
	// Search opens the search index, hooked to the store's commits, and
	// brings every project's index up to date.
	Search bool
	// NoCatchUp, with Search, leaves out-of-date project indexes as they
	// are on opening: for a caller that rebuilds them itself.
	NoCatchUp bool
	// Progress, when set, receives a line now and then while an index is
	// built.
	Progress io.Writer
	// Now is the store's clock; time.Now when nil.
	Now func() time.Time
}

// Dir is an opened data directory.
type Dir struct {
	// Path is the directory.
	Path string
	// Store is the store of record.
	Store *store.Store
	// Index is the search index, or nil when Options.Search was false.
	Index *search.Index
	// listener, when set, hears of every commit after the index.
	listener atomic.Pointer[func([]coding.Change)]
}

// Listen makes fn hear of every commit of the store from now on, after
// the search index has; nil stops it. tessera serve gives it the
// server's event streams (server.Server.Notify).
func (d *Dir) Listen(fn func([]coding.Change)) {
	if fn == nil {
		d.listener.Store(nil)
		return
	}
	d.listener.Store(&fn)
}

// DatabaseFile is the name of the store's file inside a data directory.
const DatabaseFile = "tessera.db"

// Exists reports whether dir holds a Tessera database.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, DatabaseFile))
	return err == nil
}

// IndexDir is where a data directory keeps its search indexes.
func IndexDir(dir string) string { return filepath.Join(dir, "index") }

// Open opens, creating it if needed, the data directory dir. A directory
// held by another process gives a conflict error.
func Open(ctx context.Context, dir string, opt Options) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	// The store calls the hook after each commit; the index it feeds is
	// opened second, and the listener set later, so the hook finds them
	// through pointers.
	var ix atomic.Pointer[search.Index]
	d := &Dir{Path: dir}
	sopt := store.Options{Now: opt.Now, OnChange: func(cs []coding.Change) {
		if i := ix.Load(); i != nil {
			i.Apply(cs)
		}
		if fn := d.listener.Load(); fn != nil {
			(*fn)(cs)
		}
	}}
	st, err := store.Open(filepath.Join(dir, DatabaseFile), sopt)
	if err != nil {
		if coding.ErrorCode(err) == coding.ECONFLICT {
			return nil, coding.Errorf(coding.ECONFLICT, "the data directory %s is already in use by another Tessera process (stop it, or use another --data)", dir)
		}
		return nil, err
	}
	d.Store = st
	if !opt.Search {
		return d, nil
	}
	index, err := search.Open(st, search.Options{Dir: IndexDir(dir), Progress: progress(opt.Progress)})
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("open search index: %w", err)
	}
	ix.Store(index)
	d.Index = index
	if opt.NoCatchUp {
		return d, nil
	}
	if err := d.catchUp(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// catchUp brings the index of every project up to date with the store.
func (d *Dir) catchUp(ctx context.Context) error {
	projects, err := d.Store.ListProjects(ctx)
	if err != nil {
		return err
	}
	for _, p := range projects {
		if err := d.Index.EnsureFresh(ctx, p.ID); err != nil {
			return fmt.Errorf("bring the search index of %q up to date: %w", p.Name, err)
		}
	}
	return nil
}

// progress reports index builds on w, every 500 documents and at the end.
func progress(w io.Writer) func(projectID string, done, total int) {
	if w == nil {
		return nil
	}
	return func(projectID string, done, total int) {
		if done == total || done%500 == 0 {
			fmt.Fprintf(w, "indexing project %s: %d/%d\n", projectID, done, total)
		}
	}
}

// Close closes the index, then the store.
func (d *Dir) Close() error {
	if d.Index != nil {
		d.Index.Close()
	}
	return d.Store.Close()
}
