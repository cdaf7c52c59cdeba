package coding

import (
	"regexp"
	"sort"
	"strings"
	"time"
)

// Level is a code's place in the Gioia data structure.
type Level string

// Gioia levels, from the informants' words up to theory.
const (
	LevelConcept   Level = "concept"   // first-order concept
	LevelTheme     Level = "theme"     // second-order theme
	LevelDimension Level = "dimension" // aggregate dimension
)

// Valid reports whether l is one of the three levels.
func (l Level) Valid() bool {
	return l == LevelConcept || l == LevelTheme || l == LevelDimension
}

// ParentLevel returns the level a code of level l may sit under, or ""
// for dimensions, which are roots.
func (l Level) ParentLevel() Level {
	switch l {
	case LevelConcept:
		return LevelTheme
	case LevelTheme:
		return LevelDimension
	}
	return ""
}

// Rank orders levels: concept 0, theme 1, dimension 2.
func (l Level) Rank() int {
	switch l {
	case LevelTheme:
		return 1
	case LevelDimension:
		return 2
	}
	return 0
}

// Code is a first-order concept, a second-order theme or an aggregate
// dimension of a project's codebook.
type Code struct {
	ID        string `json:"id"`
	ProjectID string `json:"project_id"`
	Level     Level  `json:"level"`
	// ParentID is the theme of a concept or the dimension of a theme; empty
	// for dimensions and for codes not yet grouped.
	ParentID   string `json:"parent_id"`
	Name       string `json:"name"`
	Definition string `json:"definition"` // Markdown
	Inclusion  string `json:"inclusion"`  // Markdown: when to apply the code
	Exclusion  string `json:"exclusion"`  // Markdown: when not to
	Color      string `json:"color"`      // #rrggbb
	// Order places the code among its siblings (ascending).
	Order int `json:"order"`
	// Facets maps facet IDs to the value set on this code itself; see
	// EffectiveFacets for inherited values.
	Facets    map[string]string `json:"facets"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
	// Version counts the entity's states: 1 when created, one more with
	// every update (undo included). Clients send it back (If-Match) so
	// that an update made from an outdated copy is refused.
	Version int `json:"version"`
}

var colorRe = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// DefaultColor is given to codes created without a colour.
const DefaultColor = "#f2c94c"

// Validate checks the code's own fields. Parent and sibling rules need the
// rest of the codebook: see CheckParent and CheckSiblingName.
func (c *Code) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	if err := validName("code", c.Name); err != nil {
		return err
	}
	for what, text := range map[string]*string{"definition": &c.Definition, "inclusion": &c.Inclusion, "exclusion": &c.Exclusion} {
		if err := CleanText("code "+what, text); err != nil {
			return err
		}
	}
	if c.Level == "" {
		c.Level = LevelConcept
	}
	if !c.Level.Valid() {
		return Errorf(EINVALID, "code level %q is not concept, theme or dimension", c.Level)
	}
	if c.Color == "" {
		c.Color = DefaultColor
	}
	if !colorRe.MatchString(c.Color) {
		return Errorf(EINVALID, "code colour %q is not of the form #rrggbb", c.Color)
	}
	c.Color = strings.ToLower(c.Color)
	if c.Facets == nil {
		c.Facets = map[string]string{}
	}
	return nil
}

// CheckParent reports whether child may sit under parent (nil for none):
// concepts under themes, themes under dimensions, and any code under a
// code of its own level (a sub-concept under a concept, a sub-theme under
// a theme, a sub-dimension under a dimension). The level is a property of
// the code, not of its depth. Cycles need the whole codebook: see
// CheckCycle.
func CheckParent(child *Code, parent *Code) error {
	if parent == nil {
		return nil
	}
	if parent.ID == child.ID {
		return Errorf(EUNPROCESSABLE, "code %q cannot be its own parent", child.Name)
	}
	if parent.ProjectID != child.ProjectID {
		return Errorf(EUNPROCESSABLE, "parent code belongs to another project")
	}
	if want := child.Level.ParentLevel(); want != parent.Level && child.Level != parent.Level {
		if want == "" {
			return Errorf(EUNPROCESSABLE, "aggregate dimension %q can only sit under another aggregate dimension, and %q is %s",
				child.Name, parent.Name, withArticle(LevelLabel(parent.Level)))
		}
		return Errorf(EUNPROCESSABLE, "a %s can only be grouped under a %s or another %s, and %q is %s",
			LevelLabel(child.Level), LevelLabel(want), LevelLabel(child.Level), parent.Name, withArticle(LevelLabel(parent.Level)))
	}
	return nil
}

// CheckCycle reports whether putting child under parentID would make the
// code its own ancestor; codes are the project's codebook.
func CheckCycle(child *Code, parentID string, codes []*Code) error {
	byID := make(map[string]*Code, len(codes))
	for _, c := range codes {
		byID[c.ID] = c
	}
	for id, steps := parentID, 0; id != "" && steps <= len(codes); steps++ {
		if id == child.ID {
			return Errorf(EUNPROCESSABLE, "code %q cannot move under %q: that code lies below it", child.Name, byID[parentID].Name)
		}
		p := byID[id]
		if p == nil {
			break
		}
		id = p.ParentID
	}
	return nil
}

// CheckSiblingName reports a conflict when another code among codes has
// the same parent and the same name (case-insensitive) as c. Codes of
// different levels never clash, except at the root, where all ungrouped
// codes are siblings.
func CheckSiblingName(c *Code, codes []*Code) error {
	for _, o := range codes {
		if o.ID == c.ID || o.ParentID != c.ParentID || !strings.EqualFold(o.Name, c.Name) {
			continue
		}
		where := "at the top level"
		if c.ParentID != "" {
			where = "under the same parent"
		}
		return Errorf(ECONFLICT, "a code named %q already exists %s", o.Name, where)
	}
	return nil
}

// LevelLabel returns the name researchers use for a level.
func LevelLabel(l Level) string {
	switch l {
	case LevelConcept:
		return "first-order concept"
	case LevelTheme:
		return "second-order theme"
	case LevelDimension:
		return "aggregate dimension"
	}
	return string(l)
}

// withArticle puts "a" or "an" before a level label.
func withArticle(label string) string {
	if strings.HasPrefix(label, "a") {
		return "an " + label
	}
	return "a " + label
}

// CheckMerge reports whether source may be merged into target: both in one
// project, distinct, of the same level.
func CheckMerge(source, target *Code) error {
	switch {
	case source.ID == target.ID:
		return Errorf(EUNPROCESSABLE, "cannot merge code %q into itself", source.Name)
	case source.ProjectID != target.ProjectID:
		return Errorf(EUNPROCESSABLE, "cannot merge codes of different projects")
	case source.Level != target.Level:
		return Errorf(EUNPROCESSABLE, "cannot merge %s %q into %s %q: levels differ",
			LevelLabel(source.Level), source.Name, LevelLabel(target.Level), target.Name)
	}
	return nil
}

// CodeUpdate holds the fields of a code to change; nil fields stay.
// ParentID set to "" ungroups the code; Level changes are allowed while
// they keep the parent and children rules.
type CodeUpdate struct {
	Name       *string `json:"name"`
	Level      *Level  `json:"level"`
	ParentID   *string `json:"parent_id"`
	Definition *string `json:"definition"`
	Inclusion  *string `json:"inclusion"`
	Exclusion  *string `json:"exclusion"`
	Color      *string `json:"color"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one: the client edited an outdated copy.
	IfVersion int `json:"-"`
}

// Apply copies the set fields of u onto c and validates c's own fields.
func (u CodeUpdate) Apply(c *Code) error {
	if u.Name != nil {
		c.Name = *u.Name
	}
	if u.Level != nil {
		c.Level = *u.Level
		if c.Level == "" {
			return Errorf(EINVALID, "code level cannot be empty")
		}
	}
	if u.ParentID != nil {
		c.ParentID = *u.ParentID
	}
	if u.Definition != nil {
		c.Definition = *u.Definition
	}
	if u.Inclusion != nil {
		c.Inclusion = *u.Inclusion
	}
	if u.Exclusion != nil {
		c.Exclusion = *u.Exclusion
	}
	if u.Color != nil {
		c.Color = *u.Color
		if c.Color == "" {
			return Errorf(EINVALID, "code colour cannot be empty")
		}
	}
	return c.Validate()
}

// CodeTree indexes a project's codes for walking the data structure.
type CodeTree struct {
	ByID     map[string]*Code
	Children map[string][]*Code // parent ID ("" for roots) -> children by Order
}

// NewCodeTree indexes codes, sorting siblings by Order then name.
func NewCodeTree(codes []*Code) *CodeTree {
	t := &CodeTree{ByID: map[string]*Code{}, Children: map[string][]*Code{}}
	for _, c := range codes {
		t.ByID[c.ID] = c
	}
	for _, c := range codes {
		parent := c.ParentID
		if _, ok := t.ByID[parent]; !ok {
			parent = ""
		}
		t.Children[parent] = append(t.Children[parent], c)
	}
	for _, kids := range t.Children {
		SortCodes(kids)
	}
	return t
}

// Ancestor returns the ancestor of c at level l (c itself when it is of
// that level and not under a code of the same level), or nil. Sub-codes
// roll up: the ancestor of a sub-concept at level concept is the concept
// it sits under, the outermost of a run of codes of one level.
func (t *CodeTree) Ancestor(c *Code, l Level) *Code {
	var found *Code
	for steps := 0; c != nil && steps <= len(t.ByID); steps++ {
		switch {
		case c.Level == l:
			found = c
		case found != nil:
			return found
		}
		c = t.ByID[c.ParentID]
	}
	return found
}

// IsSubCode reports whether c sits under a code of its own level.
func (t *CodeTree) IsSubCode(c *Code) bool {
	p := t.ByID[c.ParentID]
	return p != nil && p.Level == c.Level
}

// Path returns the names from the root down to c.
func (t *CodeTree) Path(c *Code) []string {
	var path []string
	for c != nil {
		path = append([]string{c.Name}, path...)
		c = t.ByID[c.ParentID]
	}
	return path
}

// Walk visits codes depth first in display order: roots sorted by level
// (dimensions, then ungrouped themes, then ungrouped concepts) and order.
func (t *CodeTree) Walk(fn func(c *Code, depth int)) {
	var visit func(c *Code, depth int)
	visit = func(c *Code, depth int) {
		fn(c, depth)
		for _, k := range t.Children[c.ID] {
			visit(k, depth+1)
		}
	}
	roots := append([]*Code(nil), t.Children[""]...)
	sortByLevelDesc(roots)
	for _, r := range roots {
		visit(r, 0)
	}
}

// Descendants returns the IDs of c and every code below it.
func (t *CodeTree) Descendants(id string) []string {
	out := []string{id}
	for _, k := range t.Children[id] {
		out = append(out, t.Descendants(k.ID)...)
	}
	return out
}

// SortCodes sorts siblings by Order, then name, then ID, so listings are
// deterministic.
func SortCodes(codes []*Code) {
	sort.SliceStable(codes, func(i, j int) bool {
		a, b := codes[i], codes[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
}

func sortByLevelDesc(codes []*Code) {
	sort.SliceStable(codes, func(i, j int) bool {
		return codes[i].Level.Rank() > codes[j].Level.Rank()
	})
}

// CodeTiers says which depths of a code tree (1 for the top level) are
// the aggregate dimensions and the second-order themes: codes at depth
// Dimensions and above become dimensions, codes down to depth Themes
// themes, and everything below concepts and sub-concepts. Dimensions 0
// means none. Used to fit an imported tree of any depth to the Gioia
// levels in one step.
type CodeTiers struct {
	Dimensions int `json:"dimensions"`
	Themes     int `json:"themes"`
}

// Validate checks that the tiers are in order: 0 <= Dimensions < Themes.
func (t CodeTiers) Validate() error {
	if t.Dimensions < 0 || t.Themes <= t.Dimensions {
		return Errorf(EINVALID, "tiers: the themes' depth (%d) must be below the dimensions' (%d), counting the top level as 1", t.Themes, t.Dimensions)
	}
	return nil
}

// LevelAt returns the level of a code at depth (1 for the top level).
func (t CodeTiers) LevelAt(depth int) Level {
	switch {
	case depth <= t.Dimensions:
		return LevelDimension
	case depth <= t.Themes:
		return LevelTheme
	}
	return LevelConcept
}
