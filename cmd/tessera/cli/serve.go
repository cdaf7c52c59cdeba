package cli

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"tessera/coding"
	"tessera/coding/datadir"
)

// defaultAddr is where Tessera listens unless told otherwise: loopback only.
const defaultAddr = "127.0.0.1:7080"

// tokenFile, in the data directory, holds the service token of a team
// server: "Authorization: Bearer TOKEN" lets tessera backup read the
// running server's backup route. Like the database, it is readable only
// by its owner.
const tokenFile = "server.token"

// serveCommand declares the flags of serve.
func serveCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory` (created if missing)")
	addr := fs.String("addr", defaultAddr, "`address` to listen on; any address but loopback turns on team mode")
	var opt serveOptions
	fs.BoolVar(&opt.team, "team", false, "team mode: accounts and sign-in, even on a loopback address (see docs/team.md)")
	fs.StringVar(&opt.tlsCert, "tls-cert", "", "serve HTTPS with this certificate `file` (PEM, with its chain)")
	fs.StringVar(&opt.tlsKey, "tls-key", "", "private key `file` (PEM) of --tls-cert")
	fs.BoolVar(&opt.trustProxy, "trust-proxy", false, "trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy on a loopback or private address")
	keep := keepBackupsFlag(fs)
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		loopback, err := isLoopback(*addr)
		if err != nil {
			return err
		}
		if (opt.tlsCert == "") != (opt.tlsKey == "") {
			return coding.Errorf(coding.EINVALID, "--tls-cert and --tls-key go together")
		}
		if opt.keepBackups = *keep; opt.keepBackups < 0 {
			return coding.Errorf(coding.EINVALID, "--keep-backups must be 0 or more")
		}
		opt.team = opt.team || !loopback
		if opt.team {
			if err := checkAdmin(ctx, *dir, *addr, loopback); err != nil {
				return err
			}
		}
		a, err := datadir.Open(ctx, *dir, datadir.Options{Search: true, Progress: m.Stderr})
		if err != nil {
			return err
		}
		if opt.team && opt.tlsCert == "" && !opt.trustProxy && !loopback {
			fmt.Fprintln(m.Stderr, "warning: serving team mode over plain HTTP: passwords and session cookies cross the network unencrypted; use --tls-cert and --tls-key, or a reverse proxy with HTTPS and --trust-proxy (docs/team.md)")
		}
		return m.serveWith(ctx, a, *addr, opt)
	}
}

// isLoopback reports whether addr (HOST:PORT) listens on a loopback
// address only.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, coding.Errorf(coding.EINVALID, "--addr %q is not HOST:PORT (e.g. %s)", addr, defaultAddr)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// checkAdmin refuses team mode on a data directory without an enabled
// administrator: nobody could sign in.
func checkAdmin(ctx context.Context, dir, addr string, loopback bool) error {
	refuse := func() error {
		msg := fmt.Sprintf("team mode needs an administrator account, and %s has none yet. Create the first one with\n\n    tessera user add --data %s --admin NAME\n\n(it asks for the password), then start the server again", dir, dir)
		if !loopback {
			msg = fmt.Sprintf("refusing to listen on %s: without accounts only loopback addresses (127.0.0.1, ::1, localhost) are allowed, and serving other machines means team mode. ", addr) + msg
		}
		return coding.Errorf(coding.EUNPROCESSABLE, "%s", msg)
	}
	if !datadir.Exists(dir) {
		return refuse()
	}
	a, err := datadir.Open(ctx, dir, datadir.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	users, err := a.Store.ListUsers(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.Admin && !u.Disabled {
			return nil
		}
	}
	return refuse()
}

// checkLoopback refuses, for the demo, addresses reachable from other
// machines: the demo has no accounts, so anyone who could reach the port
// could read and change the data.
func checkLoopback(addr string) error {
	ok, err := isLoopback(addr)
	if err != nil || ok {
		return err
	}
	return coding.Errorf(coding.EINVALID, "refusing to listen on %s: without accounts only loopback addresses (127.0.0.1, ::1, localhost) are allowed; to share a data directory with a team, use tessera serve in team mode (docs/team.md)", addr)
}

// serveOptions are the team, transport and backup settings of serve.
type serveOptions struct {
	team            bool
	tlsCert, tlsKey string
	trustProxy      bool
	// keepBackups is how many automatic backups to keep (0: none).
	keepBackups int
	// serviceToken is the team server's token for tessera backup.
	serviceToken string
}

// serve runs the HTTP server for a in solo mode, without automatic
// backups, until ctx is cancelled; it closes a.
func (m *Main) serve(ctx context.Context, a *datadir.Dir, addr string) error {
	return m.serveWith(ctx, a, addr, serveOptions{})
}

// serveWith runs the HTTP(S) server for a until ctx is cancelled, with
// its automatic backups, and closes a. In team mode it also writes a
// service token to the data directory, with which tessera backup reaches
// the running server.
func (m *Main) serveWith(ctx context.Context, a *datadir.Dir, addr string, opt serveOptions) error {
	var tlsConfig *tls.Config
	if opt.tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(opt.tlsCert, opt.tlsKey)
		if err != nil {
			a.Close()
			return coding.Errorf(coding.EINVALID, "cannot load the TLS certificate and key: %v", err)
		}
		tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		a.Close()
		return coding.Errorf(coding.ECONFLICT, "cannot listen on %s: %v", addr, err)
	}
	if opt.team {
		if opt.serviceToken, err = writeServiceToken(a.Path); err != nil {
			ln.Close()
			a.Close()
			return err
		}
		defer os.Remove(filepath.Join(a.Path, tokenFile))
		fmt.Fprintln(m.Stderr, "team mode: accounts and sign-in are required (docs/team.md)")
	}
	s := m.newSite(a.Path, opt.keepBackups, opt)
	s.attach(a, true)
	return m.serveSite(ctx, ln, s, tlsConfig, false)
}

// writeServiceToken writes a new random service token to the data
// directory and returns it.
func writeServiceToken(dir string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	path := filepath.Join(dir, tokenFile)
	if err := os.WriteFile(path, []byte(tok+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return tok, nil
}
