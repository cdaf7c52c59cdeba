package backup

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"tessera/coding/store"
)

// Restore replaces the database file dbPath with the backup b; the
// database must be closed. The backup is checked first, and nothing
// changes when it is not a sound Tessera database. The current database
// is then copied into the folder as a before-restore backup, so that a
// restore can itself be undone, and the backup is copied in place through
// a temporary file. It returns that copy of the replaced database.
func (k *Keeper) Restore(dbPath string, b Backup) (saved Backup, err error) {
	return k.RestoreFile(dbPath, k.Path(b))
}

// RestoreFile is Restore of a database file anywhere, such as one
// tessera backup wrote.
func (k *Keeper) RestoreFile(dbPath, src string) (saved Backup, err error) {
	if err := store.Check(src); err != nil {
		return Backup{}, err
	}
	if cur, err := os.Open(dbPath); err == nil {
		saved, err = k.Take(KindRestore, func(w io.Writer) (int64, error) { return io.Copy(w, cur) })
		cur.Close()
		if err != nil {
			return Backup{}, fmt.Errorf("keep the current database: %w", err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return Backup{}, err
	}
	if err := copyInto(dbPath, src); err != nil {
		return saved, fmt.Errorf("restore %s: %w", filepath.Base(src), err)
	}
	return saved, nil
}

// copyInto copies the file src to dst through a temporary sibling of dst
// renamed over it once complete.
func copyInto(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, in)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
