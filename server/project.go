package server

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerProjectRoutes(g *routes) {
	g.POST("/projects", s.handleCreateProject, rule{perm: permUser, createsProject: true})
	g.GET("/projects", s.handleListProjects, rule{perm: permUser})
	g.GET("/projects/:pid", s.handleGetProject, rule{perm: permRead})
	g.PATCH("/projects/:pid", s.handleUpdateProject, rule{perm: permOwner})
	g.DELETE("/projects/:pid", s.handleDeleteProject, rule{perm: permOwner})
}

// projectRequest is the body of POST /api/v1/projects.
type projectRequest struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Language    string `json:"language"`
}

// handleCreateProject answers POST /api/v1/projects {name, description,
// language} with 201 and the new project.
func (s *Server) handleCreateProject(c echo.Context) error {
	var req projectRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p := &coding.Project{Name: req.Name, Description: req.Description, Language: req.Language}
	if err := s.cfg.Store.CreateProject(c.Request().Context(), p); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, p)
}

// handleListProjects answers GET /api/v1/projects with every project the
// caller may open (in team mode: those they are a member of).
func (s *Server) handleListProjects(c echo.Context) error {
	ps, err := s.cfg.Store.ListProjects(c.Request().Context())
	if err != nil {
		return err
	}
	if ps, err = s.visibleProjects(c, ps); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(ps))
}

// handleGetProject answers GET /api/v1/projects/{pid}.
func (s *Server) handleGetProject(c echo.Context) error {
	p, err := s.cfg.Store.FindProject(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(http.StatusOK, p)
}

// handleUpdateProject answers PATCH /api/v1/projects/{pid} {name,
// description, language} (each optional) with the changed project; 412
// with the current one when If-Match names an outdated version.
func (s *Server) handleUpdateProject(c echo.Context) error {
	var u coding.ProjectUpdate
	if err := decodeJSON(c, &u); err != nil {
		return err
	}
	// A project's ID is both the project and the entity updated.
	update := func(ctx context.Context, pid, _ string) (*coding.Project, error) {
		return s.cfg.Store.UpdateProject(ctx, pid, u)
	}
	find := func(ctx context.Context, pid, _ string) (*coding.Project, error) {
		return s.cfg.Store.FindProject(ctx, pid)
	}
	return updateVersioned(s, c, "project", "pid", &u.IfVersion, update, find, func(p *coding.Project) int { return p.Version })
}

// handleDeleteProject answers DELETE /api/v1/projects/{pid}?confirm=true
// with 204. Without confirm=true it refuses with 409: deleting a project
// removes everything in it.
func (s *Server) handleDeleteProject(c echo.Context) error {
	ctx := c.Request().Context()
	confirm, err := queryBool(c, "confirm", false)
	if err != nil {
		return err
	}
	p, err := s.cfg.Store.FindProject(ctx, c.Param("pid"))
	if err != nil {
		return err
	}
	if !confirm {
		return coding.Errorf(coding.ECONFLICT, "deleting project %q removes all its cases, documents, codes, quotes and memos; repeat with ?confirm=true", p.Name)
	}
	if err := s.cfg.Store.DeleteProject(ctx, p.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// nonNil returns an empty list for a nil one, so lists encode as [].
func nonNil[T any](items []T) []T {
	if items == nil {
		return []T{}
	}
	return items
}
