// Package search keeps a bleve full-text index of each project's speaker
// turns, quotes, memos and codes, derived from the store (the source of
// truth), and answers searches with keyword-in-context lines, facets and
// auto-coding. See docs/search.md.
//
// What a search asks and answers (Request, Result, Hit, Match, KWICLine,
// QuoteRef, CodeRef, FacetCount, AutoCodeRequest, AutoCodeResult) is
// declared in the domain package coding and named here by aliases: the
// server and the command line keep writing search.Request, while packages
// that only show or export results (coding/export) use the coding types
// and do not depend on this package, bleve or the index. Types stay in
// coding rather than in a package of their own because they speak of the
// domain's units (turns, quotes, memos, codes) and nothing else.
//
// The package has three parts below it:
//   - internal/engine answers counts and ranked pages from the index's
//     segments, the only code that depends on bleve's internals (its
//     package documentation says what to check when upgrading bleve);
//   - internal/corpus generates the synthetic transcripts and the query
//     mix of the benchmark and of the engine's agreement test;
//   - bench is the benchmark tessera bench search runs, which needs a real
//     store (coding/store); this package itself needs only coding.Store.
package search

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"tessera/coding"
)

// Options configure an Index.
type Options struct {
	// Dir is the index root, e.g. DATA/index; each project's index lives
	// in Dir/<projectID>/.
	Dir string
	// Progress, when set, is told how a rebuild advances: done of total
	// documents indexed.
	Progress func(projectID string, done, total int)
	// TextCacheBytes bounds the memory that keeps document texts for KWIC
	// lines; 128 MiB when zero.
	TextCacheBytes int
	// BatchBytes is the amount of text indexed per batch while rebuilding;
	// 768 KiB when zero.
	BatchBytes int
}

// Index is the full-text index of every project of a store. It is safe
// for concurrent use.
type Index struct {
	store coding.Store
	opt   Options
	texts *textCache

	mu       sync.Mutex
	projects map[string]*project
	closed   bool
}

// Open returns the index of the store's projects rooted at opt.Dir,
// creating the directory. Project indexes are opened (and built when
// missing, lagging, damaged or of an old layout) on first use or by
// EnsureFresh.
func Open(st coding.Store, opt Options) (*Index, error) {
	if opt.Dir == "" {
		return nil, coding.Errorf(coding.EINVALID, "search index directory is required")
	}
	if opt.TextCacheBytes == 0 {
		opt.TextCacheBytes = 128 << 20
	}
	if opt.BatchBytes == 0 {
		opt.BatchBytes = 768 << 10
	}
	if err := os.MkdirAll(opt.Dir, 0o700); err != nil {
		return nil, err
	}
	return &Index{
		store:    st,
		opt:      opt,
		texts:    newTextCache(opt.TextCacheBytes),
		projects: map[string]*project{},
	}, nil
}

// Close closes every open project index. Changes applied before Close
// are on disk afterwards.
func (ix *Index) Close() error {
	ix.mu.Lock()
	ix.closed = true
	projects := ix.projects
	ix.projects = map[string]*project{}
	ix.mu.Unlock()
	var first error
	for _, p := range projects {
		p.buildMu.Lock()
		p.mu.Lock()
		if err := p.close(); err != nil && first == nil {
			first = err
		}
		p.mu.Unlock()
		p.buildMu.Unlock()
	}
	return first
}

var projectIDRe = regexp.MustCompile(`^[0-9A-Za-z_-]{1,64}$`)

// project returns the handle of a project's index, creating it (not yet
// opened) on first use.
func (ix *Index) project(pid string) (*project, error) {
	if !projectIDRe.MatchString(pid) {
		return nil, coding.Errorf(coding.ENOTFOUND, "project %q not found", pid)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil, coding.Errorf(coding.EINTERNAL, "search index is closed")
	}
	p, ok := ix.projects[pid]
	if !ok {
		p = &project{id: pid, dir: filepath.Join(ix.opt.Dir, pid)}
		ix.projects[pid] = p
	}
	return p, nil
}

// dropProject closes and deletes the index of a deleted project.
func (ix *Index) dropProject(pid string) {
	if !projectIDRe.MatchString(pid) {
		return
	}
	ix.mu.Lock()
	p := ix.projects[pid]
	delete(ix.projects, pid)
	ix.mu.Unlock()
	if p != nil {
		p.mu.Lock()
		_ = p.close()
		p.stale = true
		p.mu.Unlock()
	}
	ix.texts.forgetProject(pid)
	_ = os.RemoveAll(filepath.Join(ix.opt.Dir, pid))
}

// EnsureFresh opens the project's index and compares the sequence number
// it recorded with the store's. It rebuilds the index from the store,
// reporting progress, when it is missing, lagging, ahead of the store,
// damaged, of an old layout or built for another language.
func (ix *Index) EnsureFresh(ctx context.Context, projectID string) error {
	p, err := ix.project(projectID)
	if err != nil {
		return err
	}
	return ix.ensure(ctx, p, true)
}

// Rebuild rebuilds the project's index from the store, whatever its state.
func (ix *Index) Rebuild(ctx context.Context, projectID string) error {
	p, err := ix.project(projectID)
	if err != nil {
		return err
	}
	p.buildMu.Lock()
	defer p.buildMu.Unlock()
	return ix.rebuild(ctx, p)
}

// ensure makes p ready for searching: opened, compared with the store
// (always when force, else once) and rebuilt when needed.
func (ix *Index) ensure(ctx context.Context, p *project, force bool) error {
	p.buildMu.Lock()
	defer p.buildMu.Unlock()
	p.mu.Lock()
	if p.ready && !p.stale && !force {
		p.mu.Unlock()
		return nil
	}
	need, err := ix.check(ctx, p)
	p.mu.Unlock()
	if err != nil || !need {
		return err
	}
	return ix.rebuild(ctx, p)
}

// check opens p's index and reports whether it must be rebuilt; when it
// need not, it loads the catalog and marks p ready. p.mu is held.
func (ix *Index) check(ctx context.Context, p *project) (bool, error) {
	proj, err := ix.store.FindProject(ctx, p.id)
	if err != nil {
		return false, err
	}
	lang := analyzerLanguage(proj.Language)
	if p.stale {
		return true, nil
	}
	if p.idx == nil {
		if err := p.open(lang); err != nil {
			if coding.ErrorCode(err) == coding.ECONFLICT {
				return false, err
			}
			return true, nil
		}
	}
	if p.meta.Language != lang {
		return true, nil
	}
	seq, err := ix.store.Seq(ctx, p.id)
	if err != nil {
		return false, err
	}
	if p.seq.applied != seq {
		return true, nil
	}
	if p.cat == nil {
		if err := ix.loadCatalog(ctx, p); err != nil {
			return false, err
		}
	}
	p.ready = true
	return false, nil
}

// loadCatalog reads the project without text into p.cat. p.mu is held.
func (ix *Index) loadCatalog(ctx context.Context, p *project) error {
	if p.cat != nil {
		return nil
	}
	snap, err := ix.store.Snapshot(ctx, p.id, false)
	if err != nil {
		return err
	}
	p.cat = newCatalog(snap)
	return nil
}
