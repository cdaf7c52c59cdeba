package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/refi"
)

func (s *Server) registerQDPXRoutes(g *routes) {
	g.POST("/projects/qdpx", s.handleImportQDPX, rule{perm: permUser, createsProject: true})
}

// qdpxResult is the answer of POST /api/v1/projects/qdpx.
type qdpxResult struct {
	Project *coding.Project    `json:"project"`
	Report  *refi.ImportReport `json:"report"`
}

// handleImportQDPX answers POST /api/v1/projects/qdpx: a multipart upload
// of one REFI-QDA project (`file`: a .qdpx archive or a bare project.qde,
// and an optional `name` for the new project) becomes a new project. The
// answer lists what was imported and every element that was skipped,
// with the reason.
func (s *Server) handleImportQDPX(c echo.Context) error {
	form, err := readUploadForm(c.Request(), "", "name")
	if err != nil {
		if coding.ErrorCode(err) == coding.EINVALID {
			return coding.Errorf(coding.EINVALID, "send the .qdpx or .qde file as the multipart field \"file\"")
		}
		return err
	}
	defer form.Close()
	// The archive is read at random positions from its spooled file.
	f, size, err := form.open(0)
	if err != nil {
		return err
	}
	defer f.Close()
	release, err := s.inflating(c.Request().Context())
	if err != nil {
		return err
	}
	defer release()
	p, rep, err := refi.Import(c.Request().Context(), s.cfg.Store, form.Fields["name"], f, size, refi.ImportOptions{})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, qdpxResult{Project: p, Report: rep})
}
