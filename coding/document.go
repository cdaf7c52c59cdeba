package coding

import (
	"fmt"
	"strings"
	"time"
)

// Document is one interview transcript. Text is stored NFC-normalised with
// "\n" line ends; every position (turns, quotes) counts code points in it.
type Document struct {
	ID        string `json:"id"`
	ProjectID string `json:"project_id"`
	// CaseID is the case the interview belongs to; empty when unassigned.
	CaseID string       `json:"case_id"`
	Title  string       `json:"title"`
	Meta   DocumentMeta `json:"meta"`
	// Text is the transcript. Listings leave it empty; Length stays set.
	Text   string `json:"text,omitempty"`
	Length int    `json:"length"`
	Turns  []Turn `json:"turns,omitempty"`
	// Speakers lists each distinct speaker of the turns with its role.
	Speakers []Speaker `json:"speakers"`
	// Hash is the SHA-256 of Text; two documents with one hash are duplicates.
	Hash string `json:"hash"`
	// Source names the imported file and its format ("txt", "docx"...).
	SourceName   string `json:"source_name,omitempty"`
	SourceFormat string `json:"source_format,omitempty"`
	// Order places the document among its project's documents.
	Order     int       `json:"order"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// CreatedBy and UpdatedBy name who added the document and who last
	// changed it, when known (team mode, or kept from an imported file).
	CreatedBy string `json:"created_by,omitempty"`
	UpdatedBy string `json:"updated_by,omitempty"`
	// Version counts the entity's states: 1 when created, one more with
	// every update (undo included). Clients send it back (If-Match) so
	// that an update made from an outdated copy is refused.
	Version int `json:"version"`
}

// DocumentMeta is the interview metadata researchers record.
type DocumentMeta struct {
	InformantRole string `json:"informant_role,omitempty"`
	InterviewDate string `json:"interview_date,omitempty"` // YYYY-MM-DD
	Interviewer   string `json:"interviewer,omitempty"`
	Language      string `json:"language,omitempty"`
}

// Turn is one speaker turn: the code points [Start, End) of the text.
type Turn struct {
	Speaker string `json:"speaker"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	// Timestamp is the turn's time code as written in the source
	// ("00:12:31"), when it had one.
	Timestamp string `json:"timestamp,omitempty"`
}

// Speaker roles.
const (
	RoleInterviewer = "interviewer"
	RoleInformant   = "informant"
)

// Speaker is a distinct speaker of a document and the role they play.
type Speaker struct {
	Name string `json:"name"`
	Role string `json:"role"` // RoleInterviewer, RoleInformant or ""
	// InformantID is the informant who speaks under this name; empty
	// when the speaker is not linked to one.
	InformantID string `json:"informant_id,omitempty"`
}

// Validate reports whether the document can be stored: a title, text in
// stored form, turns within the text. It sets Length and Hash and derives
// Speakers from Turns, keeping known roles.
func (d *Document) Validate() error {
	d.Title = strings.TrimSpace(d.Title)
	if d.Title == "" {
		return Errorf(EINVALID, "document title is required")
	}
	if RuneLen(d.Title) > 500 {
		return Errorf(EINVALID, "document title is longer than 500 characters")
	}
	if err := CheckLine("document title", d.Title); err != nil {
		return err
	}
	for what, v := range map[string]string{"informant role": d.Meta.InformantRole, "interviewer": d.Meta.Interviewer, "document language": d.Meta.Language} {
		if err := CheckLine(what, v); err != nil {
			return err
		}
	}
	if d.Text == "" {
		return Errorf(EINVALID, "document %q has no text", d.Title)
	}
	if !IsStoredForm(d.Text) {
		return Errorf(EINVALID, "document text must be normalised (use coding.NormalizeText)")
	}
	d.Length = RuneLen(d.Text)
	d.Hash = ContentHash(d.Text)
	if d.Meta.InterviewDate != "" && !isDate(d.Meta.InterviewDate) {
		return Errorf(EINVALID, "interview date %q is not a date (YYYY-MM-DD)", d.Meta.InterviewDate)
	}
	if len(d.Turns) == 0 {
		d.Turns = []Turn{{Start: 0, End: d.Length}}
	}
	prev := 0
	for i, t := range d.Turns {
		if t.Start < prev || t.End <= t.Start || t.End > d.Length {
			return Errorf(EINVALID, "turn %d [%d,%d) is out of order or outside the text (length %d)", i+1, t.Start, t.End, d.Length)
		}
		prev = t.End
	}
	d.Speakers = SpeakersOf(d.Turns, d.Speakers)
	return nil
}

// TurnAt returns the index of the turn that holds code point pos, or -1.
func (d *Document) TurnAt(pos int) int {
	for i, t := range d.Turns {
		if pos >= t.Start && pos < t.End {
			return i
		}
	}
	return -1
}

// SpeakersOf lists the distinct speakers of turns in order of first
// appearance, keeping the roles and informant links known from prev and
// guessing "interviewer" for the usual interviewer labels.
func SpeakersOf(turns []Turn, prev []Speaker) []Speaker {
	roles := map[string]string{}
	links := map[string]string{}
	for _, s := range prev {
		roles[s.Name] = s.Role
		links[s.Name] = s.InformantID
	}
	out := []Speaker{}
	seen := map[string]bool{}
	for _, t := range turns {
		if t.Speaker == "" || seen[t.Speaker] {
			continue
		}
		seen[t.Speaker] = true
		role, ok := roles[t.Speaker]
		if !ok {
			role = GuessRole(t.Speaker)
		}
		out = append(out, Speaker{Name: t.Speaker, Role: role, InformantID: links[t.Speaker]})
	}
	return out
}

// GuessRole returns RoleInterviewer for labels transcripts commonly use for
// the interviewer (Interviewer, I, Q, Int.), else RoleInformant.
func GuessRole(speaker string) string {
	switch strings.ToLower(strings.TrimRight(speaker, ".")) {
	case "interviewer", "i", "q", "int", "researcher", "moderator", "haastattelija", "intervjuare":
		return RoleInterviewer
	}
	return RoleInformant
}

// DocumentUpdate holds the fields of a document to change; nil fields stay.
type DocumentUpdate struct {
	Title  *string       `json:"title"`
	CaseID *string       `json:"case_id"`
	Meta   *DocumentMeta `json:"meta"`
	// RenameSpeakers maps old speaker names to new ones; all turns follow.
	RenameSpeakers map[string]string `json:"rename_speakers"`
	// SpeakerRoles maps speaker names to roles.
	SpeakerRoles map[string]string `json:"speaker_roles"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one: the client edited an outdated copy.
	IfVersion int `json:"-"`
}

// Apply copies the set fields of u onto d (which must hold its turns) and
// validates the result. The case reference is checked by the store.
func (u DocumentUpdate) Apply(d *Document) error {
	if u.Title != nil {
		d.Title = *u.Title
	}
	if u.CaseID != nil {
		d.CaseID = *u.CaseID
	}
	if u.Meta != nil {
		d.Meta = *u.Meta
	}
	for from, to := range u.RenameSpeakers {
		to = strings.TrimSpace(to)
		if to == "" {
			return Errorf(EINVALID, "new name for speaker %q must not be empty", from)
		}
		if err := CheckLine(fmt.Sprintf("new name for speaker %q", from), to); err != nil {
			return err
		}
		found := false
		for i := range d.Turns {
			if d.Turns[i].Speaker == from {
				d.Turns[i].Speaker, found = to, true
			}
		}
		if !found {
			return Errorf(EINVALID, "document has no speaker %q", from)
		}
		for i := range d.Speakers {
			if d.Speakers[i].Name == from {
				d.Speakers[i].Name = to
			}
		}
	}
	for name, role := range u.SpeakerRoles {
		if role != RoleInterviewer && role != RoleInformant && role != "" {
			return Errorf(EINVALID, "speaker role %q is not %q or %q", role, RoleInterviewer, RoleInformant)
		}
		found := false
		for i := range d.Speakers {
			if d.Speakers[i].Name == name {
				d.Speakers[i].Role, found = role, true
			}
		}
		if !found {
			return Errorf(EINVALID, "document has no speaker %q", name)
		}
	}
	return d.Validate()
}
