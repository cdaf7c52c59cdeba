package server

import (
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerSearchRoutes(g *routes) {
	g.GET("/projects/:pid/search", s.handleSearch, rule{perm: permRead})
	g.GET("/projects/:pid/search/export", s.handleSearchExport, rule{perm: permRead})
	g.POST("/projects/:pid/search/code", s.handleAutoCode, rule{perm: permCode})
}

// errNoSearch answers the search routes of a server without an index.
var errNoSearch = echo.NewHTTPError(http.StatusServiceUnavailable, "search is not available")

// searchFilters are the query parameters that filter hits; "facet:NAME",
// "attr:NAME" and "iattr:NAME" filter by a facet value, a case attribute
// or an informant attribute.
var searchFilters = map[string]bool{
	"case": true, "document": true, "speaker": true, "role": true,
	"code": true, "level": true, "coder": true, "date": true, "set": true, "informant": true,
}

// searchParams are the other query parameters of GET /search.
var searchParams = map[string]bool{
	"q": true, "kind": true, "sort": true, "offset": true, "limit": true,
	"count_only": true, "context": true, "facets": true,
}

// searchRequest reads a search from the query string. Filters repeat for
// several values (?case=A&case=B); kind also takes a comma list. Keys in
// extra are the caller's own parameters.
func searchRequest(c echo.Context, extra ...string) (coding.SearchRequest, error) {
	req := coding.SearchRequest{
		Query:   c.QueryParam("q"),
		Kinds:   queryList(c, "kind"),
		Sort:    c.QueryParam("sort"),
		Filters: map[string][]string{},
	}
	var unknown []string
	for key, values := range c.QueryParams() {
		switch {
		case searchParams[key] || slices.Contains(extra, key):
		case searchFilters[key] || strings.HasPrefix(key, "facet:") || strings.HasPrefix(key, "attr:") || strings.HasPrefix(key, "iattr:"):
			for _, v := range values {
				if v = strings.TrimSpace(v); v != "" {
					req.Filters[key] = append(req.Filters[key], v)
				}
			}
		default:
			unknown = append(unknown, key)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return req, coding.Errorf(coding.EINVALID, "unknown search parameter %q (filters: case, document, speaker, role, code, level, coder, date, set, informant, facet:NAME, attr:NAME, iattr:NAME)", unknown[0])
	}
	var err error
	if req.Offset, err = queryInt(c, "offset", 0); err != nil {
		return req, err
	}
	if req.Limit, err = queryInt(c, "limit", 0); err != nil {
		return req, err
	}
	if req.Context, err = queryInt(c, "context", 0); err != nil {
		return req, err
	}
	if req.CountOnly, err = queryBool(c, "count_only", false); err != nil {
		return req, err
	}
	facets, err := queryBool(c, "facets", true)
	req.NoFacets = !facets
	return req, err
}

// handleSearch answers GET /api/v1/projects/{pid}/search?q=...[&kind=
// &case=&document=&speaker=&code=...&sort=&offset=&limit=&count_only=
// &context=&facets=] with one page of hits: KWIC lines, code-point
// offsets, the quotes each match lies in, and facet counts.
func (s *Server) handleSearch(c echo.Context) error {
	if s.cfg.Search == nil {
		return errNoSearch
	}
	req, err := searchRequest(c)
	if err != nil {
		return err
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	if _, err := s.cfg.Store.FindProject(ctx, pid); err != nil {
		return err
	}
	res, err := s.cfg.Search.Search(ctx, pid, req)
	if err != nil {
		return err
	}
	if res, err = s.visibleSearch(c, pid, res); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// autoCodeRequest is the body of POST /search/code.
type autoCodeRequest struct {
	Query   string              `json:"query"`
	Filters map[string][]string `json:"filters"`
	HitIDs  []string            `json:"hit_ids"`
	CodeID  string              `json:"code_id"`
	Extend  string              `json:"extend"`
}

// handleAutoCode answers POST /api/v1/projects/{pid}/search/code {query,
// filters, hit_ids, code_id, extend} with what auto-coding did: the hits
// of the search (all, or those listed) are coded with code_id, each
// extended to the "match", "sentence" or "turn". Running it twice creates
// no duplicate quotes.
func (s *Server) handleAutoCode(c echo.Context) error {
	if s.cfg.Search == nil {
		return errNoSearch
	}
	var body autoCodeRequest
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	if _, err := s.cfg.Store.FindProject(ctx, pid); err != nil {
		return err
	}
	scope, err := s.scopeOf(c, pid)
	if err != nil {
		return err
	}
	res, err := s.cfg.Search.AutoCode(ctx, pid, coding.AutoCodeRequest{
		Query: body.Query, Filters: body.Filters, HitIDs: body.HitIDs,
		CodeID: body.CodeID, Extend: body.Extend, Coder: s.coder(c),
		Hidden: scope.hides,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
