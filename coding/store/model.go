package store

import (
	"context"
	"strings"

	"tessera/coding"
)

// models returns the project's models, oldest first, unlabelled; none
// when the project never had one.
func (t *txn) models(pid string) ([]*coding.Model, error) {
	b, err := t.sub(pid, bModels)
	if err != nil || b == nil {
		return []*coding.Model{}, err
	}
	return list[coding.Model](b)
}

// findModel returns the model with id, unlabelled.
func (t *txn) findModel(pid, id string) (*coding.Model, error) {
	b, err := t.sub(pid, bModels)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "model %q not found", id)
	}
	return get[coding.Model](b, id, "model")
}

// labelModels labels the boxes of models from the project's codebook.
func (t *txn) labelModels(pid string, ms ...*coding.Model) error {
	cb, err := t.codebook(pid)
	if err != nil {
		return err
	}
	for _, m := range ms {
		m.LabelBoxes(cb.all)
	}
	return nil
}

// putModel checks the model's bound codes and stores it. A bound box keeps
// its code's current name as Text, shown should the code be deleted. A box
// whose code is gone may stay as it was in before, the stored model.
func (t *txn) putModel(m, before *coding.Model) error {
	pb, err := t.project(m.ProjectID)
	if err != nil {
		return err
	}
	// Projects made before models existed get their bucket now.
	if _, err := pb.CreateBucketIfNotExists(bModels); err != nil {
		return err
	}
	cb, err := t.codebook(m.ProjectID)
	if err != nil {
		return err
	}
	was := map[string]string{}
	if before != nil {
		for _, b := range before.Boxes {
			was[b.ID] = b.CodeID
		}
	}
	for i := range m.Boxes {
		b := &m.Boxes[i]
		if b.CodeID == "" {
			continue
		}
		c, err := cb.find(b.CodeID)
		if err != nil {
			if was[b.ID] == b.CodeID {
				continue // its code was deleted since: it shows as missing
			}
			return coding.Errorf(coding.EUNPROCESSABLE, "box %s: %s", b.ID, coding.ErrorMessage(err))
		}
		b.Text = c.Name
	}
	return t.write(m.ProjectID, "model", m.ID, m)
}

// checkModelName refuses a name another model of the project has.
func (t *txn) checkModelName(m *coding.Model) error {
	ms, err := t.models(m.ProjectID)
	if err != nil {
		return err
	}
	for _, o := range ms {
		if o.ID != m.ID && strings.EqualFold(o.Name, m.Name) {
			return coding.Errorf(coding.ECONFLICT, "a model named %q exists already", o.Name)
		}
	}
	return nil
}

// retargetModelBoxes binds the boxes bound to code from to code to, as
// when from is merged into to.
func (t *txn) retargetModelBoxes(pid, from, to string) error {
	ms, err := t.models(pid)
	if err != nil {
		return err
	}
	for _, m := range ms {
		moved := false
		for i := range m.Boxes {
			if m.Boxes[i].CodeID == from {
				m.Boxes[i].CodeID, moved = to, true
			}
		}
		if moved {
			m.UpdatedAt = t.now
			if err := t.putModel(m, m); err != nil {
				return err
			}
		}
	}
	return nil
}

// CreateModel stores m.
func (s *Store) CreateModel(ctx context.Context, m *coding.Model) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create_model", func(t *txn) error {
		if err := t.checkModelName(m); err != nil {
			return err
		}
		m.ID = coding.NewID(t.now)
		m.CreatedAt, m.UpdatedAt = t.now, t.now
		if err := t.putModel(m, nil); err != nil {
			return err
		}
		return t.labelModels(m.ProjectID, m)
	})
}

// FindModel returns the model with id, its boxes labelled.
func (s *Store) FindModel(ctx context.Context, pid, id string) (*coding.Model, error) {
	var m *coding.Model
	err := s.view(ctx, func(t *txn) (err error) {
		if m, err = t.findModel(pid, id); err != nil {
			return err
		}
		return t.labelModels(pid, m)
	})
	return m, err
}

// ListModels returns the project's models, oldest first, labelled.
func (s *Store) ListModels(ctx context.Context, pid string) ([]*coding.Model, error) {
	var out []*coding.Model
	err := s.view(ctx, func(t *txn) (err error) {
		if _, err = t.project(pid); err != nil {
			return err
		}
		if out, err = t.models(pid); err != nil {
			return err
		}
		return t.labelModels(pid, out...)
	})
	return out, err
}

// UpdateModel renames or redraws the model.
func (s *Store) UpdateModel(ctx context.Context, pid, id string, u coding.ModelUpdate) (*coding.Model, error) {
	var m *coding.Model
	err := s.update(ctx, "update_model", func(t *txn) (err error) {
		if m, err = t.findModel(pid, id); err != nil {
			return err
		}
		if err := checkVersion("model", m.Version, u.IfVersion); err != nil {
			return err
		}
		before := *m
		if u.Name != nil {
			m.Name = *u.Name
		}
		if u.Boxes != nil {
			m.Boxes = append([]coding.ModelBox(nil), *u.Boxes...)
		}
		if u.Frames != nil {
			m.Frames = append([]coding.ModelFrame(nil), *u.Frames...)
		}
		if u.Arrows != nil {
			m.Arrows = append([]coding.ModelArrow(nil), *u.Arrows...)
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if err := t.checkModelName(m); err != nil {
			return err
		}
		m.UpdatedAt = t.now
		if err := t.putModel(m, &before); err != nil {
			return err
		}
		return t.labelModels(pid, m)
	})
	return m, err
}

// DeleteModel removes the model.
func (s *Store) DeleteModel(ctx context.Context, pid, id string) error {
	return s.update(ctx, "delete_model", func(t *txn) error {
		if _, err := t.findModel(pid, id); err != nil {
			return err
		}
		return t.remove(pid, "model", id)
	})
}
