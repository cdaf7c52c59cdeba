package bench

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// privateLabel names what privateMemory measures.
const privateLabel = "peak anonymous memory while indexing (RssAnon)"

// peakReset records whether resetPeak cleared the kernel's record.
var peakReset bool

// cpuTime returns the CPU time the process has used (user and system, all
// threads).
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

// resetPeak clears the kernel's record of the process's peak resident
// memory, so that peakMemory measures from here.
func resetPeak() {
	peakReset = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakMemory returns the peak resident memory (VmHWM) in bytes.
func peakMemory() (int64, bool) {
	kb := statusKB("VmHWM:")
	return kb << 10, kb > 0
}

// peakLabel names what peakMemory measures.
func peakLabel() string {
	if peakReset {
		return "peak RSS while indexing (VmHWM, with mapped files)"
	}
	return "peak RSS since the process started (VmHWM, with mapped files)"
}

// privateMemory returns the process's anonymous resident memory (RssAnon)
// in bytes: its heap and stacks, without mapped files.
func privateMemory() (int64, bool) {
	kb := statusKB("RssAnon:")
	return kb << 10, kb > 0
}

// statusKB returns a field of /proc/self/status in KiB, or 0.
func statusKB(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb
			}
		}
	}
	return 0
}
