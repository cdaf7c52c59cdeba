package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"tessera/coding"
	"tessera/coding/export"
	"tessera/coding/search"
	"tessera/coding/search/bench"
)

func init() {
	register("search", "Search a project's transcripts, quotes, memos and codes", runSearch)
	register("reindex", "Rebuild the search index from the database", runReindex)
	register("bench", "Measure search speed on a generated corpus (tessera bench search --docs 1000)", runBench)
}

func runSearch(m *Main, ctx context.Context, args []string) error {
	fs := m.flags("search", "--data DIR --project NAME [--json | --format FORMAT [-o FILE]] QUERY")
	dir := fs.String("data", defaultDataDir, "data `directory`")
	project := fs.String("project", "", "project `name`")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	limit := fs.Int("limit", 20, "number of `hits` to show")
	format := fs.String("format", "", "write the concordance of every match instead: csv, xlsx, md or html")
	out := fs.String("o", "", "write the concordance to `file` instead of standard output")
	var kinds listFlag
	fs.Var(&kinds, "kind", "what to search: turn, quote, memo, code (comma-separated; default turn)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
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
	a, err := openApp(ctx, *dir, true, m.Stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := a.project(ctx, *project)
	if err != nil {
		return err
	}
	if *format != "" {
		return writeConcordance(ctx, m, a, p, search.Request{Query: fs.Arg(0), Kinds: kinds}, *format, *out)
	}
	res, err := a.index.Search(ctx, p.ID, search.Request{Query: fs.Arg(0), Kinds: kinds, Limit: *limit})
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

// writeConcordance writes the concordance of req in format to the file
// out, or to standard output.
func writeConcordance(ctx context.Context, m *Main, a *app, p *coding.Project, req search.Request, format, out string) error {
	conc := &export.Concordance{Project: p.Name, Query: req.Query}
	err := export.CollectConcordance(conc, req, export.MaxConcordanceUnits, func(r search.Request) (*search.Result, error) {
		return a.index.Search(ctx, p.ID, r)
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

func runReindex(m *Main, ctx context.Context, args []string) error {
	fs := m.flags("reindex", "--data DIR [--project NAME]")
	dir := fs.String("data", defaultDataDir, "data `directory`")
	project := fs.String("project", "", "rebuild only this project (default all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, *dir, false, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	ix, err := search.Open(a.store, search.Options{Dir: indexDir(*dir), Progress: func(pid string, done, total int) {
		if done == total || done%500 == 0 {
			fmt.Fprintf(m.Stderr, "indexing %s: %d/%d\n", pid, done, total)
		}
	}})
	if err != nil {
		return err
	}
	defer ix.Close()
	projects, err := a.store.ListProjects(ctx)
	if err != nil {
		return err
	}
	if *project != "" {
		p, err := a.project(ctx, *project)
		if err != nil {
			return err
		}
		projects = []*coding.Project{p}
	}
	for _, p := range projects {
		if err := ix.Rebuild(ctx, p.ID); err != nil {
			return fmt.Errorf("reindex %q: %w", p.Name, err)
		}
		fmt.Fprintf(m.Stdout, "reindexed %q\n", p.Name)
	}
	return nil
}

func runBench(m *Main, ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "search" {
		fmt.Fprintln(m.Stderr, "Usage: tessera bench search [--docs N] [--dir DIR]")
		return errUsage
	}
	fs := m.flags("bench", "search [--docs N] [--dir DIR]")
	docs := fs.Int("docs", 1000, "number of generated `transcripts` (~8,000 words each)")
	dir := fs.String("dir", "", "work `directory` (default: a temporary one, removed afterwards)")
	if err := parse(fs, args[1:]); err != nil {
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
