package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"tessera/coding"
	"tessera/desktop"
)

// Main runs one tessera command with the given standard streams, so tests
// can run the whole program in-process.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Ready, when set, receives the URL a serving command listens on.
	Ready func(url string)
	// OpenBrowser opens a URL in the default browser; when nil (as in
	// tests) no browser opens.
	OpenBrowser func(url string) error
	// Env, when set, replaces the process's environment in finding the
	// default data directory.
	Env func() desktop.Env
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, OpenBrowser: desktop.OpenBrowser}
}

// command is one subcommand of tessera.
type command struct {
	summary string
	run     func(m *Main, ctx context.Context, args []string) error
}

var commands = map[string]command{}

// register adds a subcommand; each command file calls it from init.
func register(name, summary string, run func(m *Main, ctx context.Context, args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

// Run runs the command named by args[0] and returns the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		m.usage()
		return 0
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		// No command: the desktop start, with its flags.
		return m.exit("tessera", m.start(ctx, args))
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(m.Stderr, "tessera: unknown command %q\n\n", args[0])
		m.usage()
		return 2
	}
	return m.exit("tessera "+args[0], cmd.run(m, ctx, args[1:]))
}

// exit reports err of the command named name and returns the exit code.
func (m *Main) exit(name string, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(m.Stderr, "%s: %s\n", name, describe(err))
	return 1
}

// describe turns an error into the message a user sees.
func describe(err error) string {
	if coding.ErrorCode(err) != coding.EINTERNAL {
		return coding.ErrorMessage(err)
	}
	return err.Error()
}

func (m *Main) usage() {
	fmt.Fprintln(m.Stderr, "Usage: tessera COMMAND [flags] [args]")
	fmt.Fprintf(m.Stderr, "       tessera %s\n", startUsage)
	fmt.Fprintln(m.Stderr, "\nWithout a command, Tessera serves your own data directory and opens the browser on it.")
	fmt.Fprintln(m.Stderr, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(m.Stderr, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(m.Stderr, "\nRun 'tessera COMMAND --help' for the flags of a command.")
}

// flags returns a flag set for a command whose errors and help go to stderr.
func (m *Main) flags(name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet("tessera "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: tessera %s %s\n\n%s.\n\nFlags:\n", name, args, commands[name].summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, turning flag errors into errUsage (already printed).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
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
