package refi

import (
	"fmt"
	"sort"
	"strings"

	"tessera/coding"
)

// sourceElems writes each document as a TextSource whose plain text is
// the archive entry sources/GUID.txt, with its quotes as selections, its
// memos as note references and its metadata as variable values.
func (x *exporter) sourceElems() []outSource {
	byDoc := map[string][]*coding.Quote{}
	for _, q := range x.snap.Quotes {
		byDoc[q.DocumentID] = append(byDoc[q.DocumentID], q)
	}
	var out []outSource
	names := x.sourceNames()
	for _, d := range x.snap.Documents {
		guid := coding.GUID(d.ID)
		var desc string
		if names[d.ID] != d.Title {
			desc = describe(sourceMarker{Title: d.Title})
		}
		modified, modifier := modification(d.CreatedAt, d.UpdatedAt, d.CreatedBy, d.UpdatedBy)
		src := outSource{
			GUID:             guid,
			Name:             names[d.ID],
			Description:      desc,
			PlainTextPath:    internalPrefix + guid + ".txt",
			CreatingUser:     userRef(d.CreatedBy),
			CreationDateTime: dateTime(d.CreatedAt),
			ModifyingUser:    modifier,
			ModifiedDateTime: modified,
			NoteRefs:         x.noteRefs(coding.MemoDocument, d.ID),
			Values:           x.docValues(d),
		}
		qs := byDoc[d.ID]
		sort.SliceStable(qs, func(i, j int) bool {
			a, b := qs[i], qs[j]
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			if a.End != b.End {
				return a.End < b.End
			}
			return a.ID < b.ID
		})
		for _, q := range qs {
			src.Selections = append(src.Selections, x.selection(q))
		}
		out = append(out, src)
	}
	return out
}

// selection writes a quote: its range (in code points, or UTF-16 units
// when asked), coder and date, its memo as the description, one coding
// per code, and note references for the memos attached to it.
func (x *exporter) selection(q *coding.Quote) outSelection {
	start, end := q.Start, q.End
	if idx, ok := x.astral[q.DocumentID]; ok {
		start, end = idx.toUTF16(start), idx.toUTF16(end)
	}
	modified, modifier := modification(q.CreatedAt, q.UpdatedAt, q.Coder, q.UpdatedBy)
	sel := outSelection{
		GUID:             coding.GUID(q.ID),
		Start:            start,
		End:              end,
		CreatingUser:     userRef(q.Coder),
		CreationDateTime: dateTime(q.CreatedAt),
		ModifyingUser:    modifier,
		ModifiedDateTime: modified,
		Description:      q.Memo,
		NoteRefs:         x.noteRefs(coding.MemoQuote, q.ID),
	}
	for _, id := range q.CodeIDs {
		if x.tree.ByID[id] == nil {
			continue
		}
		sel.Codings = append(sel.Codings, outCoding{
			GUID:             codingGUID(q.ID, id),
			CreatingUser:     userRef(q.Coder),
			CreationDateTime: dateTime(q.CreatedAt),
			CodeRef:          outRef{Target: coding.GUID(id)},
		})
	}
	return sel
}

// noteElems writes every memo as a Note, oldest first, its Markdown both
// inline (PlainTextContent, for readers that take the text from the
// element) and as the file sources/GUID.txt that plainTextPath names (for
// readers that load notes from files, as QualCoder does). A memo without
// a title is named "Memo N": QualCoder skips unnamed notes.
func (x *exporter) noteElems() []outSource {
	var out []outSource
	for i, m := range x.sortedMemos() {
		body := m.Body
		guid := coding.GUID(m.ID)
		name, desc := m.Title, ""
		if name == "" {
			name, desc = fmt.Sprintf("Memo %d", i+1), describe(noteMarker{Untitled: true})
		}
		modified, modifier := modification(m.CreatedAt, m.UpdatedAt, m.Author, m.UpdatedBy)
		out = append(out, outSource{
			GUID:             guid,
			Name:             name,
			PlainTextPath:    internalPrefix + guid + ".txt",
			CreatingUser:     userRef(m.Author),
			CreationDateTime: dateTime(m.CreatedAt),
			ModifyingUser:    modifier,
			ModifiedDateTime: modified,
			Description:      desc,
			Content:          &body,
		})
	}
	return out
}

// sourceNames gives each document the name its TextSource carries: its
// title, with " (2)", " (3)"... for the second and later documents of a
// title already taken (compared case-insensitively), so readers that file
// sources by name do not overwrite one with another.
func (x *exporter) sourceNames() map[string]string {
	taken := map[string]bool{}
	out := make(map[string]string, len(x.snap.Documents))
	for _, d := range x.snap.Documents {
		name := uniqueName(d.Title, func(s string) bool { return taken[strings.ToLower(s)] })
		taken[strings.ToLower(name)] = true
		out[d.ID] = name
	}
	return out
}

// linkElems ties memos on cases to their case: the schema gives cases no
// note references, so each such memo gets a one-way link from the note
// to the case.
func (x *exporter) linkElems() []outLink {
	var out []outLink
	for _, c := range x.snap.Cases {
		for _, m := range x.memos[coding.MemoCase+"/"+c.ID] {
			out = append(out, outLink{
				GUID: linkGUID(m.ID), Name: "memo", Direction: "OneWay",
				Origin: coding.GUID(m.ID), Target: coding.GUID(c.ID),
			})
		}
	}
	return out
}

// docsByGUID returns the documents in the order of their archive entries.
func (x *exporter) docsByGUID() []*coding.Document {
	docs := append([]*coding.Document(nil), x.snap.Documents...)
	sort.Slice(docs, func(i, j int) bool { return coding.GUID(docs[i].ID) < coding.GUID(docs[j].ID) })
	return docs
}

// memosByGUID returns the memos in the order of their archive entries.
func (x *exporter) memosByGUID() []*coding.Memo {
	ms := append([]*coding.Memo(nil), x.snap.Memos...)
	sort.Slice(ms, func(i, j int) bool { return coding.GUID(ms[i].ID) < coding.GUID(ms[j].ID) })
	return ms
}
