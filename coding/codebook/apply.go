package codebook

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"tessera/coding"
)

// Report tells what Apply did with each entry.
type Report struct {
	Created []Outcome `json:"created"`
	Matched []Outcome `json:"matched"`
	Skipped []Outcome `json:"skipped"`
	// FacetsCreated names the facets the codebook added to the project;
	// FacetValuesAdded the values added to facets, as "Facet: value".
	FacetsCreated    []string `json:"facets_created"`
	FacetValuesAdded []string `json:"facet_values_added"`
	// Warnings lists what was ignored: unknown columns, bad colours,
	// facet values that could not be set.
	Warnings []string `json:"warnings"`
}

// Outcome is the fate of one codebook entry.
type Outcome struct {
	Line   int          `json:"line"`
	Name   string       `json:"name"`
	Level  coding.Level `json:"level"`
	CodeID string       `json:"code_id,omitempty"`
	// Changes names what was set on a matched code: "definition",
	// "inclusion", "exclusion", "color", "parent", "facet NAME".
	Changes []string `json:"changes,omitempty"`
	// Reason explains a skipped entry, or a created code left ungrouped.
	Reason string `json:"reason,omitempty"`
}

// Apply adds a codebook to a project. Entries are taken
// dimensions first, then themes, then concepts, each in file order. An
// entry matches an existing code of the same name and level (ignoring
// case, preferring one under the same parent): its non-empty definition,
// notes and colour replace the code's, and its parent moves it. Otherwise
// a code is created. Facet values are set on the code, creating missing
// facets and values. Entries with no name, an unknown level or a name
// that clashes are skipped with a reason. It returns ENOTFOUND for a
// missing project and passes on storage failures; a partial import stays.
func Apply(ctx context.Context, st coding.Store, projectID string, cb *Codebook) (*Report, error) {
	if cb == nil {
		return nil, coding.Errorf(coding.EINVALID, "no codebook given")
	}
	a := &applier{ctx: ctx, st: st, pid: projectID, rep: &Report{
		Created: []Outcome{}, Matched: []Outcome{}, Skipped: []Outcome{},
		FacetsCreated: []string{}, FacetValuesAdded: []string{}, Warnings: []string{},
	}}
	var err error
	if a.codes, err = st.ListCodes(ctx, projectID); err != nil {
		return nil, err
	}
	if a.facets, err = st.ListFacets(ctx, projectID); err != nil {
		return nil, err
	}
	a.rep.Warnings = append(a.rep.Warnings, cb.Warnings...)
	for _, col := range cb.Ignored {
		a.warn("column %q was not understood and was ignored", col)
	}
	entries := slices.Clone(cb.Entries)
	slices.SortStableFunc(entries, func(x, y Entry) int { return cmp.Compare(y.Level.Rank(), x.Level.Rank()) })
	for _, e := range entries {
		if err := a.apply(e); err != nil {
			return a.rep, err
		}
	}
	// Report in file order, whatever the order of work.
	for _, list := range [][]Outcome{a.rep.Created, a.rep.Matched, a.rep.Skipped} {
		slices.SortStableFunc(list, func(x, y Outcome) int { return cmp.Compare(x.Line, y.Line) })
	}
	return a.rep, nil
}

// applier carries the project's codebook as the import changes it.
type applier struct {
	ctx    context.Context
	st     coding.Store
	pid    string
	codes  []*coding.Code
	facets []*coding.Facet
	rep    *Report
}

func (a *applier) warn(format string, args ...any) {
	a.rep.Warnings = append(a.rep.Warnings, fmt.Sprintf(format, args...))
}

// apply creates or updates the code of one entry. Only failures of the
// store itself are returned; rule violations skip the entry.
func (a *applier) apply(e Entry) error {
	out := Outcome{Line: e.Line, Name: strings.TrimSpace(e.Name), Level: e.Level}
	skip := func(format string, args ...any) error {
		out.Reason = fmt.Sprintf(format, args...)
		a.rep.Skipped = append(a.rep.Skipped, out)
		return nil
	}
	switch {
	case out.Name == "":
		return skip("the name is empty")
	case !e.Level.Valid():
		return skip("level %q is not concept, theme or dimension", e.Level)
	}
	color := strings.ToLower(expandColor(e.Color))
	if color != "" && !validColor(color) {
		a.warn("line %d: colour %q of %q ignored (want #rrggbb)", e.Line, e.Color, out.Name)
		color = ""
	}

	// Resolve the parent: a code one level up, or one of the code's own
	// level (a sub-concept under a concept); a missing one leaves the code
	// ungrouped.
	var parent *coding.Code
	if len(e.Parent) > 0 {
		if up := e.Level.ParentLevel(); up != "" {
			parent = a.findCode(e.Parent, up, nil)
		}
		if parent == nil {
			parent = a.findCode(e.Parent, e.Level, nil)
		}
		switch {
		case parent != nil:
		case e.Level == coding.LevelDimension:
			a.warn("line %d: aggregate dimension %q can only sit under another dimension; %q ignored", e.Line, out.Name, e.ParentPath())
		default:
			out.Reason = fmt.Sprintf("parent %s %q not found: left ungrouped", coding.LevelLabel(e.Level.ParentLevel()), e.ParentPath())
		}
	}

	code := a.findCode(append(slices.Clone(e.Parent), out.Name), e.Level, parent)
	matched := code != nil
	var err error
	if !matched {
		code, err = a.create(e, out.Name, color, parent)
	} else {
		out.Changes, err = a.update(code, e, color, parent)
		if out.Reason != "" {
			out.Reason = strings.Replace(out.Reason, "left ungrouped", "parent unchanged", 1)
		}
	}
	if err != nil {
		if coding.ErrorCode(err) == coding.EINTERNAL {
			return err
		}
		return skip("%s", coding.ErrorMessage(err))
	}
	out.CodeID = code.ID
	for _, fv := range e.Facets {
		changed, err := a.setFacet(code, fv)
		if coding.ErrorCode(err) == coding.EINTERNAL {
			return err
		} else if err != nil {
			a.warn("line %d: %s %q of %q not set: %s", e.Line, fv.Facet, fv.Value, out.Name, coding.ErrorMessage(err))
		} else if changed && matched {
			out.Changes = append(out.Changes, "facet "+fv.Facet)
		}
	}
	if matched {
		a.rep.Matched = append(a.rep.Matched, out)
	} else {
		a.rep.Created = append(a.rep.Created, out)
	}
	return nil
}

func (a *applier) create(e Entry, name, color string, parent *coding.Code) (*coding.Code, error) {
	c := &coding.Code{
		ProjectID: a.pid, Level: e.Level, Name: name, Color: color,
		Definition: e.Definition, Inclusion: e.Inclusion, Exclusion: e.Exclusion,
	}
	if parent != nil {
		c.ParentID = parent.ID
	}
	if err := a.st.CreateCode(a.ctx, c); err != nil {
		return nil, err
	}
	a.codes = append(a.codes, c)
	return c, nil
}

// update sets the entry's non-empty fields on a matched code and returns
// the names of the fields it changed.
func (a *applier) update(c *coding.Code, e Entry, color string, parent *coding.Code) ([]string, error) {
	var changes []string
	var u coding.CodeUpdate
	set := func(field string, dst **string, val, old string) {
		if val = strings.TrimSpace(val); val != "" && val != old {
			*dst = &val
			changes = append(changes, field)
		}
	}
	set("definition", &u.Definition, e.Definition, c.Definition)
	set("inclusion", &u.Inclusion, e.Inclusion, c.Inclusion)
	set("exclusion", &u.Exclusion, e.Exclusion, c.Exclusion)
	set("color", &u.Color, color, c.Color)
	if parent != nil && parent.ID != c.ParentID {
		u.ParentID = &parent.ID
		changes = append(changes, "parent")
	}
	if len(changes) == 0 {
		return nil, nil
	}
	updated, err := a.st.UpdateCode(a.ctx, a.pid, c.ID, u)
	if err != nil {
		return nil, err
	}
	*c = *updated
	return changes, nil
}

// findCode returns the code of the level named by the last element of
// path (ignoring case). Among several, it prefers one under parent, then
// one whose parent is named by the element before, then the first.
func (a *applier) findCode(path []string, level coding.Level, parent *coding.Code) *coding.Code {
	name := path[len(path)-1]
	var found []*coding.Code
	for _, c := range a.codes {
		if c.Level == level && strings.EqualFold(c.Name, name) {
			found = append(found, c)
		}
	}
	for _, c := range found {
		if parent != nil && c.ParentID == parent.ID {
			return c
		}
	}
	if len(path) > 1 {
		for _, c := range found {
			if p := a.byID(c.ParentID); p != nil && strings.EqualFold(p.Name, path[len(path)-2]) {
				return c
			}
		}
	}
	if len(found) > 0 {
		return found[0]
	}
	return nil
}

func (a *applier) byID(id string) *coding.Code {
	for _, c := range a.codes {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func validColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	return strings.Trim(s[1:], "0123456789abcdef") == ""
}
