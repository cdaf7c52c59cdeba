package store

import (
	"context"

	"tessera/coding"
)

// SetCodeTiers gives every code of the project the level its depth has
// under tiers, in one transaction (one audit entry, one undo step).
func (s *Store) SetCodeTiers(ctx context.Context, pid string, tiers coding.CodeTiers) ([]*coding.Code, error) {
	if err := tiers.Validate(); err != nil {
		return nil, err
	}
	changed := []*coding.Code{}
	err := s.update(ctx, "set_code_tiers", func(t *txn) error {
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		coded := map[string]bool{}
		quotes, err := t.quotes(pid)
		if err != nil {
			return err
		}
		for _, q := range quotes {
			for _, id := range q.CodeIDs {
				coded[id] = true
			}
		}
		var walkErr error
		coding.NewCodeTree(cb.all).Walk(func(c *coding.Code, depth int) {
			level := tiers.LevelAt(depth + 1)
			if walkErr != nil || c.Level == level {
				return
			}
			if level == coding.LevelDimension && coded[c.ID] {
				walkErr = coding.Errorf(coding.EUNPROCESSABLE, "code %q codes quotes, so it cannot become an aggregate dimension: choose a deeper tier for the dimensions", c.Name)
				return
			}
			c.Level = level
			c.UpdatedAt = t.now
			changed = append(changed, c)
		})
		if walkErr != nil {
			return walkErr
		}
		for _, c := range changed {
			if err := cb.checkPlacement(c); err != nil {
				return err
			}
			if err := t.putCode(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return changed, nil
}
