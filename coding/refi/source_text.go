package refi

import (
	"fmt"
	"path"
	"strings"

	"tessera/coding"
	"tessera/coding/importer"
)

// sourceText is a source's text in stored form with the map from the
// positions of its raw plain text.
type sourceText struct {
	mapper *textMapper
	turns  []coding.Turn
	// raw is the text as the file holds it, kept only when astral is not
	// empty: selection positions are then checked against it.
	raw    string
	astral astralIndex // characters outside the BMP in raw
	file   string      // the archive entry read, "" for inline text
	exact  bool        // false when the text was extracted from a rich file
}

// readSourceText reads a source's text: the inline PlainTextContent, else
// the plain-text file plainTextPath names, else (positions then being
// approximate) the text of a .docx, .pdf or other file Tessera imports.
// When nothing can be read it returns nil and the reason; the error is
// only for the archive's refusals.
func (p *planner) readSourceText(s inSource, rich []string) (*sourceText, string, error) {
	reason := "it has neither plain text nor a file Tessera can read"
	if s.Content != nil && strings.TrimSpace(*s.Content) != "" {
		return p.mapText(*s.Content, "", true)
	}
	if p.bare {
		return nil, "its text is not in the file: a bare project.qde carries only inline text (PlainTextContent); import the whole .qdpx to get the other sources", nil
	}
	if s.PlainTextPath != "" {
		f, where, ok := p.arc.internal(s.PlainTextPath)
		if ok {
			data, err := p.arc.read(f)
			if err != nil {
				return nil, "", err
			}
			raw, _, derr := importer.Decode(data)
			if derr == nil {
				return p.mapText(raw, f.Name, true)
			}
			where = fmt.Sprintf("its text file %s is not readable text: %s", f.Name, coding.ErrorMessage(derr))
		}
		reason = where
	}
	for _, ref := range rich {
		if ref == "" {
			continue
		}
		f, where, ok := p.arc.internal(ref)
		if !ok {
			reason = where
			continue
		}
		if !importer.Supported(f.Name) {
			reason = fmt.Sprintf("its file %s is of a kind Tessera cannot read (%s)", f.Name, path.Ext(f.Name))
			continue
		}
		data, err := p.arc.read(f)
		if err != nil {
			return nil, "", err
		}
		parsed, perr := importer.Parse(f.Name, data, importer.Options{})
		if perr != nil {
			reason = fmt.Sprintf("its file %s cannot be read: %s", f.Name, coding.ErrorMessage(perr))
			continue
		}
		st, why, err := p.mapText(parsed.Text, f.Name, false)
		if st != nil {
			st.turns = parsed.Turns
		}
		return st, why, err
	}
	return nil, reason, nil
}

// mapText builds the stored text and position map of raw text.
func (p *planner) mapText(raw, file string, exact bool) (*sourceText, string, error) {
	if len(raw) > importer.DefaultMaxTextBytes {
		return nil, fmt.Sprintf("its text is larger than the limit of %d MB", importer.DefaultMaxTextBytes>>20), nil
	}
	tm, err := newTextMapper(raw)
	if err != nil {
		return nil, "", err
	}
	if strings.TrimSpace(tm.Text) == "" {
		return nil, "its text is empty", nil
	}
	st := &sourceText{mapper: tm, turns: importer.DetectTurns(tm.Text), file: file, exact: exact, astral: newAstralIndex(raw)}
	if len(st.astral) > 0 {
		st.raw = raw
	}
	return st, "", nil
}

// fromUTF16 converts a selection in UTF-16 code units of the raw text to
// code points. A bound between the halves of a surrogate pair takes the
// whole character into the selection.
func (st *sourceText) fromUTF16(start, end int) (int, int) {
	s, _ := st.astral.fromUTF16(start)
	e, ok := st.astral.fromUTF16(end)
	if !ok {
		e++
	}
	return s, e
}
