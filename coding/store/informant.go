package store

import (
	"context"
	"strings"

	"tessera/coding"
)

// ensureInformants makes sure the project has its informants bucket:
// projects made before informants existed get it with their first one.
func (t *txn) ensureInformants(pid string) error {
	pb, err := t.project(pid)
	if err != nil {
		return err
	}
	_, err = pb.CreateBucketIfNotExists(bInformants)
	return err
}

// informants returns the project's informants sorted by label; none when
// the project never had one.
func (t *txn) informants(pid string) ([]*coding.Informant, error) {
	b, err := t.sub(pid, bInformants)
	if err != nil || b == nil {
		return []*coding.Informant{}, err
	}
	out, err := list[coding.Informant](b)
	if err != nil {
		return nil, err
	}
	coding.SortInformants(out)
	return out, nil
}

func (t *txn) findInformant(pid, id string) (*coding.Informant, error) {
	b, err := t.sub(pid, bInformants)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "informant %q not found", id)
	}
	return get[coding.Informant](b, id, "informant")
}

// checkInformant refuses a label another informant has and a case the
// project does not have.
func (t *txn) checkInformant(i *coding.Informant, others []*coding.Informant) error {
	for _, o := range others {
		if o.ID != i.ID && strings.EqualFold(o.Label, i.Label) {
			return coding.Errorf(coding.ECONFLICT, "an informant with ID %q already exists", o.Label)
		}
	}
	if i.CaseID != "" {
		if _, err := t.findCase(i.ProjectID, i.CaseID); err != nil {
			return err
		}
	}
	return nil
}

// CreateInformant stores i, with the next label when it has none.
func (s *Store) CreateInformant(ctx context.Context, i *coding.Informant) error {
	return s.update(ctx, "create_informant", func(t *txn) error {
		if err := t.ensureInformants(i.ProjectID); err != nil {
			return err
		}
		others, err := t.informants(i.ProjectID)
		if err != nil {
			return err
		}
		if strings.TrimSpace(i.Label) == "" {
			i.Label = coding.NextInformantLabel(others, i.Interviewer)
		}
		if err := i.Validate(); err != nil {
			return err
		}
		if err := t.checkInformant(i, others); err != nil {
			return err
		}
		i.ID = coding.NewID(t.now)
		i.CreatedAt, i.UpdatedAt = t.now, t.now
		return t.write(i.ProjectID, "informant", i.ID, i)
	})
}

// FindInformant returns the informant with id.
func (s *Store) FindInformant(ctx context.Context, pid, id string) (*coding.Informant, error) {
	var i *coding.Informant
	err := s.view(ctx, func(t *txn) (err error) {
		i, err = t.findInformant(pid, id)
		return err
	})
	return i, err
}

// ListInformants returns the project's informants sorted by label.
func (s *Store) ListInformants(ctx context.Context, pid string) ([]*coding.Informant, error) {
	var out []*coding.Informant
	err := s.view(ctx, func(t *txn) (err error) {
		out, err = t.informants(pid)
		return err
	})
	return out, err
}

// UpdateInformant changes the informant's label, pseudonym, role, case,
// interviewer flag or attributes.
func (s *Store) UpdateInformant(ctx context.Context, pid, id string, u coding.InformantUpdate) (*coding.Informant, error) {
	var i *coding.Informant
	err := s.update(ctx, "update_informant", func(t *txn) error {
		others, err := t.informants(pid)
		if err != nil {
			return err
		}
		if i, err = t.findInformant(pid, id); err != nil {
			return err
		}
		if err := checkVersion("informant", i.Version, u.IfVersion); err != nil {
			return err
		}
		if err := u.Apply(i); err != nil {
			return err
		}
		if err := t.checkInformant(i, others); err != nil {
			return err
		}
		i.UpdatedAt = t.now
		return t.write(pid, "informant", i.ID, i)
	})
	return i, err
}

// DeleteInformant removes the informant and unlinks its speakers.
func (s *Store) DeleteInformant(ctx context.Context, pid, id string) error {
	return s.update(ctx, "delete_informant", func(t *txn) error {
		if _, err := t.findInformant(pid, id); err != nil {
			return err
		}
		if err := t.relinkSpeakers(pid, id, ""); err != nil {
			return err
		}
		return t.remove(pid, "informant", id)
	})
}

// MergeInformants moves source's speakers to target, completes target
// with what source knows, and deletes source.
func (s *Store) MergeInformants(ctx context.Context, pid, sourceID, targetID string) (*coding.Informant, error) {
	var target *coding.Informant
	err := s.update(ctx, "merge_informants", func(t *txn) error {
		if sourceID == targetID {
			return coding.Errorf(coding.EINVALID, "an informant cannot be merged into itself")
		}
		source, err := t.findInformant(pid, sourceID)
		if err != nil {
			return err
		}
		if target, err = t.findInformant(pid, targetID); err != nil {
			return err
		}
		target.Absorb(source)
		target.UpdatedAt = t.now
		if err := t.relinkSpeakers(pid, sourceID, targetID); err != nil {
			return err
		}
		if err := t.remove(pid, "informant", sourceID); err != nil {
			return err
		}
		return t.write(pid, "informant", target.ID, target)
	})
	return target, err
}

// relinkSpeakers links every speaker linked to informant from to
// informant to ("" unlinks them).
func (t *txn) relinkSpeakers(pid, from, to string) error {
	docs, err := t.documents(pid)
	if err != nil {
		return err
	}
	for _, d := range docs {
		changed := false
		for i := range d.Speakers {
			if d.Speakers[i].InformantID == from {
				d.Speakers[i].InformantID, changed = to, true
			}
		}
		if changed {
			d.UpdatedAt = t.now
			if err := t.putDocumentMeta(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// LinkSpeaker links one speaker of a document to an informant, or
// unlinks it.
func (s *Store) LinkSpeaker(ctx context.Context, pid string, l coding.SpeakerLink) (*coding.Document, error) {
	var d *coding.Document
	err := s.update(ctx, "link_speaker", func(t *txn) (err error) {
		if d, err = t.findDocument(pid, l.DocumentID, false); err != nil {
			return err
		}
		if l.InformantID != "" {
			if _, err := t.findInformant(pid, l.InformantID); err != nil {
				return err
			}
		}
		return t.linkSpeaker(d, l)
	})
	return d, err
}

// linkSpeaker sets the link of one speaker of d and stores d.
func (t *txn) linkSpeaker(d *coding.Document, l coding.SpeakerLink) error {
	for i := range d.Speakers {
		if d.Speakers[i].Name == l.Speaker {
			if d.Speakers[i].InformantID == l.InformantID {
				return nil
			}
			d.Speakers[i].InformantID = l.InformantID
			d.UpdatedAt = t.now
			return t.putDocumentMeta(d)
		}
	}
	return coding.Errorf(coding.ENOTFOUND, "document %q has no speaker %q", d.Title, l.Speaker)
}

// LinkSpeakers links every unlinked speaker of the project by name (see
// coding.PlanSpeakerLinks), making the informants it needs.
func (s *Store) LinkSpeakers(ctx context.Context, pid string) (*coding.LinkSpeakersResult, error) {
	var res *coding.LinkSpeakersResult
	err := s.update(ctx, "link_speakers", func(t *txn) error {
		if err := t.ensureInformants(pid); err != nil {
			return err
		}
		docs, err := t.documents(pid)
		if err != nil {
			return err
		}
		informants, err := t.informants(pid)
		if err != nil {
			return err
		}
		created, links := coding.PlanSpeakerLinks(docs, informants, func() string { return coding.NewID(t.now) })
		for _, i := range created {
			i.CreatedAt, i.UpdatedAt = t.now, t.now
			if err := t.write(pid, "informant", i.ID, i); err != nil {
				return err
			}
		}
		byID := map[string]*coding.Document{}
		for _, d := range docs {
			byID[d.ID] = d
		}
		for _, l := range links {
			if err := t.linkSpeaker(byID[l.DocumentID], l); err != nil {
				return err
			}
		}
		res = &coding.LinkSpeakersResult{Created: created, Linked: len(links)}
		if res.Created == nil {
			res.Created = []*coding.Informant{}
		}
		return nil
	})
	return res, err
}
