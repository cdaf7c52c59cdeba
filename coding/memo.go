package coding

import (
	"strings"
	"time"
)

// Memo targets: what a memo is attached to.
const (
	MemoProject  = "project"
	MemoCase     = "case"
	MemoDocument = "document"
	MemoCode     = "code"
	MemoQuote    = "quote"
)

// MaxMemoLen bounds a memo's body, in bytes.
const MaxMemoLen = 1 << 20

// Memo is a researcher's Markdown note attached to the project or to one
// of its cases, documents, codes or quotes.
type Memo struct {
	ID         string `json:"id"`
	ProjectID  string `json:"project_id"`
	TargetType string `json:"target_type"`
	TargetID   string `json:"target_id"` // the project ID for project memos
	Title      string `json:"title"`
	Body       string `json:"body"` // Markdown
	// HTML is Body rendered and sanitised when the memo was saved, by the
	// renderer version HTMLVersion; the store renders it again when that
	// version is not the current one.
	HTML        string    `json:"html"`
	HTMLVersion int       `json:"html_version"`
	Author      string    `json:"author"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// UpdatedBy names who last changed the memo, when known.
	UpdatedBy string `json:"updated_by,omitempty"`
	// Version counts the entity's states: 1 when created, one more with
	// every update (undo included). Clients send it back (If-Match) so
	// that an update made from an outdated copy is refused.
	Version int `json:"version"`
}

// Validate reports whether the memo can be stored. The target's existence
// is checked by the store.
func (m *Memo) Validate() error {
	switch m.TargetType {
	case MemoProject, MemoCase, MemoDocument, MemoCode, MemoQuote:
	case "":
		m.TargetType = MemoProject
	default:
		return Errorf(EINVALID, "memo target %q is not project, case, document, code or quote", m.TargetType)
	}
	if m.TargetType == MemoProject {
		m.TargetID = m.ProjectID
	}
	if m.TargetID == "" {
		return Errorf(EINVALID, "memo target_id is required for a %s memo", m.TargetType)
	}
	m.Title = strings.TrimSpace(m.Title)
	if RuneLen(m.Title) > 500 {
		return Errorf(EINVALID, "memo title is longer than 500 characters")
	}
	if err := CheckLine("memo title", m.Title); err != nil {
		return err
	}
	if err := CleanText("memo body", &m.Body); err != nil {
		return err
	}
	if len(m.Body) > MaxMemoLen {
		return Errorf(ETOOLARGE, "memo is larger than %d bytes", MaxMemoLen)
	}
	return nil
}

// MemoUpdate holds the fields of a memo to change; nil fields stay.
type MemoUpdate struct {
	Title *string `json:"title"`
	Body  *string `json:"body"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one: the client edited an outdated copy.
	IfVersion int `json:"-"`
}

// MemoFilter selects memos; empty fields match all.
type MemoFilter struct {
	TargetType string
	TargetID   string
}
