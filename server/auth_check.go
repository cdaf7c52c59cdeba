package server

import (
	"bytes"
	"crypto/subtle"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// authorize applies the route's rule in team mode: the CSRF token of a
// signed-in session on changes, then the permission, then the checks that
// keep coders to their own quotes, memos and changes. Solo mode admits
// everything: the local user owns every project.
func (s *Server) authorize(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		a := accessOf(c)
		r, ok := s.ruleOf(c)
		if a.solo {
			a.role = coding.RoleOwner
			return next(c)
		}
		if !ok {
			if s.auth.routes[c.Request().Method+" "+c.Path()] {
				return coding.Errorf(coding.EFORBIDDEN, "this route has no access rule yet, so team mode refuses it")
			}
			return next(c) // no route: 404, 405 or OPTIONS answers
		}
		if r.service && s.serviceToken(c) {
			a.name, a.admin = "service", true
			return next(c)
		}
		if a.session != nil && !r.noCSRF {
			if err := checkCSRF(c, a.session); err != nil {
				return err
			}
		}
		if r.perm == permPublic {
			return next(c)
		}
		if a.user == nil {
			return coding.Errorf(coding.EUNAUTHORIZED, "sign in to use this Tessera server")
		}
		switch r.perm {
		case permUser:
		case permAdmin:
			if !a.admin {
				return coding.Errorf(coding.EFORBIDDEN, "only administrators may do this")
			}
		default:
			if err := s.checkProject(c, a, r); err != nil {
				return err
			}
		}
		if r.createsProject {
			s.ownNewProjects(c, a)
		}
		return next(c)
	}
}

// serviceToken reports whether the request carries Config.ServiceToken.
func (s *Server) serviceToken(c echo.Context) bool {
	tok, ok := strings.CutPrefix(c.Request().Header.Get(echo.HeaderAuthorization), "Bearer ")
	return ok && s.cfg.ServiceToken != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.ServiceToken)) == 1
}

// checkProject finds the user's role in the route's project and checks it
// against the rule.
func (s *Server) checkProject(c echo.Context, a *access, r rule) error {
	ctx, pid := c.Request().Context(), c.Param("pid")
	if a.admin {
		a.role = coding.RoleOwner
	} else {
		m, err := s.cfg.Access.FindMember(ctx, pid, a.name)
		if coding.ErrorCode(err) == coding.ENOTFOUND {
			return coding.Errorf(coding.EFORBIDDEN, "you are not a member of this project; its owner can add you")
		} else if err != nil {
			return err
		}
		a.role = m.Role
	}
	switch role := a.role; r.perm {
	case permCode:
		if role == coding.RoleViewer {
			return coding.Errorf(coding.EFORBIDDEN, "viewers cannot code; the project's owner can make you a coder")
		}
	case permCodebook:
		if role == coding.RoleViewer {
			return coding.Errorf(coding.EFORBIDDEN, "viewers cannot change the codebook")
		}
		if role == coding.RoleCoder {
			pa, err := s.cfg.Access.FindProjectAccess(ctx, pid)
			if err != nil {
				return err
			}
			if pa.CodebookLocked {
				return coding.Errorf(coding.EFORBIDDEN, "the codebook is locked by the project's owner")
			}
		}
	case permReview:
		if role == coding.RoleCoder {
			return coding.Errorf(coding.EFORBIDDEN, "agreement and disagreements are for owners and viewers, so coders stay independent")
		}
	case permOwner:
		if role != coding.RoleOwner {
			return coding.Errorf(coding.EFORBIDDEN, "only the project's owners may do this")
		}
	}
	if r.selfAudit && a.role != coding.RoleOwner {
		// Members other than owners see their own changes only.
		q := c.QueryParams()
		q.Set("actor", a.name)
		c.Request().URL.RawQuery = q.Encode()
	}
	if a.role == coding.RoleCoder && r.own != "" {
		return s.checkOwn(c, a, r.own)
	}
	return nil
}

// checkOwn refuses a coder's change to another coder's quote or memo, or
// the undoing of another person's change. Missing entities pass, for the
// handler to answer 404.
func (s *Server) checkOwn(c echo.Context, a *access, kind string) error {
	ctx, pid := c.Request().Context(), c.Param("pid")
	switch kind {
	case "quote":
		q, err := s.cfg.Store.FindQuote(ctx, pid, c.Param("qid"))
		if err == nil && q.Coder != a.name {
			return coding.Errorf(coding.EFORBIDDEN, "this quote is %s's; coders change only their own quotes", q.Coder)
		}
	case "memo":
		m, err := s.cfg.Store.FindMemo(ctx, pid, c.Param("mid"))
		if err == nil && m.Author != a.name {
			return coding.Errorf(coding.EFORBIDDEN, "this memo is %s's; coders change only their own memos", m.Author)
		}
	case "undo":
		// Peek at the body's seq, leaving the body for the handler.
		req := c.Request()
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		// Decoded as the handler decodes it, so both read the same seq.
		var u undoRequest
		if unmarshalStrict(body, &u) != nil || u.Seq == 0 {
			return nil
		}
		es, err := s.cfg.Store.ListAudit(ctx, pid, coding.AuditFilter{Before: u.Seq + 1, Limit: 1})
		if err == nil && len(es) == 1 && es[0].Seq == u.Seq && es[0].Actor != a.name {
			return coding.Errorf(coding.EFORBIDDEN, "change %d was made by %s; coders undo only their own changes", u.Seq, es[0].Actor)
		}
	}
	return nil
}

// ownNewProjects makes the signed-in user the owner of the projects the
// request creates. It runs just before the answer is written, so the
// client never sees a project it does not own yet: the projects then
// present, created by the user and without members, get the user as
// owner.
func (s *Server) ownNewProjects(c echo.Context, a *access) {
	ctx := c.Request().Context()
	before := map[string]bool{}
	ps, err := s.cfg.Store.ListProjects(ctx)
	if err != nil {
		s.log.Error("cannot list projects", "err", err)
		return
	}
	for _, p := range ps {
		before[p.ID] = true
	}
	c.Response().Before(func() {
		if c.Response().Status >= http.StatusBadRequest {
			return
		}
		ps, err := s.cfg.Store.ListProjects(ctx)
		if err != nil {
			s.log.Error("cannot list projects", "err", err)
			return
		}
		for _, p := range ps {
			if before[p.ID] {
				continue
			}
			es, err := s.cfg.Store.ListAudit(ctx, p.ID, coding.AuditFilter{Op: "create_project", Limit: 1})
			if err != nil || len(es) == 0 || es[0].Actor != a.name {
				continue
			}
			m := &coding.Member{ProjectID: p.ID, Username: a.name, Role: coding.RoleOwner}
			if err := s.cfg.Access.PutMember(coding.WithActor(ctx, a.name), m); err != nil {
				s.log.Error("cannot make the creator the project's owner", "project", p.ID, "user", a.name, "err", err)
			}
		}
	})
}
