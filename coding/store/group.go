package store

import (
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// groupCommit shares write transactions among concurrent commits: a
// change that arrives while a transaction is being written waits, and
// the next transaction takes every change waiting by then, so they share
// one pair of fsyncs. A change that arrives alone is written at once.
// Each caller returns only once its change is committed and synced.
type groupCommit struct {
	mu    sync.Mutex
	queue []*groupCall
	busy  bool // a goroutine is writing, or about to write, a transaction
}

// groupCall is one change waiting for its transaction.
type groupCall struct {
	fn   func(*bolt.Tx) error
	done chan error
}

// do runs fn in a write transaction of db, shared with the changes that
// wait with it, and returns fn's error or the commit's. When fn fails,
// the transaction is rolled back and written again without it, so that a
// failed change leaves nothing behind; fn is then not run again, and its
// caller gets the error of its one run.
func (g *groupCommit) do(db *bolt.DB, fn func(*bolt.Tx) error) error {
	c := &groupCall{fn: fn, done: make(chan error, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, c)
	if g.busy {
		// The transaction being written will hand this change on.
		g.mu.Unlock()
		return <-c.done
	}
	g.busy = true
	g.mu.Unlock()
	g.lead(db)
	return <-c.done
}

// lead writes one transaction with every waiting change, then hands the
// changes that arrived meanwhile to a new goroutine, so that no caller
// waits for more than the transaction before its own.
func (g *groupCommit) lead(db *bolt.DB) {
	g.mu.Lock()
	calls := g.queue
	g.queue = nil
	g.mu.Unlock()
	writeGroup(db, calls)
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) == 0 {
		g.busy = false
		return
	}
	go g.lead(db)
}

// writeGroup commits calls in one transaction. A failing call is answered
// with its error and dropped, and the others are written again from the
// start.
func writeGroup(db *bolt.DB, calls []*groupCall) {
	for len(calls) > 0 {
		failed := -1
		var failure error
		err := db.Update(func(tx *bolt.Tx) error {
			for i, c := range calls {
				if err := safeCall(c.fn, tx); err != nil {
					failed, failure = i, err
					return err
				}
			}
			return nil
		})
		if failed >= 0 {
			calls[failed].done <- failure
			calls = append(calls[:failed:failed], calls[failed+1:]...)
			continue
		}
		for _, c := range calls {
			c.done <- err
		}
		return
	}
}

// safeCall runs fn, turning a panic into an error so that one change
// cannot take down the changes sharing its transaction.
func safeCall(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("store: a change panicked: %v", r)
		}
	}()
	return fn(tx)
}
