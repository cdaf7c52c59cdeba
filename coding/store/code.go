package store

import (
	"context"
	"slices"

	"tessera/coding"
)

// codebook is a project's codes loaded inside a transaction.
type codebook struct {
	pid  string
	all  []*coding.Code
	byID map[string]*coding.Code
}

func (t *txn) codebook(pid string) (*codebook, error) {
	b, err := t.sub(pid, bCodes)
	if err != nil {
		return nil, err
	}
	all, err := list[coding.Code](b)
	if err != nil {
		return nil, err
	}
	cb := &codebook{pid: pid, all: all, byID: map[string]*coding.Code{}}
	for _, c := range all {
		cb.byID[c.ID] = c
	}
	return cb, nil
}

// find returns the code with id or a not-found error.
func (cb *codebook) find(id string) (*coding.Code, error) {
	if c, ok := cb.byID[id]; ok {
		return c, nil
	}
	return nil, coding.Errorf(coding.ENOTFOUND, "code %q not found", id)
}

// drop forgets the code id, deleted in the transaction.
func (cb *codebook) drop(id string) {
	delete(cb.byID, id)
	cb.all = slices.DeleteFunc(cb.all, func(c *coding.Code) bool { return c.ID == id })
}

// children returns the codes directly under parentID ("" for the top level).
func (cb *codebook) children(parentID string) []*coding.Code {
	var out []*coding.Code
	for _, c := range cb.all {
		if c.ParentID == parentID {
			out = append(out, c)
		}
	}
	coding.SortCodes(out)
	return out
}

// nextOrder returns the order that puts a code last under parentID.
func (cb *codebook) nextOrder(parentID, except string) int {
	n := 0
	for _, c := range cb.children(parentID) {
		if c.ID != except {
			n = max(n, c.Order+1)
		}
	}
	return n
}

// checkPlacement enforces the parent and sibling-name rules for c.
func (cb *codebook) checkPlacement(c *coding.Code) error {
	var parent *coding.Code
	if c.ParentID != "" {
		p, err := cb.find(c.ParentID)
		if err != nil {
			return coding.Errorf(coding.EUNPROCESSABLE, "parent code %q not found", c.ParentID)
		}
		parent = p
	}
	if err := coding.CheckParent(c, parent); err != nil {
		return err
	}
	if err := coding.CheckCycle(c, c.ParentID, cb.all); err != nil {
		return err
	}
	return coding.CheckSiblingName(c, cb.all)
}

func (t *txn) putCode(c *coding.Code) error {
	b, err := t.sub(c.ProjectID, bCodes)
	if err != nil {
		return err
	}
	_ = b
	return t.write(c.ProjectID, "code", c.ID, c)
}

// CreateCode stores c as the last of its siblings.
func (s *Store) CreateCode(ctx context.Context, c *coding.Code) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create_code", func(t *txn) error {
		cb, err := t.codebook(c.ProjectID)
		if err != nil {
			return err
		}
		c.ID = coding.NewID(t.now)
		if err := cb.checkPlacement(c); err != nil {
			return err
		}
		if err := t.checkFacetValues(c); err != nil {
			return err
		}
		c.Order = cb.nextOrder(c.ParentID, "")
		c.CreatedAt, c.UpdatedAt = t.now, t.now
		return t.putCode(c)
	})
}

// FindCode returns the code with id.
func (s *Store) FindCode(ctx context.Context, pid, id string) (*coding.Code, error) {
	var c *coding.Code
	err := s.view(ctx, func(t *txn) error {
		cb, err := t.codebook(pid)
		if err == nil {
			c, err = cb.find(id)
		}
		return err
	})
	return c, err
}

// ListCodes returns the project's codes in display order: depth first,
// dimensions before ungrouped themes before ungrouped concepts, siblings by
// their order.
func (s *Store) ListCodes(ctx context.Context, pid string) ([]*coding.Code, error) {
	out := []*coding.Code{}
	err := s.view(ctx, func(t *txn) error {
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		coding.NewCodeTree(cb.all).Walk(func(c *coding.Code, _ int) { out = append(out, c) })
		return nil
	})
	return out, err
}

// UpdateCode renames, recolours, redefines, re-levels or moves the code.
func (s *Store) UpdateCode(ctx context.Context, pid, id string, u coding.CodeUpdate) (*coding.Code, error) {
	var c *coding.Code
	err := s.update(ctx, "update_code", func(t *txn) error {
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		if c, err = cb.find(id); err != nil {
			return err
		}
		if err := checkVersion("code", c.Version, u.IfVersion); err != nil {
			return err
		}
		old := *c
		if err := u.Apply(c); err != nil {
			return err
		}
		if c.Name != old.Name {
			c.AddAlias(old.Name) // earlier names stay findable
		}
		if c.Level != old.Level {
			if err := t.checkLevelChange(cb, c); err != nil {
				return err
			}
		}
		if err := cb.checkPlacement(c); err != nil {
			return err
		}
		if c.ParentID != old.ParentID || c.Level != old.Level {
			c.Order = cb.nextOrder(c.ParentID, c.ID)
		}
		c.UpdatedAt = t.now
		return t.putCode(c)
	})
	return c, err
}

// checkLevelChange refuses a new level that would break the rules for the
// code's children or its quotes.
func (t *txn) checkLevelChange(cb *codebook, c *coding.Code) error {
	if kids := cb.children(c.ID); len(kids) > 0 {
		return coding.Errorf(coding.EUNPROCESSABLE, "code %q has %d codes under it: move them out before changing its level", c.Name, len(kids))
	}
	if c.Level == coding.LevelDimension {
		quotes, err := t.quotes(cb.pid)
		if err != nil {
			return err
		}
		for _, q := range quotes {
			if q.HasCode(c.ID) {
				return coding.Errorf(coding.EUNPROCESSABLE, "code %q codes quotes, so it cannot become an aggregate dimension", c.Name)
			}
		}
	}
	return nil
}

// MergeCodes moves the quotes, children and memos of source to target and
// deletes source; target keeps source's names as aliases.
func (s *Store) MergeCodes(ctx context.Context, pid, sourceID, targetID string) (*coding.Code, error) {
	var target *coding.Code
	err := s.update(ctx, "merge_codes", func(t *txn) error {
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		source, err := cb.find(sourceID)
		if err != nil {
			return err
		}
		if target, err = cb.find(targetID); err != nil {
			return err
		}
		return t.mergeCode(cb, source, target)
	})
	return target, err
}

// mergeCode moves the quotes, children and memos of source to target and
// deletes source, inside t; cb forgets source.
func (t *txn) mergeCode(cb *codebook, source, target *coding.Code) error {
	pid, sourceID, targetID := cb.pid, source.ID, target.ID
	if err := coding.CheckMerge(source, target); err != nil {
		return err
	}
	// Quotes coded with source are coded with target instead.
	quotes, err := t.quotes(pid)
	if err != nil {
		return err
	}
	for _, q := range quotes {
		if !q.HasCode(sourceID) {
			continue
		}
		q.CodeIDs = replaceCode(q.CodeIDs, sourceID, targetID)
		q.RetargetPicks(sourceID, targetID)
		q.UpdatedAt = t.now
		if err := t.putQuote(q); err != nil {
			return err
		}
	}
	// Children of source go under target, after its own.
	order := cb.nextOrder(targetID, "")
	for _, kid := range cb.children(sourceID) {
		kid.ParentID, kid.Order = targetID, order
		order++
		if err := coding.CheckSiblingName(kid, cb.all); err != nil {
			return coding.Errorf(coding.ECONFLICT, "cannot merge: %s; rename one of them first", coding.ErrorMessage(err))
		}
		if err := t.putCode(kid); err != nil {
			return err
		}
	}
	if err := t.retargetMemos(pid, coding.MemoCode, sourceID, targetID); err != nil {
		return err
	}
	if err := t.retargetModelBoxes(pid, sourceID, targetID); err != nil {
		return err
	}
	if err := t.retargetSetCodes(pid, sourceID, targetID); err != nil {
		return err
	}
	// Target keeps its own fields and takes what it lacks from source;
	// definitions are combined and source's names become aliases.
	mergeInto(target, source)
	for fid, v := range source.Facets {
		if target.Facets[fid] == "" {
			target.Facets[fid] = v
		}
	}
	target.UpdatedAt = t.now
	if err := t.putCode(target); err != nil {
		return err
	}
	cb.drop(sourceID)
	return t.deleteCodeRecord(pid, sourceID)
}

// replaceCode swaps from for to in ids, keeping each ID once.
func replaceCode(ids []string, from, to string) []string {
	out := make([]string, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		if id == from {
			id = to
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func (t *txn) deleteCodeRecord(pid, id string) error {
	return t.remove(pid, "code", id)
}

// DeleteCode removes the code, refusing while quotes use it unless uncode.
func (s *Store) DeleteCode(ctx context.Context, pid, id string, uncode bool) (coding.DeleteCodeResult, error) {
	var res coding.DeleteCodeResult
	err := s.update(ctx, "delete_code", func(t *txn) error {
		res = coding.DeleteCodeResult{}
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		c, err := cb.find(id)
		if err != nil {
			return err
		}
		return t.deleteCode(cb, c, uncode, &res)
	})
	return res, err
}

// deleteCode removes c inside t, adding what it did to quotes to res; cb
// forgets c.
func (t *txn) deleteCode(cb *codebook, c *coding.Code, uncode bool, res *coding.DeleteCodeResult) error {
	pid, id := cb.pid, c.ID
	quotes, err := t.quotes(pid)
	if err != nil {
		return err
	}
	var using []*coding.Quote
	for _, q := range quotes {
		if q.HasCode(id) {
			using = append(using, q)
		}
	}
	if len(using) > 0 && !uncode {
		return coding.Errorf(coding.ECONFLICT, "code %q is used by %d quotes: uncode them to delete it", c.Name, len(using))
	}
	for _, q := range using {
		q.CodeIDs = removeCode(q.CodeIDs, id)
		q.TidyPicks()
		if len(q.CodeIDs) == 0 {
			res.QuotesDeleted++
			if err := t.deleteQuote(q); err != nil {
				return err
			}
			continue
		}
		res.QuotesUncoded++
		q.UpdatedAt = t.now
		if err := t.putQuote(q); err != nil {
			return err
		}
	}
	// Children become ungrouped, last at the top level.
	order := cb.nextOrder("", "")
	for _, kid := range cb.children(id) {
		kid.ParentID, kid.Order = "", order
		order++
		if err := coding.CheckSiblingName(kid, cb.all); err != nil {
			return coding.Errorf(coding.ECONFLICT, "cannot delete %q: %s once ungrouped; rename one first", c.Name, coding.ErrorMessage(err))
		}
		if err := t.putCode(kid); err != nil {
			return err
		}
	}
	if err := t.deleteMemosOf(pid, coding.MemoCode, id); err != nil {
		return err
	}
	cb.drop(id)
	return t.deleteCodeRecord(pid, id)
}

func removeCode(ids []string, id string) []string {
	out := make([]string, 0, len(ids))
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// ReorderCodes sets the order of the children of parentID.
func (s *Store) ReorderCodes(ctx context.Context, pid, parentID string, ids []string) error {
	return s.update(ctx, "reorder_codes", func(t *txn) error {
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		if parentID != "" {
			if _, err := cb.find(parentID); err != nil {
				return err
			}
		}
		kids := cb.children(parentID)
		isKid := map[string]bool{}
		for _, k := range kids {
			isKid[k.ID] = true
		}
		if err := checkPermutation(ids, len(kids), func(id string) bool { return isKid[id] }, "code"); err != nil {
			return err
		}
		for i, id := range ids {
			c := cb.byID[id]
			c.Order = i
			if err := t.putCode(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetCodeFacet sets (or with "" clears) the code's value of a facet.
func (s *Store) SetCodeFacet(ctx context.Context, pid, codeID, facetID, value string) (*coding.Code, error) {
	var c *coding.Code
	err := s.update(ctx, "set_code_facet", func(t *txn) error {
		cb, err := t.codebook(pid)
		if err != nil {
			return err
		}
		if c, err = cb.find(codeID); err != nil {
			return err
		}
		f, err := t.findFacet(pid, facetID)
		if err != nil {
			return err
		}
		if value == "" {
			delete(c.Facets, facetID)
		} else {
			v, ok := f.HasValue(value)
			if !ok {
				return coding.Errorf(coding.EUNPROCESSABLE, "%q is not a value of facet %q (values: %v)", value, f.Name, f.Values)
			}
			c.Facets[facetID] = v
		}
		c.UpdatedAt = t.now
		return t.putCode(c)
	})
	return c, err
}

// checkFacetValues checks the facet values a new code comes with.
func (t *txn) checkFacetValues(c *coding.Code) error {
	for fid, v := range c.Facets {
		f, err := t.findFacet(c.ProjectID, fid)
		if err != nil {
			return coding.Errorf(coding.EUNPROCESSABLE, "facet %q not found", fid)
		}
		canon, ok := f.HasValue(v)
		if !ok {
			return coding.Errorf(coding.EUNPROCESSABLE, "%q is not a value of facet %q", v, f.Name)
		}
		c.Facets[fid] = canon
	}
	return nil
}
