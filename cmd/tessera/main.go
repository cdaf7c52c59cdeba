// Command tessera is the Tessera qualitative coding workbench: a web
// server with an embedded UI, and commands to import, export, search and
// back up a data directory. The commands live in tessera/cmd/tessera/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"tessera/cmd/tessera/cli"
)

func main() {
	// Ctrl+C ends the context, and so do SIGTERM, which is how Go
	// delivers on Windows the closing of the console window, logging off
	// and shutting down, and SIGHUP, which a closed Terminal window on
	// macOS and Linux sends: the server then stops cleanly, within the
	// few seconds Windows gives before it ends the process.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	m := cli.NewMain()
	// A double-click on Windows opens a console window that closes when
	// the program ends: keep it open on a failed start.
	m.PauseOnStartError = runtime.GOOS == "windows"
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
