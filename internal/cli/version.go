package cli

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

// versionCommand declares the flags of version: none.
func versionCommand(*flag.FlagSet) runFunc {
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "tessera %s (%s, %s/%s)\n", m.fullVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return nil
	}
}

// fullVersion returns the version, with the VCS revision when known.
func (m *Main) fullVersion() string {
	v := m.Version
	if v == "" {
		v = "dev"
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}
