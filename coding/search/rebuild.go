package search

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"tessera/coding"
	"tessera/coding/search/internal/engine"
)

// rebuild builds a new index of p from the store and switches to it.
// Changes committed meanwhile are queued by Apply and replayed on the new
// index before the switch; searches wait for the switch. p.buildMu is
// held.
func (ix *Index) rebuild(ctx context.Context, p *project) (err error) {
	defer relaxGC()()
	proj, err := ix.store.FindProject(ctx, p.id)
	if err != nil {
		return err
	}
	lang := analyzerLanguage(proj.Language)

	p.mu.Lock()
	p.rebuilding, p.pending = true, nil
	p.mu.Unlock()
	var idx bleve.Index
	defer func() {
		if err != nil {
			if idx != nil {
				idx.Close()
			}
			p.mu.Lock()
			p.rebuilding, p.pending, p.stale = false, nil, true
			p.mu.Unlock()
		}
	}()

	// Index a snapshot of the project (read without text; texts are read
	// one document at a time to bound memory).
	snap, err := ix.store.Snapshot(ctx, p.id, false)
	if err != nil {
		return err
	}
	cat := newCatalog(snap)
	name := "index-" + coding.NewID(time.Now())
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return err
	}
	im, err := newMapping(lang)
	if err != nil {
		return err
	}
	// Build with batches that wait for the disk (without that
	// back-pressure segments pile up in memory faster than they are
	// written) and no merging until settle (see buildConfig). Then reopen
	// for serving, with batches that do not wait (see runtimeConfig).
	path := filepath.Join(p.dir, name)
	if idx, err = bleve.NewUsing(path, im, scorch.Name, scorch.Name, buildConfig()); err != nil {
		idx = nil // bleve returns a typed nil
		return err
	}
	v := newVocab()
	if err := ix.indexSnapshot(ctx, p.id, lang, idx, cat, snap, v); err != nil {
		return err
	}
	// The numbered words and the sequence number go last, once every
	// unit is analysed.
	b := idx.NewBatch()
	v.saveNew(b)
	b.SetInternal(seqKey, encodeSeq(snap.Seq))
	if err := idx.Batch(b); err != nil {
		return err
	}
	if err := persist(idx, snap.Seq); err != nil {
		return err
	}
	if err := settle(ctx, idx); err != nil {
		return err
	}
	// Once more, so that the merged state is what the disk records.
	if err := persist(idx, snap.Seq); err != nil {
		return err
	}
	if err := idx.Close(); err != nil {
		idx = nil
		return err
	}
	if idx, err = bleve.OpenUsing(path, runtimeConfig()); err != nil {
		idx = nil
		return err
	}

	// Switch: replay what was committed during the build, record the new
	// index in the meta file, then drop the old one.
	p.mu.Lock()
	defer p.mu.Unlock()
	pending := p.pending
	p.rebuilding, p.pending = false, nil
	old := p.idx
	m := &meta{Layout: LayoutVersion, Language: lang, Index: name}
	p.idx, p.meta, p.cat, p.vocab, p.stale, p.ready = idx, m, cat, v, false, true
	p.seq.reset(snap.Seq)
	p.expand.reset()
	var replay []coding.Change
	for _, ch := range pending {
		if ch.Seq > snap.Seq {
			replay = append(replay, ch)
		}
	}
	if len(replay) > 0 {
		if err := ix.applyLocked(ctx, p, replay); err != nil {
			p.stale = true
		}
	}
	if err := writeMeta(p.dir, m); err != nil {
		p.idx, p.stale = old, true
		return err
	}
	if old != nil {
		old.Close()
	}
	p.removeOtherIndexes(name)
	return nil
}

// indexSnapshot writes every unit of a project into idx. The calling
// goroutine reads the documents and analyses their units (numbering words
// is done by one goroutine, see vocab); batches of about
// Options.BatchBytes of text go to two goroutines that have bleve build
// their segments, the bulk of the work. The channel holds no batch, so at
// most three analysed batches are in memory. Once half the documents are
// sent, the segments already on disk are merged into one while the rest
// is written (see mergeWritten), so that settle, at the end, merges only
// the second half.
func (ix *Index) indexSnapshot(ctx context.Context, pid, lang string, idx bleve.Index, cat *catalog, snap *coding.Snapshot, v *vocab) error {
	batches := make(chan *bleve.Batch)
	errs := make(chan error, 3)
	for i := 0; i < 2; i++ {
		go func() {
			var first error
			for b := range batches {
				if first == nil {
					first = idx.Batch(b)
				}
			}
			errs <- first
		}()
	}
	merging := false
	half := func() {
		merging = true
		go func() { errs <- mergeWritten(ctx, idx) }()
	}
	err := ix.fillBatches(ctx, pid, lang, idx, cat, snap, v, batches, half)
	close(batches)
	waits := 2
	if merging {
		waits++
	}
	for i := 0; i < waits; i++ {
		if e := <-errs; err == nil {
			err = e
		}
	}
	return err
}

// fillBatches reads the project's documents one at a time and sends
// batches of their units, then of memos and codes, to out. It calls half
// once, after sending the batch that completes half of the documents.
func (ix *Index) fillBatches(ctx context.Context, pid, lang string, idx bleve.Index, cat *catalog, snap *coding.Snapshot, v *vocab, out chan<- *bleve.Batch, half func()) error {
	w := newWriter(ctx, ix.store, pid, lang, idx, cat, nil, v)
	send := func() error {
		select {
		case out <- w.b:
		case <-ctx.Done():
			return ctx.Err()
		}
		w.b, w.bytes = idx.NewBatch(), 0
		return nil
	}
	total := len(cat.docs)
	for i, d := range cat.docs {
		doc, err := ix.store.FindDocument(ctx, pid, d.ID)
		if err != nil {
			return err
		}
		if err := w.document(doc); err != nil {
			return err
		}
		if w.bytes >= ix.opt.BatchBytes {
			if err := send(); err != nil {
				return err
			}
			if half != nil && 2*(i+1) >= total {
				half()
				half = nil
			}
		}
		if ix.opt.Progress != nil {
			ix.opt.Progress(pid, i+1, total)
		}
	}
	for _, m := range snap.Memos {
		if err := w.memo(m); err != nil {
			return err
		}
	}
	for _, c := range snap.Codes {
		if err := w.code(c); err != nil {
			return err
		}
	}
	if ix.opt.Progress != nil && total == 0 {
		ix.opt.Progress(pid, 0, 0)
	}
	return send()
}

// settle merges the segments a build leaves into two of about half the
// units each, and waits for it. Units are counted by the segments, so the
// planner is asked for segments of at most 55 % of them; it then merges
// every segment below half that size, as many at once as it can. Two
// segments let a search use both cores (the engine reads segments two at
// a time) and keep the words' dictionaries to two copies: the index is
// then 1.87x the text, against 1.86x for one segment and 1.94x for the
// five or six a size-tiered plan leaves. The planner runs until it merges
// no more.
func settle(ctx context.Context, idx bleve.Index) error {
	s, err := scorchOf(idx)
	if err != nil || s == nil {
		return err
	}
	segments := func() (n int, units uint64, err error) {
		sizes, err := engine.SegmentSizes(idx)
		for _, u := range sizes {
			units += u
		}
		return len(sizes), units, err
	}
	prev, units, err := segments()
	if err != nil || prev <= 1 {
		return err
	}
	half := int64(units*55/100) + 1
	opts := mergeplan.DefaultMergePlanOptions
	opts.MaxSegmentSize, opts.FloorSegmentSize = half, half
	opts.MaxSegmentsPerTier, opts.SegmentsPerMergeTask = 1, 1<<20
	for round := 0; round < 8; round++ {
		if err := s.ForceMerge(ctx, &opts); err != nil {
			return err
		}
		n, _, err := segments()
		if err != nil || n == prev {
			return err
		}
		prev = n
	}
	return nil
}

// mergeWritten merges the segments of idx that are on disk into one, as
// bleve's merger does, in bleve's merger goroutine; indexing goes on
// meanwhile. The merged segment holds about half the units, more than
// settle merges further.
func mergeWritten(ctx context.Context, idx bleve.Index) error {
	s, err := scorchOf(idx)
	if err != nil || s == nil {
		return err
	}
	sizes, err := engine.SegmentSizes(idx)
	if err != nil {
		return err
	}
	var units uint64
	for _, u := range sizes {
		units += u
	}
	// Every segment is below half the maximum size, so one task takes
	// them all.
	all := 2*int64(units) + 2
	opts := mergeplan.DefaultMergePlanOptions
	opts.MaxSegmentSize, opts.FloorSegmentSize = all, all
	opts.MaxSegmentsPerTier, opts.SegmentsPerMergeTask = 1, 1<<20
	return s.ForceMerge(ctx, &opts)
}

// scorchOf returns the scorch index under idx, or nil when it has
// another kind.
func scorchOf(idx bleve.Index) (*scorch.Scorch, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	s, _ := adv.(*scorch.Scorch)
	return s, nil
}
