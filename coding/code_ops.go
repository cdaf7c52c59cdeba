package coding

import (
	"context"
	"slices"
	"strings"
)

// Codebook operations researchers use between coding rounds: merge, split,
// rename and move (CodeUpdate), retire and bring back. Each is one change
// in the audit trail, so each can be undone.

// CombineDefinitions joins the definition of a code merged into target
// with target's own: target's first, the merged one after a blank line,
// each kept once.
func CombineDefinitions(target, merged string) string {
	target, merged = strings.TrimSpace(target), strings.TrimSpace(merged)
	switch {
	case merged == "" || merged == target:
		return target
	case target == "":
		return merged
	}
	return target + "\n\n" + merged
}

// AddAlias adds name to the aliases of c unless it is c's name or already
// one of them (case-insensitive). An alias that has become c's name again
// is dropped.
func (c *Code) AddAlias(name string) {
	c.Aliases = slices.DeleteFunc(c.Aliases, func(a string) bool { return strings.EqualFold(a, c.Name) })
	if name == "" || strings.EqualFold(name, c.Name) {
		return
	}
	for _, a := range c.Aliases {
		if strings.EqualFold(a, name) {
			return
		}
	}
	c.Aliases = append(c.Aliases, name)
}

// CheckNotRetired refuses codeIDs that name a retired code, unless the
// quote had that code already (before): retired codes are hidden from
// coding, but quotes keep them.
func CheckNotRetired(codeIDs, before []string, codes map[string]*Code) error {
	had := map[string]bool{}
	for _, id := range before {
		had[id] = true
	}
	for _, id := range codeIDs {
		if c := codes[id]; c != nil && c.Retired && !had[id] {
			return Errorf(EUNPROCESSABLE, "code %q is retired: bring it back before coding with it", c.Name)
		}
	}
	return nil
}

// CodeSplit says how to split a code: a new code named Name (with an
// optional definition) takes the quotes QuoteIDs, which the code being
// split codes now.
type CodeSplit struct {
	Name       string   `json:"name"`
	Definition string   `json:"definition"`
	QuoteIDs   []string `json:"quote_ids"`
}

// Validate checks that the split names the new code and at least one quote.
func (s *CodeSplit) Validate() error {
	s.Name = strings.TrimSpace(s.Name)
	if s.Name == "" {
		return Errorf(EINVALID, "the new code needs a name")
	}
	s.QuoteIDs = slices.Compact(slices.Sorted(slices.Values(s.QuoteIDs)))
	if len(s.QuoteIDs) == 0 {
		return Errorf(EINVALID, "quote_ids must list at least one quote to move to the new code")
	}
	return nil
}

// CodeOpsStore holds the codebook operations beyond CodeStore's.
type CodeOpsStore interface {
	// SplitCode creates a code beside id (same level and parent) named by
	// split and moves the listed quotes from id to it. EUNPROCESSABLE
	// when a listed quote is not coded with id; ECONFLICT for a name taken
	// among the siblings. Returns the new code.
	SplitCode(ctx context.Context, projectID, id string, split CodeSplit) (*Code, error)
	// RetireCode retires the code (retired true) or brings it back: a
	// retired code cannot be given to more quotes but stays in the
	// codebook and on its quotes.
	RetireCode(ctx context.Context, projectID, id string, retired bool) (*Code, error)
}
