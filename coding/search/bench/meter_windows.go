package bench

import (
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// privateLabel names what privateMemory measures.
const privateLabel = "peak private memory while indexing (private bytes)"

// cpuTime returns the CPU time the process has used (user and kernel, all
// threads).
func cpuTime() (time.Duration, bool) {
	var created, exited, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(windows.CurrentProcess(), &created, &exited, &kernel, &user); err != nil {
		return 0, false
	}
	return filetimeDuration(kernel) + filetimeDuration(user), true
}

// filetimeDuration converts a span counted in 100-nanosecond intervals.
func filetimeDuration(ft windows.Filetime) time.Duration {
	return time.Duration(uint64(ft.HighDateTime)<<32|uint64(ft.LowDateTime)) * 100
}

// resetPeak does nothing: Windows keeps one peak for the process's life.
func resetPeak() {}

// peakMemory returns the peak working set of the process since it
// started.
func peakMemory() (int64, bool) {
	c, ok := memoryCounters()
	return int64(c.PeakWorkingSetSize), ok
}

// peakLabel names what peakMemory measures.
func peakLabel() string { return "peak working set since the process started (with mapped files)" }

// privateMemory returns the memory committed to the process alone (its
// private bytes, "PagefileUsage"): heap and stacks, without mapped files.
func privateMemory() (int64, bool) {
	c, ok := memoryCounters()
	return int64(c.PagefileUsage), ok
}

// processMemoryCounters is PROCESS_MEMORY_COUNTERS of the Windows API
// (psapi.h), which golang.org/x/sys/windows does not declare.
type processMemoryCounters struct {
	Cb                         uint32
	PageFaultCount             uint32
	PeakWorkingSetSize         uintptr
	WorkingSetSize             uintptr
	QuotaPeakPagedPoolUsage    uintptr
	QuotaPagedPoolUsage        uintptr
	QuotaPeakNonPagedPoolUsage uintptr
	QuotaNonPagedPoolUsage     uintptr
	PagefileUsage              uintptr
	PeakPagefileUsage          uintptr
}

// procGetProcessMemoryInfo is psapi.dll's GetProcessMemoryInfo, loaded
// from the system directory only.
var procGetProcessMemoryInfo = windows.NewLazySystemDLL("psapi.dll").NewProc("GetProcessMemoryInfo")

// memoryCounters returns the process's memory counters.
func memoryCounters() (processMemoryCounters, bool) {
	var c processMemoryCounters
	c.Cb = uint32(unsafe.Sizeof(c))
	if procGetProcessMemoryInfo.Find() != nil {
		return c, false
	}
	r, _, _ := procGetProcessMemoryInfo.Call(uintptr(windows.CurrentProcess()), uintptr(unsafe.Pointer(&c)), uintptr(c.Cb))
	return c, r != 0
}
