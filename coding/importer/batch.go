package importer

import (
	"context"
	"os"
	"strings"
	"time"

	"tessera/coding"
)

// File is one file to import.
type File struct {
	// Name is the file's path relative to the imported folder, or its
	// name: it gives the title and the format, and finds its metadata.
	Name string
	// Data is the file's content; when it is nil, Path names the file
	// on disk that holds it, opened only when its turn comes, so that a
	// batch holds at most one file's parsed text in memory at a time.
	Data []byte
	Path string
	// Case names the case the document belongs to; created when missing.
	Case string
}

// size returns the size of the file's content.
func (f File) size() (int64, error) {
	if f.Data != nil || f.Path == "" {
		return int64(len(f.Data)), nil
	}
	fi, err := os.Stat(f.Path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// parse parses the file's content, from Data or from the file at Path.
func (f File) parse(opt Options) (*Parsed, error) {
	if f.Data != nil || f.Path == "" {
		return Parse(f.Name, f.Data, opt)
	}
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	return ParseReaderAt(f.Name, fh, fi.Size(), opt)
}

// Progress tells how far a batch import has come.
type Progress struct {
	Files      int           `json:"files"`
	TotalFiles int           `json:"total_files"`
	Bytes      int64         `json:"bytes"`
	TotalBytes int64         `json:"total_bytes"`
	Elapsed    time.Duration `json:"elapsed"`
}

// FileReport is the outcome of importing one file.
type FileReport struct {
	File string `json:"file"`
	OK   bool   `json:"ok"`
	// Error says why the file was not imported; ErrorCode is its
	// coding error code (invalid, too_large...).
	Error          string   `json:"error,omitempty"`
	ErrorCode      string   `json:"error_code,omitempty"`
	DocumentID     string   `json:"document_id,omitempty"`
	Title          string   `json:"title,omitempty"`
	Case           string   `json:"case,omitempty"`
	Format         string   `json:"format,omitempty"`
	Encoding       string   `json:"encoding,omitempty"`
	Turns          int      `json:"turns"`
	Speakers       []string `json:"speakers,omitempty"`
	ControlRemoved int      `json:"control_removed"`
	LineEndings    int      `json:"line_endings"`
	Normalized     bool     `json:"normalized"`
	// Duplicate is true when the project already holds a document with
	// the same text (DuplicateOf); the file was then skipped.
	Duplicate   bool   `json:"duplicate"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// BatchReport is the outcome of a batch import, file by file.
type BatchReport struct {
	Files      []FileReport `json:"files"`
	Imported   int          `json:"imported"`
	Failed     int          `json:"failed"`
	Duplicates int          `json:"duplicates"`
	Bytes      int64        `json:"bytes"`
	// ElapsedMS is the wall time of the import in milliseconds.
	ElapsedMS int64 `json:"elapsed_ms"`
	// InformantsCreated and SpeakersLinked report the linking of the
	// new documents' speakers to informants by name (see
	// coding.PlanSpeakerLinks).
	InformantsCreated int `json:"informants_created"`
	SpeakersLinked    int `json:"speakers_linked"`
}

// Importer imports files into a project of a store.
type Importer struct {
	Store   coding.Store
	Options Options
	// Coder is recorded on the quotes of a starter coding.
	Coder string
	// Progress, when set, is called after each file.
	Progress func(Progress)
	// Metadata holds per-document metadata, keyed by file path relative
	// to the imported folder or by file name (see ReadMetadata).
	Metadata map[string]Metadata
	// AllowDuplicates imports files whose text the project already holds;
	// by default they are reported and skipped.
	AllowDuplicates bool
	// Now is the clock for progress; time.Now when nil.
	Now func() time.Time
}

// Import parses each file and stores it as a document of the project,
// creating named cases that do not exist yet (matched case-insensitively),
// then links the speakers of the new documents to informants.
// A file that fails is reported and the others are still imported; the
// returned error is for failures of the whole batch only (a missing
// project, a cancelled context, a store failure).
func (im *Importer) Import(ctx context.Context, projectID string, files []File) (*BatchReport, error) {
	_, err := im.Store.FindProject(ctx, projectID)
	if err != nil {
		return nil, err
	}
	now := im.Now
	if now == nil {
		now = time.Now
	}
	begin := now()
	rep := &BatchReport{Files: make([]FileReport, 0, len(files))}
	prog := Progress{TotalFiles: len(files)}
	sizes := make([]int64, len(files))
	for i, f := range files {
		if sizes[i], err = f.size(); err != nil {
			return nil, err
		}
		prog.TotalBytes += sizes[i]
	}
	cases := map[string]string{} // lower-case case name -> ID
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		fr, err := im.importFile(ctx, projectID, f, cases)
		if err != nil {
			return rep, err
		}
		switch {
		case fr.OK:
			rep.Imported++
		case fr.Duplicate:
			rep.Duplicates++
		default:
			rep.Failed++
		}
		rep.Files = append(rep.Files, fr)
		prog.Files++
		prog.Bytes += sizes[i]
		rep.Bytes = prog.Bytes
		prog.Elapsed = now().Sub(begin)
		rep.ElapsedMS = prog.Elapsed.Milliseconds()
		if im.Progress != nil {
			im.Progress(prog)
		}
	}
	// The new speakers join the informants of their case, by name.
	if rep.Imported > 0 {
		links, err := im.Store.LinkSpeakers(ctx, projectID)
		if err != nil {
			return rep, err
		}
		rep.InformantsCreated, rep.SpeakersLinked = len(links.Created), links.Linked
	}
	return rep, nil
}

// importFile imports one file. Problems with the file go into the
// report; the error is for failures of the store itself.
func (im *Importer) importFile(ctx context.Context, projectID string, f File, cases map[string]string) (FileReport, error) {
	fr := FileReport{File: f.Name}
	fail := func(err error) (FileReport, error) {
		code := coding.ErrorCode(err)
		if code == coding.EINTERNAL {
			return fr, err
		}
		fr.Error, fr.ErrorCode = coding.ErrorMessage(err), code
		return fr, nil
	}
	p, err := f.parse(im.Options)
	if err != nil {
		return fail(err)
	}
	fr.Title, fr.Format, fr.Encoding = p.Title, p.Format, p.Encoding
	fr.Turns, fr.Speakers = p.Report.Turns, p.Report.Speakers
	fr.ControlRemoved, fr.LineEndings, fr.Normalized = p.Report.ControlRemoved, p.Report.LineEndings, p.Report.Normalized

	meta, _ := lookupPath(im.Metadata, f.Name)
	caseName := cleanName(f.Case)
	if meta.Case != "" {
		caseName = meta.Case
	}
	fr.Case = caseName

	hash := coding.ContentHash(p.Text)
	if !im.AllowDuplicates {
		dups, err := im.Store.FindDocumentsByHash(ctx, projectID, hash)
		if err != nil {
			return fail(err)
		}
		if len(dups) > 0 {
			fr.Duplicate, fr.DuplicateOf = true, dups[0].ID
			fr.Error, fr.ErrorCode = "the project already has this text as document \""+dups[0].Title+"\"; skipped", coding.ECONFLICT
			return fr, nil
		}
	}
	caseID := ""
	if caseName != "" {
		if caseID, err = im.caseID(ctx, projectID, caseName, cases); err != nil {
			return fail(err)
		}
	}
	d := &coding.Document{
		ProjectID:    projectID,
		CaseID:       caseID,
		Title:        p.Title,
		Meta:         meta.DocumentMeta,
		Text:         p.Text,
		Turns:        p.Turns,
		Speakers:     guessSpeakers(p.Report.Speakers, meta.Interviewer),
		SourceName:   f.Name,
		SourceFormat: p.Format,
	}
	if err := im.Store.CreateDocument(ctx, d); err != nil {
		return fail(err)
	}
	fr.OK, fr.DocumentID = true, d.ID
	return fr, nil
}

// caseID finds the case named name or creates it, caching the answer.
func (im *Importer) caseID(ctx context.Context, projectID, name string, cache map[string]string) (string, error) {
	key := strings.ToLower(name)
	if id, ok := cache[key]; ok {
		return id, nil
	}
	c, err := im.Store.FindCaseByName(ctx, projectID, name)
	if coding.ErrorCode(err) == coding.ENOTFOUND {
		c = &coding.Case{ProjectID: projectID, Name: name}
		err = im.Store.CreateCase(ctx, c)
	}
	if err != nil {
		return "", err
	}
	cache[key] = c.ID
	return c.ID, nil
}

// guessSpeakers gives each speaker a role: interviewer when its label, or
// the role in parentheses after it, is a usual interviewer label or the
// name of the interview's interviewer; informant otherwise.
func guessSpeakers(names []string, interviewer string) []coding.Speaker {
	out := make([]coding.Speaker, 0, len(names))
	for _, n := range names {
		person, role := n, ""
		if i := strings.LastIndex(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
			person, role = n[:i], n[i+2:len(n)-1]
		}
		r := coding.RoleInformant
		if coding.GuessRole(person) == coding.RoleInterviewer || coding.GuessRole(role) == coding.RoleInterviewer ||
			(interviewer != "" && (strings.EqualFold(person, interviewer) || strings.EqualFold(firstWord(interviewer), person))) {
			r = coding.RoleInterviewer
		}
		out = append(out, coding.Speaker{Name: n, Role: r})
	}
	return out
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// cleanName normalises a name taken from a file system or sheet: NFC (Mac
// file names are decomposed), single spaces, no control characters.
func cleanName(s string) string {
	s, _ = coding.NormalizeText(s)
	return strings.Join(strings.Fields(s), " ")
}
