package server

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/importer"
)

// maxFieldBytes bounds the text fields of an upload form.
const maxFieldBytes = 4 << 10

// handleUpload answers POST /api/v1/projects/{pid}/documents with a
// multipart body: one or more "file" parts and an optional "case" field
// (a case ID or name; a new name creates the case) [?allow_duplicates=true].
// Each file is imported on its own; the answer is the import report:
// 201 when every file was imported, 207 when some were. When none was,
// the answer is an error naming each file: the status of their common
// error code (400 unreadable, 409 duplicate, 413 too large) or 422 when
// they differ. A failed file never changes stored data.
func (s *Server) handleUpload(c echo.Context) error {
	allowDups, err := queryBool(c, "allow_duplicates", false)
	if err != nil {
		return err
	}
	files, caseRef, err := readUploadForm(c.Request())
	if err != nil {
		return err
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	if caseRef != "" {
		// The importer takes case names; turn a case ID into its name.
		if cs, err := s.cfg.Store.FindCase(ctx, pid, caseRef); err == nil {
			caseRef = cs.Name
		}
		for i := range files {
			files[i].Case = caseRef
		}
	}
	release, err := s.inflating(ctx)
	if err != nil {
		return err
	}
	defer release()
	im := &importer.Importer{Store: s.cfg.Store, Coder: s.coder(c), AllowDuplicates: allowDups}
	rep, err := im.Import(ctx, pid, files)
	if err != nil {
		return err
	}
	switch {
	case rep.Imported == len(rep.Files):
		return c.JSON(http.StatusCreated, rep)
	case rep.Imported > 0:
		return c.JSON(http.StatusMultiStatus, rep)
	}
	return uploadError(rep)
}

// uploadError describes an upload of which no file was imported.
func uploadError(rep *importer.BatchReport) error {
	code := ""
	msgs := make([]string, 0, len(rep.Files))
	for i, f := range rep.Files {
		if i == 0 {
			code = f.ErrorCode
		} else if f.ErrorCode != code {
			code = coding.EUNPROCESSABLE
		}
		msgs = append(msgs, f.File+": "+f.Error)
	}
	if _, ok := statusOf[code]; !ok {
		code = coding.EUNPROCESSABLE
	}
	if len(msgs) == 1 {
		return coding.Errorf(code, "%s", msgs[0])
	}
	return coding.Errorf(code, "none of the %d files was imported: %s", len(msgs), strings.Join(msgs, "; "))
}

// readUploadForm reads the files and the case field of a multipart form,
// streaming it part by part.
func readUploadForm(req *http.Request) ([]importer.File, string, error) {
	mr, err := req.MultipartReader()
	if err != nil {
		return nil, "", coding.Errorf(coding.EINVALID, "malformed multipart upload: %v", err)
	}
	var files []importer.File
	caseRef := ""
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", uploadReadError(err)
		}
		switch part.FormName() {
		case "file":
			name := part.FileName()
			if name == "" {
				return nil, "", coding.Errorf(coding.EINVALID, "a file part has no file name; the name's extension tells the format")
			}
			data, err := io.ReadAll(part)
			if err != nil {
				return nil, "", uploadReadError(err)
			}
			files = append(files, importer.File{Name: name, Data: data})
		case "case":
			b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes))
			if err != nil {
				return nil, "", uploadReadError(err)
			}
			caseRef = strings.TrimSpace(string(b))
		default:
			return nil, "", coding.Errorf(coding.EINVALID, "unknown form field %q (send \"file\" parts and an optional \"case\")", part.FormName())
		}
		part.Close()
	}
	if len(files) == 0 {
		return nil, "", coding.Errorf(coding.EINVALID, "the upload holds no \"file\" part")
	}
	return files, caseRef, nil
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
