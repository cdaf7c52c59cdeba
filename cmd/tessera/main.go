// Command tessera is the Tessera qualitative coding workbench: a web
// server with an embedded UI, and commands to import, export, search and
// back up a data directory. The commands live in tessera/internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"tessera/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := cli.NewMain()
	m.Version = version
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
