//go:build !linux

package server_test

// resetPeakRSS and peakRSS measure the peak resident set on Linux only.
func resetPeakRSS() bool { return false }

func peakRSS() (uint64, bool) { return 0, false }
