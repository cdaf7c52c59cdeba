package server

import (
	"fmt"
	"net/http"
	"sort"

	"github.com/labstack/echo/v4"
)

// routes registers the server's routes, each with its access rule, and
// keeps the table of rules that authorize applies, Routes reports and
// docs/team.md prints.
//
// How to add a route: in the resource's file (one file per resource),
// add one line to its registerXRoutes function naming method, path,
// handler and rule, e.g.
//
//	g.GET("/projects/:pid/quotes/:qid", s.handleGetQuote, rule{perm: permRead})
//	g.PATCH("/projects/:pid/quotes/:qid", s.handleUpdateQuote, rule{perm: permCode, own: "quote"})
//
// The permissions and the rule's other fields are described in
// auth_rules.go. Then add the route to wantPerms and routeCalls in
// roles_table_test.go (TestRouteTable fails until you do, and TestRoleMatrix
// calls it as every role), to the matrix in docs/team.md
// (TestTeamDocsMatrix compares them) and describe it in docs/api.md. A
// route registered directly on echo, or with a zero rule, has no rule:
// team mode refuses it, the server logs it at start and TestRouteTable
// fails.
type routes struct {
	echo  routeAdder
	rules map[string]rule
}

// routeAdder is what routes registers on: *echo.Echo or *echo.Group.
type routeAdder interface {
	Add(method, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route
}

// routesOn returns a registrar on e (the server's echo or a group of it)
// that records the rules in s.rules.
func (s *Server) routesOn(e routeAdder) *routes {
	return &routes{echo: e, rules: s.rules}
}

// add registers the handler h for method and path with the rule r. It
// panics when the route is registered twice with different rules, a
// wiring mistake.
func (g *routes) add(method, path string, h echo.HandlerFunc, r rule) {
	route := g.echo.Add(method, path, h)
	if r.perm == permNone {
		return // no rule: refused in team mode, reported by checkRouteRules
	}
	key := method + " " + route.Path
	if old, ok := g.rules[key]; ok && old != r {
		panic(fmt.Sprintf("server: route %s registered with two rules", key))
	}
	g.rules[key] = r
}

// GET registers a GET route with its rule.
func (g *routes) GET(path string, h echo.HandlerFunc, r rule) { g.add(http.MethodGet, path, h, r) }

// HEAD registers a HEAD route with its rule.
func (g *routes) HEAD(path string, h echo.HandlerFunc, r rule) { g.add(http.MethodHead, path, h, r) }

// POST registers a POST route with its rule.
func (g *routes) POST(path string, h echo.HandlerFunc, r rule) { g.add(http.MethodPost, path, h, r) }

// PUT registers a PUT route with its rule.
func (g *routes) PUT(path string, h echo.HandlerFunc, r rule) { g.add(http.MethodPut, path, h, r) }

// PATCH registers a PATCH route with its rule.
func (g *routes) PATCH(path string, h echo.HandlerFunc, r rule) { g.add(http.MethodPatch, path, h, r) }

// DELETE registers a DELETE route with its rule.
func (g *routes) DELETE(path string, h echo.HandlerFunc, r rule) {
	g.add(http.MethodDelete, path, h, r)
}

// Route is one route of the server with the permission it requires in
// team mode.
type Route struct {
	Method string
	// Path is echo's pattern, e.g. "/api/v1/projects/:pid/quotes".
	Path string
	// Permission is public, user, admin, read, code, codebook, review or
	// owner; "" for a route without a rule (refused in team mode).
	Permission string
	// OwnOnly is "quote", "memo" or "undo" when coders may act only on
	// their own.
	OwnOnly string
}

// Routes returns every route of the server with its permission, sorted by
// path and method.
func (s *Server) Routes() []Route {
	var out []Route
	seen := map[string]bool{}
	for _, r := range s.echo.Routes() {
		key := r.Method + " " + r.Path
		if seen[key] {
			continue
		}
		seen[key] = true
		route := Route{Method: r.Method, Path: r.Path}
		if rl, ok := s.rules[key]; ok {
			route.Permission, route.OwnOnly = permNames[rl.perm], rl.own
		}
		out = append(out, route)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// checkRouteRules records the registered routes and logs each one that
// has no rule: team mode refuses such routes until one is added.
func (s *Server) checkRouteRules() {
	s.auth.routes = map[string]bool{}
	for _, r := range s.echo.Routes() {
		key := r.Method + " " + r.Path
		s.auth.routes[key] = true
		if _, ok := s.rules[key]; !ok {
			s.log.Error("route has no permission rule; team mode refuses it", "route", key)
		}
	}
}

// ruleOf returns the rule of the request's route.
func (s *Server) ruleOf(c echo.Context) (rule, bool) {
	r, ok := s.rules[c.Request().Method+" "+c.Path()]
	return r, ok
}
