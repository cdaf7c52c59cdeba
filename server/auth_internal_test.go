package server

import (
	"net/http/httptest"
	"testing"
)

// TestFromProxy checks which connections may carry a trusted proxy's
// headers: loopback, link-local and private addresses, not public ones.
func TestFromProxy(t *testing.T) {
	for remote, want := range map[string]bool{
		"127.0.0.1:5000":         true,
		"[::1]:5000":             true,
		"10.1.2.3:5000":          true,
		"192.168.0.9:5000":       true,
		"[fd00::1]:5000":         true,
		"[fe80::1]:5000":         true,
		"[::ffff:10.0.0.1]:5000": true,
		"203.0.113.7:5000":       false,
		"[2001:db8::1]:5000":     false,
		"not an address":         false,
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = remote
		if got := fromProxy(req); got != want {
			t.Errorf("fromProxy(%q): got %v, want %v", remote, got, want)
		}
	}
}
