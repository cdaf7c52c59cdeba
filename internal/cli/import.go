package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"tessera/coding"
	"tessera/coding/export"
	"tessera/coding/importer"
	"tessera/internal/datadir"
)

// importCommand declares the flags of import.
func importCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory`")
	project := fs.String("project", "", "project `name` (created if missing)")
	caseName := fs.String("case", "", "put every document in this `case` (created if missing)")
	perFolder := fs.Bool("case-per-folder", false, "each subfolder of a DIR argument is a case named after it")
	cases := fs.String("cases", "", "case attribute sheet (`FILE`.csv or .xlsx): first column the case name")
	metadata := fs.String("metadata", "", "per-document metadata `FILE`.csv: file,case,informant_role,interview_date,interviewer,language")
	codebookFile := fs.String("codebook", "", "codebook `FILE` to start from (.csv, .xlsx or REFI-QDA .qdc): codes are created or matched by name")
	codingFile := fs.String("coding", "", "starter coding `FILE` (coding.json: codebook, facets and quotes by text; see docs/import.md)")
	dups := fs.Bool("allow-duplicates", false, "import files whose text is already in the project")
	maxMB := fs.Int64("max-mb", 20, "largest text per file, in `MB`")
	return func(ctx context.Context, m *Main, args []string) error {
		if *project == "" {
			fs.Usage()
			return coding.Errorf(coding.EINVALID, "--project is required")
		}
		if len(args) == 0 && *cases == "" && *codebookFile == "" {
			fs.Usage()
			return coding.Errorf(coding.EINVALID, "name at least one FILE or DIR to import (or --cases, --codebook)")
		}
		if *caseName != "" && *perFolder {
			return coding.Errorf(coding.EINVALID, "--case and --case-per-folder exclude each other")
		}

		// Read every input before touching the store, so a typo loses nothing.
		var files []importer.File
		for _, arg := range args {
			found, err := collect(arg, *perFolder)
			if err != nil {
				return err
			}
			files = append(files, found...)
		}
		for i := range files {
			if *caseName != "" {
				files[i].Case = *caseName
			}
		}
		var sheet []coding.Case
		if *cases != "" {
			data, err := os.ReadFile(*cases)
			if err != nil {
				return err
			}
			if sheet, err = importer.ReadCaseSheet(*cases, data); err != nil {
				return err
			}
		}
		var codebook *export.Codebook
		if *codebookFile != "" {
			data, err := os.ReadFile(*codebookFile)
			if err != nil {
				return err
			}
			if codebook, err = export.ReadCodebook(*codebookFile, data); err != nil {
				return err
			}
		}
		var meta map[string]importer.Metadata
		if *metadata != "" {
			data, err := os.ReadFile(*metadata)
			if err != nil {
				return err
			}
			if meta, err = importer.ReadMetadata(data); err != nil {
				return err
			}
		}

		a, err := datadir.Open(ctx, *dir, datadir.Options{Search: true, Progress: m.Stderr})
		if err != nil {
			return err
		}
		defer a.Close()
		p, err := findOrCreateProject(ctx, a, *project, m.Stderr)
		if err != nil {
			return err
		}
		im := &importer.Importer{
			Store:           a.Store,
			Options:         importer.Options{MaxTextBytes: *maxMB << 20},
			Coder:           currentUser(),
			Metadata:        meta,
			AllowDuplicates: *dups,
			Progress:        progressPrinter(m.Stderr),
		}
		if len(sheet) > 0 {
			created, updated, err := im.ApplyCases(ctx, p.ID, sheet)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "cases: %d created, %d updated\n", created, updated)
		}
		if codebook != nil {
			cr, err := export.ApplyCodebook(ctx, a.Store, p.ID, codebook)
			if err != nil {
				return err
			}
			printCodebookReport(m.Stdout, cr)
		}
		if len(files) == 0 {
			return nil
		}
		rep, err := im.Import(ctx, p.ID, files)
		if err != nil {
			return err
		}
		failed := 0
		for _, f := range rep.Files {
			switch {
			case !f.OK:
				failed++
				fmt.Fprintf(m.Stdout, "FAILED     %s: %s\n", f.File, f.Error)
			case f.Duplicate:
				fmt.Fprintf(m.Stdout, "duplicate  %s\n", f.File)
			default:
				fmt.Fprintf(m.Stdout, "imported   %s (%s, %d turns, speakers: %v)\n", f.File, f.Format, f.Turns, f.Speakers)
			}
		}
		fmt.Fprintf(m.Stdout, "%d of %d files imported into %q\n", len(rep.Files)-failed, len(rep.Files), p.Name)
		if *codingFile != "" {
			if err := applyCoding(ctx, im, p.ID, *codingFile, rep, m.Stdout); err != nil {
				return err
			}
		}
		if failed > 0 {
			return fmt.Errorf("%d files could not be imported (see above); the others were", failed)
		}
		return nil
	}
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

// progressPrinter shows import progress: a line rewritten in place on a
// terminal, a quiet line every 100 files otherwise.
func progressPrinter(w io.Writer) func(importer.Progress) {
	f, ok := w.(*os.File)
	tty := ok && term.IsTerminal(int(f.Fd()))
	return func(p importer.Progress) {
		secs := p.Elapsed.Seconds()
		mb := float64(p.Bytes) / (1 << 20)
		rate := 0.0
		if secs > 0 {
			rate = mb / secs
		}
		eta := time.Duration(0)
		if p.Bytes > 0 && p.TotalBytes > p.Bytes {
			eta = time.Duration(float64(p.Elapsed) * float64(p.TotalBytes-p.Bytes) / float64(p.Bytes)).Round(time.Second)
		}
		line := fmt.Sprintf("%d/%d files, %.1f/%.1f MB, %.1f MB/s, ETA %s", p.Files, p.TotalFiles, mb, float64(p.TotalBytes)/(1<<20), rate, eta)
		switch {
		case tty:
			end := ""
			if p.Files == p.TotalFiles {
				end = "\n"
			}
			fmt.Fprintf(w, "\r\033[K%s%s", line, end)
		case p.Files == p.TotalFiles || p.Files%100 == 0:
			fmt.Fprintln(w, line)
		}
	}
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

// printCodebookReport says what a codebook import created, matched and
// skipped.
func printCodebookReport(w io.Writer, r *export.CodebookReport) {
	fmt.Fprintf(w, "codebook: %d codes created, %d matched, %d skipped\n", len(r.Created), len(r.Matched), len(r.Skipped))
	for _, o := range r.Skipped {
		fmt.Fprintf(w, "skipped    line %d %q: %s\n", o.Line, o.Name, o.Reason)
	}
	for _, f := range r.FacetsCreated {
		fmt.Fprintf(w, "facet      %s created\n", f)
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "warning    %s\n", warn)
	}
}
