package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"tessera/coding"
	"tessera/coding/refi"
	"tessera/internal/datadir"
)

// importQDPXCommand declares the flags of import-qdpx.
func importQDPXCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory`")
	name := fs.String("project", "", "`name` of the new project (default: the name inside the file)")
	asJSON := fs.Bool("json", false, "print the import report as JSON")
	return func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 1 {
			fs.Usage()
			return coding.Errorf(coding.EINVALID, "name exactly one .qdpx file")
		}
		f, err := os.Open(args[0])
		if err != nil {
			return coding.Errorf(coding.ENOTFOUND, "cannot read %s: %v", args[0], err)
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return err
		}
		a, err := datadir.Open(ctx, *dir, datadir.Options{Search: true, Progress: m.Stderr})
		if err != nil {
			return err
		}
		defer a.Close()
		ctx = coding.WithActor(ctx, currentUser())
		p, rep, err := refi.Import(ctx, a.Store, *name, f, info.Size(), refi.ImportOptions{})
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(m.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(rep)
		}
		fmt.Fprintf(m.Stdout, "imported %q: %d cases, %d documents, %d codes, %d facets, %d quotes, %d memos, %d users\n",
			p.Name, rep.Cases, rep.Documents, rep.Codes, rep.Facets, rep.Quotes, rep.Memos, rep.Users)
		for _, s := range rep.Skipped {
			fmt.Fprintf(m.Stdout, "skipped    %s %q: %s\n", s.Element, s.Name, s.Reason)
		}
		for _, w := range rep.Warnings {
			fmt.Fprintf(m.Stdout, "warning    %s\n", w)
		}
		return nil
	}
}
