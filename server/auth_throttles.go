package server

import (
	"net/http"
	"net/netip"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerThrottleRoutes(g *routes) {
	g.GET("/login-throttles", s.handleListThrottles, rule{perm: permAdmin})
	g.DELETE("/login-throttles", s.handleClearThrottles, rule{perm: permAdmin})
}

// handleListThrottles answers GET /api/v1/login-throttles with the
// sign-in failure counts the server holds, the latest first: kind
// (account, address or pair), account, address, failures, last_failure
// and wait_until (when the attempts it holds back may resume).
func (s *Server) handleListThrottles(c echo.Context) error {
	return c.JSON(http.StatusOK, s.auth.limits.snapshot())
}

// handleClearThrottles answers DELETE /api/v1/login-throttles with
// {cleared: N}. With ?account=NAME it forgets that account's counts (its
// own and those of its pairs), with ?address=ADDR those of the address,
// with both the one pair, with neither every count.
func (s *Server) handleClearThrottles(c echo.Context) error {
	account, address := c.QueryParam("account"), c.QueryParam("address")
	if account != "" && account != invalidAccount {
		name, err := coding.NormalizeUsername(account)
		if err != nil {
			return err
		}
		account = name
	}
	if address != "" {
		if _, err := netip.ParseAddr(address); err == nil {
			address = addressKey(address)
		} else if p, err := netip.ParsePrefix(address); err == nil {
			address = p.Masked().String()
		} else {
			return coding.Errorf(coding.EINVALID, "address %q is not an IP address or network", address)
		}
	}
	n := s.auth.limits.clear(account, address)
	s.log.Info("sign-in limits cleared", "by", accessOf(c).name, "account", account, "address", address, "cleared", n)
	return c.JSON(http.StatusOK, map[string]int{"cleared": n})
}
