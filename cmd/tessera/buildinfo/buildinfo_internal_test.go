package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	clone := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"},
		{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	installed := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}
	tests := []struct {
		name                  string
		version, commit, date string
		bi                    *debug.BuildInfo
		wantShort, wantString string
	}{
		{"release", "v1.2.3", "fedcba9876543210", "2026-12-04T18:51:03Z", clone,
			"1.2.3", "1.2.3 (commit fedcba987654, 2026-12-04T18:51:03Z)"},
		{"clone", "", "", "", clone,
			"dev+0123456789ab-dirty", "dev (commit 0123456789ab with local changes, 2026-12-01T10:00:00Z)"},
		{"go install of a tagged module", "", "", "", installed, "1.4.0", "1.4.0"},
		{"no build information", "", "", "", nil, "dev", "dev"},
		{"release without date", "2.0.0", "abc", "", nil, "2.0.0", "2.0.0 (commit abc)"},
	}
	for _, tt := range tests {
		in := resolve(tt.version, tt.commit, tt.date, tt.bi)
		if got := in.Short(); got != tt.wantShort {
			t.Errorf("%s: Short got %q, want %q", tt.name, got, tt.wantShort)
		}
		if got := in.String(); got != tt.wantString {
			t.Errorf("%s: String got %q, want %q", tt.name, got, tt.wantString)
		}
	}
}
