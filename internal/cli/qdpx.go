package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
			return coding.Errorf(coding.EINVALID, "name exactly one .qdpx or .qde file")
		}
		return m.importREFI(ctx, *dir, *name, args[0], *asJSON)
	}
}

// refiProjectFile reports whether path names a REFI-QDA project: a .qdpx
// archive or a bare .qde file.
func refiProjectFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".qdpx", ".qde":
		return true
	}
	return false
}

// importREFI imports the REFI-QDA project at path (.qdpx or bare .qde) as
// a new project called name (or as the file names it) and prints the
// report.
func (m *Main) importREFI(ctx context.Context, dir, name, path string, asJSON bool) error {
	f, err := os.Open(path)
	if err != nil {
		return coding.Errorf(coding.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	a, err := datadir.Open(ctx, dir, datadir.Options{Search: true, Progress: m.Stderr})
	if err != nil {
		return err
	}
	defer a.Close()
	ctx = coding.WithActor(ctx, currentUser())
	p, rep, err := refi.Import(ctx, a.Store, name, f, info.Size(), refi.ImportOptions{})
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(m.Stdout, "imported %q: %d cases, %d documents, %d codes, %d facets, %d quotes, %d memos, %d users\n",
		p.Name, rep.Cases, rep.Documents, rep.Codes, rep.Facets, rep.Quotes, rep.Memos, rep.Users)
	for _, sp := range rep.Positions {
		fmt.Fprintf(m.Stdout, "positions  %q: %s (%s)\n", sp.Source, sp.Positions, sp.Basis)
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(m.Stdout, "skipped    %s %q: %s\n", s.Element, s.Name, s.Reason)
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(m.Stdout, "warning    %s\n", w)
	}
	return nil
}
