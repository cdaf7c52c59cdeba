package server

import (
	"net/http"
	"sort"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerTeamRoutes(g *routes) {
	g.GET("/projects/:pid/access", s.handleProjectAccess, rule{perm: permRead})
	g.GET("/projects/:pid/members", s.handleListMembers, rule{perm: permRead})
	g.PUT("/projects/:pid/members/:user", s.handlePutMember, rule{perm: permOwner})
	g.DELETE("/projects/:pid/members/:user", s.handleDeleteMember, rule{perm: permOwner})
	g.PUT("/projects/:pid/codebook/lock", s.handleLockCodebook, rule{perm: permOwner})
	s.registerAssignmentRoutes(g)
	s.registerAgreementRoutes(g)
	s.registerConsensusRoutes(g)
	s.registerAuditExportRoutes(g)
}

// accessView is the answer of GET /projects/{pid}/access: what the caller
// may do in the project.
type accessView struct {
	Username string      `json:"username"`
	Mode     string      `json:"mode"`
	Role     coding.Role `json:"role"`
	Admin    bool        `json:"admin"`
	// CodebookLocked keeps coders from changing the codebook.
	CodebookLocked bool `json:"codebook_locked"`
	// Independent lists the documents on which the caller codes
	// independently and sees only their own quotes.
	Independent []string `json:"independent_documents"`
}

// handleProjectAccess answers GET /api/v1/projects/{pid}/access with the
// caller's role, whether the codebook is locked, and the documents the
// caller codes independently.
func (s *Server) handleProjectAccess(c echo.Context) error {
	a, pid := accessOf(c), c.Param("pid")
	ctx := c.Request().Context()
	if _, err := s.cfg.Store.FindProject(ctx, pid); err != nil {
		return err
	}
	v := accessView{Username: a.name, Mode: "team", Role: a.role, Admin: a.admin, Independent: []string{}}
	if a.solo {
		v.Mode = "solo"
	}
	if s.cfg.Access != nil {
		pa, err := s.cfg.Access.FindProjectAccess(ctx, pid)
		if err != nil {
			return err
		}
		v.CodebookLocked = pa.CodebookLocked
	}
	sc, err := s.scopeOf(c, pid)
	if err != nil {
		return err
	}
	for doc := range sc.hiddenDocs {
		v.Independent = append(v.Independent, doc)
	}
	sort.Strings(v.Independent)
	return c.JSON(http.StatusOK, v)
}

// handleListMembers answers GET /api/v1/projects/{pid}/members with the
// project's members {username, role, created_at, updated_at}.
func (s *Server) handleListMembers(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	ms, err := s.cfg.Access.ListMembers(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(ms))
}

// memberRequest is the body of PUT /members/{user}.
type memberRequest struct {
	Role coding.Role `json:"role"`
}

// handlePutMember answers PUT /api/v1/projects/{pid}/members/{user}
// {role} with the membership: the user gets the role owner, coder or
// viewer. It answers 422 for a missing or disabled account and 409 when
// the project would lose its last owner.
func (s *Server) handlePutMember(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	var req memberRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	m := &coding.Member{ProjectID: c.Param("pid"), Username: c.Param("user"), Role: req.Role}
	if err := s.cfg.Access.PutMember(c.Request().Context(), m); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, m)
}

// handleDeleteMember answers DELETE /api/v1/projects/{pid}/members/{user}
// with 204; 409 for the last owner. The member's quotes stay.
func (s *Server) handleDeleteMember(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	if err := s.cfg.Access.DeleteMember(c.Request().Context(), c.Param("pid"), c.Param("user")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// lockRequest is the body of PUT /codebook/lock.
type lockRequest struct {
	Locked *bool `json:"locked"`
}

// handleLockCodebook answers PUT /api/v1/projects/{pid}/codebook/lock
// {locked} with the project's team settings {codebook_locked, ...}.
func (s *Server) handleLockCodebook(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	var req lockRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Locked == nil {
		return coding.Errorf(coding.EINVALID, "locked is required (true or false)")
	}
	pa, err := s.cfg.Access.LockCodebook(c.Request().Context(), c.Param("pid"), *req.Locked)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pa)
}

// visibleProjects keeps the projects the caller is a member of; solo
// users and administrators see them all.
func (s *Server) visibleProjects(c echo.Context, ps []*coding.Project) ([]*coding.Project, error) {
	a := accessOf(c)
	if a.solo || a.admin {
		return ps, nil
	}
	ms, err := s.cfg.Access.ListMemberships(c.Request().Context(), a.name)
	if err != nil {
		return nil, err
	}
	member := map[string]bool{}
	for _, m := range ms {
		member[m.ProjectID] = true
	}
	out := make([]*coding.Project, 0, len(ms))
	for _, p := range ps {
		if member[p.ID] {
			out = append(out, p)
		}
	}
	return out, nil
}
