//go:build !linux && !darwin && !windows

package bench

import "time"

// privateLabel names what privateMemory would measure.
const privateLabel = "peak anonymous memory while indexing"

// cpuTime is not measured on this platform.
func cpuTime() (time.Duration, bool) { return 0, false }

// resetPeak does nothing on this platform.
func resetPeak() {}

// peakMemory is not measured on this platform.
func peakMemory() (int64, bool) { return 0, false }

// peakLabel names what peakMemory would measure.
func peakLabel() string { return "peak memory while indexing" }

// privateMemory is not measured on this platform.
func privateMemory() (int64, bool) { return 0, false }
