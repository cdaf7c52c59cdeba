package store

import (
	"context"
	"sort"
	"strings"

	"tessera/coding"
)

// PutTablePreset stores p, replacing the preset of the same name.
func (s *Store) PutTablePreset(ctx context.Context, p *coding.TablePreset) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "put_preset", func(t *txn) error {
		pb, err := t.project(p.ProjectID)
		if err != nil {
			return err
		}
		// Projects made before presets existed get their bucket now.
		if _, err := pb.CreateBucketIfNotExists(bPresets); err != nil {
			return err
		}
		p.ID, p.CreatedAt = coding.NewID(t.now), t.now
		if old, err := t.tablePreset(p.ProjectID, p.Name); err == nil {
			p.ID, p.CreatedAt = old.ID, old.CreatedAt
		} else if coding.ErrorCode(err) != coding.ENOTFOUND {
			return err
		}
		p.UpdatedAt = t.now
		return t.write(p.ProjectID, "preset", p.ID, p)
	})
}

// tablePresets returns the project's presets by name; none when the
// project never saved one.
func (t *txn) tablePresets(pid string) ([]*coding.TablePreset, error) {
	b, err := t.sub(pid, bPresets)
	if err != nil || b == nil {
		return []*coding.TablePreset{}, err
	}
	out, err := list[coding.TablePreset](b)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// tablePreset returns the preset called name.
func (t *txn) tablePreset(pid, name string) (*coding.TablePreset, error) {
	presets, err := t.tablePresets(pid)
	if err != nil {
		return nil, err
	}
	for _, p := range presets {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, nil
		}
	}
	return nil, coding.Errorf(coding.ENOTFOUND, "the project has no table preset %q", name)
}

// ListTablePresets returns the project's presets by name.
func (s *Store) ListTablePresets(ctx context.Context, pid string) ([]*coding.TablePreset, error) {
	var out []*coding.TablePreset
	err := s.view(ctx, func(t *txn) error {
		if _, err := t.project(pid); err != nil {
			return err
		}
		var err error
		out, err = t.tablePresets(pid)
		return err
	})
	return out, err
}

// FindTablePreset returns the preset called name.
func (s *Store) FindTablePreset(ctx context.Context, pid, name string) (*coding.TablePreset, error) {
	var out *coding.TablePreset
	err := s.view(ctx, func(t *txn) error {
		if _, err := t.project(pid); err != nil {
			return err
		}
		var err error
		out, err = t.tablePreset(pid, name)
		return err
	})
	return out, err
}

// DeleteTablePreset removes the preset called name.
func (s *Store) DeleteTablePreset(ctx context.Context, pid, name string) error {
	return s.update(ctx, "delete_preset", func(t *txn) error {
		p, err := t.tablePreset(pid, name)
		if err != nil {
			return err
		}
		return t.remove(pid, "preset", p.ID)
	})
}
