package search

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// While a rebuild runs, the garbage collector lets the heap grow to
// rebuildGCPercent % above the live heap (Go's default is 100 %), within a
// memory limit of the live heap at the start plus rebuildHeapBudget: a
// rebuild allocates much short-lived memory (analysed batches, bleve's
// segments in the making), and collecting it less often saves about 5 %
// of its CPU time, while the limit keeps the peak within the documented
// bound (see docs/search.md, Rebuilding).
const (
	rebuildGCPercent  = 400
	rebuildHeapBudget = 320 << 20
)

// bulkGC counts the rebuilds running and keeps the collector's settings
// from before the first.
var bulkGC struct {
	mu      sync.Mutex
	running int
	percent int
	limit   int64
}

// relaxGC applies the rebuild's collector settings (see rebuildGCPercent)
// until the returned function is called. Rebuilds running at once share
// them; the last to finish restores the settings found by the first. A
// collector turned off, or set looser than the rebuild's, is left alone.
func relaxGC() (restore func()) {
	bulkGC.mu.Lock()
	defer bulkGC.mu.Unlock()
	if bulkGC.running == 0 {
		bulkGC.percent = debug.SetGCPercent(rebuildGCPercent)
		if bulkGC.percent < 0 || bulkGC.percent > rebuildGCPercent {
			debug.SetGCPercent(bulkGC.percent)
		}
		bulkGC.limit = debug.SetMemoryLimit(-1)
		if limit := liveHeap() + rebuildHeapBudget; limit < bulkGC.limit {
			debug.SetMemoryLimit(limit)
		}
	}
	bulkGC.running++
	return sync.OnceFunc(func() {
		bulkGC.mu.Lock()
		defer bulkGC.mu.Unlock()
		if bulkGC.running--; bulkGC.running == 0 {
			debug.SetGCPercent(bulkGC.percent)
			debug.SetMemoryLimit(bulkGC.limit)
		}
	})
}

// liveHeap returns the bytes of the heap found live by the last garbage
// collection.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
