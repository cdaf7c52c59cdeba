package coding

import (
	"context"
	"slices"
	"strings"
)

// CodeBulkAction names what a bulk change does to the codes it lists.
type CodeBulkAction string

// The bulk changes of the codebook. Each changes every listed code in one
// step, undone as one, or none of them.
const (
	// BulkMove groups the codes under ParentID ("" ungroups them).
	BulkMove CodeBulkAction = "move"
	// BulkGroup creates a code named Name at Level and groups the codes
	// under it (a new theme for concepts, a new dimension for themes).
	BulkGroup CodeBulkAction = "group"
	// BulkLevel gives the codes Level (make themes, make dimensions).
	BulkLevel CodeBulkAction = "level"
	// BulkFacet sets the codes' value of facet FacetID to Value ("" clears).
	BulkFacet CodeBulkAction = "facet"
	// BulkColor gives the codes Color.
	BulkColor CodeBulkAction = "color"
	// BulkMerge merges the codes into TargetID.
	BulkMerge CodeBulkAction = "merge"
	// BulkDelete deletes the codes; with Uncode it first takes them off
	// their quotes (deleting quotes left without a code).
	BulkDelete CodeBulkAction = "delete"
)

// CodeBulk is one change of several codes at once.
type CodeBulk struct {
	IDs      []string       `json:"ids"`
	Action   CodeBulkAction `json:"action"`
	ParentID string         `json:"parent_id"`
	Name     string         `json:"name"`
	Level    Level          `json:"level"`
	FacetID  string         `json:"facet_id"`
	Value    string         `json:"value"`
	Color    string         `json:"color"`
	TargetID string         `json:"target_id"`
	Uncode   bool           `json:"uncode"`
}

// Validate checks that the change lists codes and has what its action
// needs; it drops repeated IDs and a merge target listed among the codes.
func (b *CodeBulk) Validate() error {
	ids := make([]string, 0, len(b.IDs))
	for _, id := range b.IDs {
		if id != "" && !slices.Contains(ids, id) && !(b.Action == BulkMerge && id == b.TargetID) {
			ids = append(ids, id)
		}
	}
	b.IDs = ids
	if len(b.IDs) == 0 {
		return Errorf(EINVALID, "ids must list at least one code")
	}
	switch b.Action {
	case BulkMove, BulkDelete:
	case BulkGroup:
		b.Name = strings.TrimSpace(b.Name)
		if b.Name == "" {
			return Errorf(EINVALID, "the new code needs a name")
		}
		if !b.Level.Valid() {
			return Errorf(EINVALID, "level %q is not concept, theme or dimension", b.Level)
		}
	case BulkLevel:
		if !b.Level.Valid() {
			return Errorf(EINVALID, "level %q is not concept, theme or dimension", b.Level)
		}
	case BulkFacet:
		if b.FacetID == "" {
			return Errorf(EINVALID, "facet_id names the facet to set")
		}
	case BulkColor:
		if !colorRe.MatchString(b.Color) {
			return Errorf(EINVALID, "code colour %q is not of the form #rrggbb", b.Color)
		}
		b.Color = strings.ToLower(b.Color)
	case BulkMerge:
		if b.TargetID == "" {
			return Errorf(EINVALID, "target_id names the code to merge into")
		}
	default:
		return Errorf(EINVALID, "action %q is not move, group, level, facet, color, merge or delete", b.Action)
	}
	return nil
}

// CodeBulkResult reports a bulk change: the codes it changed (or, for a
// merge, the target), the code it created, the codes it removed, and what
// deleting did to quotes.
type CodeBulkResult struct {
	Updated       []*Code  `json:"updated"`
	Created       *Code    `json:"created,omitempty"`
	Deleted       []string `json:"deleted"`
	QuotesUncoded int      `json:"quotes_uncoded"`
	QuotesDeleted int      `json:"quotes_deleted"`
}

// CodeBulkStore changes several codes in one step.
type CodeBulkStore interface {
	// BulkCodes applies b to every listed code in one change (one audit
	// entry, one undo step), or to none: ENOTFOUND for an unknown code,
	// facet or target; ECONFLICT for a name taken among new siblings or a
	// code in use that is deleted without Uncode; EUNPROCESSABLE for a
	// change the level rules refuse (naming the code).
	BulkCodes(ctx context.Context, projectID string, b CodeBulk) (CodeBulkResult, error)
}
