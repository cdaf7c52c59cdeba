package search

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestRelaxGCRestores checks that rebuilds running at once share the
// relaxed collector settings and that the last to end restores the
// settings found by the first, including a looser percentage left alone.
func TestRelaxGCRestores(t *testing.T) {
	for _, before := range []int{100, 50, 800} {
		prevPercent := debug.SetGCPercent(before)
		prevLimit := debug.SetMemoryLimit(math.MaxInt64)
		t.Cleanup(func() {
			debug.SetGCPercent(prevPercent)
			debug.SetMemoryLimit(prevLimit)
		})
		want := rebuildGCPercent
		if before > rebuildGCPercent {
			want = before
		}
		first := relaxGC()
		second := relaxGC()
		if got := currentGCPercent(); got != want {
			t.Errorf("GC percent %d during two rebuilds: got %d, want %d", before, got, want)
		}
		if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 || got < rebuildHeapBudget {
			t.Errorf("memory limit during rebuilds: got %d, want the live heap plus %d", got, rebuildHeapBudget)
		}
		first()
		first() // a second call does nothing
		if got := currentGCPercent(); got != want {
			t.Errorf("GC percent %d with one rebuild still running: got %d, want %d", before, got, want)
		}
		second()
		if got := currentGCPercent(); got != before {
			t.Errorf("GC percent after the rebuilds: got %d, want %d", got, before)
		}
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("memory limit after the rebuilds: got %d, want none (%d)", got, int64(math.MaxInt64))
		}
	}
}

// currentGCPercent returns the collector's percentage without changing it.
func currentGCPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}
