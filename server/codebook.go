package server

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/codebook"
	"tessera/coding/unzip"
)

func (s *Server) registerCodebookRoutes(g *routes) {
	g.POST("/projects/:pid/codebook", s.handleImportCodebook, rule{perm: permCodebook})
}

// handleImportCodebook answers POST /api/v1/projects/{pid}/codebook, a
// multipart upload of one "file" part (a codebook as CSV or XLSX with the
// columns of codebook-csv, REFI-QDA .qdc, or the codebook of a .qdpx
// project), with the report of what was
// created, matched and skipped. Entries that match existing codes update
// them; the others are created.
func (s *Server) handleImportCodebook(c echo.Context) error {
	ct := strings.ToLower(c.Request().Header.Get(echo.HeaderContentType))
	if !strings.HasPrefix(ct, "multipart/form-data") {
		return echo.NewHTTPError(http.StatusUnsupportedMediaType, "send the codebook as a multipart upload with one \"file\" part")
	}
	files, caseRef, err := readUploadForm(c.Request())
	if err != nil {
		return err
	}
	if caseRef != "" || len(files) != 1 {
		return coding.Errorf(coding.EINVALID, "send exactly one \"file\" part and no other field")
	}
	if data := files[0].Data; strings.HasSuffix(strings.ToLower(files[0].Name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		// Refuse workbooks that would unpack to more than a codebook
		// needs before the spreadsheet reader inflates them.
		if _, err := unzip.Open(data, "codebook (.xlsx)", unzip.Workbook); err != nil {
			return err
		}
	}
	release, err := s.inflating(c.Request().Context())
	if err != nil {
		return err
	}
	defer release()
	cb, err := codebook.Read(files[0].Name, files[0].Data)
	if err != nil {
		return err
	}
	rep, err := codebook.Apply(c.Request().Context(), s.cfg.Store, c.Param("pid"), cb)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}
