package bench

import (
	"syscall"
	"time"
)

// privateLabel names what privateMemory measures.
const privateLabel = "peak anonymous memory while indexing"

// cpuTime returns the CPU time the process has used (user and system, all
// threads).
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

// resetPeak does nothing: macOS keeps one peak for the process's life.
func resetPeak() {}

// peakMemory returns the peak resident memory of the process since it
// started. On macOS ru_maxrss counts bytes (Linux counts KiB).
func peakMemory() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Maxrss, ru.Maxrss > 0
}

// peakLabel names what peakMemory measures.
func peakLabel() string { return "peak RSS since the process started (ru_maxrss, with mapped files)" }

// privateMemory is not measured on macOS: it has no cheap per-process
// figure for memory not backed by files.
func privateMemory() (int64, bool) { return 0, false }
