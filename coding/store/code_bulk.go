package store

import (
	"context"

	"tessera/coding"
)

// bulkOps names the audit operation of each bulk action.
var bulkOps = map[coding.CodeBulkAction]string{
	coding.BulkMove: "move_codes", coding.BulkGroup: "group_codes", coding.BulkLevel: "relevel_codes",
	coding.BulkFacet: "set_codes_facet", coding.BulkColor: "recolor_codes", coding.BulkMerge: "merge_many_codes",
	coding.BulkDelete: "delete_codes",
}

// BulkCodes applies b to every listed code in one transaction: one audit
// entry, one undo step, and nothing changed when one code is refused.
func (s *Store) BulkCodes(ctx context.Context, pid string, b coding.CodeBulk) (coding.CodeBulkResult, error) {
	var res coding.CodeBulkResult
	if err := b.Validate(); err != nil {
		return res, err
	}
	err := s.update(ctx, bulkOps[b.Action], func(t *txn) error {
		res = coding.CodeBulkResult{Updated: []*coding.Code{}, Deleted: []string{}}
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		codes := make([]*coding.Code, len(b.IDs))
		for i, id := range b.IDs {
			if codes[i], err = cb.find(id); err != nil {
				return err
			}
		}
		return t.bulk(cb, b, codes, &res)
	})
	if err != nil {
		return coding.CodeBulkResult{}, err
	}
	return res, nil
}

// bulk applies b to codes inside t.
func (t *txn) bulk(cb *codebook, b coding.CodeBulk, codes []*coding.Code, res *coding.CodeBulkResult) error {
	switch b.Action {
	case coding.BulkMerge:
		target, err := cb.find(b.TargetID)
		if err != nil {
			return err
		}
		for _, c := range codes {
			if err := t.mergeCode(cb, c, target); err != nil {
				return err
			}
			res.Deleted = append(res.Deleted, c.ID)
		}
		res.Updated = append(res.Updated, target)
		return nil
	case coding.BulkDelete:
		var d coding.DeleteCodeResult
		for _, c := range codes {
			if err := t.deleteCode(cb, c, b.Uncode, &d); err != nil {
				return err
			}
			res.Deleted = append(res.Deleted, c.ID)
		}
		res.QuotesUncoded, res.QuotesDeleted = d.QuotesUncoded, d.QuotesDeleted
		return nil
	case coding.BulkGroup:
		parent := &coding.Code{ProjectID: cb.pid, Name: b.Name, Level: b.Level, Color: b.Color}
		if err := parent.Validate(); err != nil {
			return err
		}
		parent.ID = coding.NewID(t.now)
		if err := cb.checkPlacement(parent); err != nil {
			return err
		}
		parent.Order = cb.nextOrder("", "")
		parent.CreatedAt, parent.UpdatedAt = t.now, t.now
		cb.all = append(cb.all, parent)
		cb.byID[parent.ID] = parent
		if err := t.putCode(parent); err != nil {
			return err
		}
		res.Created = parent
		b.ParentID = parent.ID
	case coding.BulkFacet:
		if _, err := t.findFacet(cb.pid, b.FacetID); err != nil {
			return err
		}
	}
	for _, c := range codes {
		if err := t.bulkChange(cb, b, c); err != nil {
			if code := coding.ErrorCode(err); code != coding.EINTERNAL {
				return coding.Errorf(code, "%s: %s", c.Name, coding.ErrorMessage(err))
			}
			return err
		}
		c.UpdatedAt = t.now
		if err := t.putCode(c); err != nil {
			return err
		}
		res.Updated = append(res.Updated, c)
	}
	return nil
}

// bulkChange makes the change b asks of the one code c (a move, level,
// facet value or colour), checking the codebook's rules.
func (t *txn) bulkChange(cb *codebook, b coding.CodeBulk, c *coding.Code) error {
	switch b.Action {
	case coding.BulkMove, coding.BulkGroup:
		if c.ParentID == b.ParentID {
			return nil
		}
		c.ParentID = b.ParentID
		if err := cb.checkPlacement(c); err != nil {
			return err
		}
		c.Order = cb.nextOrder(c.ParentID, c.ID)
	case coding.BulkLevel:
		if c.Level == b.Level {
			return nil
		}
		c.Level = b.Level
		if err := t.checkLevelChange(cb, c); err != nil {
			return err
		}
		if err := cb.checkPlacement(c); err != nil {
			return err
		}
		c.Order = cb.nextOrder(c.ParentID, c.ID)
	case coding.BulkFacet:
		if b.Value == "" {
			delete(c.Facets, b.FacetID)
			return nil
		}
		f, err := t.findFacet(cb.pid, b.FacetID)
		if err != nil {
			return err
		}
		v, ok := f.HasValue(b.Value)
		if !ok {
			return coding.Errorf(coding.EUNPROCESSABLE, "%q is not a value of facet %q (values: %v)", b.Value, f.Name, f.Values)
		}
		if c.Facets == nil {
			c.Facets = map[string]string{}
		}
		c.Facets[b.FacetID] = v
	case coding.BulkColor:
		c.Color = b.Color
	}
	return nil
}
