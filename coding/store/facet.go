package store

import (
	"context"
	"sort"
	"strings"

	"tessera/coding"
)

func (t *txn) facets(pid string) ([]*coding.Facet, error) {
	b, err := t.sub(pid, bFacets)
	if err != nil {
		return nil, err
	}
	fs, err := list[coding.Facet](b)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Order < fs[j].Order })
	return fs, err
}

func (t *txn) findFacet(pid, id string) (*coding.Facet, error) {
	b, err := t.sub(pid, bFacets)
	if err != nil {
		return nil, err
	}
	return get[coding.Facet](b, id, "facet")
}

func (t *txn) putFacet(f *coding.Facet) error {
	b, err := t.sub(f.ProjectID, bFacets)
	if err != nil {
		return err
	}
	_ = b
	return t.write(f.ProjectID, "facet", f.ID, f)
}

func checkFacetName(fs []*coding.Facet, name, id string) error {
	for _, o := range fs {
		if o.ID != id && strings.EqualFold(o.Name, name) {
			return coding.Errorf(coding.ECONFLICT, "a facet named %q already exists", o.Name)
		}
	}
	return nil
}

// CreateFacet stores f as the project's last facet.
func (s *Store) CreateFacet(ctx context.Context, f *coding.Facet) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create_facet", func(t *txn) error {
		fs, err := t.facets(f.ProjectID)
		if err != nil {
			return err
		}
		if err := checkFacetName(fs, f.Name, ""); err != nil {
			return err
		}
		f.ID = coding.NewID(t.now)
		f.CreatedAt, f.UpdatedAt = t.now, t.now
		f.Order = len(fs)
		for _, o := range fs {
			f.Order = max(f.Order, o.Order+1)
		}
		return t.putFacet(f)
	})
}

// FindFacet returns the facet with id.
func (s *Store) FindFacet(ctx context.Context, pid, id string) (*coding.Facet, error) {
	var f *coding.Facet
	err := s.view(ctx, func(t *txn) (err error) {
		f, err = t.findFacet(pid, id)
		return err
	})
	return f, err
}

// ListFacets returns the project's facets in order.
func (s *Store) ListFacets(ctx context.Context, pid string) ([]*coding.Facet, error) {
	var out []*coding.Facet
	err := s.view(ctx, func(t *txn) (err error) {
		out, err = t.facets(pid)
		return err
	})
	if out == nil && err == nil {
		out = []*coding.Facet{}
	}
	return out, err
}

// UpdateFacet renames the facet or changes its values. Renamed values
// follow on codes; values no longer listed are cleared from codes.
func (s *Store) UpdateFacet(ctx context.Context, pid, id string, u coding.FacetUpdate) (*coding.Facet, error) {
	var f *coding.Facet
	err := s.update(ctx, "update_facet", func(t *txn) (err error) {
		if f, err = t.findFacet(pid, id); err != nil {
			return err
		}
		fs, err := t.facets(pid)
		if err != nil {
			return err
		}
		if u.Name != nil {
			f.Name = *u.Name
		}
		rename := map[string]string{}
		for from, to := range u.RenameValues {
			old, ok := f.HasValue(from)
			if !ok {
				return coding.Errorf(coding.EUNPROCESSABLE, "%q is not a value of facet %q", from, f.Name)
			}
			rename[old] = strings.TrimSpace(to)
			for i, v := range f.Values {
				if v == old {
					f.Values[i] = strings.TrimSpace(to)
				}
			}
		}
		if u.Values != nil {
			f.Values = u.Values
		}
		if err := f.Validate(); err != nil {
			return err
		}
		if err := checkFacetName(fs, f.Name, f.ID); err != nil {
			return err
		}
		// Codes follow renamed values and lose values the facet dropped.
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		for _, c := range cb.all {
			v, ok := c.Facets[id]
			if !ok {
				continue
			}
			if to, renamed := rename[v]; renamed {
				v = to
			}
			if canon, ok := f.HasValue(v); ok {
				c.Facets[id] = canon
			} else {
				delete(c.Facets, id)
			}
			if err := t.putCode(c); err != nil {
				return err
			}
		}
		f.UpdatedAt = t.now
		return t.putFacet(f)
	})
	return f, err
}

// DeleteFacet removes the facet and its values from every code.
func (s *Store) DeleteFacet(ctx context.Context, pid, id string) error {
	return s.update(ctx, "delete_facet", func(t *txn) error {
		if _, err := t.findFacet(pid, id); err != nil {
			return err
		}
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		for _, c := range cb.all {
			if _, ok := c.Facets[id]; ok {
				delete(c.Facets, id)
				if err := t.putCode(c); err != nil {
					return err
				}
			}
		}
		return t.remove(pid, "facet", id)
	})
}
