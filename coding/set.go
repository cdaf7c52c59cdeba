package coding

import (
	"context"
	"slices"
	"strings"
	"time"
)

// MaxSetDescriptionLen bounds a set's description, in code points.
const MaxSetDescriptionLen = 10000

// Set is a named selection of documents and codes, such as "Interviews
// with founders" or "Emotions": a way to look at part of a project that
// cuts across cases and the code tree. Sets are search filters, matrix
// rows and columns, and analysis filters, and travel as REFI-QDA sets.
// A set may hold documents, codes or both; most hold one kind.
type Set struct {
	ID          string `json:"id"`
	ProjectID   string `json:"project_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// DocumentIDs and CodeIDs are the members, in the order they were
	// added. Members deleted from the project drop out when read.
	DocumentIDs []string `json:"document_ids"`
	CodeIDs     []string `json:"code_ids"`
	// Order places the set among its project's sets (ascending).
	Order     int       `json:"order"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate reports whether the set can be stored: a one-line name, a
// description of bounded length, and members given once each.
func (s *Set) Validate() error {
	s.Name = strings.TrimSpace(s.Name)
	if err := validName("set", s.Name); err != nil {
		return err
	}
	if err := CleanText("set description", &s.Description); err != nil {
		return err
	}
	if RuneLen(s.Description) > MaxSetDescriptionLen {
		return Errorf(EINVALID, "set description is longer than %d characters", MaxSetDescriptionLen)
	}
	var err error
	if s.DocumentIDs, err = setMembers("document", s.DocumentIDs); err != nil {
		return err
	}
	s.CodeIDs, err = setMembers("code", s.CodeIDs)
	return err
}

// setMembers checks a member list: no empty IDs, repeats dropped.
func setMembers(what string, ids []string) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if strings.TrimSpace(id) == "" {
			return nil, Errorf(EINVALID, "set members: a %s ID is empty", what)
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// HasDocument reports whether document id is a member.
func (s *Set) HasDocument(id string) bool { return slices.Contains(s.DocumentIDs, id) }

// HasCode reports whether code id is a member.
func (s *Set) HasCode(id string) bool { return slices.Contains(s.CodeIDs, id) }

// SetUpdate holds the changes to a set; nil and empty fields change
// nothing. DocumentIDs and CodeIDs, when set, replace the members; the
// Add and Remove lists change them one by one (adding a member twice or
// removing one that is not there changes nothing).
type SetUpdate struct {
	Name            *string   `json:"name"`
	Description     *string   `json:"description"`
	DocumentIDs     *[]string `json:"document_ids"`
	CodeIDs         *[]string `json:"code_ids"`
	AddDocuments    []string  `json:"add_documents"`
	RemoveDocuments []string  `json:"remove_documents"`
	AddCodes        []string  `json:"add_codes"`
	RemoveCodes     []string  `json:"remove_codes"`
}

// Apply copies the changes of u onto s and validates the result.
func (u SetUpdate) Apply(s *Set) error {
	if u.Name != nil {
		s.Name = *u.Name
	}
	if u.Description != nil {
		s.Description = *u.Description
	}
	if u.DocumentIDs != nil {
		s.DocumentIDs = append([]string{}, *u.DocumentIDs...)
	}
	if u.CodeIDs != nil {
		s.CodeIDs = append([]string{}, *u.CodeIDs...)
	}
	s.DocumentIDs = changeMembers(s.DocumentIDs, u.AddDocuments, u.RemoveDocuments)
	s.CodeIDs = changeMembers(s.CodeIDs, u.AddCodes, u.RemoveCodes)
	return s.Validate()
}

// NewMembers returns the members u adds to the set, documents and codes,
// for the store to check that they exist.
func (u SetUpdate) NewMembers() (docs, codes []string) {
	docs = append(docs, u.AddDocuments...)
	codes = append(codes, u.AddCodes...)
	if u.DocumentIDs != nil {
		docs = append(docs, *u.DocumentIDs...)
	}
	if u.CodeIDs != nil {
		codes = append(codes, *u.CodeIDs...)
	}
	return docs, codes
}

// changeMembers appends add (skipping members already there) and drops
// remove.
func changeMembers(ids, add, remove []string) []string {
	for _, id := range add {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(remove) == 0 {
		return ids
	}
	out := ids[:0:0]
	for _, id := range ids {
		if !slices.Contains(remove, id) {
			out = append(out, id)
		}
	}
	return out
}

// SetStore manages sets.
type SetStore interface {
	// CreateSet stores s as the project's last set. ECONFLICT when the
	// name is taken, EUNPROCESSABLE when a member is not in the project.
	CreateSet(ctx context.Context, s *Set) error
	// FindSet returns the set; ENOTFOUND when there is none.
	FindSet(ctx context.Context, projectID, id string) (*Set, error)
	// ListSets returns the project's sets in order.
	ListSets(ctx context.Context, projectID string) ([]*Set, error)
	// UpdateSet renames, describes or changes the members of the set, with
	// the errors of CreateSet.
	UpdateSet(ctx context.Context, projectID, id string, u SetUpdate) (*Set, error)
	// DeleteSet removes the set; its documents and codes stay.
	DeleteSet(ctx context.Context, projectID, id string) error
}

// SetByName returns the set named name (case-insensitive) among sets, or
// nil.
func SetByName(sets []*Set, name string) *Set {
	for _, s := range sets {
		if strings.EqualFold(s.Name, strings.TrimSpace(name)) {
			return s
		}
	}
	return nil
}
