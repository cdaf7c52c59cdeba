package store

import (
	"encoding/binary"
	"errors"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"tessera/coding"
)

// Check reports whether the file at path is a Tessera database this build
// can open: a sound bbolt file with Tessera's layout, of this schema
// version or an older one. It opens the file read-only and changes
// nothing; restoring a backup checks it first.
func Check(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if errors.Is(err, berrors.ErrTimeout) {
		return coding.Errorf(coding.ECONFLICT, "the file %s is in use by another process", path)
	} else if err != nil {
		return coding.Errorf(coding.EUNPROCESSABLE, "%s is not a Tessera database: %v", path, err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || tx.Bucket(bucketProjects) == nil || tx.Bucket(bucketData) == nil {
			return coding.Errorf(coding.EUNPROCESSABLE, "%s is not a Tessera database", path)
		}
		v := meta.Get(keySchema)
		if len(v) != 8 {
			return coding.Errorf(coding.EUNPROCESSABLE, "%s is not a Tessera database (no schema version)", path)
		}
		if version := binary.BigEndian.Uint64(v); version > SchemaVersion {
			return coding.Errorf(coding.EUNPROCESSABLE, "%s was written by a newer Tessera (schema %d; this build knows %d)", path, version, SchemaVersion)
		}
		// Read every error: the check stops only when its channel is drained.
		var first error
		for err := range tx.Check() {
			if first == nil {
				first = err
			}
		}
		if first != nil {
			return coding.Errorf(coding.EUNPROCESSABLE, "%s is damaged: %v", path, first)
		}
		return nil
	})
}
