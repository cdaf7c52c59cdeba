package coding

import (
	"time"
)

// RenameSpeaker gives speaker From the name To in every turn, keeping its
// role. To must not name another speaker of the document: that is
// MergeSpeakers.
type RenameSpeaker struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Op implements TranscriptChange.
func (RenameSpeaker) Op() string { return "rename_speaker" }

// Apply implements TranscriptChange.
func (e RenameSpeaker) Apply(d *Document, _ []*Quote, _ time.Time, _ string) ([]*Quote, error) {
	to, err := checkSpeakerName("the new speaker name", e.To)
	if err != nil {
		return nil, err
	}
	if !d.hasSpeaker(e.From) {
		return nil, Errorf(EINVALID, "document has no speaker %q", e.From)
	}
	if to == e.From {
		return nil, Errorf(EINVALID, "speaker %q already has that name", e.From)
	}
	if d.hasSpeaker(to) {
		return nil, Errorf(ECONFLICT, "the document already has a speaker %q; merge the speakers instead", to)
	}
	role, _ := d.speakerRole(e.From)
	link := d.speakerLink(e.From)
	for i := range d.Turns {
		if d.Turns[i].Speaker == e.From {
			d.Turns[i].Speaker = to
		}
	}
	d.setSpeakerRole(to, role)
	d.setSpeakerLink(to, link) // the same person under a new name
	return nil, d.Validate()
}

// MergeSpeakers makes one speaker of several: every turn of Speakers goes
// to Into, which may be one of them or a new name. Into keeps its role;
// a new name takes the role of the first of Speakers. The informant of
// the result is the one mergedLink names.
type MergeSpeakers struct {
	Speakers []string `json:"speakers"`
	Into     string   `json:"into"`
}

// Op implements TranscriptChange.
func (MergeSpeakers) Op() string { return "merge_speakers" }

// Apply implements TranscriptChange.
func (e MergeSpeakers) Apply(d *Document, _ []*Quote, _ time.Time, _ string) ([]*Quote, error) {
	into, err := checkSpeakerName("the merged speaker's name", e.Into)
	if err != nil {
		return nil, err
	}
	from := map[string]bool{}
	for _, s := range e.Speakers {
		if !d.hasSpeaker(s) {
			return nil, Errorf(EINVALID, "document has no speaker %q", s)
		}
		if s != into {
			from[s] = true
		}
	}
	if len(from) == 0 || (len(from) == 1 && !d.hasSpeaker(into)) {
		return nil, Errorf(EINVALID, "name at least two speakers to merge (to give one speaker a new name, rename it)")
	}
	role, ok := d.speakerRole(into)
	if !ok || !d.hasSpeaker(into) {
		role, _ = d.speakerRole(e.Speakers[0])
	}
	link := mergedLink(d, into, e.Speakers)
	for i := range d.Turns {
		if from[d.Turns[i].Speaker] {
			d.Turns[i].Speaker = into
		}
	}
	d.setSpeakerRole(into, role)
	d.setSpeakerLink(into, link)
	return nil, d.Validate()
}

// mergedLink is the informant of speakers merged into into: into's own
// link when it is a speaker with one, else the one informant the merged
// speakers are linked to; none when they are linked to different ones.
func mergedLink(d *Document, into string, speakers []string) string {
	if d.hasSpeaker(into) {
		if id := d.speakerLink(into); id != "" {
			return id
		}
	}
	link := ""
	for _, s := range speakers {
		switch id := d.speakerLink(s); {
		case id == "":
		case link == "":
			link = id
		case id != link:
			return ""
		}
	}
	return link
}

// SplitSpeaker gives some turns of Speaker to another speaker, Name (new
// or existing), as when an import took two people for one. Turns are turn
// numbers, counted from 1; each must be one of Speaker's. Role sets the
// role of a new speaker ("" guesses it from the name), which is linked
// to no informant.
type SplitSpeaker struct {
	Speaker string `json:"speaker"`
	Turns   []int  `json:"turns"`
	Name    string `json:"name"`
	Role    string `json:"role"`
}

// Op implements TranscriptChange.
func (SplitSpeaker) Op() string { return "split_speaker" }

// Apply implements TranscriptChange.
func (e SplitSpeaker) Apply(d *Document, _ []*Quote, _ time.Time, _ string) ([]*Quote, error) {
	name, err := checkSpeakerName("the new speaker's name", e.Name)
	if err != nil {
		return nil, err
	}
	if err := checkRole(e.Role); err != nil {
		return nil, err
	}
	if !d.hasSpeaker(e.Speaker) {
		return nil, Errorf(EINVALID, "document has no speaker %q", e.Speaker)
	}
	if name == e.Speaker {
		return nil, Errorf(EINVALID, "the turns already belong to %q: name another speaker", name)
	}
	if len(e.Turns) == 0 {
		return nil, Errorf(EINVALID, "choose the turns of %q that go to %q", e.Speaker, name)
	}
	existing := d.hasSpeaker(name)
	for _, n := range e.Turns {
		i, err := d.turnIndex(n, "split speaker")
		if err != nil {
			return nil, err
		}
		if d.Turns[i].Speaker != e.Speaker && d.Turns[i].Speaker != name {
			return nil, Errorf(EUNPROCESSABLE, "turn %d is spoken by %q, not %q", n, d.Turns[i].Speaker, e.Speaker)
		}
		d.Turns[i].Speaker = name
	}
	if !existing {
		role := e.Role
		if role == "" {
			role = GuessRole(name)
		}
		d.setSpeakerRole(name, role)
	}
	return nil, d.Validate()
}

// SetSpeakerRole sets the role of a speaker: RoleInterviewer,
// RoleInformant or "".
type SetSpeakerRole struct {
	Speaker string `json:"speaker"`
	Role    string `json:"role"`
}

// Op implements TranscriptChange.
func (SetSpeakerRole) Op() string { return "set_speaker_role" }

// Apply implements TranscriptChange.
func (e SetSpeakerRole) Apply(d *Document, _ []*Quote, _ time.Time, _ string) ([]*Quote, error) {
	if err := checkRole(e.Role); err != nil {
		return nil, err
	}
	if !d.hasSpeaker(e.Speaker) {
		return nil, Errorf(EINVALID, "document has no speaker %q", e.Speaker)
	}
	d.setSpeakerRole(e.Speaker, e.Role)
	return nil, d.Validate()
}
