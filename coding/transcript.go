package coding

import (
	"context"
	"strings"
	"time"
)

// TranscriptChange is one edit of a document's transcript: its speakers,
// its turns or its text. Each kind of edit is a type of its own
// (RenameSpeaker, MergeSpeakers, SplitSpeaker, SetSpeakerRole,
// SetTurnSpeaker, SplitTurn, MergeTurns, CorrectText); the store applies any of them the same way,
// as one change with one audit entry.
type TranscriptChange interface {
	// Op names the change in the audit trail, e.g. "split_turn".
	Op() string
	// Apply makes the change to d, which holds its text and turns, and
	// to qs, the document's quotes; it returns the quotes it changed.
	// now and actor date and sign what a changed quote records. It
	// checks its input and leaves d valid (see Document.Validate).
	Apply(d *Document, qs []*Quote, now time.Time, actor string) ([]*Quote, error)
}

// TranscriptStore edits transcripts.
type TranscriptStore interface {
	// ChangeTranscript applies ch to the document and its quotes in one
	// change: one audit entry, so one Undo reverts it, and one event.
	// ifVersion, when not zero, refuses the change (ESTALE) unless the
	// document is at that version. ENOTFOUND for a missing document;
	// EINVALID, EUNPROCESSABLE or ECONFLICT when ch does not fit it.
	ChangeTranscript(ctx context.Context, projectID, documentID string, ch TranscriptChange, ifVersion int) (*TranscriptResult, error)
}

// TranscriptResult is what ChangeTranscript changed.
type TranscriptResult struct {
	// Document is the document after the change, with text and turns.
	Document *Document `json:"document"`
	// Quotes are the quotes the change moved, resized or re-read.
	Quotes []*Quote `json:"quotes"`
	// Seq is the change's audit entry, to pass to Undo.
	Seq uint64 `json:"seq"`
}

// turnIndex returns the index of turn number n of d (counted from 1, as
// readers number turns), or an EINVALID error naming what for.
func (d *Document) turnIndex(n int, what string) (int, error) {
	if n < 1 || n > len(d.Turns) {
		return 0, Errorf(EINVALID, "%s: turn %d does not exist (the document has %d turns, numbered from 1)", what, n, len(d.Turns))
	}
	return n - 1, nil
}

// hasSpeaker reports whether some turn of d is spoken by name.
func (d *Document) hasSpeaker(name string) bool {
	for _, t := range d.Turns {
		if t.Speaker == name {
			return true
		}
	}
	return false
}

// speakerRole returns the role of speaker name, and whether d knows it.
func (d *Document) speakerRole(name string) (string, bool) {
	for _, s := range d.Speakers {
		if s.Name == name {
			return s.Role, true
		}
	}
	return "", false
}

// speakerLink returns the informant speaker name is linked to, if any.
func (d *Document) speakerLink(name string) string {
	for _, s := range d.Speakers {
		if s.Name == name {
			return s.InformantID
		}
	}
	return ""
}

// setSpeakerLink links speaker name, which must be listed, to informant id.
func (d *Document) setSpeakerLink(name, id string) {
	for i := range d.Speakers {
		if d.Speakers[i].Name == name {
			d.Speakers[i].InformantID = id
		}
	}
}

// setSpeakerRole records the role of speaker name, adding it to the
// speaker list when new (Validate drops speakers without turns).
func (d *Document) setSpeakerRole(name, role string) {
	for i := range d.Speakers {
		if d.Speakers[i].Name == name {
			d.Speakers[i].Role = role
			return
		}
	}
	d.Speakers = append(d.Speakers, Speaker{Name: name, Role: role})
}

// checkSpeakerName cleans a speaker name a person typed.
func checkSpeakerName(what, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", Errorf(EINVALID, "%s must not be empty", what)
	}
	if RuneLen(name) > 100 {
		return "", Errorf(EINVALID, "%s is longer than 100 characters", what)
	}
	if err := CheckLine(what, name); err != nil {
		return "", err
	}
	name, _ = NormalizeText(name)
	return name, nil
}

// checkRole refuses a role other than the known ones.
func checkRole(role string) error {
	if role != RoleInterviewer && role != RoleInformant && role != "" {
		return Errorf(EINVALID, "speaker role %q is not %q or %q", role, RoleInterviewer, RoleInformant)
	}
	return nil
}
