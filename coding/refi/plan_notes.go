package refi

import (
	"fmt"
	"sort"
	"strings"

	"tessera/coding"
	"tessera/coding/importer"
)

// attachNotes records that the notes refs names are attached to target.
func (p *planner) attachNotes(refs []inRef, target noteRef) {
	for _, r := range refs {
		if guid := r.ref(); guid != "" {
			p.noteRefs[guid] = append(p.noteRefs[guid], target)
		}
	}
}

// planNotes turns notes into memos. A note becomes a memo on each element
// that refers to it (the project, a code, a source, a selection or
// coding, or a case through a link); a note attached to nothing, or only
// to elements that were not imported, becomes a project memo.
func (p *planner) planNotes() error {
	p.attachNotes(p.xp.NoteRefs, noteRef{what: "the project", proj: true})
	p.planLinks()
	for _, n := range p.xp.Notes {
		guid := normGUID(n.GUID)
		title := strings.TrimSpace(truncate(cleanLine(n.Name), 500))
		var nm noteMarker
		if _, ok := splitMarker(n.Description, &nm); ok && nm.Untitled {
			title = "" // the name was made up for readers that need one
		}
		body, reason, err := p.noteText(n)
		if err != nil {
			return err
		}
		if reason != "" {
			p.rep.skip("Note", n.Name, n.GUID, "%s", reason)
			delete(p.noteRefs, guid)
			continue
		}
		label := firstNonEmpty(title, guid)
		for _, sel := range n.Selections {
			p.rep.skip("PlainTextSelection", sel.Name, sel.GUID, "it is inside the note %q; Tessera does not code memos", label)
		}
		memo := coding.Memo{Title: title, Body: body, Author: p.userName(n.CreatingUser)}
		when := p.stampOf(n.Created, n.CreatingUser, n.Modified, n.ModifyingUser)
		refs := p.noteRefs[guid]
		delete(p.noteRefs, guid)
		var resolved []noteRef
		for _, r := range refs {
			if r.resolved() {
				resolved = append(resolved, r)
			}
		}
		switch {
		case len(resolved) == 0 && len(refs) > 0:
			p.rep.warnf("note %q is attached to %s, which was not imported; it became a project memo", label, refs[0].what)
			resolved = []noteRef{{proj: true}}
		case len(resolved) == 0:
			resolved = []noteRef{{proj: true}}
		case len(resolved) > 1:
			p.rep.warnf("note %q is attached to %d elements; each got its own copy of the memo", label, len(resolved))
		}
		for _, r := range resolved {
			p.memos = append(p.memos, &planMemo{m: memo, stamp: when, cas: r.cas, doc: r.doc, code: r.code, quot: r.quot})
		}
	}
	// References to notes the file does not hold.
	guids := make([]string, 0, len(p.noteRefs))
	for g := range p.noteRefs {
		guids = append(guids, g)
	}
	sort.Strings(guids)
	for _, g := range guids {
		p.rep.skip("NoteRef", g, "", "%s refers to a note that is not in the project", p.noteRefs[g][0].what)
	}
	return nil
}

// planLinks reads links between a note and another element (how Tessera
// attaches memos to cases, which have no note references); other links
// are reported.
func (p *planner) planLinks() {
	notes := map[string]bool{}
	for _, n := range p.xp.Notes {
		notes[normGUID(n.GUID)] = true
	}
	for _, l := range p.xp.Links {
		origin, target := normGUID(l.Origin), normGUID(l.Target)
		note, other := origin, target
		if !notes[note] {
			note, other = target, origin
		}
		if !notes[note] {
			p.rep.skip("Link", l.Name, l.GUID, "links between codes, sources or selections have no place in Tessera")
			continue
		}
		ref := noteRef{cas: p.caseByGUID[other], doc: p.docByGUID[other], code: p.codeByGUID[other], quot: p.quoteBySel[other]}
		if ref.quot == nil {
			ref.quot = p.quoteByCod[other]
		}
		switch {
		case ref.cas != nil:
			ref = noteRef{cas: ref.cas, what: "case " + quoteName(ref.cas.c.Name)}
		case ref.doc != nil:
			ref = noteRef{doc: ref.doc, what: "source " + quoteName(ref.doc.doc.Title)}
		case ref.code != nil:
			ref = noteRef{code: ref.code, what: "code " + quoteName(ref.code.code.Name)}
		case ref.quot != nil:
			ref = noteRef{quot: ref.quot, what: "a selection"}
		default:
			ref = noteRef{what: "element " + other}
		}
		p.attachNotes([]inRef{{Target: note}}, ref)
	}
}

// noteText returns a note's text: the inline content as it stands, or
// the note's file normalised like stored text. reason tells why it
// cannot be read; the error is only for the archive's refusals.
func (p *planner) noteText(n inSource) (body, reason string, err error) {
	switch {
	case n.Content != nil:
		body = *n.Content
	case n.PlainTextPath != "":
		f, where, ok := p.arc.internal(n.PlainTextPath)
		if !ok {
			return "", where, nil
		}
		data, err := p.arc.read(f)
		if err != nil {
			return "", "", err
		}
		text, _, derr := importer.Decode(data)
		if derr != nil {
			return "", fmt.Sprintf("its text file %s is not readable text: %s", f.Name, coding.ErrorMessage(derr)), nil
		}
		body, _ = coding.NormalizeText(text)
	}
	if len(body) > coding.MaxMemoLen {
		return "", fmt.Sprintf("its text is larger than the memo limit of %d bytes", coding.MaxMemoLen), nil
	}
	return body, "", nil
}
