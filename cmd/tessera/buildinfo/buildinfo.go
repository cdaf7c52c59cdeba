// Package buildinfo tells which build of Tessera is running: the version,
// commit and date a release stamps in with the linker, or what the Go
// toolchain recorded when the program was built from a clone.
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// Set by releases with
//
//	-ldflags "-X tessera/cmd/tessera/buildinfo.version=1.2.3 -X tessera/cmd/tessera/buildinfo.commit=SHA -X tessera/cmd/tessera/buildinfo.date=RFC3339"
var version, commit, date string

// Info describes a build.
type Info struct {
	// Version is the release version, "dev" for a build from a clone.
	Version string
	// Commit is the VCS revision, when known.
	Commit string
	// Date is when the build (a release) or the commit (a clone) was made,
	// RFC 3339, when known.
	Date string
	// Modified reports uncommitted changes in the clone built.
	Modified bool
}

// Get returns the running build's Info: the stamped values first, then
// those of the Go toolchain's build information.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return resolve(version, commit, date, bi)
}

// resolve fills in what the linker did not stamp from bi (may be nil).
func resolve(version, commit, date string, bi *debug.BuildInfo) Info {
	in := Info{Version: strings.TrimPrefix(version, "v"), Commit: commit, Date: date}
	if bi != nil {
		if in.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			in.Version = strings.TrimPrefix(bi.Main.Version, "v")
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if in.Commit == "" {
					in.Commit = s.Value
				}
			case "vcs.time":
				if in.Date == "" {
					in.Date = s.Value
				}
			case "vcs.modified":
				in.Modified = in.Modified || (commit == "" && s.Value == "true")
			}
		}
	}
	if in.Version == "" {
		in.Version = "dev"
	}
	return in
}

// Short is the version with, for a build from a clone, the first 12
// characters of its commit: "1.2.3", "dev+0123456789ab", "dev+0123456789ab-dirty".
func (in Info) Short() string {
	if in.Version != "dev" || in.Commit == "" {
		return in.Version
	}
	s := "dev+" + in.Commit[:min(12, len(in.Commit))]
	if in.Modified {
		s += "-dirty"
	}
	return s
}

// String is the version with commit and date, for tessera version:
// "1.2.3 (commit 0123456789ab, 2026-12-04T18:51:03Z)".
func (in Info) String() string {
	var extra []string
	if in.Commit != "" {
		c := "commit " + in.Commit[:min(12, len(in.Commit))]
		if in.Modified {
			c += " with local changes"
		}
		extra = append(extra, c)
	}
	if in.Date != "" {
		extra = append(extra, in.Date)
	}
	if len(extra) == 0 {
		return in.Version
	}
	return in.Version + " (" + strings.Join(extra, ", ") + ")"
}
