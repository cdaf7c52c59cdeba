package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// Versions and conflicts: projects, cases, documents, codes, memos and
// quotes carry a version; single-entity answers name it in an ETag, and
// an update with If-Match is refused (412, with the current entity) when
// the entity has moved on. See docs/events.md.

// setETag names the version of the entity in the answer.
func setETag(c echo.Context, version int) {
	c.Response().Header().Set("ETag", `"`+strconv.Itoa(version)+`"`)
}

// ifMatch returns the version the request's If-Match header names, 0
// when it names none (absent, or "*": any version).
func ifMatch(c echo.Context) (int, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	v := strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, coding.Errorf(coding.EINVALID, "If-Match %s does not name a version; send the ETag of the entity you edit, such as \"3\"", h)
	}
	return n, nil
}

// staleError refuses an update made from an outdated copy: the error
// handler answers 412 with the message and the current entity.
type staleError struct {
	msg     string
	current any
}

func (e *staleError) Error() string { return e.msg }

// stale turns the store's ESTALE into a staleError carrying the entity as
// find reads it now and who changed it last; other errors pass.
func (s *Server) stale(c echo.Context, err error, pid, kind, id string, find func() (any, error)) error {
	if coding.ErrorCode(err) != coding.ESTALE {
		return err
	}
	current, ferr := find()
	if ferr != nil {
		return ferr
	}
	return &staleError{msg: s.lastEditor(c, pid, kind, id) + " since you started editing", current: current}
}

// updateVersioned answers the PATCH of a versioned entity of kind, the
// one route parameter idParam names. It takes the version If-Match names
// into *ifVersion (the IfVersion of the update that update stores), and
// answers the updated entity with its version as ETag. An update made
// from an outdated version answers 412 with the entity as find reads it
// now.
func updateVersioned[T any](s *Server, c echo.Context, kind, idParam string, ifVersion *int,
	update, find func(ctx context.Context, pid, id string) (T, error), version func(T) int) error {
	var err error
	if *ifVersion, err = ifMatch(c); err != nil {
		return err
	}
	ctx, pid, id := c.Request().Context(), c.Param("pid"), c.Param(idParam)
	v, err := update(ctx, pid, id)
	if err != nil {
		return s.stale(c, err, pid, kind, id, func() (any, error) { return find(ctx, pid, id) })
	}
	setETag(c, version(v))
	return c.JSON(http.StatusOK, v)
}

// getVisible answers the GET of a versioned entity of kind that team mode
// may hide from the reader (a quote or memo of independent coding): find
// reads it, the one named by route parameter idParam, and visible keeps
// it when the reader may see it; otherwise the answer is 404.
func getVisible[T any](c echo.Context, kind, idParam string, find func(ctx context.Context, pid, id string) (T, error),
	visible func(c echo.Context, pid string, vs []T) ([]T, error), version func(T) int) error {
	pid, id := c.Param("pid"), c.Param(idParam)
	v, err := find(c.Request().Context(), pid, id)
	if err != nil {
		return err
	}
	if vis, err := visible(c, pid, []T{v}); err != nil {
		return err
	} else if len(vis) == 0 {
		return coding.Errorf(coding.ENOTFOUND, "%s %q not found", kind, id)
	}
	setETag(c, version(v))
	return c.JSON(http.StatusOK, v)
}

// lastEditor names who made the latest change to entity kind/id, for the
// message of a conflict.
func (s *Server) lastEditor(c echo.Context, pid, kind, id string) string {
	es, err := s.cfg.Store.ListAudit(c.Request().Context(), pid, coding.AuditFilter{Kind: kind, Limit: 200})
	if err != nil {
		s.log.Warn("cannot read the audit trail", "project", pid, "err", err)
	}
	for _, e := range es {
		for _, ch := range e.Changes {
			if ch.Kind != kind || ch.ID != id {
				continue
			}
			if e.Actor == s.coder(c) {
				return fmt.Sprintf("You changed this %s in another tab or window", kind)
			}
			return fmt.Sprintf("%s changed this %s", e.Actor, kind)
		}
	}
	return fmt.Sprintf("Someone changed this %s", kind)
}
