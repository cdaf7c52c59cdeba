package server

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// uploadRoutes are the routes whose multipart bodies may reach
// MaxUploadBytes.
var uploadRoutes = map[string]bool{
	"/api/v1/projects/:pid/documents": true,
	"/api/v1/projects/:pid/codebook":  true,
	"/api/v1/projects/qdpx":           true,
}

// requestLog logs each request once it has been answered, errors included.
func (s *Server) requestLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err) // write the error response now, so its status is logged
		}
		req := c.Request()
		s.log.Info("http", "method", req.Method, "path", req.URL.Path,
			"status", c.Response().Status, "bytes", c.Response().Size,
			"duration", time.Since(start).Round(time.Microsecond))
		return nil
	}
}

// recoverPanic turns a panicking handler into an internal error, logged
// with its stack by the error handler.
func recoverPanic(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r) // the server's signal to drop the connection
				}
				err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
			}
		}()
		return next(c)
	}
}

// securityHeaders sets the headers that keep pages and API answers from
// being sniffed, framed or leaking the URL, and the Content-Security-Policy.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", s.csp)
		if s.isHTTPS(c.Request()) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return next(c)
	}
}

// limitBody bounds the request body: MaxUploadBytes for multipart
// uploads, Config.MaxBodyBytes for everything else. A declared length over
// the limit is refused at once; a longer body fails when read.
func (s *Server) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		limit := s.cfg.MaxBodyBytes
		if req.Method == http.MethodPost && uploadRoutes[c.Path()] &&
			strings.HasPrefix(strings.ToLower(req.Header.Get(echo.HeaderContentType)), "multipart/") {
			limit = MaxUploadBytes
		}
		if req.ContentLength > limit {
			return &http.MaxBytesError{Limit: limit}
		}
		req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
		return next(c)
	}
}

// setActor attributes the request's changes to its user in the store's
// audit trail: the signed-in user in team mode, the configured coder in
// solo mode; and to the client (browser tab) named by the header
// X-Tessera-Client, which change events echo.
func (s *Server) setActor(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		client, err := validClient(req.Header.Get(ClientHeader), "header "+ClientHeader)
		if err != nil {
			return err
		}
		ctx := coding.WithActor(req.Context(), s.coder(c))
		if client != "" {
			ctx = coding.WithClient(ctx, client)
		}
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}
