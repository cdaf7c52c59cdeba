package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"tessera/coding"
	"tessera/coding/datadir"
	"tessera/coding/export"
	"tessera/coding/search"
	"tessera/coding/search/bench"
)

// searchCommand declares the flags of search.
func searchCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory`")
	project := fs.String("project", "", "project `name`")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	limit := fs.Int("limit", 20, "number of `hits` to show")
	format := fs.String("format", "", "write the concordance of every match instead: csv, xlsx, md or html")
	out := fs.String("o", "", "write the concordance to `file` instead of standard output")
	var kinds listFlag
	fs.Var(&kinds, "kind", "what to search: turn, quote, memo, code (comma-separated; default turn)")
	return func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 1 {
			fs.Usage()
			return coding.Errorf(coding.EINVALID, "give exactly one QUERY (quote it if it has spaces)")
		}
		if *format != "" {
			if _, err := export.ConcordanceFormat(*format); err != nil {
				return err
			}
		}
		if *out != "" && *format == "" {
			return coding.Errorf(coding.EINVALID, "-o needs --format (csv, xlsx, md or html)")
		}
		a, err := datadir.Open(ctx, *dir, datadir.Options{Search: true, Progress: m.Stderr})
		if err != nil {
			return err
		}
		defer a.Close()
		p, err := findProject(ctx, a, *project)
		if err != nil {
			return err
		}
		if *format != "" {
			return writeConcordance(ctx, m, a, p, search.Request{Query: args[0], Kinds: kinds}, *format, *out)
		}
		res, err := a.Index.Search(ctx, p.ID, search.Request{Query: args[0], Kinds: kinds, Limit: *limit})
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(m.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(res)
		}
		fmt.Fprintf(m.Stdout, "%d hits\n", res.Total)
		for _, h := range res.Hits {
			where := h.DocumentTitle
			if h.Speaker != "" {
				where += " / " + h.Speaker
			}
			if h.CaseName != "" {
				where = h.CaseName + " / " + where
			}
			fmt.Fprintf(m.Stdout, "\n%s [%s %d-%d]\n", where, h.Kind, h.Start, h.End)
			for _, k := range h.KWIC {
				fmt.Fprintf(m.Stdout, "  …%s[%s]%s…\n", k.Left, k.Match, k.Right)
			}
		}
		return nil
	}
}

// writeConcordance writes the concordance of req in format to the file
// out, or to standard output.
func writeConcordance(ctx context.Context, m *Main, a *datadir.Dir, p *coding.Project, req search.Request, format, out string) error {
	conc := &export.Concordance{Project: p.Name, Query: req.Query}
	err := export.CollectConcordance(conc, req, export.MaxConcordanceUnits, func(r search.Request) (*search.Result, error) {
		return a.Index.Search(ctx, p.ID, r)
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.WriteConcordance(&buf, conc, format); err != nil {
		return err
	}
	if out == "" {
		_, err := m.Stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "wrote %d lines to %s\n", len(conc.Lines), out)
	return nil
}

// reindexCommand declares the flags of reindex.
func reindexCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory`")
	project := fs.String("project", "", "rebuild only this project (default all)")
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		// The indexes are rebuilt below, so they are not brought up to date
		// on opening.
		a, err := datadir.Open(ctx, *dir, datadir.Options{Search: true, NoCatchUp: true, Progress: m.Stderr})
		if err != nil {
			return err
		}
		defer a.Close()
		projects, err := a.Store.ListProjects(ctx)
		if err != nil {
			return err
		}
		if *project != "" {
			p, err := findProject(ctx, a, *project)
			if err != nil {
				return err
			}
			projects = []*coding.Project{p}
		}
		for _, p := range projects {
			if err := a.Index.Rebuild(ctx, p.ID); err != nil {
				return fmt.Errorf("reindex %q: %w", p.Name, err)
			}
			fmt.Fprintf(m.Stdout, "reindexed %q\n", p.Name)
		}
		return nil
	}
}

// benchCommands are the subcommands of bench.
var benchCommands = []command{
	{name: "search", args: "[--docs N] [--dir DIR]", summary: "Measure search speed on a generated corpus", flags: benchSearchCommand},
}

// benchSearchCommand declares the flags of bench search.
func benchSearchCommand(fs *flag.FlagSet) runFunc {
	docs := fs.Int("docs", 1000, "number of generated `transcripts` (~8,000 words each)")
	dir := fs.String("dir", "", "work `directory` (default: a temporary one, removed afterwards)")
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		work := *dir
		if work == "" {
			tmp, err := os.MkdirTemp("", "tessera-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			work = tmp
		}
		return bench.Run(m.Stdout, bench.Options{Docs: *docs, Dir: work})
	}
}
