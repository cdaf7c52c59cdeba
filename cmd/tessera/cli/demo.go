package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"tessera/coding"
	"tessera/coding/datadir"
	"tessera/coding/importer"
	samples "tessera/sample-transcripts"
)

// demoProject is the name of the sample study's project.
const demoProject = "Learning from failure (sample study)"

// demoCommand declares the flags of demo.
func demoCommand(fs *flag.FlagSet) runFunc {
	addr := fs.String("addr", defaultAddr, "`address` to listen on (loopback only)")
	dir := fs.String("data", "", "fresh data `directory` to create (default: a new temporary one)")
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if err := checkLoopback(*addr); err != nil {
			return err
		}
		data, err := freshDir(*dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "loading the sample study into %s\n", data)
		a, err := datadir.Open(ctx, data, datadir.Options{Search: true, Progress: m.Stderr})
		if err != nil {
			return err
		}
		if err := loadSample(ctx, a, m); err != nil {
			a.Close()
			return err
		}
		return m.serve(ctx, a, *addr)
	}
}

// freshDir returns dir, which must be missing or empty, or a new temporary
// directory when dir is "".
func freshDir(dir string) (string, error) {
	if dir == "" {
		return os.MkdirTemp("", "tessera-demo-")
	}
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return "", coding.Errorf(coding.ECONFLICT, "%s is not empty: the demo needs a fresh data directory (use tessera serve --data %s to open existing data)", dir, dir)
	}
	return dir, os.MkdirAll(dir, 0o700)
}

// loadSample imports the embedded sample study as a project with its
// cases, documents and starter coding.
func loadSample(ctx context.Context, a *datadir.Dir, m *Main) error {
	p := &coding.Project{Name: demoProject, Description: "Synthetic interviews with four fictional knowledge-intensive SMEs about failures and how they learned from them.", Language: "en"}
	if err := a.Store.CreateProject(ctx, p); err != nil {
		return err
	}
	im := &importer.Importer{Store: a.Store, Coder: "demo"}
	rep, err := im.ImportSampleFS(ctx, p.ID, samples.FS)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "sample study: %d cases, %d documents", rep.CasesCreated, rep.Batch.Imported)
	if rep.Coding != nil {
		fmt.Fprintf(m.Stderr, ", %d codes, %d quotes", rep.Coding.CodesCreated, rep.Coding.QuotesCreated+rep.Coding.QuotesMerged)
		for _, e := range rep.Coding.Errors {
			fmt.Fprintf(m.Stderr, "\nsample coding problem: %s", e)
		}
	}
	if rep.Rounds > 0 {
		fmt.Fprintf(m.Stderr, ", %d closed coding rounds", rep.Rounds)
	}
	if rep.Models > 0 {
		fmt.Fprintf(m.Stderr, ", %d models", rep.Models)
	}
	fmt.Fprintln(m.Stderr)
	if rep.Batch.Failed > 0 {
		return fmt.Errorf("%d sample files failed to import", rep.Batch.Failed)
	}
	return nil
}
