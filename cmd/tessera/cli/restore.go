package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tessera/cmd/tessera/desktop"
	"tessera/coding"
	backups "tessera/coding/backup"
	"tessera/coding/datadir"
	"tessera/coding/store"
)

// restoreCommand declares the flags of restore.
func restoreCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", "", "data `directory` whose database to replace (required)")
	yes := fs.Bool("yes", false, "restore without asking (for scripts)")
	return func(ctx context.Context, m *Main, args []string) error {
		if *dir == "" || len(args) != 1 {
			return coding.Errorf(coding.EINVALID, "give the data directory with --data DIR and one backup FILE (such as one in DIR/%s)", backups.Folder)
		}
		return m.restore(ctx, *dir, args[0], *yes)
	}
}

// restore replaces the database of dir with the backup file, after
// checking the file, making sure no server holds the database, and
// asking (unless yes).
func (m *Main) restore(ctx context.Context, dir, file string, yes bool) error {
	if err := store.Check(file); err != nil {
		return err
	}
	if !datadir.Exists(dir) {
		return coding.Errorf(coding.ENOTFOUND, "no Tessera data in %s", dir)
	}
	// A server holding the database restores it itself, from its page.
	d, err := datadir.Open(ctx, dir, datadir.Options{})
	if coding.ErrorCode(err) == coding.ECONFLICT {
		msg := fmt.Sprintf("a Tessera server is using %s; stop it first (Ctrl+C in its window), or restore from its projects page", dir)
		if url, ok := desktop.Running(ctx, dir); ok {
			msg += " at " + url
		}
		return coding.Errorf(coding.ECONFLICT, "%s", msg)
	} else if err != nil {
		return err
	}
	d.Close()

	if !yes {
		info, err := os.Stat(file)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "Replace the database of %s with %s (%d bytes, saved %s)?\nThe current database is kept in %s first. Type yes to restore: ",
			dir, file, info.Size(), info.ModTime().Format("2006-01-02 15:04"), filepath.Join(dir, backups.Folder))
		answer, _ := bufio.NewReader(m.Stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "yes" && a != "y" {
			return coding.Errorf(coding.EINVALID, "not restored: the answer was not yes")
		}
	}
	saved, err := backups.New(dir, 0).RestoreFile(filepath.Join(dir, datadir.DatabaseFile), file)
	if err != nil {
		return err
	}
	// The search index is rebuilt from the restored database when next opened.
	if err := os.RemoveAll(datadir.IndexDir(dir)); err != nil {
		return fmt.Errorf("remove the old search index: %w", err)
	}
	fmt.Fprintf(m.Stderr, "restored %s into %s; the replaced database is kept as %s\n", file, dir, filepath.Join(dir, backups.Folder, saved.Name))
	return nil
}
