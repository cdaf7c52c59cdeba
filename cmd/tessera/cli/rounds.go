package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"tessera/coding"
	"tessera/coding/datadir"
	"tessera/coding/export"
	"tessera/coding/rounds"
)

// roundsCommand declares the flags of rounds: without --from and --to it
// lists the closed coding rounds, with them it writes the codebook's
// evolution between two rounds.
func roundsCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory`")
	project := fs.String("project", "", "project `name`")
	from := fs.String("from", "", "earlier round's `name`")
	to := fs.String("to", "", "later round's `name`, or current for the codebook as it is")
	format := fs.String("format", "md", "evolution report `format`: md, csv, docx, xlsx or json")
	out := fs.String("o", "", "output `file` (default: standard output)")
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if (*from == "") != (*to == "") {
			return coding.Errorf(coding.EINVALID, "--from and --to go together: name two rounds (--to may be current)")
		}
		return withProject(ctx, *dir, *project, func(a *datadir.Dir, p *coding.Project) error {
			all, err := a.Store.ListRounds(ctx, p.ID)
			if err != nil {
				return err
			}
			if *from == "" {
				for _, r := range all {
					fmt.Fprintf(m.Stdout, "%s\t%s\t%d codes\t%d quotes\t%s\n", r.ClosedAt.UTC().Format("2006-01-02 15:04"), r.Name, len(r.Codes), len(r.Coding), r.Note)
				}
				return nil
			}
			a1, err := roundNamed(ctx, a, p, all, *from)
			if err != nil {
				return err
			}
			b, err := roundNamed(ctx, a, p, all, *to)
			if err != nil {
				return err
			}
			ev := rounds.Compare(a1, b)
			return writeReport(m, *out, *format, ev, func(buf *bytes.Buffer, f string) error { return export.WriteEvolution(buf, ev, f) })
		})
	}
}

// saturationCommand declares the flags of saturation.
func saturationCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory`")
	project := fs.String("project", "", "project `name`")
	var opt rounds.SaturationOptions
	fs.StringVar(&opt.Order, "order", rounds.OrderCoding, "interview `order`: coding (first quote made) or date (interview date)")
	fs.IntVar(&opt.Window, "window", rounds.DefaultWindow, "saturation after this `many` consecutive interviews without a new concept")
	format := fs.String("format", "md", "table `format`: md, csv, docx, xlsx or json")
	out := fs.String("o", "", "output `file` (default: standard output)")
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if opt.Window < 1 { // 0 would mean the default to Validate
			return coding.Errorf(coding.EINVALID, "--window must be at least 1, not %d", opt.Window)
		}
		if err := opt.Validate(); err != nil {
			return err
		}
		return withProject(ctx, *dir, *project, func(a *datadir.Dir, p *coding.Project) error {
			snap, err := a.Store.Snapshot(ctx, p.ID, false)
			if err != nil {
				return err
			}
			sat, err := rounds.Measure(snap, opt)
			if err != nil {
				return err
			}
			return writeReport(m, *out, *format, sat, func(buf *bytes.Buffer, f string) error { return export.WriteSaturation(buf, sat, f) })
		})
	}
}

// withProject opens the data directory and runs fn on the named project.
func withProject(ctx context.Context, dir, name string, fn func(*datadir.Dir, *coding.Project) error) error {
	a, err := datadir.Open(ctx, dir, datadir.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := findProject(ctx, a, name)
	if err != nil {
		return err
	}
	return fn(a, p)
}

// roundNamed finds a round by name (case-insensitive), or the project as
// it stands for "current".
func roundNamed(ctx context.Context, a *datadir.Dir, p *coding.Project, all []*coding.Round, name string) (*coding.Round, error) {
	if strings.EqualFold(name, rounds.Current) {
		snap, err := a.Store.Snapshot(ctx, p.ID, false)
		if err != nil {
			return nil, err
		}
		return rounds.FromSnapshot(snap), nil
	}
	var names []string
	for _, r := range all {
		if strings.EqualFold(r.Name, name) {
			return r, nil
		}
		names = append(names, r.Name)
	}
	return nil, coding.Errorf(coding.ENOTFOUND, "no round named %q (rounds: %s)", name, strings.Join(names, ", "))
}

// writeReport renders a report as JSON or with write, then writes it.
func writeReport(m *Main, out, format string, v any, write func(*bytes.Buffer, string) error) error {
	var buf bytes.Buffer
	format = strings.ToLower(format)
	if format == "json" {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
	} else if err := write(&buf, format); err != nil {
		return err
	}
	return writeOutput(m, out, &buf)
}
