package server

import (
	"sort"

	"github.com/labstack/echo/v4"
)

// perm is what a route requires of its caller in team mode.
type perm int

// Permissions, each with the roles it admits. Administrators pass every
// check; in a project they count as owners.
const (
	permPublic   perm = iota // anyone, signed in or not
	permUser                 // any signed-in user
	permAdmin                // administrators
	permRead                 // project members: viewer, coder, owner
	permCode                 // coders and owners
	permCodebook             // owners, and coders while the codebook is unlocked
	permReview               // owners and viewers: agreement, disagreements
	permOwner                // owners
)

var permNames = map[perm]string{
	permPublic: "public", permUser: "user", permAdmin: "admin", permRead: "read",
	permCode: "code", permCodebook: "codebook", permReview: "review", permOwner: "owner",
}

// rule is the access rule of one route.
type rule struct {
	perm perm
	// own restricts coders to their own entities: "quote", "memo" (by
	// author) or "undo" (audit entries they made).
	own string
	// selfAudit shows members other than owners only their own entries.
	selfAudit bool
	// createsProject makes the caller the owner of the projects the
	// request creates.
	createsProject bool
	// noCSRF exempts sign-in, which has no session yet.
	noCSRF bool
	// service admits the service token of Config.ServiceToken.
	service bool
}

// routeRules gives every route its rule, keyed "METHOD PATH" with echo's
// path pattern. A route missing here is refused in team mode, and the
// tests fail on it; docs/team.md prints this table.
var routeRules = map[string]rule{
	// Service, sign-in and the front end.
	"GET /api/v1/version":        {perm: permPublic},
	"GET /api/v1/healthz":        {perm: permPublic},
	"POST /api/v1/login":         {perm: permPublic, noCSRF: true},
	"GET /*":                     {perm: permPublic},
	"HEAD /*":                    {perm: permPublic},
	"POST /api/v1/logout":        {perm: permUser},
	"GET /api/v1/me":             {perm: permUser},
	"POST /api/v1/me/password":   {perm: permUser},
	"POST /api/v1/markdown":      {perm: permUser},
	"GET /api/v1/export/formats": {perm: permUser},

	// Administration.
	"GET /api/v1/users":                 {perm: permAdmin},
	"POST /api/v1/users":                {perm: permAdmin},
	"PATCH /api/v1/users/:user":         {perm: permAdmin},
	"POST /api/v1/users/:user/password": {perm: permAdmin},
	"GET /api/v1/backup":                {perm: permAdmin, service: true},
	"GET /api/v1/backups":               {perm: permAdmin},
	"POST /api/v1/backups/restore":      {perm: permAdmin},

	// Projects.
	"POST /api/v1/projects":        {perm: permUser, createsProject: true},
	"POST /api/v1/projects/qdpx":   {perm: permUser, createsProject: true},
	"GET /api/v1/projects":         {perm: permUser},
	"GET /api/v1/projects/:pid":    {perm: permRead},
	"PATCH /api/v1/projects/:pid":  {perm: permOwner},
	"DELETE /api/v1/projects/:pid": {perm: permOwner},

	// Team: members, settings, assignments, agreement, consensus.
	"GET /api/v1/projects/:pid/access":              {perm: permRead},
	"GET /api/v1/projects/:pid/members":             {perm: permRead},
	"PUT /api/v1/projects/:pid/members/:user":       {perm: permOwner},
	"DELETE /api/v1/projects/:pid/members/:user":    {perm: permOwner},
	"PUT /api/v1/projects/:pid/codebook/lock":       {perm: permOwner},
	"GET /api/v1/projects/:pid/assignments":         {perm: permRead},
	"PUT /api/v1/projects/:pid/assignments":         {perm: permOwner},
	"DELETE /api/v1/projects/:pid/assignments/:did": {perm: permOwner},
	"GET /api/v1/projects/:pid/agreement":           {perm: permReview},
	"GET /api/v1/projects/:pid/agreement/export":    {perm: permReview},
	"GET /api/v1/projects/:pid/disagreements":       {perm: permReview},
	"GET /api/v1/projects/:pid/consensus":           {perm: permReview},
	"POST /api/v1/projects/:pid/consensus":          {perm: permOwner},

	// Cases and documents: the owner sets up the material.
	"POST /api/v1/projects/:pid/cases":            {perm: permOwner},
	"GET /api/v1/projects/:pid/cases":             {perm: permRead},
	"PUT /api/v1/projects/:pid/cases/order":       {perm: permOwner},
	"GET /api/v1/projects/:pid/cases/:cid":        {perm: permRead},
	"PATCH /api/v1/projects/:pid/cases/:cid":      {perm: permOwner},
	"DELETE /api/v1/projects/:pid/cases/:cid":     {perm: permOwner},
	"POST /api/v1/projects/:pid/documents":        {perm: permOwner},
	"GET /api/v1/projects/:pid/documents":         {perm: permRead},
	"GET /api/v1/projects/:pid/documents/:did":    {perm: permRead},
	"PATCH /api/v1/projects/:pid/documents/:did":  {perm: permOwner},
	"DELETE /api/v1/projects/:pid/documents/:did": {perm: permOwner},

	// The codebook.
	"POST /api/v1/projects/:pid/codes":                    {perm: permCodebook},
	"GET /api/v1/projects/:pid/codes":                     {perm: permRead},
	"PUT /api/v1/projects/:pid/codes/order":               {perm: permCodebook},
	"POST /api/v1/projects/:pid/codes/bulk-level":         {perm: permCodebook},
	"GET /api/v1/projects/:pid/codes/:cid":                {perm: permRead},
	"PATCH /api/v1/projects/:pid/codes/:cid":              {perm: permCodebook},
	"DELETE /api/v1/projects/:pid/codes/:cid":             {perm: permCodebook},
	"POST /api/v1/projects/:pid/codes/:cid/merge":         {perm: permCodebook},
	"PUT /api/v1/projects/:pid/codes/:cid/facets/:fid":    {perm: permCodebook},
	"DELETE /api/v1/projects/:pid/codes/:cid/facets/:fid": {perm: permCodebook},
	"POST /api/v1/projects/:pid/codebook":                 {perm: permCodebook},
	"POST /api/v1/projects/:pid/facets":                   {perm: permCodebook},
	"GET /api/v1/projects/:pid/facets":                    {perm: permRead},
	"GET /api/v1/projects/:pid/facets/:fid":               {perm: permRead},
	"PATCH /api/v1/projects/:pid/facets/:fid":             {perm: permCodebook},
	"DELETE /api/v1/projects/:pid/facets/:fid":            {perm: permCodebook},

	// Coding: quotes and memos; coders change only their own.
	"POST /api/v1/projects/:pid/quotes":        {perm: permCode},
	"GET /api/v1/projects/:pid/quotes":         {perm: permRead},
	"GET /api/v1/projects/:pid/quotes/:qid":    {perm: permRead},
	"PATCH /api/v1/projects/:pid/quotes/:qid":  {perm: permCode, own: "quote"},
	"DELETE /api/v1/projects/:pid/quotes/:qid": {perm: permCode, own: "quote"},
	"POST /api/v1/projects/:pid/search/code":   {perm: permCode},
	"POST /api/v1/projects/:pid/memos":         {perm: permCode},
	"GET /api/v1/projects/:pid/memos":          {perm: permRead},
	"GET /api/v1/projects/:pid/memos/:mid":     {perm: permRead},
	"PATCH /api/v1/projects/:pid/memos/:mid":   {perm: permCode, own: "memo"},
	"DELETE /api/v1/projects/:pid/memos/:mid":  {perm: permCode, own: "memo"},

	// Reading, analysing and exporting.
	"GET /api/v1/projects/:pid/search":         {perm: permRead},
	"GET /api/v1/projects/:pid/search/export":  {perm: permRead},
	"GET /api/v1/projects/:pid/gioia":          {perm: permRead},
	"GET /api/v1/projects/:pid/codes/stats":    {perm: permRead},
	"GET /api/v1/projects/:pid/matrix":         {perm: permRead},
	"GET /api/v1/projects/:pid/cooccurrence":   {perm: permRead},
	"GET /api/v1/projects/:pid/export/:format": {perm: permRead},

	// The passages, turns or documents behind a co-occurrence cell.
	"GET /api/v1/projects/:pid/cooccurrence/units": {perm: permRead},

	// History.
	"GET /api/v1/projects/:pid/audit":        {perm: permRead, selfAudit: true},
	"GET /api/v1/projects/:pid/audit/export": {perm: permRead, selfAudit: true},
	"POST /api/v1/projects/:pid/undo":        {perm: permCode, own: "undo"},
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
		if rl, ok := routeRules[key]; ok {
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
		if _, ok := routeRules[key]; !ok {
			s.log.Error("route has no permission rule; team mode refuses it", "route", key)
		}
	}
}

// ruleOf returns the rule of the request's route.
func ruleOf(c echo.Context) (rule, bool) {
	r, ok := routeRules[c.Request().Method+" "+c.Path()]
	return r, ok
}
