package refi

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"tessera/coding"
	"tessera/coding/unzip"
)

// ImportOptions bound what Import accepts; zero fields take the defaults.
type ImportOptions struct {
	// MaxUncompressed bounds the total uncompressed size of the archive,
	// in bytes; 2 GB by default.
	MaxUncompressed int64
	// MaxEntries bounds the number of files in the archive; 100,000 by
	// default.
	MaxEntries int
	// MaxRatio bounds the compression ratio of an entry (uncompressed to
	// compressed size); 100 by default. Entries under 1 MiB uncompressed
	// are not checked: they cannot be a zip bomb.
	MaxRatio float64
}

// Defaults of ImportOptions.
const (
	DefaultMaxUncompressed = 2 << 30
	DefaultMaxEntries      = 100_000
	DefaultMaxRatio        = 100
)

// ratioFloor is the uncompressed size from which the ratio is checked.
const ratioFloor = 1 << 20

func (o ImportOptions) withDefaults() ImportOptions {
	if o.MaxUncompressed <= 0 {
		o.MaxUncompressed = DefaultMaxUncompressed
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = DefaultMaxEntries
	}
	if o.MaxRatio <= 0 {
		o.MaxRatio = DefaultMaxRatio
	}
	return o
}

// archive is a .qdpx file that passed the safety checks.
type archive struct {
	opt    ImportOptions
	files  map[string]*zip.File // lower-case name without the root folder -> entry
	root   string               // folder holding project.qde ("" or "name/")
	budget int64                // uncompressed bytes that may still be read
	warn   []string
}

// openArchive checks every entry before anything is read: no paths that
// climb out of the archive or are absolute, no symbolic links or other
// special files, no encryption, at most MaxEntries entries, declared
// sizes within MaxUncompressed, ratios within MaxRatio. Errors are
// EINVALID or ETOOLARGE.
func openArchive(r io.ReaderAt, size int64, opt ImportOptions) (*archive, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, coding.Errorf(coding.EINVALID, "not a REFI-QDA project: the file is not a zip archive (%v)", err)
	}
	if len(zr.File) > opt.MaxEntries {
		return nil, coding.Errorf(coding.ETOOLARGE, "the archive holds %d files; the limit is %d", len(zr.File), opt.MaxEntries)
	}
	a := &archive{opt: opt, files: map[string]*zip.File{}, budget: opt.MaxUncompressed}
	var total uint64
	for _, f := range zr.File {
		name, err := checkEntry(f, opt)
		if err != nil {
			return nil, err
		}
		total += f.UncompressedSize64
		if total > uint64(opt.MaxUncompressed) {
			return nil, coding.Errorf(coding.ETOOLARGE, "the archive unpacks to more than the limit of %s", unzip.SizeLabel(opt.MaxUncompressed))
		}
		if f.Mode().IsDir() || strings.HasSuffix(name, "/") {
			continue
		}
		key := strings.ToLower(name)
		if _, dup := a.files[key]; dup {
			a.warn = append(a.warn, fmt.Sprintf("the archive holds %q twice; the first copy was read", name))
			continue
		}
		a.files[key] = f
	}
	if err := a.findRoot(); err != nil {
		return nil, err
	}
	return a, nil
}

// checkEntry refuses an unsafe entry and returns its name with "/"
// separators.
func checkEntry(f *zip.File, opt ImportOptions) (string, error) {
	name := strings.ReplaceAll(f.Name, `\`, "/")
	switch {
	case strings.ContainsRune(name, 0):
		return "", coding.Errorf(coding.EINVALID, "unsafe archive: an entry name holds a NUL byte")
	case strings.HasPrefix(name, "/") || (len(name) >= 2 && name[1] == ':'):
		return "", coding.Errorf(coding.EINVALID, "unsafe archive: entry %q has an absolute path", f.Name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", coding.Errorf(coding.EINVALID, "unsafe archive: entry %q points outside the archive (..)", f.Name)
		}
	}
	mode := f.Mode()
	switch {
	case mode&fs.ModeSymlink != 0:
		return "", coding.Errorf(coding.EINVALID, "unsafe archive: entry %q is a symbolic link", f.Name)
	case mode&(fs.ModeDevice|fs.ModeNamedPipe|fs.ModeSocket|fs.ModeCharDevice|fs.ModeIrregular) != 0:
		return "", coding.Errorf(coding.EINVALID, "unsafe archive: entry %q is not a regular file", f.Name)
	case f.Flags&0x1 != 0:
		return "", coding.Errorf(coding.EINVALID, "entry %q is encrypted; export the project without a password", f.Name)
	case f.Method != zip.Store && f.Method != zip.Deflate:
		return "", coding.Errorf(coding.EINVALID, "entry %q uses compression method %d; only stored and deflated entries are read", f.Name, f.Method)
	}
	if f.UncompressedSize64 >= ratioFloor && float64(f.UncompressedSize64) > opt.MaxRatio*float64(max(f.CompressedSize64, 1)) {
		return "", coding.Errorf(coding.ETOOLARGE, "entry %q is compressed more than %g:1 (%d to %d bytes): refused as a possible zip bomb", f.Name, opt.MaxRatio, f.UncompressedSize64, f.CompressedSize64)
	}
	return name, nil
}

// findRoot locates project.qde: at the top of the archive, or in the one
// folder that holds everything (archives re-zipped by hand).
func (a *archive) findRoot() error {
	if _, ok := a.files[projectFile]; ok {
		return nil
	}
	var roots []string
	for key := range a.files {
		if dir, file := path.Split(key); file == projectFile && strings.Count(dir, "/") == 1 {
			roots = append(roots, dir)
		}
	}
	if len(roots) != 1 {
		return coding.Errorf(coding.EINVALID, "not a REFI-QDA project: the archive holds no project.qde")
	}
	a.root = roots[0]
	return nil
}

// entry returns the file at name (relative to the root, any case).
func (a *archive) entry(name string) (*zip.File, bool) {
	f, ok := a.files[strings.ToLower(a.root+strings.TrimPrefix(name, "/"))]
	return f, ok
}

// internal resolves a reference such as internal://abc.txt to its entry
// under sources/ (or, leniently, at the root). ok is false for paths
// outside the archive (relative://, absolute://, file:) and for missing
// entries; where tells which, for the report.
func (a *archive) internal(ref string) (f *zip.File, where string, ok bool) {
	ref = strings.TrimSpace(strings.ReplaceAll(ref, `\`, "/"))
	lower := strings.ToLower(ref)
	if !strings.HasPrefix(lower, internalPrefix) {
		return nil, fmt.Sprintf("its file %q is outside the archive; Tessera reads only files inside the .qdpx", ref), false
	}
	name := ref[len(internalPrefix):]
	candidates := []string{sourcesDir + name, name}
	if un, err := url.PathUnescape(name); err == nil && un != name {
		candidates = append(candidates, sourcesDir+un, un)
	}
	for _, c := range candidates {
		if strings.Contains("/"+c+"/", "/../") {
			continue
		}
		if f, ok := a.entry(c); ok {
			return f, "", true
		}
	}
	return nil, fmt.Sprintf("its file %s is missing from the archive", sourcesDir+name), false
}

// read returns an entry's content, enforcing the declared size, the
// remaining size budget and the compression ratio while reading.
func (a *archive) read(f *zip.File) ([]byte, error) {
	limit := min(int64(f.UncompressedSize64), a.budget)
	rc, err := f.Open()
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "archive entry %q cannot be read: %v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	switch {
	case errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum):
		// archive/zip also stops at the declared size.
		return nil, coding.Errorf(coding.EINVALID, "archive entry %q is damaged or larger than the archive declares: refused", f.Name)
	case err != nil:
		return nil, coding.Errorf(coding.EINVALID, "archive entry %q cannot be read: %v", f.Name, err)
	}
	n := int64(len(data))
	switch {
	case n > a.budget:
		return nil, coding.Errorf(coding.ETOOLARGE, "the archive unpacks to more than the limit of %s", unzip.SizeLabel(a.opt.MaxUncompressed))
	case n > int64(f.UncompressedSize64):
		return nil, coding.Errorf(coding.EINVALID, "archive entry %q is larger than the archive declares: refused as a possible zip bomb", f.Name)
	case n >= ratioFloor && float64(n) > a.opt.MaxRatio*float64(max(f.CompressedSize64, 1)):
		return nil, coding.Errorf(coding.ETOOLARGE, "entry %q is compressed more than %g:1: refused as a possible zip bomb", f.Name, a.opt.MaxRatio)
	}
	a.budget -= n
	return data, nil
}
