package backup_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tessera/coding"
	"tessera/coding/backup"
	"tessera/coding/store"
)

// clock is a settable clock.
type clock struct{ t atomic.Int64 }

func newClock(t time.Time) *clock      { c := &clock{}; c.set(t); return c }
func (c *clock) set(t time.Time)       { c.t.Store(t.UnixNano()) }
func (c *clock) add(d time.Duration)   { c.t.Add(int64(d)) }
func (c *clock) now() time.Time        { return time.Unix(0, c.t.Load()).UTC() }
func (c *clock) Now() func() time.Time { return c.now }

// mustOpenStore opens a store in a new data directory.
func mustOpenStore(tb testing.TB, dir string) *store.Store {
	tb.Helper()
	st, err := store.Open(filepath.Join(dir, "tessera.db"), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func mustCreateProject(tb testing.TB, st *store.Store, name string) {
	tb.Helper()
	if err := st.CreateProject(context.Background(), &coding.Project{Name: name}); err != nil {
		tb.Fatal(err)
	}
}

func projectNames(tb testing.TB, path string) []string {
	tb.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	ps, err := st.ListProjects(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return names
}

func writer(st *store.Store) backup.WriteFunc {
	return func(w io.Writer) (int64, error) { return st.Backup(context.Background(), w) }
}

func TestTakeNamesAndRotation(t *testing.T) {
	dir := t.TempDir()
	st := mustOpenStore(t, dir)
	defer st.Close()
	mustCreateProject(t, st, "Study")
	clk := newClock(time.Date(2026, 12, 4, 18, 51, 3, 500, time.UTC))
	k := backup.New(dir, 3)
	k.Now = clk.Now()

	b, err := k.Take(backup.KindStart, writer(st))
	if err != nil {
		t.Fatal(err)
	}
	if want := "tessera-2026-12-04-185103Z-start.db"; b.Name != want {
		t.Errorf("got name %q, want %q", b.Name, want)
	}
	if info, err := os.Stat(filepath.Join(dir, "backups", b.Name)); err != nil || info.Size() != b.Size || b.Size == 0 {
		t.Errorf("backup file: %v, size %d", err, b.Size)
	}
	// More in the same second get their own names, and list newest first.
	b2, err := k.Take(backup.KindStart, writer(st))
	if err != nil {
		t.Fatal(err)
	}
	if want := "tessera-2026-12-04-185103Z-2-start.db"; b2.Name != want {
		t.Errorf("got name %q, want %q", b2.Name, want)
	}
	b3, err := k.Take(backup.KindRestore, writer(st))
	if err != nil {
		t.Fatal(err)
	}
	if want := "tessera-2026-12-04-185103Z-3-before-restore.db"; b3.Name != want {
		t.Errorf("got name %q, want %q", b3.Name, want)
	}
	if list, _ := k.List(); len(list) != 3 || list[0].Name != b3.Name || list[1].Name != b2.Name || list[2].Name != b.Name {
		t.Errorf("got %v, want the three newest first", list)
	}
	os.Remove(k.Path(b3))

	// Daily backups on the following days; a before-restore copy between.
	for day := 1; day <= 5; day++ {
		clk.add(24 * time.Hour)
		if _, err := k.Take(backup.KindDaily, writer(st)); err != nil {
			t.Fatal(err)
		}
		if day == 2 {
			if _, err := k.Take(backup.KindRestore, writer(st)); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Files that are not backups stay untouched.
	os.WriteFile(filepath.Join(dir, "backups", "notes.txt"), []byte("mine"), 0o600)
	if err := k.Rotate(); err != nil {
		t.Fatal(err)
	}
	list, err := k.List()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range list {
		got = append(got, b.Name)
	}
	want := []string{
		"tessera-2026-12-09-185103Z-daily.db",
		"tessera-2026-12-08-185103Z-daily.db",
		"tessera-2026-12-07-185103Z-daily.db",
		"tessera-2026-12-06-185103Z-2-before-restore.db",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after rotation got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(filepath.Join(dir, "backups", "notes.txt")); err != nil {
		t.Errorf("rotation removed a file that is not a backup: %v", err)
	}
	name := regexp.MustCompile(`^tessera-\d{4}-\d{2}-\d{2}-\d{6}Z(-\d+)?-(start|daily|before-restore)\.db$`)
	for _, b := range list {
		if !name.MatchString(b.Name) {
			t.Errorf("name %q does not read as tessera-DATE-TIME-KIND.db", b.Name)
		}
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	st := mustOpenStore(t, dir)
	defer st.Close()
	k := backup.New(dir, 7)
	b, err := k.Take(backup.KindStart, writer(st))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k.Find(b.Name); err != nil || got.Name != b.Name {
		t.Errorf("Find(%q): got %v, %v", b.Name, got, err)
	}
	for _, name := range []string{"", "../tessera.db", "tessera.db", "backups/" + b.Name, `..\` + b.Name, "tessera-2026-01-01-000000Z-start.db"} {
		if _, err := k.Find(name); coding.ErrorCode(err) != coding.ENOTFOUND {
			t.Errorf("Find(%q): got %v, want not found", name, err)
		}
	}
}

// TestBackupWhileWriting takes backups while two writers add projects:
// each backup opens, passes bbolt's consistency check, and holds for each
// writer an unbroken run of its projects from the first, as a copy of
// one moment must.
func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	st := mustOpenStore(t, dir)
	defer st.Close()
	k := backup.New(dir, 100)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var written [2]atomic.Int64
	for w, prefix := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if err := st.CreateProject(context.Background(), &coding.Project{Name: fmt.Sprintf("%s-%05d", prefix, i)}); err != nil {
					t.Error(err)
					return
				}
				written[w].Add(1)
			}
		}()
	}
	// Wait until both writers are busy, then back up while they go on.
	deadline := time.Now().Add(10 * time.Second)
	for written[0].Load() < 5 || written[1].Load() < 5 {
		if time.Now().After(deadline) {
			t.Fatal("writers did not start")
		}
		time.Sleep(time.Millisecond)
	}
	var taken []backup.Backup
	for range 8 {
		b, err := k.Take(backup.KindDaily, writer(st))
		if err != nil {
			t.Fatal(err)
		}
		taken = append(taken, b)
	}
	close(stop)
	wg.Wait()

	for _, b := range taken {
		if err := store.Check(k.Path(b)); err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		// The names of each writer must be exactly prefix-00000 .. prefix-(n-1).
		counts, names := map[string]int{}, map[string]bool{}
		for _, name := range projectNames(t, k.Path(b)) {
			counts[name[:1]]++
			names[name] = true
		}
		for _, prefix := range []string{"a", "b"} {
			for i := range counts[prefix] {
				if n := fmt.Sprintf("%s-%05d", prefix, i); !names[n] {
					t.Errorf("%s holds %d projects of writer %s but not %s", b.Name, counts[prefix], prefix, n)
				}
			}
		}
	}
}

func TestRunStartAndDaily(t *testing.T) {
	dir := t.TempDir()
	st := mustOpenStore(t, dir)
	defer st.Close()
	clk := newClock(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
	k := backup.New(dir, 2)
	k.Now = clk.Now()

	if b, err := k.TakeAndRotate(backup.KindStart, writer(st)); err != nil || b.Kind != backup.KindStart {
		t.Fatalf("start backup: got %v, %v", b, err)
	}
	reports := make(chan backup.Backup)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		k.Run(ctx, writer(st), time.Millisecond, func(b backup.Backup, err error) {
			if err != nil {
				t.Error(err)
			}
			reports <- b
		})
	}()
	next := func() backup.Backup {
		t.Helper()
		select {
		case b := <-reports:
			return b
		case <-time.After(10 * time.Second):
			t.Fatal("no backup reported")
		}
		return backup.Backup{}
	}
	for day := 1; day <= 3; day++ {
		// Not due yet: the loop keeps looking and takes none.
		if due, _ := k.Due(); due {
			t.Fatalf("day %d: due before a day passed", day)
		}
		clk.add(24 * time.Hour)
		if b := next(); b.Kind != backup.KindDaily || !b.Time.Equal(clk.now().Truncate(time.Second)) {
			t.Errorf("day %d: got %s %v, want a daily backup at %v", day, b.Kind, b.Time, clk.now())
		}
	}
	cancel()
	<-done
	list, _ := k.List()
	if len(list) != 2 {
		t.Errorf("got %d backups, want the newest 2 kept", len(list))
	}

	// Keep 0 turns automatic backups off.
	off := backup.New(t.TempDir(), 0)
	off.Run(context.Background(), writer(st), time.Millisecond, nil)
	if list, _ := off.List(); len(list) != 0 {
		t.Errorf("keep 0: got %d backups, want none", len(list))
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "tessera.db")
	st := mustOpenStore(t, dir)
	mustCreateProject(t, st, "Before")
	clk := newClock(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
	k := backup.New(dir, 7)
	k.Now = clk.Now()
	old, err := k.Take(backup.KindStart, writer(st))
	if err != nil {
		t.Fatal(err)
	}
	mustCreateProject(t, st, "After")
	st.Close()

	// A file that is not a database changes nothing.
	bad := filepath.Join(dir, "backups", "tessera-2026-12-03-090000Z-daily.db")
	os.WriteFile(bad, []byte("not a database"), 0o600)
	badB, err := k.Find(filepath.Base(bad))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Restore(dbPath, badB); coding.ErrorCode(err) != coding.EUNPROCESSABLE {
		t.Errorf("restoring garbage: got %v, want unprocessable", err)
	}
	if got := projectNames(t, dbPath); len(got) != 2 {
		t.Fatalf("after a refused restore got projects %v, want both kept", got)
	}

	clk.add(time.Hour)
	saved, err := k.Restore(dbPath, old)
	if err != nil {
		t.Fatal(err)
	}
	if got := projectNames(t, dbPath); strings.Join(got, ",") != "Before" {
		t.Errorf("restored database: got projects %v, want [Before]", got)
	}
	if saved.Kind != backup.KindRestore {
		t.Errorf("got kind %q, want before-restore", saved.Kind)
	}
	if got := projectNames(t, k.Path(saved)); len(got) != 2 {
		t.Errorf("copy of the replaced database: got projects %v, want both", got)
	}
	// The restore can be undone by restoring that copy.
	if _, err := k.Restore(dbPath, saved); err != nil {
		t.Fatal(err)
	}
	if got := projectNames(t, dbPath); len(got) != 2 {
		t.Errorf("after undoing the restore got %v, want both projects", got)
	}
}
