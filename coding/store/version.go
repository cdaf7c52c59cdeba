package store

import (
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
)

// Versions: the entities with text a person edits carry a version, which
// write keeps counting, so that an update made from an outdated copy can
// be refused (IfVersion in the update structs).

// versionedBuckets are the per-project buckets of versioned entities.
var versionedBuckets = map[string][]byte{"case": bCases, "document": bDocuments, "code": bCodes, "memo": bMemos, "quote": bQuotes, "model": bModels}

// versionOf returns the Version field of the entities that carry one
// (those with text a person edits), else nil.
func versionOf(v any) *int {
	switch e := v.(type) {
	case *coding.Project:
		return &e.Version
	case *coding.Case:
		return &e.Version
	case *coding.Document:
		return &e.Version
	case *coding.Code:
		return &e.Version
	case *coding.Memo:
		return &e.Version
	case *coding.Quote:
		return &e.Version
	case *coding.Informant:
		return &e.Version
	case *coding.Anonymisation:
		return &e.Version
	case *coding.Model:
		return &e.Version
	}
	return nil
}

// newVersioned returns a new entity of kind if that kind carries a
// version, else nil.
func newVersioned(kind string) any {
	switch kind {
	case "project":
		return &coding.Project{}
	case "case":
		return &coding.Case{}
	case "document":
		return &coding.Document{}
	case "code":
		return &coding.Code{}
	case "memo":
		return &coding.Memo{}
	case "quote":
		return &coding.Quote{}
	case "informant":
		return &coding.Informant{}
	case "anonymisation":
		return &coding.Anonymisation{}
	case "model":
		return &coding.Model{}
	}
	return nil
}

// nextVersion returns the version entity kind/id gets when written now:
// one more than it had when the transaction began (0 when it was new).
func (t *txn) nextVersion(pid, kind, id string) (int, error) {
	raw := []byte(nil)
	if e := t.audit[pid]; e != nil {
		if i, ok := t.auditAt[entityKey{pid, kind, id}]; ok {
			raw = e.Changes[i].Before
		}
	}
	if raw == nil {
		if _, ok := t.auditAt[entityKey{pid, kind, id}]; !ok {
			b, err := t.kindBucket(pid, kind)
			if err != nil {
				return 0, err
			}
			raw = b.Get([]byte(id))
		}
	}
	if raw == nil {
		return 1, nil
	}
	var v struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return 0, err
	}
	return v.Version + 1, nil
}

// checkVersion refuses (ESTALE) an update made from version want of an
// entity whose stored version is stored; want 0 accepts any.
func checkVersion(what string, stored, want int) error {
	if want != 0 && stored != want {
		return coding.Errorf(coding.ESTALE, "the %s has changed since you started editing (it is at version %d, your copy was version %d)", what, stored, want)
	}
	return nil
}

// migrateVersions gives every stored entity that carries a version, and
// was written before versions existed, version 1.
func migrateVersions(tx *bolt.Tx) error {
	if err := setFirstVersions(tx.Bucket(bucketProjects), "project"); err != nil {
		return err
	}
	return tx.Bucket(bucketData).ForEachBucket(func(pid []byte) error {
		pb := tx.Bucket(bucketData).Bucket(pid)
		for kind, name := range versionedBuckets {
			if b := pb.Bucket(name); b != nil {
				if err := setFirstVersions(b, kind); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// setFirstVersions sets version 1 on the entities of kind in b that have
// none.
func setFirstVersions(b *bolt.Bucket, kind string) error {
	updates := map[string][]byte{}
	err := b.ForEach(func(k, raw []byte) error {
		v := newVersioned(kind)
		if err := json.Unmarshal(raw, v); err != nil {
			return err
		}
		if p := versionOf(v); *p == 0 {
			*p = 1
			buf, err := json.Marshal(v)
			if err != nil {
				return err
			}
			updates[string(k)] = buf
		}
		return nil
	})
	if err != nil {
		return err
	}
	for k, buf := range updates {
		if err := b.Put([]byte(k), buf); err != nil {
			return err
		}
	}
	return nil
}
