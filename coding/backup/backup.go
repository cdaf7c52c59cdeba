// Package backup keeps the automatic backups of a data directory: copies
// of the database taken while it is served, named by the time they were
// taken, rotated so the newest few stay, and restored on request.
package backup

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"tessera/coding"
)

// Folder is the folder of a data directory that holds its backups.
const Folder = "backups"

// DefaultKeep is how many automatic backups stay by default.
const DefaultKeep = 7

// Why a backup was taken; the kind is the last part of its file name.
const (
	KindStart   = "start"          // when the server started
	KindDaily   = "daily"          // a day after the newest one
	KindRestore = "before-restore" // the database a restore replaced
)

// timeLayout is the time in a backup's file name: UTC, sortable, and
// without the colons Windows forbids in file names.
const timeLayout = "2006-01-02-150405Z"

// Backup is one backup file.
type Backup struct {
	// Name is the file name inside the backups folder, e.g.
	// tessera-2026-12-04-185103Z-daily.db.
	Name string `json:"name"`
	// Time is when it was taken.
	Time time.Time `json:"time"`
	// Kind says why: start, daily or before-restore.
	Kind string `json:"kind"`
	// Size is its size in bytes.
	Size int64 `json:"size"`
	// seq tells apart backups taken in the same second: 0, then 2, 3, ...
	seq int
}

// Keeper manages the backups folder of one data directory.
type Keeper struct {
	// Dir is the backups folder.
	Dir string
	// Keep is how many automatic (start and daily) backups rotation
	// leaves; copies taken before a restore are never rotated away.
	Keep int
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// New returns a Keeper of the backups folder of dataDir keeping keep
// automatic backups.
func New(dataDir string, keep int) *Keeper {
	return &Keeper{Dir: filepath.Join(dataDir, Folder), Keep: keep}
}

func (k *Keeper) now() time.Time {
	if k.Now == nil {
		return time.Now()
	}
	return k.Now()
}

// WriteFunc writes a consistent copy of a database to w, as
// (*store.Store).Backup does.
type WriteFunc func(w io.Writer) (int64, error)

// Take writes a new backup of the given kind through write. The file
// appears under its final name only once complete, so a crash or a full
// disk never leaves a partial backup that looks whole.
func (k *Keeper) Take(kind string, write WriteFunc) (Backup, error) {
	if err := os.MkdirAll(k.Dir, 0o700); err != nil {
		return Backup{}, fmt.Errorf("create the backups folder: %w", err)
	}
	// Backups of the same second are numbered 2, 3, ... in the order taken.
	t := k.now().UTC().Truncate(time.Second)
	list, err := k.List()
	if err != nil {
		return Backup{}, err
	}
	n := 0
	for _, b := range list {
		if b.Time.Equal(t) {
			n = max(n, b.seq+1, 2)
		}
	}
	name := fileName(t, kind, n)
	tmp, err := os.CreateTemp(k.Dir, ".incomplete-*.db")
	if err != nil {
		return Backup{}, fmt.Errorf("create a backup file: %w", err)
	}
	defer os.Remove(tmp.Name())
	size, err := write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Backup{}, fmt.Errorf("write backup %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(k.Dir, name)); err != nil {
		return Backup{}, fmt.Errorf("move backup %s into place: %w", name, err)
	}
	return Backup{Name: name, Time: t, Kind: kind, Size: size, seq: n}, nil
}

// fileName names a backup taken at t; n > 0 tells apart backups taken
// in the same second.
func fileName(t time.Time, kind string, n int) string {
	s := "tessera-" + t.Format(timeLayout)
	if n > 0 {
		s += fmt.Sprintf("-%d", n)
	}
	return s + "-" + kind + ".db"
}

// parseName reads a backup's file name.
func parseName(name string) (b Backup, ok bool) {
	rest, ok := strings.CutPrefix(name, "tessera-")
	if !ok || !strings.HasSuffix(rest, ".db") || len(rest) < len(timeLayout)+1 {
		return Backup{}, false
	}
	t, err := time.Parse(timeLayout, rest[:len(timeLayout)])
	if err != nil {
		return Backup{}, false
	}
	rest = strings.TrimSuffix(rest[len(timeLayout):], ".db")
	for _, kind := range []string{KindStart, KindDaily, KindRestore} {
		mid, ok := strings.CutSuffix(rest, "-"+kind)
		if !ok {
			continue
		}
		seq := 0
		if mid != "" {
			if seq, err = strconv.Atoi(strings.TrimPrefix(mid, "-")); err != nil || seq < 2 || !strings.HasPrefix(mid, "-") {
				return Backup{}, false
			}
		}
		return Backup{Name: name, Time: t, Kind: kind, seq: seq}, true
	}
	return Backup{}, false
}

// List returns the backups in the folder, newest first; other files are
// left out. A missing folder has none.
func (k *Keeper) List() ([]Backup, error) {
	entries, err := os.ReadDir(k.Dir)
	if errors.Is(err, os.ErrNotExist) {
		return []Backup{}, nil
	} else if err != nil {
		return nil, fmt.Errorf("read the backups folder: %w", err)
	}
	list := []Backup{}
	for _, e := range entries {
		b, ok := parseName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		b.Size = info.Size()
		list = append(list, b)
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].Time.Equal(list[j].Time) {
			return list[i].Time.After(list[j].Time)
		}
		if list[i].seq != list[j].seq {
			return list[i].seq > list[j].seq
		}
		return list[i].Name > list[j].Name
	})
	return list, nil
}

// Rotate removes automatic backups beyond the newest Keep, and files a
// backup left incomplete when the program stopped in the middle of one.
func (k *Keeper) Rotate() error {
	list, err := k.List()
	if err != nil {
		return err
	}
	var errs []error
	kept := 0
	for _, b := range list {
		if b.Kind == KindRestore {
			continue
		}
		if kept < k.Keep {
			kept++
			continue
		}
		if err := os.Remove(filepath.Join(k.Dir, b.Name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	stale, _ := filepath.Glob(filepath.Join(k.Dir, ".incomplete-*.db"))
	for _, f := range stale {
		if info, err := os.Stat(f); err == nil && k.now().Sub(info.ModTime()) > time.Hour {
			os.Remove(f)
		}
	}
	return errors.Join(errs...)
}

// Find returns the backup named name. Names are file names in the
// folder, never paths: anything else is not found.
func (k *Keeper) Find(name string) (Backup, error) {
	if _, ok := parseName(name); !ok || filepath.Base(name) != name || strings.ContainsAny(name, `/\`) {
		return Backup{}, coding.Errorf(coding.ENOTFOUND, "no backup named %q", name)
	}
	list, err := k.List()
	if err != nil {
		return Backup{}, err
	}
	for _, b := range list {
		if b.Name == name {
			return b, nil
		}
	}
	return Backup{}, coding.Errorf(coding.ENOTFOUND, "no backup named %q", name)
}

// Path returns the file of a backup.
func (k *Keeper) Path(b Backup) string { return filepath.Join(k.Dir, b.Name) }

// Latest returns the newest backup, and false when there is none.
func (k *Keeper) Latest() (Backup, bool, error) {
	list, err := k.List()
	if err != nil || len(list) == 0 {
		return Backup{}, false, err
	}
	return list[0], true, nil
}
