package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"tessera/coding"
	"tessera/coding/codebook"
	"tessera/coding/datadir"
	"tessera/coding/importer"
)

// importFlags are the flags of import.
type importFlags struct {
	dir, project             string
	caseName                 string
	perFolder                bool
	cases, metadata          string
	informants               string
	codebookFile, codingFile string
	allowDuplicates          bool
	maxMB                    int64
	refiProject              string // a .qdpx or .qde argument
}

// importInputs are the files import reads before it touches the store.
type importInputs struct {
	files []importer.File
	sheet []coding.Case
	book  *codebook.Codebook
	meta  map[string]importer.Metadata
	// informants describes the informants the speakers are linked to.
	informants []importer.InformantRow
}

// importCommand declares the flags of import.
func importCommand(fs *flag.FlagSet) runFunc {
	var f importFlags
	fs.StringVar(&f.dir, "data", defaultDataDir, "data `directory`")
	fs.StringVar(&f.project, "project", "", "project `name` (created if missing)")
	fs.StringVar(&f.caseName, "case", "", "put every document in this `case` (created if missing)")
	fs.BoolVar(&f.perFolder, "case-per-folder", false, "each subfolder of a DIR argument is a case named after it")
	fs.StringVar(&f.cases, "cases", "", "case attribute sheet (`FILE`.csv or .xlsx): first column the case name")
	fs.StringVar(&f.metadata, "metadata", "", "per-document metadata `FILE`.csv: file,case,informant_role,interview_date,interviewer,language")
	fs.StringVar(&f.informants, "informants", "", "informant sheet `FILE`.csv: case,speaker,id,pseudonym,role and attribute columns, applied once the speakers are linked")
	fs.StringVar(&f.codebookFile, "codebook", "", "codebook `FILE` to start from (.csv, .xlsx, REFI-QDA .qdc, or the codebook of a .qdpx project): codes are created or matched by name")
	fs.StringVar(&f.codingFile, "coding", "", "starter coding `FILE` (coding.json: codebook, facets and quotes by text; see docs/import.md)")
	fs.BoolVar(&f.allowDuplicates, "allow-duplicates", false, "import files whose text is already in the project")
	fs.Int64Var(&f.maxMB, "max-mb", 20, "largest text per file, in `MB`")
	return func(ctx context.Context, m *Main, args []string) error {
		// REFI-QDA projects and codebooks go to their own importers.
		args, err := f.takeREFI(args)
		if err != nil {
			fs.Usage()
			return err
		}
		if f.refiProject != "" {
			return m.importREFI(ctx, f.dir, f.project, f.refiProject, false)
		}
		if err := f.check(args); err != nil {
			fs.Usage()
			return err
		}
		// Read every input before touching the store, so a typo loses nothing.
		in, err := f.read(args)
		if err != nil {
			return err
		}
		a, err := datadir.Open(ctx, f.dir, datadir.Options{Search: true, Progress: m.Stderr})
		if err != nil {
			return err
		}
		defer a.Close()
		p, err := findOrCreateProject(ctx, a, f.project, m.Stderr)
		if err != nil {
			return err
		}
		im := &importer.Importer{
			Store:           a.Store,
			Options:         importer.Options{MaxTextBytes: f.maxMB << 20},
			Coder:           currentUser(),
			Metadata:        in.meta,
			AllowDuplicates: f.allowDuplicates,
			Progress:        progressPrinter(m.Stderr),
		}
		if err := m.applySheets(ctx, a, im, p, in); err != nil {
			return err
		}
		if len(in.files) == 0 {
			return m.applyInformants(ctx, im, p, in.informants)
		}
		return m.importFiles(ctx, im, p, in.files, f.codingFile, in.informants)
	}
}

// takeREFI takes REFI-QDA files out of args: a project (.qdpx or bare
// .qde), which is imported as a new project on its own, and a codebook
// (.qdc), which is read as --codebook is. It returns the other arguments.
func (f *importFlags) takeREFI(args []string) ([]string, error) {
	var rest []string
	for _, arg := range args {
		switch {
		case refiProjectFile(arg):
			if f.refiProject != "" {
				return nil, coding.Errorf(coding.EINVALID, "name one REFI-QDA project (.qdpx or .qde) at a time")
			}
			f.refiProject = arg
		case strings.EqualFold(filepath.Ext(arg), ".qdc"):
			if f.codebookFile != "" {
				return nil, coding.Errorf(coding.EINVALID, "name one codebook: %s and %s", f.codebookFile, arg)
			}
			f.codebookFile = arg
		default:
			rest = append(rest, arg)
		}
	}
	if f.refiProject != "" && (len(rest) > 0 || f.codebookFile != "" || f.caseName != "" || f.perFolder || f.cases != "" || f.metadata != "" || f.codingFile != "" || f.informants != "") {
		return nil, coding.Errorf(coding.EINVALID, "%s is a REFI-QDA project: it is imported as a new project on its own, without other files or --case, --cases, --metadata, --informants, --codebook, --coding", f.refiProject)
	}
	return rest, nil
}

// check refuses flags and arguments that cannot go together.
func (f *importFlags) check(args []string) error {
	switch {
	case f.project == "":
		return coding.Errorf(coding.EINVALID, "--project is required")
	case len(args) == 0 && f.cases == "" && f.codebookFile == "" && f.informants == "":
		return coding.Errorf(coding.EINVALID, "name at least one FILE or DIR to import (or --cases, --codebook, --informants)")
	case f.caseName != "" && f.perFolder:
		return coding.Errorf(coding.EINVALID, "--case and --case-per-folder exclude each other")
	}
	return nil
}

// read reads and parses the files and sheets that args and the flags
// name.
func (f *importFlags) read(args []string) (*importInputs, error) {
	in := &importInputs{}
	for _, arg := range args {
		found, err := collect(arg, f.perFolder)
		if err != nil {
			return nil, err
		}
		in.files = append(in.files, found...)
	}
	if f.caseName != "" {
		for i := range in.files {
			in.files[i].Case = f.caseName
		}
	}
	var err error
	if f.cases != "" {
		if in.sheet, err = readWith(f.cases, importer.ReadCaseSheet); err != nil {
			return nil, err
		}
	}
	if f.codebookFile != "" {
		if in.book, err = readWith(f.codebookFile, codebook.Read); err != nil {
			return nil, err
		}
	}
	if f.metadata != "" {
		parse := func(_ string, data []byte) (map[string]importer.Metadata, error) { return importer.ReadMetadata(data) }
		if in.meta, err = readWith(f.metadata, parse); err != nil {
			return nil, err
		}
	}
	if f.informants != "" {
		parse := func(_ string, data []byte) ([]importer.InformantRow, error) { return importer.ReadInformantSheet(data) }
		if in.informants, err = readWith(f.informants, parse); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// readWith reads the file at path and parses it with parse.
func readWith[T any](path string, parse func(name string, data []byte) (T, error)) (T, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var zero T
		return zero, err
	}
	return parse(path, data)
}

// applySheets applies the case sheet and the codebook of in to project p.
func (m *Main) applySheets(ctx context.Context, a *datadir.Dir, im *importer.Importer, p *coding.Project, in *importInputs) error {
	if len(in.sheet) > 0 {
		created, updated, err := im.ApplyCases(ctx, p.ID, in.sheet)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "cases: %d created, %d updated\n", created, updated)
	}
	if in.book != nil {
		cr, err := codebook.Apply(ctx, a.Store, p.ID, in.book)
		if err != nil {
			return err
		}
		printCodebookReport(m.Stdout, cr)
	}
	return nil
}

// importFiles imports files into project p, says file by file how it
// went, then describes the informants the speakers were linked to with
// the informant sheet's rows and applies the starter coding in
// codingFile, if any. Files
// already in the project are no failure: when nothing was new, it says so
// and succeeds.
func (m *Main) importFiles(ctx context.Context, im *importer.Importer, p *coding.Project, files []importer.File, codingFile string, informants []importer.InformantRow) error {
	rep, err := im.Import(ctx, p.ID, files)
	if err != nil {
		return err
	}
	printBatchReport(m.Stdout, rep, p.Name)
	if err := m.applyInformants(ctx, im, p, informants); err != nil {
		return err
	}
	if codingFile != "" {
		if err := applyCoding(ctx, im, p.ID, codingFile, rep, m.Stdout); err != nil {
			return err
		}
	}
	if rep.Failed > 0 {
		return fmt.Errorf("%d of %d files could not be imported (see above)", rep.Failed, len(rep.Files))
	}
	return nil
}

// applyInformants describes the project's informants with the rows of an
// informant sheet, when there are any.
func (m *Main) applyInformants(ctx context.Context, im *importer.Importer, p *coding.Project, rows []importer.InformantRow) error {
	if len(rows) == 0 {
		return nil
	}
	n, err := im.ApplyInformants(ctx, p.ID, rows)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "informants: %d described\n", n)
	return nil
}

// collect returns the files to import for one argument: the file itself,
// or every importable file under a directory.
func collect(path string, perFolder bool) ([]importer.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, coding.Errorf(coding.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	if info.IsDir() {
		files, err := importer.CollectDir(path, perFolder)
		if err != nil || !perFolder {
			return files, err
		}
		// Every subfolder is a case; loose files beside them belong to none
		// (a README, notes), so they are left out.
		kept := files[:0]
		for _, f := range files {
			if strings.Contains(filepath.ToSlash(f.Name), "/") {
				kept = append(kept, f)
			}
		}
		return kept, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return []importer.File{{Name: filepath.Base(path), Data: data}}, nil
}

// findOrCreateProject returns the named project, creating it when missing.
func findOrCreateProject(ctx context.Context, a *datadir.Dir, name string, log io.Writer) (*coding.Project, error) {
	p, err := a.Store.FindProjectByName(ctx, name)
	if coding.ErrorCode(err) != coding.ENOTFOUND {
		return p, err
	}
	p = &coding.Project{Name: name}
	if err := a.Store.CreateProject(ctx, p); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "created project %q\n", p.Name)
	return p, nil
}

// currentUser names the person running the command, recorded as coder.
func currentUser() string {
	for _, k := range []string{"TESSERA_USER", "USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "local"
}

// applyCoding loads a starter coding whose quotes name the imported files
// by their paths relative to the imported folder.
func applyCoding(ctx context.Context, im *importer.Importer, pid, path string, rep *importer.BatchReport, out io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	docs := map[string]string{}
	for _, f := range rep.Files {
		switch {
		case f.DocumentID != "":
			docs[f.File] = f.DocumentID
		case f.DuplicateOf != "":
			docs[f.File] = f.DuplicateOf
		}
	}
	cr, err := im.ApplyCoding(ctx, pid, data, docs)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "coding: %d facets, %d codes and %d quotes created\n", cr.FacetsCreated, cr.CodesCreated, cr.QuotesCreated)
	for _, e := range cr.Errors {
		fmt.Fprintf(out, "coding problem: %s\n", e)
	}
	if len(cr.Errors) > 0 {
		return fmt.Errorf("%d quotes of %s could not be placed (see above)", len(cr.Errors), path)
	}
	return nil
}
