package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerUserRoutes(g *routes) {
	g.GET("/users", s.handleListUsers, rule{perm: permAdmin})
	g.POST("/users", s.handleCreateUser, rule{perm: permAdmin})
	g.PATCH("/users/:user", s.handleUpdateUser, rule{perm: permAdmin})
	g.POST("/users/:user/password", s.handleResetPassword, rule{perm: permAdmin})
}

// errNoAccounts answers the account routes of a server whose store keeps
// no accounts.
var errNoAccounts = echo.NewHTTPError(http.StatusServiceUnavailable, "this server keeps no accounts")

// handleListUsers answers GET /api/v1/users with every account (never
// their password hashes).
func (s *Server) handleListUsers(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	users, err := s.cfg.Access.ListUsers(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(users))
}

// userRequest is the body of POST /users.
type userRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Admin    bool   `json:"admin"`
}

// handleCreateUser answers POST /api/v1/users {username, password, admin}
// with 201 and the account; 409 when the name is taken.
func (s *Server) handleCreateUser(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	var req userRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	name, err := coding.NormalizeUsername(req.Username)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	hash, err := s.hashPassword(ctx, req.Password)
	if err != nil {
		return err
	}
	u := &coding.User{Username: name, PasswordHash: hash, Admin: req.Admin}
	if err := s.cfg.Access.CreateUser(ctx, u); err != nil {
		return err
	}
	s.log.Info("user added", "user", u.Username, "admin", u.Admin, "by", s.coder(c))
	return c.JSON(http.StatusCreated, u)
}

// userUpdateRequest is the body of PATCH /users/{user}.
type userUpdateRequest struct {
	Admin    *bool `json:"admin"`
	Disabled *bool `json:"disabled"`
}

// handleUpdateUser answers PATCH /api/v1/users/{user} {admin, disabled}
// (each optional) with the account. Disabling ends the user's sessions at
// once; the last enabled administrator cannot be disabled or demoted (409).
func (s *Server) handleUpdateUser(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	var req userUpdateRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u, err := s.cfg.Access.UpdateUser(c.Request().Context(), c.Param("user"), coding.UserUpdate{Admin: req.Admin, Disabled: req.Disabled})
	if err != nil {
		return err
	}
	s.log.Info("user changed", "user", u.Username, "admin", u.Admin, "disabled", u.Disabled, "by", s.coder(c))
	return c.JSON(http.StatusOK, u)
}

// passwordReset is the body of POST /users/{user}/password.
type passwordReset struct {
	Password string `json:"password"`
}

// handleResetPassword answers POST /api/v1/users/{user}/password
// {password} with 204: the account gets the new password and its sessions
// end.
func (s *Server) handleResetPassword(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	var req passwordReset
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.cfg.Access.FindUser(ctx, c.Param("user")); err != nil {
		return err
	}
	hash, err := s.hashPassword(ctx, req.Password)
	if err != nil {
		return err
	}
	u, err := s.cfg.Access.UpdateUser(ctx, c.Param("user"), coding.UserUpdate{PasswordHash: &hash})
	if err != nil {
		return err
	}
	s.log.Info("password reset", "user", u.Username, "by", s.coder(c))
	return c.NoContent(http.StatusNoContent)
}
