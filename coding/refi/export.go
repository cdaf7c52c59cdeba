package refi

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"sort"
	"time"

	"tessera/coding"
)

// ExportOptions configure Export.
type ExportOptions struct {
	// Origin names the program in the project's origin attribute;
	// "Tessera" when empty.
	Origin string
	// Positions is how selection positions count characters: code points
	// (the default) or UTF-16 code units, for readers that count those.
	Positions Positions
}

// zipTime is the modification time of every archive entry: fixed, so two
// exports of one snapshot are byte-identical.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Export writes snap as a REFI-QDA project archive (.qdpx): project.qde
// and sources/GUID.txt with each document's stored text in UTF-8. The
// snapshot must be read with text. The output depends only on the
// snapshot: elements are written in the project's order and the archive
// entries carry a fixed time. Errors are EINVALID for a snapshot without
// a project or without document text; write errors pass through.
func Export(w io.Writer, snap *coding.Snapshot, opt ExportOptions) error {
	if snap == nil || snap.Project == nil {
		return coding.Errorf(coding.EINVALID, "nothing to export: the project snapshot is empty")
	}
	for _, d := range snap.Documents {
		if d.Text == "" {
			return coding.Errorf(coding.EINVALID, "document %q has no text in the snapshot: read it with text to export a REFI-QDA project", d.Title)
		}
	}
	pos, err := ParsePositions(string(opt.Positions))
	if err != nil {
		return err
	}
	opt.Positions = pos
	x := newExporter(snap)
	if pos == PositionsUTF16 {
		x.astral = map[string]astralIndex{}
		for _, d := range snap.Documents {
			x.astral[d.ID] = newAstralIndex(d.Text)
		}
	}
	proj := x.project(opt)
	var qde bytes.Buffer
	qde.WriteString(xml.Header)
	enc := xml.NewEncoder(&qde)
	enc.Indent("", "  ")
	if err := enc.Encode(proj); err != nil {
		return coding.Errorf(coding.EINTERNAL, "write project.qde: %v", err)
	}
	qde.WriteString("\n")

	zw := zip.NewWriter(w)
	if err := writeEntry(zw, projectFile, qde.Bytes()); err != nil {
		return err
	}
	for _, d := range x.docsByGUID() {
		if err := writeEntry(zw, sourcesDir+coding.GUID(d.ID)+".txt", []byte(d.Text)); err != nil {
			return err
		}
	}
	for _, m := range x.memosByGUID() {
		if err := writeEntry(zw, sourcesDir+coding.GUID(m.ID)+".txt", []byte(m.Body)); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeEntry adds one deflated file with the fixed time.
func writeEntry(zw *zip.Writer, name string, data []byte) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	_, err = fw.Write(data)
	return err
}

// exporter holds the indexes the element builders share.
type exporter struct {
	snap  *coding.Snapshot
	tree  *coding.CodeTree
	memos map[string][]*coding.Memo // target type + "/" + target ID -> memos, oldest first
	users map[string]bool           // names of everyone the project knows: coders, authors, the project's people
	quote map[string]bool           // IDs of the snapshot's quotes
	// astral indexes each document's characters outside the BMP when
	// positions are written in UTF-16 code units; nil for code points.
	astral map[string]astralIndex
}

func newExporter(snap *coding.Snapshot) *exporter {
	x := &exporter{snap: snap, tree: snap.Tree(), memos: map[string][]*coding.Memo{}, users: map[string]bool{}, quote: map[string]bool{}}
	for _, q := range snap.Quotes {
		x.quote[q.ID] = true
	}
	for _, m := range x.sortedMemos() {
		key := x.memoKey(m)
		x.memos[key] = append(x.memos[key], m)
		x.addUser(m.Author)
		x.addUser(m.UpdatedBy)
	}
	for _, q := range snap.Quotes {
		x.addUser(q.Coder)
		x.addUser(q.UpdatedBy)
	}
	for _, d := range snap.Documents {
		x.addUser(d.CreatedBy)
		x.addUser(d.UpdatedBy)
	}
	for _, name := range snap.Project.People {
		x.addUser(name)
	}
	return x
}

func (x *exporter) addUser(name string) {
	if name != "" {
		x.users[name] = true
	}
}

// sortedMemos returns the memos oldest first (then by ID).
func (x *exporter) sortedMemos() []*coding.Memo {
	ms := append([]*coding.Memo(nil), x.snap.Memos...)
	sort.SliceStable(ms, func(i, j int) bool {
		if !ms[i].CreatedAt.Equal(ms[j].CreatedAt) {
			return ms[i].CreatedAt.Before(ms[j].CreatedAt)
		}
		return ms[i].ID < ms[j].ID
	})
	return ms
}

// memoKey returns where a memo's NoteRef goes; memos whose target is not
// in the snapshot go to the project.
func (x *exporter) memoKey(m *coding.Memo) string {
	ok := false
	switch m.TargetType {
	case coding.MemoCase:
		ok = x.snap.CaseByID(m.TargetID) != nil
	case coding.MemoDocument:
		ok = x.snap.DocumentByID(m.TargetID) != nil
	case coding.MemoCode:
		ok = x.tree.ByID[m.TargetID] != nil
	case coding.MemoQuote:
		ok = x.quote[m.TargetID]
	}
	if !ok {
		return coding.MemoProject + "/"
	}
	return m.TargetType + "/" + m.TargetID
}

// noteRefs returns the NoteRefs of the memos attached to one target.
func (x *exporter) noteRefs(targetType, id string) []outRef {
	var refs []outRef
	for _, m := range x.memos[targetType+"/"+id] {
		refs = append(refs, outRef{Target: coding.GUID(m.ID)})
	}
	return refs
}

// project builds the root element.
func (x *exporter) project(opt ExportOptions) outProject {
	p := x.snap.Project
	origin := opt.Origin
	if origin == "" {
		origin = "Tessera"
	}
	var marker any
	pm := projectMarker{Language: p.Language}
	if opt.Positions != DefaultPositions {
		pm.Positions = opt.Positions
	}
	if pm != (projectMarker{}) {
		marker = pm
	}
	return outProject{
		XSI:              "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation:   schemaLocation,
		Name:             p.Name,
		Origin:           origin,
		CreationDateTime: dateTime(p.CreatedAt),
		Users:            some(x.userElems()),
		Codes:            some(x.codeElems()),
		Variables:        some(x.variableElems()),
		Cases:            some(x.caseElems()),
		Sources:          some(x.sourceElems()),
		Notes:            some(x.noteElems()),
		Links:            some(x.linkElems()),
		Sets:             some(append(x.setElems(), x.ownSetElems()...)),
		Description:      describe(marker, p.Description),
		NoteRefs:         x.noteRefs(coding.MemoProject, ""),
	}
}

// userElems lists coders, memo and document authors and editors, and the
// project's people (users of an imported file who did nothing), by name.
func (x *exporter) userElems() []outUser {
	names := make([]string, 0, len(x.users))
	for n := range x.users {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]outUser, len(names))
	for i, n := range names {
		out[i] = outUser{GUID: userGUID(n), Name: n}
	}
	return out
}

// userRef returns the user GUID of a name, or "" for no name.
func userRef(name string) string {
	if name == "" {
		return ""
	}
	return userGUID(name)
}

// dateTime writes t as an xsd:dateTime in UTC, whole seconds; "" for the
// zero time.
func dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
