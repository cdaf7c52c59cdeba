package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	berrors "go.etcd.io/bbolt/errors"

	"tessera/coding"
)

// project is the index of one project with what it keeps in memory.
type project struct {
	id  string
	dir string

	// buildMu lets one goroutine at a time open, check or rebuild.
	buildMu sync.Mutex

	// queueMu guards queue: changes committed and not yet taken by an
	// Apply. Applies that wait for mu together are applied together.
	queueMu sync.Mutex
	queue   []coding.Change

	// mu guards the fields below: Apply and rebuilds write, searches read.
	mu    sync.RWMutex
	idx   bleve.Index
	meta  *meta
	cat   *catalog
	seq   seqTracker
	ready bool // opened, compared with the store, catalog loaded
	// stale marks an index that needs a rebuild (an update failed, a
	// change was missed, the language changed).
	stale bool
	// rebuilding holds back Apply, which queues changes in pending.
	rebuilding bool
	pending    []coding.Change
	// expand caches query words' forms; cleared whenever idx changes.
	expand expansions
	// vocab numbers the words of idx (see wordsField).
	vocab *vocab
}

// runtimeConfig is passed to bleve when opening an index for serving.
// bolt_timeout makes opening an index held by another process fail fast.
// unsafe_batch returns from a batch once it is searchable, without
// waiting for the disk: the sequence number written with each batch lets
// a restart detect a lost tail and rebuild. The merge plan is named here
// because bleve keeps the configuration an index was built with (see
// buildConfig) and would otherwise never merge the segments incremental
// updates add; see servingMergePlan and persisterNap for its settings.
func runtimeConfig() map[string]any {
	return map[string]any{
		"bolt_timeout":           "1s",
		"unsafe_batch":           true,
		"scorchMergePlanOptions": mergePlan(servingMergePlan()),
		"scorchPersisterOptions": map[string]any{"PersisterNapTimeMSec": persisterNap},
	}
}

// servingMergePlan is bleve's default merge plan with small segments
// rounded up to 100 units instead of 2,000, and five segments per tier and
// per merge instead of ten. Every batch of changes adds a segment of a few
// units, and the planner allows about one segment per floor size in its
// first tier: with bleve's floor, an index of fewer than 20,000 units
// (most projects) merged nearly all of its units again after nearly every
// batch, which took 63 % of the server's CPU time under the team load
// benchmark and lengthened the tails of every request. With a floor of 100
// the small segments are merged among themselves and the large ones
// seldom. More segments are left for searches to read: after 400 changes
// to a 10 MB index, 9 to 11 segment files with five per tier, 13 to 21
// with ten, 5 with bleve's plan (docs/performance.md, "A team at work"). A
// rebuilt index (two large segments) merges nothing either way.
func servingMergePlan() mergeplan.MergePlanOptions {
	o := mergeplan.DefaultMergePlanOptions
	o.FloorSegmentSize = 100
	o.MaxSegmentsPerTier, o.SegmentsPerMergeTask = 5, 5
	return o
}

// persisterNap is how long, in milliseconds, bleve's persister waits
// before writing the segments that batches added to disk, so that the
// segments of several batches are merged in memory and written (and
// synced) as one. bleve advises it for unsafe_batch; the costs are that a
// crash loses at most that much more of the index's tail, which the
// sequence number detects and a rebuild restores, and that closing an
// index (see persist) can wait that long for the persister.
const persisterNap = 200

// buildConfig is passed to bleve when a rebuild creates an index. Its
// batches wait for the disk (see rebuild), and its merge planner merges
// nothing while the units are written: merging as segments arrive
// rewrites most units several times, and settle merges them once at the
// end instead.
func buildConfig() map[string]any {
	none := mergeplan.DefaultMergePlanOptions
	none.MaxSegmentsPerTier, none.SegmentsPerMergeTask = 1<<20, 1<<20
	return map[string]any{"bolt_timeout": "1s", "scorchMergePlanOptions": mergePlan(none)}
}

// mergePlan gives the settings of merge plan o as bleve's configuration
// takes them (and stores them, as JSON, with the index).
func mergePlan(o mergeplan.MergePlanOptions) map[string]any {
	return map[string]any{
		"MaxSegmentsPerTier":   o.MaxSegmentsPerTier,
		"MaxSegmentSize":       o.MaxSegmentSize,
		"MaxSegmentFileSize":   o.MaxSegmentFileSize,
		"TierGrowth":           o.TierGrowth,
		"SegmentsPerMergeTask": o.SegmentsPerMergeTask,
		"FloorSegmentSize":     o.FloorSegmentSize,
		"FloorSegmentFileSize": o.FloorSegmentFileSize,
		"ReclaimDeletesWeight": o.ReclaimDeletesWeight,
	}
}

// open opens the index recorded in p's meta file. It fails when the meta
// file is missing, damaged or of another layout or language, when the
// index does not open or lacks its sequence number: all cases for a
// rebuild. An index held by another process gives ECONFLICT. p.mu is held.
func (p *project) open(lang string) error {
	m, err := readMeta(p.dir)
	if err != nil {
		return err
	}
	if !m.valid() || m.Language != lang {
		return fmt.Errorf("index of project %s has layout %d, language %q", p.id, m.Layout, m.Language)
	}
	idx, err := bleve.OpenUsing(filepath.Join(p.dir, m.Index), runtimeConfig())
	if errors.Is(err, berrors.ErrTimeout) {
		return coding.Errorf(coding.ECONFLICT, "the search index of project %s is in use by another Tessera process", p.id)
	} else if err != nil {
		return err
	}
	raw, err := idx.GetInternal(seqKey)
	seq, ok := decodeSeq(raw)
	if err != nil || !ok {
		idx.Close()
		return fmt.Errorf("index of project %s has no sequence number", p.id)
	}
	v, err := loadVocab(idx)
	if err != nil {
		idx.Close()
		return fmt.Errorf("index of project %s: reading its words: %w", p.id, err)
	}
	p.idx, p.meta, p.vocab = idx, m, v
	p.seq.reset(seq)
	return nil
}

// persist waits until every batch written to idx so far is on disk,
// writing seq once more with the last of them. Batches return as soon as
// they are searchable (see runtimeConfig); this is called before switching
// to a rebuilt index and before closing one.
func persist(idx bleve.Index, seq uint64) error {
	done := make(chan error, 1)
	b := idx.NewBatch()
	b.SetInternal(seqKey, encodeSeq(seq))
	b.SetPersistedCallback(func(err error) {
		select {
		case done <- err:
		default:
		}
	})
	if err := idx.Batch(b); err != nil {
		return err
	}
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		return fmt.Errorf("search index: timed out writing to disk")
	}
}

// close writes pending batches to disk and closes the open index, and
// forgets the catalog. p.mu is held.
func (p *project) close() error {
	var err error
	if p.idx != nil {
		if !p.stale && !p.rebuilding {
			err = persist(p.idx, p.seq.applied)
		}
		if cerr := p.idx.Close(); err == nil {
			err = cerr
		}
	}
	p.idx, p.meta, p.cat, p.vocab, p.ready = nil, nil, nil, nil, false
	return err
}

// removeOtherIndexes deletes index directories other than keep, left by
// rebuilds that were replaced or interrupted.
func (p *project) removeOtherIndexes(keep string) {
	entries, err := os.ReadDir(p.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != keep && indexDirRe.MatchString(e.Name()) {
			_ = os.RemoveAll(filepath.Join(p.dir, e.Name()))
		}
	}
}
