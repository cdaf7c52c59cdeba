package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/importer"
)

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
	form, err := readUploadForm(c.Request(), "send \"file\" parts and an optional \"case\"", "case")
	if err != nil {
		return err
	}
	defer form.Close()
	files, caseRef := form.Files, form.Fields["case"]
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
