package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
)

// kindBuckets maps the kinds of entities kept in a project's bucket to
// their nested bucket. "text" is a document's text and turns. Team
// entities (members, assignments, access settings, consensus decisions)
// are recorded like the research data, so undo works on them too.
var kindBuckets = map[string][]byte{
	"case": bCases, "document": bDocuments, "text": bTexts, "code": bCodes,
	"facet": bFacets, "quote": bQuotes, "memo": bMemos,
	"member": bMembers, "assignment": bAssign, "access": bAccess, "decision": bDecisions,
	"round": bRounds, "informant": bInformants, "anonymisation": bAnon, "set": bSets, "model": bModels, "preset": bPresets,
}

// kindBucket returns the bucket that holds entities of kind.
func (t *txn) kindBucket(pid, kind string) (*bolt.Bucket, error) {
	if kind == "project" {
		return t.tx.Bucket(bucketProjects), nil
	}
	name, ok := kindBuckets[kind]
	if !ok {
		return nil, fmt.Errorf("unknown entity kind %q", kind)
	}
	return t.sub(pid, name)
}

// write stores v as entity kind/id and records the change. Entities
// that carry a version get the next one: 1 when new, else one more than
// before the transaction.
func (t *txn) write(pid, kind, id string, v any) error {
	if version := versionOf(v); version != nil {
		next, err := t.nextVersion(pid, kind, id)
		if err != nil {
			return err
		}
		*version = next
	}
	buf, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.writeRaw(pid, kind, id, buf)
}

func (t *txn) writeRaw(pid, kind, id string, buf []byte) error {
	b, err := t.kindBucket(pid, kind)
	if err != nil {
		return err
	}
	t.note(pid, kind, id, bytes.Clone(b.Get([]byte(id))), buf)
	return b.Put([]byte(id), buf)
}

// remove deletes entity kind/id, if present, and records the change.
func (t *txn) remove(pid, kind, id string) error {
	b, err := t.kindBucket(pid, kind)
	if err != nil {
		return err
	}
	before := b.Get([]byte(id))
	if before == nil {
		return nil
	}
	t.note(pid, kind, id, bytes.Clone(before), nil)
	return b.Delete([]byte(id))
}

// note records a change for OnChange and for the project's audit entry.
// A second change of one entity in a transaction keeps the first Before.
func (t *txn) note(pid, kind, id string, before, after []byte) {
	changeKind := kind
	if kind == "text" {
		changeKind = "document"
	}
	t.changed(pid, changeKind, after == nil, id)
	if t.audit == nil {
		return
	}
	// New texts are not copied into the trail: undoing the creation of a
	// document removes its text without needing it.
	if kind == "text" && before == nil {
		after = json.RawMessage("null")
	}
	e := t.audit[pid]
	if e == nil {
		e = &coding.AuditEntry{Time: t.now, Actor: t.actor, Op: t.op, Client: t.client}
		t.audit[pid] = e
	}
	if i, ok := slot(&t.auditAt, entityKey{pid, kind, id}, len(e.Changes)); ok {
		e.Changes[i].After = after
		return
	}
	e.Changes = append(e.Changes, coding.AuditChange{Kind: kind, ID: id, Before: before, After: after})
}

// writeAudit stores the project's audit entry of this transaction.
func (t *txn) writeAudit(pb *bolt.Bucket, seq uint64) error {
	for pid, e := range t.audit {
		if t.projectBucket(pid) != pb {
			continue
		}
		e.Seq = seq
		buf, err := json.Marshal(e)
		if err != nil {
			return err
		}
		return pb.Bucket(bAudit).Put(u64(seq), buf)
	}
	return nil
}

// ListAudit returns the project's audit entries matching f, newest first.
func (s *Store) ListAudit(ctx context.Context, pid string, f coding.AuditFilter) ([]*coding.AuditEntry, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	out := []*coding.AuditEntry{}
	err := s.view(ctx, func(t *txn) error {
		b, err := t.sub(pid, bAudit)
		if err != nil {
			return err
		}
		c := b.Cursor()
		k, v := c.Last()
		if f.Before > 0 {
			c.Seek(u64(f.Before))
			k, v = c.Prev()
		}
		for ; k != nil && len(out) < f.Limit && readU64(k) > f.After; k, v = c.Prev() {
			e := &coding.AuditEntry{}
			if err := json.Unmarshal(v, e); err != nil {
				return err
			}
			if matchAudit(e, f) {
				out = append(out, e)
			}
		}
		return nil
	})
	return out, err
}

func matchAudit(e *coding.AuditEntry, f coding.AuditFilter) bool {
	if (f.Actor != "" && e.Actor != f.Actor) || (f.Op != "" && e.Op != f.Op) {
		return false
	}
	if f.Kind == "" {
		return true
	}
	for _, c := range e.Changes {
		if c.Kind == f.Kind {
			return true
		}
	}
	return false
}

// Undo restores the state before audit entry seq as a new mutation.
func (s *Store) Undo(ctx context.Context, pid string, seq uint64) (*coding.AuditEntry, error) {
	var undone *coding.AuditEntry
	err := s.update(ctx, "undo", func(t *txn) error {
		b, err := t.sub(pid, bAudit)
		if err != nil {
			return err
		}
		raw := b.Get(u64(seq))
		if raw == nil {
			return coding.Errorf(coding.ENOTFOUND, "no recorded change %d in this project", seq)
		}
		e := &coding.AuditEntry{}
		if err := json.Unmarshal(raw, e); err != nil {
			return err
		}
		for _, c := range e.Changes {
			if c.Kind == "project" && (c.Before == nil || c.After == nil) {
				return coding.Errorf(coding.EUNPROCESSABLE, "creating or deleting a project cannot be undone")
			}
		}
		if err := t.checkUnchanged(pid, e); err != nil {
			return err
		}
		for i := len(e.Changes) - 1; i >= 0; i-- {
			if err := t.restore(pid, e.Changes[i]); err != nil {
				return err
			}
		}
		if ne := t.audit[pid]; ne != nil {
			ne.Undoes = seq
		}
		undone = e
		return nil
	})
	if err != nil {
		return nil, err
	}
	entries, err := s.ListAudit(ctx, pid, coding.AuditFilter{Limit: 1})
	if err != nil || len(entries) == 0 {
		return undone, err
	}
	return entries[0], nil
}

// checkUnchanged refuses to undo an entry when an entity it changed is no
// longer in the state the entry left it in.
func (t *txn) checkUnchanged(pid string, e *coding.AuditEntry) error {
	for _, c := range e.Changes {
		if c.Kind == "text" {
			continue
		}
		b, err := t.kindBucket(pid, c.Kind)
		if err != nil {
			return err
		}
		if !sameState(b.Get([]byte(c.ID)), c.After) {
			return coding.Errorf(coding.ECONFLICT, "cannot undo %q: the %s it changed has been changed again since; undo the later changes first", humanOp(e.Op), c.Kind)
		}
	}
	return nil
}

// sameState compares two stored values, nil meaning absent, leaving out
// versions: an entity undone and redone is in the same state again,
// though at a later version.
func sameState(a, b []byte) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if bytes.Equal(a, b) {
		return true
	}
	var ma, mb map[string]json.RawMessage
	if json.Unmarshal(a, &ma) != nil || json.Unmarshal(b, &mb) != nil {
		return false
	}
	delete(ma, "version")
	delete(mb, "version")
	if len(ma) != len(mb) {
		return false
	}
	for k, va := range ma {
		if vb, ok := mb[k]; !ok || !bytes.Equal(va, vb) {
			return false
		}
	}
	return true
}

// restore puts entity c back in its Before state, keeping the lookup
// buckets in step and refusing to leave dangling references.
func (t *txn) restore(pid string, c coding.AuditChange) error {
	if c.Before == nil {
		if err := t.checkUnreferenced(pid, c.Kind, c.ID); err != nil {
			return err
		}
		return t.removeWithIndexes(pid, c.Kind, c.ID)
	}
	if c.Kind == "text" && string(c.Before) == "null" {
		return t.remove(pid, "text", c.ID)
	}
	if c.Kind == "document" {
		// A corrected text has another hash: unfile the current one.
		if err := t.unfileHash(pid, c.ID); err != nil {
			return err
		}
	}
	// Restoring is an update too: versioned entities get the next version.
	if v := newVersioned(c.Kind); v != nil {
		if err := json.Unmarshal(c.Before, v); err != nil {
			return err
		}
		if err := t.write(pid, c.Kind, c.ID, v); err != nil {
			return err
		}
	} else if err := t.writeRaw(pid, c.Kind, c.ID, c.Before); err != nil {
		return err
	}
	switch c.Kind {
	case "quote":
		var q coding.Quote
		if err := json.Unmarshal(c.Before, &q); err != nil {
			return err
		}
		idx, _ := t.sub(pid, bDocQuotes)
		return idx.Put([]byte(q.DocumentID+"/"+q.ID), nil)
	case "document":
		var d coding.Document
		if err := json.Unmarshal(c.Before, &d); err != nil {
			return err
		}
		hashes, _ := t.sub(pid, bHashes)
		return hashes.Put([]byte(d.Hash+"/"+d.ID), nil)
	}
	return nil
}

// unfileHash removes the stored document id from the hash lookup, if
// it is there.
func (t *txn) unfileHash(pid, id string) error {
	b, err := t.kindBucket(pid, "document")
	if err != nil {
		return err
	}
	raw := b.Get([]byte(id))
	if raw == nil {
		return nil
	}
	var d coding.Document
	if err := json.Unmarshal(raw, &d); err != nil {
		return err
	}
	hashes, _ := t.sub(pid, bHashes)
	return hashes.Delete([]byte(d.Hash + "/" + d.ID))
}

// removeWithIndexes removes an entity and its entries in lookup buckets.
func (t *txn) removeWithIndexes(pid, kind, id string) error {
	b, err := t.kindBucket(pid, kind)
	if err != nil {
		return err
	}
	switch raw := b.Get([]byte(id)); {
	case raw == nil:
	case kind == "quote":
		var q coding.Quote
		if err := json.Unmarshal(raw, &q); err != nil {
			return err
		}
		idx, _ := t.sub(pid, bDocQuotes)
		if err := idx.Delete([]byte(q.DocumentID + "/" + q.ID)); err != nil {
			return err
		}
	case kind == "document":
		var d coding.Document
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		hashes, _ := t.sub(pid, bHashes)
		if err := hashes.Delete([]byte(d.Hash + "/" + d.ID)); err != nil {
			return err
		}
		if err := t.remove(pid, "text", id); err != nil {
			return err
		}
	}
	return t.remove(pid, kind, id)
}

// checkUnreferenced refuses to remove an entity others now depend on.
func (t *txn) checkUnreferenced(pid, kind, id string) error {
	switch kind {
	case "code":
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		if len(cb.children(id)) > 0 {
			return coding.Errorf(coding.ECONFLICT, "cannot undo: codes have since been grouped under the code it created")
		}
		quotes, err := t.quotes(pid)
		if err != nil {
			return err
		}
		for _, q := range quotes {
			if q.HasCode(id) {
				return coding.Errorf(coding.ECONFLICT, "cannot undo: quotes have since been coded with the code it created")
			}
		}
	case "document":
		qs, err := t.documentQuotes(pid, id)
		if err != nil {
			return err
		}
		if len(qs) > 0 {
			return coding.Errorf(coding.ECONFLICT, "cannot undo: the document it created has quotes now")
		}
	case "case":
		docs, err := t.documents(pid)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if d.CaseID == id {
				return coding.Errorf(coding.ECONFLICT, "cannot undo: documents have since been put in the case it created")
			}
		}
		informants, err := t.informants(pid)
		if err != nil {
			return err
		}
		for _, i := range informants {
			if i.CaseID == id {
				return coding.Errorf(coding.ECONFLICT, "cannot undo: informants have since been put in the case it created")
			}
		}
	case "informant":
		docs, err := t.documents(pid)
		if err != nil {
			return err
		}
		for _, d := range docs {
			for _, sp := range d.Speakers {
				if sp.InformantID == id {
					return coding.Errorf(coding.ECONFLICT, "cannot undo: speakers have since been linked to the informant it created")
				}
			}
		}
	case "facet":
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		for _, c := range cb.all {
			if _, ok := c.Facets[id]; ok {
				return coding.Errorf(coding.ECONFLICT, "cannot undo: codes have since been given values of the facet it created")
			}
		}
	}
	return nil
}

// humanOp turns an operation name like "merge_codes" into "merge codes".
func humanOp(op string) string {
	return string(bytes.ReplaceAll([]byte(op), []byte("_"), []byte(" ")))
}
