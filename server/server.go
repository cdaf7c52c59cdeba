// Package server is Tessera's HTTP layer: the JSON API under /api/v1 and
// the embedded front end. Handlers stay thin: they decode requests, call
// the store (or the importer, exporter and search), and return errors,
// which one error handler turns into statuses and {"error": "..."} bodies.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/backup"
)

// Default limits on request bodies.
const (
	// DefaultMaxBodyBytes bounds JSON request bodies.
	DefaultMaxBodyBytes = 2 << 20
	// MaxUploadBytes bounds a multipart document upload (all its files).
	MaxUploadBytes = 200 << 20
)

// Config holds what the server needs. Store is required; the rest have
// defaults or may be nil.
type Config struct {
	// Store is the source of truth.
	Store coding.Store
	// Search answers the search routes; when nil they answer 503.
	Search Searcher
	// UI is the embedded front end, with index.html at its root; when nil
	// only the API is served.
	UI fs.FS
	// Coder is the user recorded on quotes and memos (solo mode); "local"
	// when empty.
	Coder string
	// Logger receives request logs and the details of internal errors;
	// slog.Default() when nil.
	Logger *slog.Logger
	// MaxBodyBytes bounds JSON request bodies; DefaultMaxBodyBytes when
	// zero. Uploads are bounded by MaxUploadBytes instead.
	MaxBodyBytes int64
	// Version is reported by GET /api/v1/version.
	Version string

	// Team turns on team mode: accounts, sessions and per-project roles
	// (see docs/team.md). Without it the server is solo: no sign-in, and
	// Coder owns everything.
	Team bool
	// Access keeps accounts, sessions, members, assignments and consensus
	// decisions. When nil, Store is used if it implements
	// coding.AccessStore (the bbolt store does); team mode requires it.
	Access coding.AccessStore
	// Now is the clock of sessions and sign-in limits; time.Now when nil.
	Now func() time.Time
	// TrustProxy believes a reverse proxy's headers when the request
	// comes from a loopback, link-local or private address: the client
	// address from X-Forwarded-For (for the sign-in limits and logs) and
	// HTTPS from X-Forwarded-Proto (for the cookie's Secure flag and
	// HSTS). Without it both headers are ignored: set it when a reverse
	// proxy on such an address forwards the requests.
	TrustProxy bool
	// PasswordParams are the argon2id costs of new password hashes;
	// coding.DefaultPasswordParams when zero.
	PasswordParams coding.PasswordParams
	// Heartbeat is how often an idle event stream sends a heartbeat;
	// DefaultHeartbeat when zero.
	Heartbeat time.Duration
	// ServiceToken, when set, lets a request carrying the header
	// "Authorization: Bearer TOKEN" read GET /api/v1/backup in team mode:
	// serve writes it to the data directory for tessera backup.
	ServiceToken string
	// Backups is the data directory's backups folder, which GET
	// /api/v1/backups lists; nil when the server keeps none.
	Backups *backup.Keeper
	// Restore, when set with Backups, restores a backup for POST
	// /api/v1/backups/restore: it must return at once (the backup is
	// already checked) and replace the database after the response, as
	// the request itself is served from the database it replaces.
	Restore func(backup.Backup) error
}

// Searcher runs full-text searches and auto-codes their hits; the search
// index of tessera/coding/search implements it.
type Searcher interface {
	Search(ctx context.Context, projectID string, req coding.SearchRequest) (*coding.SearchResult, error)
	AutoCode(ctx context.Context, projectID string, req coding.AutoCodeRequest) (*coding.CodeRangesResult, error)
}

// Server serves the API and the front end.
type Server struct {
	cfg  Config
	echo *echo.Echo
	log  *slog.Logger
	// csp is the Content-Security-Policy header, with the hashes of the
	// inline import maps of index.html.
	csp string
	ui  *uiFiles
	// auth holds the state of sign-ins: the login limiter, the hashing
	// slots and the cross-origin check.
	auth *authState
	// rules is the access rule of every route, "METHOD PATH", as the
	// routes were registered (see routes.go).
	rules map[string]rule
	// hub wakes the open event streams.
	hub *hub
	// inflate holds one slot per upload being unpacked and parsed; see
	// inflating.
	inflate chan struct{}
}

// New builds a server from cfg. It panics when cfg.Store is nil, which is
// a wiring mistake, and logs (without failing) when the UI's index.html
// cannot be read.
func New(cfg Config) *Server {
	if cfg.Store == nil {
		panic("server: Config.Store is required")
	}
	if v := reflect.ValueOf(cfg.Search); v.Kind() == reflect.Pointer && v.IsNil() {
		cfg.Search = nil // a nil index behind the interface: no search
	}
	if cfg.Coder == "" {
		cfg.Coder = "local"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Access == nil {
		cfg.Access, _ = cfg.Store.(coding.AccessStore)
	}
	if cfg.Team && cfg.Access == nil {
		panic("server: team mode needs Config.Access")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.PasswordParams == (coding.PasswordParams{}) {
		cfg.PasswordParams = coding.DefaultPasswordParams
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = DefaultHeartbeat
	}
	s := &Server{cfg: cfg, log: cfg.Logger, auth: newAuthState(cfg.Now), rules: map[string]rule{}, hub: newHub(), inflate: make(chan struct{}, inflateSlots())}

	var hashes []string
	if cfg.UI != nil {
		s.ui = newUIFiles(cfg.UI)
		var err error
		if hashes, err = importMapHashes(cfg.UI); err != nil {
			s.log.Error("cannot read the front end's index.html", "err", err)
		}
	}
	s.csp = contentSecurityPolicy(hashes)

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Logger.SetOutput(io.Discard) // everything worth logging goes through slog
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = echo.ExtractIPDirect()
	if cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	e.Use(s.requestLog, recoverPanic, s.securityHeaders, s.limitBody, s.crossOrigin, s.authenticate, s.authorize, s.setActor)
	s.echo = e

	api := s.routesOn(e.Group("/api/v1"))
	s.registerMetaRoutes(api)
	s.registerBackupRoutes(api)
	s.registerBackupsRoutes(api)
	s.registerQDPXRoutes(api)
	s.registerProjectRoutes(api)
	s.registerCaseRoutes(api)
	s.registerInformantRoutes(api)
	s.registerDocumentRoutes(api)
	s.registerTranscriptRoutes(api)
	s.registerCodeRoutes(api)
	s.registerRoundRoutes(api)
	s.registerModelRoutes(api)
	s.registerFacetRoutes(api)
	s.registerSetRoutes(api)
	s.registerQuoteRoutes(api)
	s.registerQuotePickRoutes(api)
	s.registerMemoRoutes(api)
	s.registerExportRoutes(api)
	s.registerAnonymisationRoutes(api)
	s.registerTablePresetRoutes(api)
	s.registerAnalysisRoutes(api)
	s.registerSupportingRoutes(api)
	s.registerAnalysisExtraRoutes(api)
	s.registerSearchRoutes(api)
	s.registerAuditRoutes(api)
	s.registerCodebookRoutes(api)
	s.registerAuthRoutes(api)
	s.registerTeamRoutes(api)
	s.registerEventRoutes(api)
	s.registerPresenceRoutes(api)
	s.registerHistoryRoutes(api)
	root := s.routesOn(e)
	root.GET("/*", s.serveUI, rule{perm: permPublic})
	root.HEAD("/*", s.serveUI, rule{perm: permPublic})
	s.checkRouteRules()
	return s
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Notify tells the open event streams about committed changes: give it
// to the store as its OnChange hook (after the search index, if any).
// It never blocks on a stream.
func (s *Server) Notify(cs []coding.Change) { s.hub.notify(cs) }

// CloseStreams ends every open event stream and refuses new ones. An
// event stream never ends by itself, so call it when the HTTP server
// shuts down (http.Server.RegisterOnShutdown), or Shutdown waits for
// the streams until its deadline.
func (s *Server) CloseStreams() { s.hub.close() }

// apiNotFound answers API paths that name no route.
func apiNotFound(c echo.Context) error {
	return coding.Errorf(coding.ENOTFOUND, "no API route %s %s", c.Request().Method, c.Request().URL.Path)
}

// statusOf maps the domain's error codes to HTTP statuses.
var statusOf = map[string]int{
	coding.EINVALID:       http.StatusBadRequest,
	coding.EUNPROCESSABLE: http.StatusUnprocessableEntity,
	coding.ENOTFOUND:      http.StatusNotFound,
	coding.ECONFLICT:      http.StatusConflict,
	coding.ETOOLARGE:      http.StatusRequestEntityTooLarge,
	coding.EUNAUTHORIZED:  http.StatusUnauthorized,
	coding.EFORBIDDEN:     http.StatusForbidden,
	coding.ESTALE:         http.StatusPreconditionFailed,
}

// handleError is the one place where errors become HTTP responses: a
// status from the error's code and a body {"error": "message"}. Internal
// errors answer "internal error" and are logged in full.
func (s *Server) handleError(err error, c echo.Context) {
	req := c.Request()
	if c.Response().Committed {
		s.log.Warn("error after the response started", "method", req.Method, "path", req.URL.Path, "err", err)
		return
	}
	status, msg := describeError(err, c)
	if status >= 500 {
		s.log.Error("request failed", "method", req.Method, "path", req.URL.Path, "status", status, "err", err)
	}
	var se *staleError
	switch {
	case req.Method == http.MethodHead:
		err = c.NoContent(status)
	case errors.As(err, &se):
		err = c.JSON(http.StatusPreconditionFailed, map[string]any{"error": se.msg, "current": se.current})
	default:
		err = c.JSON(status, map[string]string{"error": msg})
	}
	if err != nil {
		s.log.Warn("cannot write error response", "path", req.URL.Path, "err", err)
	}
}

// describeError returns the status and the user-facing message of err.
func describeError(err error, c echo.Context) (int, string) {
	var he *echo.HTTPError
	var mbe *http.MaxBytesError
	var se *staleError
	switch {
	case errors.As(err, &se):
		return http.StatusPreconditionFailed, se.msg
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, tooLargeMessage(mbe.Limit)
	case errors.As(err, &he):
		if inner, ok := he.Internal.(*echo.HTTPError); ok {
			he = inner
		}
		switch he.Code {
		case http.StatusNotFound:
			return he.Code, "not found"
		case http.StatusMethodNotAllowed:
			if p := c.Request().URL.Path; c.Path() == "/*" && (p == "/api" || strings.HasPrefix(p, "/api/")) {
				// Only the front end's route matched: an unknown API path.
				return describeError(apiNotFound(c), c)
			}
			return he.Code, "method not allowed"
		case http.StatusRequestEntityTooLarge:
			return he.Code, "request body is too large"
		}
		if he.Code == http.StatusInternalServerError {
			return he.Code, "internal error"
		}
		if m, ok := he.Message.(string); ok {
			return he.Code, m
		}
		return he.Code, http.StatusText(he.Code)
	}
	if status, ok := statusOf[coding.ErrorCode(err)]; ok {
		return status, coding.ErrorMessage(err)
	}
	return http.StatusInternalServerError, "internal error"
}

// tooLargeMessage explains a body limit in megabytes.
func tooLargeMessage(limit int64) string {
	return fmt.Sprintf("request body is too large (limit %s)", formatBytes(limit))
}

// formatBytes renders a byte count for messages: "2 MB", "200 MB", "512 KB".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
