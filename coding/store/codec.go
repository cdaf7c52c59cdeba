package store

import (
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
)

// get decodes the value at id into a new T, or returns a not-found error
// naming what (e.g. "code").
func get[T any](b *bolt.Bucket, id, what string) (*T, error) {
	v := b.Get([]byte(id))
	if v == nil || id == "" {
		return nil, coding.Errorf(coding.ENOTFOUND, "%s %q not found", what, id)
	}
	out := new(T)
	if err := json.Unmarshal(v, out); err != nil {
		return nil, err
	}
	return out, nil
}

// put encodes v as JSON under id.
func put(b *bolt.Bucket, id string, v any) error {
	buf, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(id), buf)
}

// list decodes every value of b, in key (creation) order.
func list[T any](b *bolt.Bucket) ([]*T, error) {
	var out []*T
	err := b.ForEach(func(k, v []byte) error {
		x := new(T)
		if err := json.Unmarshal(v, x); err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	return out, err
}
