package export

import (
	"strings"

	"tessera/coding"
)

// InSet narrows a snapshot to a set (named, ignoring case, or by ID), the
// analysis filter of Options.Set: a set of documents keeps those
// documents and their quotes; a set of codes keeps the quotes coded with
// its codes or a code below them; a set of both keeps the quotes that
// pass both. Cases, codes and memos stay, so tables keep their rows. An
// empty name returns snap itself; an unknown one is EINVALID, naming the
// sets there are.
func InSet(snap *coding.Snapshot, name string) (*coding.Snapshot, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return snap, nil
	}
	set, err := findSet(snap, name)
	if err != nil {
		return nil, err
	}
	out := *snap
	if len(set.DocumentIDs) > 0 {
		out.Documents = nil
		for _, d := range snap.Documents {
			if set.HasDocument(d.ID) {
				out.Documents = append(out.Documents, d)
			}
		}
	}
	codes := map[string]bool{}
	tree := snap.Tree()
	for _, id := range set.CodeIDs {
		for _, d := range tree.Descendants(id) {
			codes[d] = true
		}
	}
	out.Quotes = nil
	for _, q := range snap.Quotes {
		if len(set.DocumentIDs) > 0 && !set.HasDocument(q.DocumentID) {
			continue
		}
		if len(codes) > 0 && !anyCode(q, codes) {
			continue
		}
		out.Quotes = append(out.Quotes, q)
	}
	return &out, nil
}

// anyCode reports whether q has one of the codes.
func anyCode(q *coding.Quote, codes map[string]bool) bool {
	for _, id := range q.CodeIDs {
		if codes[id] {
			return true
		}
	}
	return false
}

// findSet returns the set with this ID or name (ignoring case), or an
// EINVALID error naming the project's sets.
func findSet(snap *coding.Snapshot, name string) (*coding.Set, error) {
	for _, s := range snap.Sets {
		if s.ID == name {
			return s, nil
		}
	}
	if s := coding.SetByName(snap.Sets, name); s != nil {
		return s, nil
	}
	names := make([]string, len(snap.Sets))
	for i, s := range snap.Sets {
		names[i] = s.Name
	}
	known := " (it has none)"
	if len(names) > 0 {
		known = " (sets: " + strings.Join(names, ", ") + ")"
	}
	return nil, coding.Errorf(coding.EINVALID, "the project has no set %q%s", name, known)
}

// setColumns are the matrix columns "set": one per set that holds
// documents, in the project's order. A quote falls in every set that
// holds its document.
func (ix *index) setColumns(add func(key, label string)) func(q *coding.Quote) []string {
	for _, s := range ix.snap.Sets {
		if len(s.DocumentIDs) > 0 {
			add(s.ID, s.Name)
		}
	}
	return func(q *coding.Quote) []string {
		var keys []string
		for _, s := range ix.snap.Sets {
			if s.HasDocument(q.DocumentID) {
				keys = append(keys, s.ID)
			}
		}
		return keys
	}
}

// setRows returns the matrix rows of Options.Rows "set:NAME": the codes
// of a code set in codebook order, whatever their level; nil when the
// rows are the codes of a level.
func (ix *index) setRows(rows string) ([]*coding.Code, error) {
	name, ok := strings.CutPrefix(strings.TrimSpace(rows), "set:")
	if !ok {
		if rows != "" {
			return nil, coding.Errorf(coding.EINVALID, "matrix rows %q are not set:NAME (leave them out for the codes of a level)", rows)
		}
		return nil, nil
	}
	set, err := findSet(ix.snap, strings.TrimSpace(name))
	if err != nil {
		return nil, err
	}
	if len(set.CodeIDs) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "matrix rows: the set %q holds no codes", set.Name)
	}
	var out []*coding.Code
	for _, c := range ix.order {
		if set.HasCode(c.ID) {
			out = append(out, c)
		}
	}
	return out, nil
}
