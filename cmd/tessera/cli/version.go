package cli

import (
	"context"
	"flag"
	"fmt"
	"runtime"

	"tessera/cmd/tessera/buildinfo"
)

// versionCommand declares the flags of version: none.
func versionCommand(*flag.FlagSet) runFunc {
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		v := m.Version
		if v == "" {
			v = buildinfo.Get().String()
		}
		fmt.Fprintf(m.Stdout, "tessera %s (%s, %s/%s)\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return nil
	}
}

// fullVersion returns the version the API reports: Main.Version when
// set, else the build's (see tessera/buildinfo).
func (m *Main) fullVersion() string {
	if m.Version != "" {
		return m.Version
	}
	return buildinfo.Get().Short()
}
