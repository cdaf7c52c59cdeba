package importer

import (
	"io/fs"
	"os"
	"path"
	"strings"

	"tessera/coding"
)

// sideFiles are extensions of sheets and codings that travel with
// transcripts in a folder but are not documents themselves.
var sideFiles = map[string]bool{"csv": true, "xlsx": true, "xls": true, "json": true, "tsv": true}

// CollectDir reads the files under dir for Import; see CollectFS.
func CollectDir(dir string, casePerFolder bool) ([]File, error) {
	info, err := os.Stat(dir)
	if err != nil {
		if pe, ok := err.(*fs.PathError); ok {
			err = pe.Err
		}
		return nil, coding.Errorf(coding.EINVALID, "cannot read the folder %s: %v", dir, err)
	}
	if !info.IsDir() {
		return nil, coding.Errorf(coding.EINVALID, "%s is not a folder", dir)
	}
	files, err := CollectFS(os.DirFS(dir), casePerFolder)
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "cannot read the folder %s: %v", dir, err)
	}
	return files, nil
}

// CollectFS reads the files of fsys for Import, in lexical order, named by
// their slash-separated paths. Hidden files and folders (names starting
// with ".") and side files (.csv, .tsv, .xlsx, .xls, .json) are skipped;
// files of other unknown types are kept, so the import reports them. With
// casePerFolder, the files under each top-level folder belong to the case
// named after the folder; files at the top belong to no case.
func CollectFS(fsys fs.FS, casePerFolder bool) ([]File, error) {
	var files []File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || sideFiles[extension(d.Name())] {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		f := File{Name: cleanPath(p), Data: data}
		if first, _, nested := strings.Cut(p, "/"); casePerFolder && nested {
			f.Case = cleanName(first)
		}
		files = append(files, f)
		return nil
	})
	return files, err
}

// topLevel reports whether a collected file sits at the top of its folder.
func topLevel(f File) bool { return path.Dir(f.Name) == "." }
