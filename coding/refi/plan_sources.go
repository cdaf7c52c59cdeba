package refi

import (
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"tessera/coding"
)

// sourceParts says where a document's pieces are in the file: the
// element naming it, the element holding its text and selections (the
// same for a TextSource, the Representation of a PDFSource, a Transcript
// of audio or video), files to parse when there is no plain text, and
// codings, notes and variable values of the whole source.
type sourceParts struct {
	kind     string
	el       inSource
	text     inSource
	rich     []string
	codings  []inCoding
	noteRefs []inRef
	values   []inValue
}

// planSources plans a document for every source with text. Errors are
// only the archive's refusals (sizes, damaged entries).
func (p *planner) planSources() error {
	for _, s := range p.xp.Sources.Items {
		var err error
		switch kind := s.XMLName.Local; kind {
		case "TextSource":
			err = p.planDocument(sourceParts{kind: kind, el: s, text: s, rich: []string{s.RichTextPath}, codings: s.Codings, noteRefs: s.NoteRefs, values: s.Values})
		case "PDFSource":
			err = p.planPDF(s)
		case "AudioSource", "VideoSource":
			err = p.planMedia(s)
		case "PictureSource":
			p.skipSource(kind, s, "pictures have no text, and Tessera codes text")
		default:
			p.skipSource(kind, s, "Tessera does not know this kind of source")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// planPDF plans a PDF source from its plain-text representation, or from
// the PDF's own text layer. Selections of areas on pages cannot be mapped
// to text and are reported.
func (p *planner) planPDF(s inSource) error {
	text := s
	if s.Representation != nil {
		text = *s.Representation
		text.Selections = append(text.Selections, s.Selections...)
	}
	sp := sourceParts{kind: "PDFSource", el: s, text: text, rich: []string{s.Path, s.CurrentPath}, codings: s.Codings, noteRefs: s.NoteRefs, values: s.Values}
	if r := s.Representation; r != nil {
		sp.codings = append(sp.codings, r.Codings...)
		sp.noteRefs = append(sp.noteRefs, r.NoteRefs...)
		sp.values = append(sp.values, r.Values...)
	}
	for _, sel := range s.PDFSelections {
		p.rep.skip("PDFSelection", sel.Name, sel.GUID, "it marks an area of a page of %q, which has no place in the text", displayName(s))
	}
	sp.el.PDFSelections = nil // reported
	return p.planDocument(sp)
}

// planMedia plans a document for each transcript of an audio or video
// source. Selections of time spans are reported.
func (p *planner) planMedia(s inSource) error {
	kind := s.XMLName.Local
	if len(s.Transcripts) == 0 {
		p.skipSource(kind, s, "audio and video have no text, and the source has no transcript")
		return nil
	}
	for i, t := range s.Transcripts {
		if t.Name == "" {
			t.Name = s.Name
		}
		sp := sourceParts{kind: "Transcript", el: t, text: t, noteRefs: t.NoteRefs}
		if i == 0 {
			sp.noteRefs = append(sp.noteRefs, s.NoteRefs...)
			sp.values = s.Values
		}
		for _, sel := range t.TranscriptSel {
			p.rep.skip("TranscriptSelection", sel.Name, sel.GUID, "it is bound to time codes of %q, not to positions in the text", displayName(s))
		}
		if err := p.planDocument(sp); err != nil {
			return err
		}
	}
	for _, sel := range slices.Concat(s.AudioSelections, s.VideoSelections) {
		p.rep.skip(strings.TrimSuffix(kind, "Source")+"Selection", sel.Name, sel.GUID, "it marks a time span of %q; Tessera codes text", displayName(s))
	}
	for _, c := range s.Codings {
		p.rep.skip("Coding", c.GUID, "", "it codes the recording %q as a whole; Tessera codes text", displayName(s))
	}
	return nil
}

// planDocument plans one document with its quotes, or reports the source
// and everything in it when its text cannot be read.
func (p *planner) planDocument(sp sourceParts) error {
	st, reason, err := p.readSourceText(sp.text, sp.rich)
	if err != nil {
		return err
	}
	if st == nil {
		p.skipSource(sp.kind, sp.el, reason)
		return nil
	}
	title := p.cleanTitle(sp, st.file)
	d := &planDoc{guid: normGUID(sp.el.GUID), doc: coding.Document{
		Title: title, Text: st.mapper.Text, Turns: st.turns,
		Meta: p.docMeta(sp.values, title), SourceName: path.Base(st.file), SourceFormat: qdpxFormat,
	}}
	if st.file == "" {
		d.doc.SourceName = ""
	}
	if err := d.doc.Validate(); err != nil {
		p.skipSource(sp.kind, sp.el, coding.ErrorMessage(err))
		return nil
	}
	d.stamp = p.stampOf(sp.el.Created, sp.el.CreatingUser, sp.el.Modified, sp.el.ModifyingUser)
	if !st.exact && len(sp.text.Selections) > 0 {
		p.rep.warnf("source %q has no plain-text file, so its text was read from %s; the positions of its selections (%d) may not match", title, path.Base(st.file), len(sp.text.Selections))
	}
	conv := p.decidePositions(title, st.raw, st.astral, st.exact, sp.text.Selections)
	for _, sel := range sp.text.Selections {
		p.planSelection(d, st, conv, sel)
	}
	p.planWholeCodings(d, sp.codings)
	switch _, dup := p.docByGUID[d.guid]; {
	case d.guid == "":
	case dup:
		p.rep.warnf("source GUID %s appears twice; references go to the first source, not to %q", d.guid, title)
	default:
		p.docByGUID[d.guid] = d
	}
	p.docs = append(p.docs, d)
	p.attachNotes(sp.noteRefs, noteRef{what: "source " + quoteName(title), doc: d})
	return nil
}

// skipSource reports a source that was not imported, every selection and
// coding in it, and remembers it so references to it are not reported
// twice.
func (p *planner) skipSource(kind string, s inSource, reason string) {
	name := displayName(s)
	p.rep.skip(kind, s.Name, s.GUID, "%s", reason)
	why := "its source " + quoteName(name) + " was not imported"
	for _, sel := range s.Selections {
		p.rep.skip("PlainTextSelection", sel.Name, sel.GUID, "%s", why)
	}
	for _, sels := range [][]inNamed{s.PDFSelections, s.PictureSelection, s.AudioSelections, s.VideoSelections, s.TranscriptSel} {
		for _, sel := range sels {
			p.rep.skip("Selection", sel.Name, sel.GUID, "%s", why)
		}
	}
	for _, c := range s.Codings {
		p.rep.skip("Coding", c.GUID, "", "%s", why)
	}
	if r := s.Representation; r != nil {
		for _, sel := range r.Selections {
			p.rep.skip("PlainTextSelection", sel.Name, sel.GUID, "%s", why)
		}
		for _, c := range r.Codings {
			p.rep.skip("Coding", c.GUID, "", "%s", why)
		}
	}
	p.skippedSources[normGUID(s.GUID)] = true
	p.attachNotes(s.NoteRefs, noteRef{what: kind + " " + quoteName(name)})
}

// displayName names a source in messages.
func displayName(s inSource) string {
	if n := cleanLine(s.Name); n != "" {
		return n
	}
	return normGUID(s.GUID)
}

// cleanTitle returns the document title: the title in the source's
// Tessera marker, else the source's name, else its file's name, else
// "Document N".
func (p *planner) cleanTitle(sp sourceParts, file string) string {
	title := cleanLine(sp.el.Name)
	var sm sourceMarker
	if _, ok := splitMarker(sp.el.Description, &sm); ok && cleanLine(sm.Title) != "" {
		title = cleanLine(sm.Title) // the name was made distinct for other readers
	}
	if title == "" {
		title = cleanLine(sp.text.Name)
	}
	if title == "" && file != "" {
		title = strings.TrimSuffix(path.Base(file), path.Ext(file))
	}
	if title == "" {
		title = "Document " + strconv.Itoa(len(p.docs)+1)
	}
	if coding.RuneLen(title) > 500 {
		title = strings.TrimSpace(truncate(title, 500))
		p.rep.warnf("source title %q was shortened to 500 characters", title)
	}
	return title
}

// docMeta reads the document metadata from a source's variable values;
// other variables are reported.
func (p *planner) docMeta(values []inValue, title string) coding.DocumentMeta {
	var m coding.DocumentMeta
	for _, val := range values {
		v := p.variables[val.Variable.ref()]
		switch {
		case v == nil:
			p.rep.skip("VariableValue", val.Variable.ref(), "", "source %q has a value of a variable that is not declared", title)
			continue
		case v.doc == "":
			p.rep.skip("VariableValue", v.name, "", "source %q: Tessera records informant role, interview date, interviewer and language for documents; other facts belong to the case", title)
			continue
		}
		s := ""
		for _, c := range []*string{val.Text, val.Date, val.DateTime, val.Integer, val.Float, val.Boolean} {
			if c != nil {
				s = cleanLine(*c)
				break
			}
		}
		switch v.doc {
		case "informant_role":
			m.InformantRole = s
		case "interviewer":
			m.Interviewer = s
		case "language":
			m.Language = s
		case "interview_date":
			if len(s) > 10 {
				s = s[:10]
			}
			if _, err := time.Parse("2006-01-02", s); err != nil && s != "" {
				p.rep.skip("VariableValue", v.name, "", "source %q: %q is not a date (YYYY-MM-DD)", title, s)
				continue
			}
			m.InterviewDate = s
		}
	}
	return m
}
