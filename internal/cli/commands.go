package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"tessera/coding"
)

// commands is every command of tessera, in the order the usage text
// lists them. To add one, write a function that declares its flags and
// returns what runs it (like exportCommand in export.go), and add a row.
var commands = []command{
	{name: "serve", args: "[--data DIR] [--addr HOST:PORT] [--keep-backups N] [--team] [--tls-cert FILE --tls-key FILE] [--trust-proxy]",
		summary: "Serve the web UI and the JSON API for a data directory", flags: serveCommand},
	{name: "demo", args: "[--addr HOST:PORT] [--data DIR]",
		summary: "Load the sample study into a fresh data directory and serve it", flags: demoCommand},
	{name: "import", args: "--data DIR --project NAME [--case NAME | --case-per-folder] [--cases FILE] [--metadata FILE] [--codebook FILE] [--coding FILE] FILE|DIR...",
		summary: "Import transcripts (txt, md, docx, odt, pdf, vtt, srt, html) into a project; a REFI-QDA project (.qdpx, .qde) becomes a new project, a .qdc is read as --codebook", flags: importCommand},
	{name: "import-qdpx", args: "--data DIR [--project NAME] [--json] FILE.qdpx|FILE.qde",
		summary: "Import a REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder, or a bare project.qde) as a new project", flags: importQDPXCommand},
	{name: "export", args: "--data DIR --project NAME --format FORMAT [-o FILE]",
		summary: "Export a project: Gioia table and figure, codebook, matrices, quotes, REFI-QDA", flags: exportCommand},
	{name: "search", args: "--data DIR --project NAME [--json | --format FORMAT [-o FILE]] QUERY",
		summary: "Search a project's transcripts, quotes, memos and codes", flags: searchCommand},
	{name: "reindex", args: "--data DIR [--project NAME]",
		summary: "Rebuild the search index from the database", flags: reindexCommand},
	{name: "backup", args: "--data DIR -o FILE",
		summary: "Write a consistent copy of a data directory's database, even while it is being served", flags: backupCommand},
	{name: "restore", args: "--data DIR [--yes] FILE",
		summary: "Put a backup in place of a data directory's database, keeping the current one as a backup", flags: restoreCommand},
	{name: "user", summary: "Manage the accounts of team mode: add, list, disable, enable, reset", sub: userCommands,
		note: "The data directory must not be in use by a running server; while one runs, administrators manage accounts through the web API (docs/team.md)."},
	{name: "bench", summary: "Measure search speed on a generated corpus (tessera bench search --docs 1000)", sub: benchCommands},
	{name: "version", summary: "Print the version of Tessera", flags: versionCommand},
}

// A command is one row of a command table.
type command struct {
	name string
	// args is the synopsis of the flags and arguments, for usage lines.
	args string
	// summary says what the command does: one sentence, no full stop.
	summary string
	// flags declares the command's flags on fs and returns the function
	// that runs the command once they are parsed.
	flags func(fs *flag.FlagSet) runFunc
	// sub, for a command made of subcommands (user), is their table;
	// such a command has no flags of its own.
	sub []command
	// note, when set, ends the list of subcommands in the usage text.
	note string
}

// runFunc runs a command with the arguments left after its flags.
type runFunc func(ctx context.Context, m *Main, args []string) error

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

// dispatch runs the command of table that args[0] names; prefix is the
// command line so far ("tessera", "tessera user"). It returns the full
// name of the command that ran, for error messages.
func (m *Main) dispatch(ctx context.Context, prefix string, table []command, note string, args []string) (string, error) {
	if len(args) == 0 {
		m.listUsage(prefix, table, note)
		return prefix, errUsage
	}
	switch args[0] {
	case "help", "-h", "--help":
		if len(args) > 1 {
			// "help COMMAND" shows the help of that command.
			return m.dispatch(ctx, prefix, table, note, []string{args[1], "--help"})
		}
		m.listUsage(prefix, table, note)
		return prefix, flag.ErrHelp
	}
	c := find(table, args[0])
	if c == nil {
		fmt.Fprintf(m.Stderr, "%s: unknown command %q\n\n", prefix, args[0])
		m.listUsage(prefix, table, note)
		return prefix, errUsage
	}
	name := prefix + " " + c.name
	if c.sub != nil {
		return m.dispatch(ctx, name, c.sub, c.note, args[1:])
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: %s %s\n\n%s.\n", name, c.args, c.summary)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(m.Stderr, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	run := c.flags(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return name, err
		}
		return name, errUsage
	}
	return name, run(ctx, m, fs.Args())
}

// find returns the row of table named name, or nil.
func find(table []command, name string) *command {
	for i := range table {
		if table[i].name == name {
			return &table[i]
		}
	}
	return nil
}

// listUsage prints the commands of table, built from its rows.
func (m *Main) listUsage(prefix string, table []command, note string) {
	fmt.Fprintf(m.Stderr, "Usage: %s COMMAND [flags] [args]\n", prefix)
	if prefix == "tessera" {
		fmt.Fprintf(m.Stderr, "       tessera %s\n\nWithout a command, Tessera serves your own data directory and opens the browser on it.\n", startArgs)
	}
	fmt.Fprint(m.Stderr, "\nCommands:\n")
	width := 0
	for _, c := range table {
		width = max(width, len(c.name))
	}
	for _, c := range table {
		fmt.Fprintf(m.Stderr, "  %-*s  %s\n", width, c.name, c.summary)
	}
	if note != "" {
		fmt.Fprintf(m.Stderr, "\n%s\n", note)
	}
	fmt.Fprintf(m.Stderr, "\nRun '%s COMMAND --help' for the flags of a command.\n", prefix)
}

// noArgs refuses the arguments left after the flags of a command that
// takes none: a misplaced flag ends up there.
func noArgs(args []string) error {
	if len(args) > 0 {
		return coding.Errorf(coding.EINVALID, "unexpected argument %q (flags go before arguments)", args[0])
	}
	return nil
}
