package server

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/export"
)

func (s *Server) registerModelRoutes(g *routes) {
	g.POST("/projects/:pid/models", s.handleCreateModel, rule{perm: permCodebook})
	g.GET("/projects/:pid/models", s.handleListModels, rule{perm: permRead})
	g.GET("/projects/:pid/models/:mid", s.handleGetModel, rule{perm: permRead})
	g.PATCH("/projects/:pid/models/:mid", s.handleUpdateModel, rule{perm: permCodebook})
	g.DELETE("/projects/:pid/models/:mid", s.handleDeleteModel, rule{perm: permCodebook})
	g.GET("/projects/:pid/models/:mid/export/:format", s.handleExportModel, rule{perm: permRead})
}

// modelRequest is the body of POST /models.
type modelRequest struct {
	Name   string              `json:"name"`
	Boxes  []coding.ModelBox   `json:"boxes"`
	Frames []coding.ModelFrame `json:"frames"`
	Arrows []coding.ModelArrow `json:"arrows"`
}

// handleCreateModel answers POST /api/v1/projects/{pid}/models {name,
// boxes, frames, arrows} (all but name optional) with 201 and the model,
// its boxes labelled.
func (s *Server) handleCreateModel(c echo.Context) error {
	var req modelRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	m := &coding.Model{ProjectID: c.Param("pid"), Name: req.Name, Boxes: req.Boxes, Frames: req.Frames, Arrows: req.Arrows}
	if err := s.cfg.Store.CreateModel(c.Request().Context(), m); err != nil {
		return err
	}
	setETag(c, m.Version)
	return c.JSON(http.StatusCreated, m)
}

// handleListModels answers GET /api/v1/projects/{pid}/models with the
// project's models, oldest first, their boxes labelled from the codebook.
func (s *Server) handleListModels(c echo.Context) error {
	ms, err := s.cfg.Store.ListModels(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(ms))
}

// handleGetModel answers GET /api/v1/projects/{pid}/models/{mid} with the
// model and its version as ETag.
func (s *Server) handleGetModel(c echo.Context) error {
	m, err := s.cfg.Store.FindModel(c.Request().Context(), c.Param("pid"), c.Param("mid"))
	if err != nil {
		return err
	}
	setETag(c, m.Version)
	return c.JSON(http.StatusOK, m)
}

// handleUpdateModel answers PATCH /api/v1/projects/{pid}/models/{mid}
// {name, boxes, frames, arrows} (each optional; lists replace the
// model's) with the model. If-Match with an outdated version: 412 with
// the current model.
func (s *Server) handleUpdateModel(c echo.Context) error {
	var u coding.ModelUpdate
	if err := decodeJSON(c, &u); err != nil {
		return err
	}
	update := func(ctx context.Context, pid, id string) (*coding.Model, error) {
		return s.cfg.Store.UpdateModel(ctx, pid, id, u)
	}
	return updateVersioned(s, c, "model", "mid", &u.IfVersion, update, s.cfg.Store.FindModel, func(m *coding.Model) int { return m.Version })
}

// handleDeleteModel answers DELETE /api/v1/projects/{pid}/models/{mid}
// with 204.
func (s *Server) handleDeleteModel(c echo.Context) error {
	if err := s.cfg.Store.DeleteModel(c.Request().Context(), c.Param("pid"), c.Param("mid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// handleExportModel answers GET /api/v1/projects/{pid}/models/{mid}/export/
// {format} with the model drawn as svg, png, pdf, pptx or drawio (or the
// full name, model-pptx), as an attachment named after the model.
func (s *Server) handleExportModel(c echo.Context) error {
	name := strings.ToLower(c.Param("format"))
	if !strings.HasPrefix(name, "model-") {
		name = "model-" + name
	}
	format, ok := export.FormatByName(name)
	if !ok {
		return coding.Errorf(coding.ENOTFOUND, "unknown model format %q (known: svg, png, pdf, pptx, drawio)", c.Param("format"))
	}
	m, err := s.cfg.Store.FindModel(c.Request().Context(), c.Param("pid"), c.Param("mid"))
	if err != nil {
		return err
	}
	snap := &coding.Snapshot{Project: &coding.Project{ID: m.ProjectID}, Models: []*coding.Model{m}}
	var buf bytes.Buffer
	if err := export.Export(&buf, snap, format.Name, export.Options{Model: m.ID}); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, attachment(m.Name+format.Ext))
	h.Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, format.MediaType, buf.Bytes())
}
