package coding

import (
	"strings"
	"time"
)

// MaxNameLen bounds the length (in code points) of names of projects,
// cases, codes and facets.
const MaxNameLen = 200

// Project is one study. A data directory holds many projects; everything
// else belongs to exactly one.
type Project struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Language is the ISO 639-1 code of the transcripts' main language; it
	// picks the search analyzer. Empty means English.
	Language string `json:"language"`
	// People names the people the project knows besides those whose work
	// it holds: the users an imported REFI-QDA project listed, kept even
	// when they coded nothing, and written back as users on export. They
	// have no account or access through this list.
	People    []string  `json:"people,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Version counts the entity's states: 1 when created, one more with
	// every update (undo included). Clients send it back (If-Match) so
	// that an update made from an outdated copy is refused.
	Version int `json:"version"`
}

// Validate reports whether the project can be stored.
func (p *Project) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	if err := validName("project", p.Name); err != nil {
		return err
	}
	if err := CleanText("project description", &p.Description); err != nil {
		return err
	}
	lang, err := NormalizeLanguage(p.Language)
	if err != nil {
		return err
	}
	p.Language = lang
	for _, name := range p.People {
		if err := validName("person", name); err != nil {
			return err
		}
	}
	return nil
}

// ProjectUpdate holds the fields of a project to change; nil fields stay.
type ProjectUpdate struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
	Language    *string `json:"language"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one: the client edited an outdated copy.
	IfVersion int `json:"-"`
}

// Apply copies the set fields of u onto p and validates the result.
func (u ProjectUpdate) Apply(p *Project) error {
	if u.Name != nil {
		p.Name = *u.Name
	}
	if u.Description != nil {
		p.Description = *u.Description
	}
	if u.Language != nil {
		p.Language = *u.Language
	}
	return p.Validate()
}

// validName checks a user-given name: present, not too long, one line.
func validName(what, name string) error {
	switch {
	case name == "":
		return Errorf(EINVALID, "%s name is required", what)
	case RuneLen(name) > MaxNameLen:
		return Errorf(EINVALID, "%s name is longer than %d characters", what, MaxNameLen)
	}
	return CheckLine(what+" name", name)
}
