package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"tessera/coding"
	"tessera/coding/search"
	"tessera/coding/store"
	"tessera/server"
)

// defaultDataDir is where data lives when --data is not given.
const defaultDataDir = "tessera-data"

// app is an opened data directory: the store and, when asked for, the
// search index that follows it.
type app struct {
	dir   string
	store *store.Store
	index *search.Index
	// live, once serving, hears of every commit after the index, for
	// the server's event streams.
	live atomic.Pointer[server.Server]
}

// openApp opens (creating if needed) the data directory. With withIndex
// the search index is opened, hooked to the store's commits and brought up
// to date for every project, with progress on progress (may be nil).
func openApp(ctx context.Context, dir string, withIndex bool, progress io.Writer) (*app, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	var ix atomic.Pointer[search.Index]
	a := &app{dir: dir}
	opts := store.Options{OnChange: func(cs []coding.Change) {
		if i := ix.Load(); i != nil {
			i.Apply(cs)
		}
		if srv := a.live.Load(); srv != nil {
			srv.Notify(cs)
		}
	}}
	st, err := store.Open(filepath.Join(dir, "tessera.db"), opts)
	if err != nil {
		if coding.ErrorCode(err) == coding.ECONFLICT {
			return nil, coding.Errorf(coding.ECONFLICT, "the data directory %s is already in use by another Tessera process (stop it, or use another --data)", dir)
		}
		return nil, err
	}
	a.store = st
	if !withIndex {
		return a, nil
	}
	index, err := search.Open(st, search.Options{
		Dir: indexDir(dir),
		Progress: func(projectID string, done, total int) {
			if progress != nil && (done == total || done%500 == 0) {
				fmt.Fprintf(progress, "indexing project %s: %d/%d\n", projectID, done, total)
			}
		},
	})
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("open search index: %w", err)
	}
	ix.Store(index)
	a.index = index
	projects, err := st.ListProjects(ctx)
	if err != nil {
		a.Close()
		return nil, err
	}
	for _, p := range projects {
		if err := index.EnsureFresh(ctx, p.ID); err != nil {
			a.Close()
			return nil, fmt.Errorf("bring the search index of %q up to date: %w", p.Name, err)
		}
	}
	return a, nil
}

// project finds a project by name or ID.
func (a *app) project(ctx context.Context, name string) (*coding.Project, error) {
	if name == "" {
		return nil, coding.Errorf(coding.EINVALID, "--project is required")
	}
	p, err := a.store.FindProjectByName(ctx, name)
	if coding.ErrorCode(err) == coding.ENOTFOUND {
		if byID, err2 := a.store.FindProject(ctx, name); err2 == nil {
			return byID, nil
		}
		return nil, coding.Errorf(coding.ENOTFOUND, "no project named %q in %s", name, a.dir)
	}
	return p, err
}

// Close closes the index, then the store.
func (a *app) Close() error {
	if a.index != nil {
		a.index.Close()
	}
	return a.store.Close()
}

// indexDir is where a data directory keeps its search indexes.
func indexDir(dataDir string) string { return filepath.Join(dataDir, "index") }
