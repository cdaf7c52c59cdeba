package store

import (
	"context"
	"slices"

	"tessera/coding"
)

// mergeInto gives target what it takes from source when source is merged
// into it: the combined definition, source's name and aliases as aliases,
// and the record of the merge (with the merges source had taken in).
func mergeInto(target, source *coding.Code) {
	target.Definition = coding.CombineDefinitions(target.Definition, source.Definition)
	target.AddAlias(source.Name)
	for _, a := range source.Aliases {
		target.AddAlias(a)
	}
	for _, id := range append([]string{source.ID}, source.MergedFrom...) {
		if !slices.Contains(target.MergedFrom, id) {
			target.MergedFrom = append(target.MergedFrom, id)
		}
	}
}

// SplitCode creates a code beside id and moves the chosen quotes to it.
func (s *Store) SplitCode(ctx context.Context, pid, id string, split coding.CodeSplit) (*coding.Code, error) {
	if err := split.Validate(); err != nil {
		return nil, err
	}
	var made *coding.Code
	err := s.update(ctx, "split_code", func(t *txn) error {
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		source, err := cb.find(id)
		if err != nil {
			return err
		}
		if source.Level == coding.LevelDimension {
			return coding.Errorf(coding.EUNPROCESSABLE, "aggregate dimension %q codes no quotes, so it cannot be split", source.Name)
		}
		// The new code sits beside source and takes its level and colour.
		made = &coding.Code{
			ID: coding.NewID(t.now), ProjectID: pid, Level: source.Level, ParentID: source.ParentID,
			Name: split.Name, Definition: split.Definition, Color: source.Color,
			Facets: map[string]string{}, SplitFrom: source.ID,
		}
		if err := made.Validate(); err != nil {
			return err
		}
		if err := cb.checkPlacement(made); err != nil {
			return err
		}
		made.Order = cb.nextOrder(made.ParentID, "")
		made.CreatedAt, made.UpdatedAt = t.now, t.now
		if err := t.putCode(made); err != nil {
			return err
		}
		// Each chosen quote trades source for the new code.
		for _, qid := range split.QuoteIDs {
			q, err := t.findQuote(pid, qid)
			if err != nil {
				return err
			}
			if !q.HasCode(id) {
				return coding.Errorf(coding.EUNPROCESSABLE, "quote %q is not coded with %q", qid, source.Name)
			}
			q.CodeIDs = replaceCode(q.CodeIDs, id, made.ID)
			q.RetargetPicks(id, made.ID)
			q.UpdatedAt = t.now
			if err := t.putQuote(q); err != nil {
				return err
			}
		}
		return nil
	})
	return made, err
}

// RetireCode retires the code or brings it back.
func (s *Store) RetireCode(ctx context.Context, pid, id string, retired bool) (*coding.Code, error) {
	var c *coding.Code
	op := "retire_code"
	if !retired {
		op = "restore_code"
	}
	err := s.update(ctx, op, func(t *txn) error {
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		if c, err = cb.find(id); err != nil {
			return err
		}
		if c.Retired == retired {
			state := "in use"
			if retired {
				state = "retired"
			}
			return coding.Errorf(coding.ECONFLICT, "code %q is already %s", c.Name, state)
		}
		c.Retired = retired
		c.UpdatedAt = t.now
		return t.putCode(c)
	})
	return c, err
}
