package refi

import (
	"context"
	"time"

	"tessera/coding"
)

// stamp is when and by whom the file says an element was made and last
// changed. A missing modification date or user is that of the creation:
// the element was not changed since (Tessera writes them only when they
// differ, see modification).
type stamp struct {
	created, updated     time.Time
	createdBy, updatedBy string
}

// stampOf reads the creation and modification attributes of an element.
func (p *planner) stampOf(created, creatingUser, modified, modifyingUser string) stamp {
	var s stamp
	s.created, _ = parseDateTime(created)
	s.updated, _ = parseDateTime(modified)
	s.createdBy, s.updatedBy = p.userName(creatingUser), p.userName(modifyingUser)
	return s.complete()
}

// complete fills the modification from the creation where the file gives
// none.
func (s stamp) complete() stamp {
	if s.updated.IsZero() {
		s.updated = s.created
	}
	if s.updatedBy == "" {
		s.updatedBy = s.createdBy
	}
	return s
}

// provenance returns what the store keeps of s for entity kind/id.
func (s stamp) provenance(kind, id string) coding.Provenance {
	return coding.Provenance{Kind: kind, ID: id, CreatedAt: s.created, CreatedBy: s.createdBy, UpdatedAt: s.updated, UpdatedBy: s.updatedBy}
}

// empty reports whether the file said nothing about the element.
func (s stamp) empty() bool { return s == stamp{} }

// writeProvenance keeps the dates and people of the created documents,
// quotes and memos, in one change after everything is created.
func (p *planner) writeProvenance(ctx context.Context, st coding.Store, pid string) error {
	var ps []coding.Provenance
	for _, d := range p.docs {
		if !d.stamp.empty() {
			ps = append(ps, d.stamp.provenance("document", d.doc.ID))
		}
		for _, q := range d.quotes {
			if !q.stamp.empty() {
				ps = append(ps, q.stamp.provenance("quote", q.q.ID))
			}
		}
	}
	for _, m := range p.memos {
		if !m.stamp.empty() {
			ps = append(ps, m.stamp.provenance("memo", m.m.ID))
		}
	}
	return st.KeepProvenance(ctx, pid, ps)
}

// modification returns the modification date and user to write for an
// entity: none where they are those of its creation, so that files stay
// as small as before for entities nobody changed.
func modification(created, updated time.Time, createdBy, updatedBy string) (date, user string) {
	if d := dateTime(updated); d != dateTime(created) {
		date = d
	}
	if updatedBy != createdBy {
		user = userRef(updatedBy)
	}
	return date, user
}
