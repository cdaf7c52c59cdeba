package store

import (
	"context"
	"sort"
	"strings"

	"tessera/coding"
)

// CreateCase stores c as the last case of its project.
func (s *Store) CreateCase(ctx context.Context, c *coding.Case) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create_case", func(t *txn) error {
		cases, err := t.cases(c.ProjectID)
		if err != nil {
			return err
		}
		if err := checkCaseName(cases, c.Name, ""); err != nil {
			return err
		}
		c.ID = coding.NewID(t.now)
		c.CreatedAt, c.UpdatedAt = t.now, t.now
		c.Order = 0
		for _, o := range cases {
			c.Order = max(c.Order, o.Order+1)
		}
		return t.putCase(c)
	})
}

func (t *txn) putCase(c *coding.Case) error {
	b, err := t.sub(c.ProjectID, bCases)
	if err != nil {
		return err
	}
	_ = b
	return t.write(c.ProjectID, "case", c.ID, c)
}

// cases returns the project's cases in user order.
func (t *txn) cases(pid string) ([]*coding.Case, error) {
	b, err := t.sub(pid, bCases)
	if err != nil {
		return nil, err
	}
	cases, err := list[coding.Case](b)
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].Order < cases[j].Order })
	return cases, err
}

func checkCaseName(cases []*coding.Case, name, id string) error {
	for _, o := range cases {
		if o.ID != id && strings.EqualFold(o.Name, name) {
			return coding.Errorf(coding.ECONFLICT, "a case named %q already exists", o.Name)
		}
	}
	return nil
}

// FindCase returns the case with id.
func (s *Store) FindCase(ctx context.Context, pid, id string) (*coding.Case, error) {
	var c *coding.Case
	err := s.view(ctx, func(t *txn) (err error) {
		c, err = t.findCase(pid, id)
		return err
	})
	return c, err
}

func (t *txn) findCase(pid, id string) (*coding.Case, error) {
	b, err := t.sub(pid, bCases)
	if err != nil {
		return nil, err
	}
	return get[coding.Case](b, id, "case")
}

// FindCaseByName returns the case named name (case-insensitive).
func (s *Store) FindCaseByName(ctx context.Context, pid, name string) (*coding.Case, error) {
	cases, err := s.ListCases(ctx, pid)
	if err != nil {
		return nil, err
	}
	for _, c := range cases {
		if strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return c, nil
		}
	}
	return nil, coding.Errorf(coding.ENOTFOUND, "case %q not found", name)
}

// ListCases returns the project's cases in user order.
func (s *Store) ListCases(ctx context.Context, pid string) ([]*coding.Case, error) {
	var out []*coding.Case
	err := s.view(ctx, func(t *txn) (err error) {
		out, err = t.cases(pid)
		return err
	})
	if out == nil && err == nil {
		out = []*coding.Case{}
	}
	return out, err
}

// UpdateCase renames the case or changes its attributes.
func (s *Store) UpdateCase(ctx context.Context, pid, id string, u coding.CaseUpdate) (*coding.Case, error) {
	var c *coding.Case
	err := s.update(ctx, "update_case", func(t *txn) error {
		cases, err := t.cases(pid)
		if err != nil {
			return err
		}
		if c, err = t.findCase(pid, id); err != nil {
			return err
		}
		if err := checkVersion("case", c.Version, u.IfVersion); err != nil {
			return err
		}
		if err := u.Apply(c); err != nil {
			return err
		}
		if err := checkCaseName(cases, c.Name, c.ID); err != nil {
			return err
		}
		c.UpdatedAt = t.now
		return t.putCase(c)
	})
	return c, err
}

// DeleteCase removes the case; its documents and informants stay,
// without a case, and its memos go with it.
func (s *Store) DeleteCase(ctx context.Context, pid, id string) error {
	return s.update(ctx, "delete_case", func(t *txn) error {
		if _, err := t.findCase(pid, id); err != nil {
			return err
		}
		docs, err := t.documents(pid)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if d.CaseID == id {
				d.CaseID = ""
				d.UpdatedAt = t.now
				if err := t.putDocumentMeta(d); err != nil {
					return err
				}
			}
		}
		informants, err := t.informants(pid)
		if err != nil {
			return err
		}
		for _, i := range informants {
			if i.CaseID == id {
				i.CaseID, i.UpdatedAt = "", t.now
				if err := t.write(pid, "informant", i.ID, i); err != nil {
					return err
				}
			}
		}
		if err := t.deleteMemosOf(pid, coding.MemoCase, id); err != nil {
			return err
		}
		return t.remove(pid, "case", id)
	})
}

// ReorderCases sets the order of the project's cases.
func (s *Store) ReorderCases(ctx context.Context, pid string, ids []string) error {
	return s.update(ctx, "reorder_cases", func(t *txn) error {
		cases, err := t.cases(pid)
		if err != nil {
			return err
		}
		byID := map[string]*coding.Case{}
		for _, c := range cases {
			byID[c.ID] = c
		}
		if err := checkPermutation(ids, len(cases), func(id string) bool { return byID[id] != nil }, "case"); err != nil {
			return err
		}
		for i, id := range ids {
			c := byID[id]
			c.Order = i
			if err := t.putCase(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkPermutation reports whether ids names each of n entities exactly once.
func checkPermutation(ids []string, n int, exists func(string) bool, what string) error {
	seen := map[string]bool{}
	for _, id := range ids {
		if !exists(id) {
			return coding.Errorf(coding.ENOTFOUND, "%s %q not found", what, id)
		}
		if seen[id] {
			return coding.Errorf(coding.EINVALID, "%s %q is listed twice", what, id)
		}
		seen[id] = true
	}
	if len(ids) != n {
		return coding.Errorf(coding.EINVALID, "the new order lists %d of %d %ss: list each one once", len(ids), n, what)
	}
	return nil
}
