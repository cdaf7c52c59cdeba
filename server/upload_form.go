package server

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"tessera/coding"
	"tessera/coding/importer"
)

// maxFieldBytes bounds the text fields of an upload form.
const maxFieldBytes = 4 << 10

// uploadForm is a multipart upload read part by part: each file part
// is spooled to a temporary file as it arrives, so that no upload is held
// in memory whole and the body limit (413) is met while streaming. Close
// removes the files.
type uploadForm struct {
	// Files are the "file" parts, in order, with Path set.
	Files []importer.File
	// Fields holds the text fields, trimmed.
	Fields map[string]string
	dir    string
}

// Close removes the spooled files.
func (f *uploadForm) Close() error {
	if f.dir == "" {
		return nil
	}
	return os.RemoveAll(f.dir)
}

// readUploadForm reads a multipart form of "file" parts and the text
// fields named in fields. Any other field is refused with a message
// ending in hint (what the route takes), or skipped when hint is empty. The caller closes the form; on error nothing is left
// on disk.
func readUploadForm(req *http.Request, hint string, fields ...string) (form *uploadForm, err error) {
	mr, err := req.MultipartReader()
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "malformed multipart upload: %v", err)
	}
	spooled := &uploadForm{Fields: map[string]string{}}
	defer func() {
		if err != nil {
			spooled.Close()
		}
	}()
	form = spooled
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, uploadReadError(err)
		}
		switch name := part.FormName(); {
		case name == "file":
			if err := form.spool(part); err != nil {
				return nil, err
			}
		case slices.Contains(fields, name):
			b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes))
			if err != nil {
				return nil, uploadReadError(err)
			}
			form.Fields[name] = strings.TrimSpace(string(b))
		case hint == "":
			// Other fields are ignored: closing the part skips them.
		default:
			return nil, coding.Errorf(coding.EINVALID, "unknown form field %q (%s)", name, hint)
		}
		part.Close()
	}
	if len(form.Files) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "the upload holds no \"file\" part")
	}
	return form, nil
}

// spool copies a file part to a new temporary file.
func (f *uploadForm) spool(part *multipart.Part) error {
	name := part.FileName()
	if name == "" {
		return coding.Errorf(coding.EINVALID, "a file part has no file name; the name's extension tells the format")
	}
	if f.dir == "" {
		dir, err := os.MkdirTemp("", "tessera-upload-*")
		if err != nil {
			return err
		}
		f.dir = dir
	}
	path := filepath.Join(f.dir, strconv.Itoa(len(f.Files)))
	out, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	src := &partReader{r: part}
	_, err = io.Copy(out, src)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if src.err != nil {
		return uploadReadError(src.err) // the client: over the limit, cut off or malformed
	}
	if err != nil {
		return err // the disk
	}
	f.Files = append(f.Files, importer.File{Name: name, Path: path})
	return nil
}

// open opens the i-th spooled file for reading at random positions and
// returns its size. The caller closes it.
func (f *uploadForm) open(i int) (*os.File, int64, error) {
	fh, err := os.Open(f.Files[i].Path)
	if err != nil {
		return nil, 0, err
	}
	fi, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, 0, err
	}
	return fh, fi.Size(), nil
}

// uploadReadError passes on the body limit (413) and reports any other
// failure to read the form as malformed.
func uploadReadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return coding.Errorf(coding.EINVALID, "malformed multipart upload: %v", err)
}

// partReader remembers the error of reading a part, to tell the
// client's failures from the disk's.
type partReader struct {
	r   io.Reader
	err error
}

func (p *partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if err != nil && err != io.EOF {
		p.err = err
	}
	return n, err
}
