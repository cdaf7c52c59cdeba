// Package store keeps Tessera's data in one bbolt file: the source of truth
// from which everything else (the search index, exports) is derived.
package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"tessera/coding"
)

// SchemaVersion is the layout version this build writes. Opening a file of
// an older version runs the migrations in between; a newer one is refused.
const SchemaVersion = 3

// migrations[v] upgrades a file from version v to v+1. Version 0 is a new,
// empty file.
var migrations = map[int]func(tx *bolt.Tx) error{
	0: func(tx *bolt.Tx) error { return nil },
	1: migrateTeam,
	2: migrateVersions,
}

// Root bucket names.
var (
	bucketMeta     = []byte("meta")
	bucketProjects = []byte("projects")
	bucketData     = []byte("data")     // one nested bucket per project
	bucketUsers    = []byte("users")    // username -> account
	bucketSessions = []byte("sessions") // SHA-256 of the token -> session
	keySchema      = []byte("schema_version")
)

// Per-project nested bucket names.
var (
	bCases      = []byte("cases")
	bDocuments  = []byte("documents") // document metadata, without text
	bTexts      = []byte("texts")     // document ID -> text and turns
	bHashes     = []byte("hashes")    // content hash + "/" + document ID -> nil
	bCodes      = []byte("codes")
	bFacets     = []byte("facets")
	bQuotes     = []byte("quotes")
	bDocQuotes  = []byte("doc_quotes") // document ID + "/" + quote ID -> nil
	bMemos      = []byte("memos")
	bAudit      = []byte("audit")         // sequence number -> audit entry
	bMembers    = []byte("members")       // username -> membership
	bAssign     = []byte("assignments")   // document ID -> assignment
	bAccess     = []byte("access")        // team settings, one record
	bDecisions  = []byte("decisions")     // quote ID -> consensus decision
	bRounds     = []byte("rounds")        // closed coding rounds, made when the first closes
	bInformants = []byte("informants")    // made with the first informant in older projects
	bAnon       = []byte("anonymisation") // the anonymisation profile, one record, made when first saved
	bSets       = []byte("sets")          // named sets of documents and codes, made with the first
	bModels     = []byte("models")        // model canvases, made with the first model
	bPresets    = []byte("presets")       // named table options, made when the first is saved
	keySeq      = []byte("seq")
)

var projectBuckets = [][]byte{bCases, bDocuments, bTexts, bHashes, bCodes, bFacets, bQuotes, bDocQuotes, bMemos, bAudit, bMembers, bAssign, bAccess, bDecisions, bRounds, bInformants, bAnon, bSets, bModels, bPresets}

// Options configure a Store.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Timeout bounds the wait for the file lock held by another process;
	// 2 s when zero.
	Timeout time.Duration
	// OnChange, when set, is called after each committed mutation with the
	// changes it made, in commit order for each project.
	OnChange func([]coding.Change)
}

// Store implements coding.Store over a bbolt file.
type Store struct {
	db       *bolt.DB
	path     string
	now      func() time.Time
	onChange func([]coding.Change)
	// group shares write transactions among concurrent commits.
	group groupCommit
}

var _ coding.Store = (*Store)(nil)

// Open opens (creating if needed) the bbolt file at path. A file locked by
// another process gives a conflict error after Options.Timeout.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout == 0 {
		opt.Timeout = 2 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, coding.Errorf(coding.ECONFLICT, "the data file %s is already in use by another Tessera process", path)
	} else if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: opt.Now, onChange: opt.OnChange}
	if err := db.Update(s.migrate); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// migrate creates the root buckets and brings the schema up to date.
func (s *Store) migrate(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketProjects, bucketData} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	version := 0
	if v := meta.Get(keySchema); v != nil {
		version = int(binary.BigEndian.Uint64(v))
	}
	if version > SchemaVersion {
		return coding.Errorf(coding.EUNPROCESSABLE, "the data file %s was written by a newer Tessera (schema %d; this build knows %d)", s.path, version, SchemaVersion)
	}
	for ; version < SchemaVersion; version++ {
		if err := migrations[version](tx); err != nil {
			return fmt.Errorf("migrate schema %d: %w", version, err)
		}
	}
	if err := rerenderMemos(tx); err != nil {
		return err
	}
	return meta.Put(keySchema, u64(SchemaVersion))
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.path }

// Backup writes a consistent copy of the file to w while the store stays
// open for reading and writing.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// Seq returns the project's change sequence number.
func (s *Store) Seq(ctx context.Context, projectID string) (uint64, error) {
	var seq uint64
	err := s.view(ctx, func(t *txn) error {
		pb, err := t.project(projectID)
		if err != nil {
			return err
		}
		seq = readU64(pb.Get(keySeq))
		return nil
	})
	return seq, err
}

// txn wraps a bbolt transaction and collects the changes it makes.
type txn struct {
	tx      *bolt.Tx
	s       *Store
	now     time.Time
	changes []coding.Change
	// audit collects entity changes by project, for the audit trail.
	audit  map[string]*coding.AuditEntry
	op     string
	actor  string
	client string
	// changeAt and auditAt find the change of one entity in changes and
	// in its audit entry, so that large transactions stay linear.
	changeAt map[entityKey]int
	auditAt  map[entityKey]int
}

// entityKey names one entity of a project.
type entityKey struct{ pid, kind, id string }

// slot returns the position *at records for k and true, or records next
// for k and returns false.
func slot(at *map[entityKey]int, k entityKey, next int) (int, bool) {
	if i, ok := (*at)[k]; ok {
		return i, true
	}
	if *at == nil {
		*at = map[entityKey]int{}
	}
	(*at)[k] = next
	return next, false
}

// view runs fn in a read-only transaction.
func (s *Store) view(ctx context.Context, fn func(t *txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.View(func(tx *bolt.Tx) error { return fn(&txn{tx: tx, s: s, now: s.now().UTC()}) })
}

// update runs fn in a read-write transaction named op, bumps the sequence
// number of every project it changed, records an audit entry for each,
// and after the commit reports the changes. fn may run more than once
// (see commit): it sets its results afresh on every run.
func (s *Store) update(ctx context.Context, op string, fn func(t *txn) error) error {
	_, err := s.commit(ctx, op, fn)
	return err
}

// commit does what update does and returns the new sequence number of
// each project the transaction changed (that of its audit entry).
func (s *Store) commit(ctx context.Context, op string, fn func(t *txn) error) (map[string]uint64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var changes []coding.Change
	seqs := map[string]uint64{}
	// Commits that arrive together share one transaction, and so one
	// pair of fsyncs; each caller still returns only once its change is
	// committed and synced. fn runs again when another change of its
	// transaction fails (see groupCommit).
	err := s.group.do(s.db, func(tx *bolt.Tx) error {
		clear(seqs)
		t := &txn{tx: tx, s: s, now: s.now().UTC(), op: op, actor: coding.ActorFrom(ctx), client: coding.ClientFrom(ctx), audit: map[string]*coding.AuditEntry{}}
		if err := fn(t); err != nil {
			return err
		}
		for i := range t.changes {
			c := &t.changes[i]
			seq, ok := seqs[c.ProjectID]
			if !ok {
				if pb := t.projectBucket(c.ProjectID); pb != nil {
					seq = readU64(pb.Get(keySeq)) + 1
					if err := pb.Put(keySeq, u64(seq)); err != nil {
						return err
					}
					if err := t.writeAudit(pb, seq); err != nil {
						return err
					}
				}
				seqs[c.ProjectID] = seq
			}
			c.Seq = seq
		}
		changes = t.changes
		return nil
	})
	if err != nil {
		return nil, err
	}
	if s.onChange != nil && len(changes) > 0 {
		s.onChange(changes)
	}
	return seqs, nil
}

// changed records a change of kind to ids in project pid, for OnChange.
func (t *txn) changed(pid, kind string, deleted bool, ids ...string) {
	if len(ids) == 1 {
		if i, ok := slot(&t.changeAt, entityKey{pid, kind, ids[0]}, len(t.changes)); ok {
			t.changes[i].Deleted = deleted
			return
		}
	}
	t.changes = append(t.changes, coding.Change{ProjectID: pid, Kind: kind, IDs: ids, Deleted: deleted})
}

// projectBucket returns the project's data bucket, or nil.
func (t *txn) projectBucket(pid string) *bolt.Bucket {
	if pid == "" {
		return nil
	}
	return t.tx.Bucket(bucketData).Bucket([]byte(pid))
}

// project returns the project's data bucket or a not-found error.
func (t *txn) project(pid string) (*bolt.Bucket, error) {
	if pb := t.projectBucket(pid); pb != nil {
		return pb, nil
	}
	return nil, coding.Errorf(coding.ENOTFOUND, "project %q not found", pid)
}

// sub returns the named bucket of a project, or a not-found error for the
// project.
func (t *txn) sub(pid string, name []byte) (*bolt.Bucket, error) {
	pb, err := t.project(pid)
	if err != nil {
		return nil, err
	}
	return pb.Bucket(name), nil
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func readU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// distinct returns ids without repeats, in the order they first appear.
func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
