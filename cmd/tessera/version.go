package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func init() {
	register("version", "Print the version of Tessera", func(m *Main, ctx context.Context, args []string) error {
		fs := m.flags("version", "")
		if err := parse(fs, args); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "tessera %s (%s, %s/%s)\n", fullVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return nil
	})
}

// fullVersion returns the version, with the VCS revision when known.
func fullVersion() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}
