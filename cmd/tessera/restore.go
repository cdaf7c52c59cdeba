package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tessera/coding"
	backups "tessera/coding/backup"
	"tessera/coding/store"
	"tessera/desktop"
)

func init() {
	register("restore", "Put a backup in place of a data directory's database, keeping the current one as a backup", func(m *Main, ctx context.Context, args []string) error {
		fs := m.flags("restore", "--data DIR [--yes] FILE")
		dir := fs.String("data", "", "data `directory` whose database to replace (required)")
		yes := fs.Bool("yes", false, "restore without asking (for scripts)")
		if err := parse(fs, args); err != nil {
			return err
		}
		if *dir == "" || fs.NArg() != 1 {
			fs.Usage()
			return coding.Errorf(coding.EINVALID, "give the data directory with --data DIR and one backup FILE (see %s in the data directory)", backups.Folder)
		}
		return m.restore(ctx, *dir, fs.Arg(0), *yes)
	})
}

// restore replaces the database of dir with the backup file, after
// checking the file, making sure no server holds the database, and
// asking (unless yes).
func (m *Main) restore(ctx context.Context, dir, file string, yes bool) error {
	if err := store.Check(file); err != nil {
		return err
	}
	dbPath := filepath.Join(dir, desktop.DatabaseFile)
	if _, err := os.Stat(dbPath); err != nil {
		return coding.Errorf(coding.ENOTFOUND, "no Tessera data in %s", dir)
	}
	// A server holding the database must restore it itself.
	a, err := openApp(ctx, dir, false, nil)
	if coding.ErrorCode(err) == coding.ECONFLICT {
		msg := fmt.Sprintf("a Tessera server is using %s; stop it first (Ctrl+C in its window), or restore from its projects page", dir)
		if url, ok := desktop.Running(ctx, dir); ok {
			msg += " at " + url
		}
		return coding.Errorf(coding.ECONFLICT, "%s", msg)
	} else if err != nil {
		return err
	}
	a.Close()

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
	saved, err := backups.New(dir, 0).RestoreFile(dbPath, file)
	if err != nil {
		return err
	}
	// The search index is rebuilt from the restored database on the next start.
	if err := os.RemoveAll(indexDir(dir)); err != nil {
		return fmt.Errorf("remove the old search index: %w", err)
	}
	fmt.Fprintf(m.Stderr, "restored %s into %s; the replaced database is kept as %s\n", file, dir, filepath.Join(dir, backups.Folder, saved.Name))
	return nil
}
