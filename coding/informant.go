package coding

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Informant is a person interviewed in a project (or, flagged as
// Interviewer, a person who interviewed). Documents link their speakers
// to informants (Speaker.InformantID), so one informant can speak in
// several documents, and quotes are attributed to informants rather than
// to speaker names.
type Informant struct {
	ID        string `json:"id"`
	ProjectID string `json:"project_id"`
	// Label identifies the informant in papers, such as "I-07"; unique in
	// the project (ignoring case). The store suggests the next one when
	// it is empty (see NextInformantLabel).
	Label string `json:"label"`
	// Pseudonym is the name exports may print instead of the real one.
	Pseudonym string `json:"pseudonym"`
	// Role is the informant's position, such as "CEO".
	Role string `json:"role"`
	// CaseID is the case the informant belongs to; empty for none.
	CaseID string `json:"case_id"`
	// Interviewer marks a person who asked the questions.
	Interviewer bool `json:"interviewer"`
	// Attributes are typed values such as gender, tenure, interview date,
	// duration, round, language, interviewer, like case attributes.
	Attributes []Attribute `json:"attributes"`
	CreatedAt  time.Time   `json:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at"`
	// Version counts the entity's states: 1 when created, one more with
	// every update (undo included). Clients send it back (If-Match) so
	// that an update made from an outdated copy is refused.
	Version int `json:"version"`
}

// Informant attribute names that tables and the informant table read.
const (
	InformantAttrDate     = "interview date"
	InformantAttrDuration = "duration"
	InformantAttrRound    = "round"
)

// Validate reports whether the informant can be stored.
func (i *Informant) Validate() error {
	i.Label = strings.TrimSpace(i.Label)
	if i.Label == "" {
		return Errorf(EINVALID, "informant ID is required (such as I-07)")
	}
	if RuneLen(i.Label) > 40 {
		return Errorf(EINVALID, "informant ID %q is longer than 40 characters", i.Label)
	}
	i.Pseudonym, i.Role = strings.TrimSpace(i.Pseudonym), strings.TrimSpace(i.Role)
	for what, v := range map[string]string{"informant ID": i.Label, "informant pseudonym": i.Pseudonym, "informant role": i.Role} {
		if RuneLen(v) > MaxNameLen {
			return Errorf(EINVALID, "%s is longer than %d characters", what, MaxNameLen)
		}
		if err := CheckLine(what, v); err != nil {
			return err
		}
	}
	if i.Attributes == nil {
		i.Attributes = []Attribute{}
	}
	return validateAttributes(i.Attributes)
}

// Attribute returns the informant's attribute with the given name
// (case-insensitive), or nil.
func (i *Informant) Attribute(name string) *Attribute { return findAttribute(i.Attributes, name) }

// Name returns how tables name the informant: the label with the
// pseudonym, "I-07 (Anna)", or the label alone.
func (i *Informant) Name() string {
	if i.Pseudonym == "" {
		return i.Label
	}
	return i.Label + " (" + i.Pseudonym + ")"
}

// InformantUpdate holds the fields of an informant to change; nil fields
// stay. Attributes merge by name as in CaseUpdate.
type InformantUpdate struct {
	Label       *string     `json:"label"`
	Pseudonym   *string     `json:"pseudonym"`
	Role        *string     `json:"role"`
	CaseID      *string     `json:"case_id"`
	Interviewer *bool       `json:"interviewer"`
	Attributes  []Attribute `json:"attributes"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one.
	IfVersion int `json:"-"`
}

// Apply copies the set fields of u onto i and validates the result. The
// case reference and the label's uniqueness are checked by the store.
func (u InformantUpdate) Apply(i *Informant) error {
	for _, f := range []struct {
		from *string
		to   *string
	}{{u.Label, &i.Label}, {u.Pseudonym, &i.Pseudonym}, {u.Role, &i.Role}, {u.CaseID, &i.CaseID}} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	if u.Interviewer != nil {
		i.Interviewer = *u.Interviewer
	}
	i.Attributes = mergeAttributes(i.Attributes, u.Attributes)
	return i.Validate()
}

// NextInformantLabel suggests the label of a new informant: "I-" (or
// "INT-" for an interviewer) and one more than the highest number such
// labels of informants carry, two digits at least: "I-01", "I-02"...
func NextInformantLabel(informants []*Informant, interviewer bool) string {
	prefix := "I-"
	if interviewer {
		prefix = "INT-"
	}
	n := 0
	for _, i := range informants {
		rest, ok := strings.CutPrefix(strings.ToUpper(i.Label), prefix)
		if !ok {
			continue
		}
		if k, err := strconv.Atoi(rest); err == nil && k > n {
			n = k
		}
	}
	return fmt.Sprintf("%s%02d", prefix, n+1)
}

// SpeakerLink links the speaker of a document to an informant; an empty
// InformantID unlinks it.
type SpeakerLink struct {
	DocumentID  string `json:"document_id"`
	Speaker     string `json:"speaker"`
	InformantID string `json:"informant_id"`
}

// LinkSpeakersResult reports what linking speakers by name did.
type LinkSpeakersResult struct {
	// Created lists the informants made for speakers no informant had.
	Created []*Informant `json:"created"`
	// Linked counts the speakers linked.
	Linked int `json:"linked"`
}

// InformantStore manages informants and the links of documents'
// speakers to them.
type InformantStore interface {
	// CreateInformant stores i, giving it the next label when it has
	// none. ECONFLICT when the label is taken, ENOTFOUND for an unknown case.
	CreateInformant(ctx context.Context, i *Informant) error
	FindInformant(ctx context.Context, projectID, id string) (*Informant, error)
	// ListInformants returns the project's informants sorted by label.
	ListInformants(ctx context.Context, projectID string) ([]*Informant, error)
	UpdateInformant(ctx context.Context, projectID, id string, u InformantUpdate) (*Informant, error)
	// DeleteInformant removes the informant and unlinks its speakers.
	DeleteInformant(ctx context.Context, projectID, id string) error
	// MergeInformants links the speakers of source to target, fills
	// target's empty fields and missing attributes from source, deletes
	// source, and returns target.
	MergeInformants(ctx context.Context, projectID, sourceID, targetID string) (*Informant, error)
	// LinkSpeaker links (or unlinks) one speaker of a document and
	// returns the document without its text. ENOTFOUND for an unknown
	// document, speaker or informant.
	LinkSpeaker(ctx context.Context, projectID string, l SpeakerLink) (*Document, error)
	// LinkSpeakers links every unlinked speaker of the project's
	// documents by name (see PlanSpeakerLinks), in one change.
	LinkSpeakers(ctx context.Context, projectID string) (*LinkSpeakersResult, error)
}

// SortInformants sorts informants by label, numbers in labels by value
// ("I-2" before "I-10"), interviewers after informants.
func SortInformants(list []*Informant) {
	sort.SliceStable(list, func(a, b int) bool {
		x, y := list[a], list[b]
		if x.Interviewer != y.Interviewer {
			return !x.Interviewer
		}
		return labelLess(x.Label, y.Label)
	})
}

// labelLess compares labels by their text before a trailing number,
// then by the number.
func labelLess(a, b string) bool {
	split := func(s string) (string, int, bool) {
		s = strings.ToUpper(s)
		i := len(s)
		for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			i--
		}
		n, err := strconv.Atoi(s[i:])
		return s[:i], n, err == nil
	}
	pa, na, oka := split(a)
	pb, nb, okb := split(b)
	if pa != pb || !oka || !okb || na == nb {
		return strings.ToUpper(a) < strings.ToUpper(b)
	}
	return na < nb
}

// Absorb completes i with what other knows, for merging other into i:
// empty pseudonym, role and case are taken from other, and attributes
// i does not have. The interviewer flag stays i's.
func (i *Informant) Absorb(other *Informant) {
	for _, f := range []struct{ to, from *string }{{&i.Pseudonym, &other.Pseudonym}, {&i.Role, &other.Role}, {&i.CaseID, &other.CaseID}} {
		if *f.to == "" {
			*f.to = *f.from
		}
	}
	for _, a := range other.Attributes {
		if i.Attribute(a.Name) == nil {
			i.Attributes = append(i.Attributes, a)
		}
	}
}
