package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestGroupCommitSharesTransactionsAndDropsFailures(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "group.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("b")); return err }); err != nil {
		t.Fatal(err)
	}
	var g groupCommit
	put := func(key string) func(*bolt.Tx) error {
		return func(tx *bolt.Tx) error { return tx.Bucket([]byte("b")).Put([]byte(key), []byte("v")) }
	}

	// The first change holds its transaction open until the others wait.
	release, first := make(chan struct{}), make(chan error, 1)
	started := make(chan struct{})
	go func() {
		first <- g.do(db, func(tx *bolt.Tx) error {
			close(started)
			<-release
			return put("first")(tx)
		})
	}()
	<-started

	var mu sync.Mutex
	txIDs := map[string]int{}
	badRuns := 0
	errBad := errors.New("refused")
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range 5 {
		key := fmt.Sprintf("k%d", i)
		wg.Go(func() {
			errs[i] = g.do(db, func(tx *bolt.Tx) error {
				if i == 2 {
					mu.Lock()
					badRuns++
					mu.Unlock()
					put("bad")(tx)
					return errBad
				}
				mu.Lock()
				txIDs[key] = tx.ID()
				mu.Unlock()
				return put(key)(tx)
			})
		})
	}
	// Wait until all five are queued behind the first.
	for {
		g.mu.Lock()
		n := len(g.queue)
		g.mu.Unlock()
		if n == 5 {
			break
		}
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}

	for i, err := range errs {
		switch {
		case i == 2 && !errors.Is(err, errBad):
			t.Errorf("failing change: got %v, want its own error", err)
		case i != 2 && err != nil:
			t.Errorf("change %d: got %v, want it committed", i, err)
		}
	}
	if badRuns != 1 {
		t.Errorf("the failing change ran %d times, want once", badRuns)
	}
	ids := map[int]bool{}
	for _, id := range txIDs {
		ids[id] = true
	}
	if len(ids) != 1 {
		t.Errorf("the four good changes were committed in %d transactions, want one: %v", len(ids), txIDs)
	}
	db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("b"))
		for _, k := range []string{"first", "k0", "k1", "k3", "k4"} {
			if b.Get([]byte(k)) == nil {
				t.Errorf("%s: acknowledged but not stored", k)
			}
		}
		if b.Get([]byte("bad")) != nil {
			t.Errorf("the failing change left its write behind")
		}
		return nil
	})
}
