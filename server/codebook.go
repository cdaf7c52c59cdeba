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
	form, err := readUploadForm(c.Request(), "send \"file\" parts and an optional \"case\"", "case")
	if err != nil {
		return err
	}
	defer form.Close()
	if form.Fields["case"] != "" || len(form.Files) != 1 {
		return coding.Errorf(coding.EINVALID, "send exactly one \"file\" part and no other field")
	}
	file := form.Files[0]
	f, size, err := form.open(0)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := f.ReadAt(head, 0)
	if strings.HasSuffix(strings.ToLower(file.Name), ".xlsx") || bytes.HasPrefix(head[:n], []byte("PK\x03\x04")) {
		// Refuse workbooks that would unpack to more than a codebook
		// needs before the spreadsheet reader inflates them.
		if _, err := unzip.OpenReaderAt(f, size, "codebook (.xlsx)", unzip.Workbook); err != nil {
			return err
		}
	}
	release, err := s.inflating(c.Request().Context())
	if err != nil {
		return err
	}
	defer release()
	cb, err := codebook.ReadAt(file.Name, f, size)
	if err != nil {
		return err
	}
	rep, err := codebook.Apply(c.Request().Context(), s.cfg.Store, c.Param("pid"), cb)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}
