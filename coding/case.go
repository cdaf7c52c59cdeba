package coding

import (
	"strings"
	"time"
)

// Case groups the documents of one unit of analysis, usually a firm, and
// carries its attributes (sector, employees, founded, markets...).
type Case struct {
	ID         string      `json:"id"`
	ProjectID  string      `json:"project_id"`
	Name       string      `json:"name"`
	Attributes []Attribute `json:"attributes"`
	// Order places the case among its project's cases (ascending).
	Order     int       `json:"order"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Version counts the entity's states: 1 when created, one more with
	// every update (undo included). Clients send it back (If-Match) so
	// that an update made from an outdated copy is refused.
	Version int `json:"version"`
}

// Validate reports whether the case can be stored.
func (c *Case) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	if err := validName("case", c.Name); err != nil {
		return err
	}
	if c.Attributes == nil {
		c.Attributes = []Attribute{}
	}
	return validateAttributes(c.Attributes)
}

// Attribute returns the case's attribute with the given name
// (case-insensitive), or nil.
func (c *Case) Attribute(name string) *Attribute { return findAttribute(c.Attributes, name) }

// SetAttribute adds a or replaces the attribute of the same name.
func (c *Case) SetAttribute(a Attribute) { c.Attributes = setAttribute(c.Attributes, a) }

// CaseUpdate holds the fields of a case to change; nil fields stay.
// Attributes, when set, are merged by name: an attribute with a null value
// is removed, others are added or replaced.
type CaseUpdate struct {
	Name       *string     `json:"name"`
	Attributes []Attribute `json:"attributes"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one: the client edited an outdated copy.
	IfVersion int `json:"-"`
}

// Apply copies the set fields of u onto c and validates the result.
func (u CaseUpdate) Apply(c *Case) error {
	if u.Name != nil {
		c.Name = *u.Name
	}
	c.Attributes = mergeAttributes(c.Attributes, u.Attributes)
	return c.Validate()
}
