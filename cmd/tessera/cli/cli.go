// Package cli is the tessera command: the table of its commands and the
// Main that runs one of them. cmd/tessera/main.go only hands it the
// process's arguments and signals; tests run the same Main in-process,
// with their own streams, and learn through Ready where a server listens.
//
// To add a command, write in a file of its own a function that declares
// the command's flags on a flag.FlagSet and returns the runFunc that does
// the work (see backupCommand in backup.go), then add a row to the
// commands table in commands.go: usage, --help and "tessera help NAME"
// follow from the row. Commands open a data directory with datadir.Open.
package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"tessera/cmd/tessera/desktop"
	"tessera/coding"
	"tessera/coding/datadir"
)

// Main runs one tessera command with the given standard streams, so tests
// can run the whole program in-process.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Version is reported by tessera version and the API; when empty,
	// the build's version (see tessera/buildinfo: releases stamp it in).
	Version string
	// Ready, when set, is called once a serving command listens, with its
	// URL and the data directory it serves (tests seed its store).
	Ready func(url string, d *datadir.Dir)
	// OpenBrowser opens a URL in the default browser; when nil, as in
	// tests, no browser opens.
	OpenBrowser func(url string) error
	// Env, when set, stands in for the process's environment in finding
	// the default data directory.
	Env func() desktop.Env
	// PauseOnStartError makes a failed start without a command wait for
	// Enter before returning, so the message stays readable in the
	// console window a double-click opened (Windows).
	PauseOnStartError bool
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, OpenBrowser: desktop.OpenBrowser}
}

// Run runs the command named by args[0] and returns the exit code: 0 on
// success and for help, 2 for a usage error, 1 for any other failure,
// explained on Stderr.
func (m *Main) Run(ctx context.Context, args []string) int {
	var name string
	var err error
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help") {
		// Without a command: the desktop start, what a double-click runs.
		name, err = "tessera", m.start(ctx, args)
		if err != nil && m.PauseOnStartError {
			defer m.pause()
		}
	} else {
		name, err = m.dispatch(ctx, "tessera", commands, "", args)
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(m.Stderr, "%s: %s\n", name, describe(err))
	return 1
}

// pause keeps the console window of a failed start open until the user
// has read why: a double-clicked program's window closes when it exits.
func (m *Main) pause() {
	fmt.Fprint(m.Stderr, "\nPress Enter to close this window.")
	bufio.NewReader(m.Stdin).ReadString('\n')
}

// describe turns an error into the message a user sees.
func describe(err error) string {
	if coding.ErrorCode(err) != coding.EINTERNAL {
		return coding.ErrorMessage(err)
	}
	return err.Error()
}

// listFlag collects a comma-separated list, also across repeated flags.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set adds the comma-separated values of one occurrence.
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}
