package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// assetMaxAge is how long browsers may reuse a front-end file other than
// index.html without asking again.
const assetMaxAge = "public, max-age=300"

// contentTypes fixes the types of the front end's files: embedded files
// carry none, and the system's MIME table varies between machines.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".svg":   "image/svg+xml",
	".json":  "application/json",
	".map":   "application/json",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".txt":   "text/plain; charset=utf-8",
}

// uiFiles serves the embedded front end, reading each file once.
type uiFiles struct {
	fsys  fs.FS
	mu    sync.Mutex
	cache map[string]*uiFile
}

// uiFile is a front-end file held in memory with its ETag.
type uiFile struct {
	data []byte
	etag string
}

func newUIFiles(fsys fs.FS) *uiFiles {
	return &uiFiles{fsys: fsys, cache: map[string]*uiFile{}}
}

// open returns the file at name (a clean, slash-separated path without a
// leading slash), or an error wrapping fs.ErrNotExist when there is no
// such file (directories included).
func (u *uiFiles) open(name string) (*uiFile, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if f, ok := u.cache[name]; ok {
		return f, nil
	}
	if info, err := fs.Stat(u.fsys, name); err != nil {
		return nil, err
	} else if info.IsDir() {
		return nil, fs.ErrNotExist
	}
	data, err := fs.ReadFile(u.fsys, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	f := &uiFile{data: data, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	u.cache[name] = f
	return f, nil
}

// serveUI answers GET /* with the front end: the file at the path, or
// index.html for client-side routes (paths without a file extension).
// API paths never reach the front end.
func (s *Server) serveUI(c echo.Context) error {
	p := c.Request().URL.Path
	if p == "/api" || strings.HasPrefix(p, "/api/") {
		return apiNotFound(c)
	}
	if s.ui == nil {
		return coding.Errorf(coding.ENOTFOUND, "this server has no front end; the API lives under /api/v1")
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		name = "index.html"
	}
	f, err := s.ui.open(name)
	if err != nil { // no such file: a client-side route, or a missing asset
		if path.Ext(name) != "" {
			return coding.Errorf(coding.ENOTFOUND, "file %s not found", p)
		}
		name = "index.html"
		f, err = s.ui.open(name)
	}
	if err != nil {
		return err
	}
	h := c.Response().Header()
	if ct, ok := contentTypes[path.Ext(name)]; ok {
		h.Set(echo.HeaderContentType, ct)
	} else {
		h.Set(echo.HeaderContentType, "application/octet-stream")
	}
	if name == "index.html" {
		h.Set("Cache-Control", "no-cache")
	} else {
		h.Set("Cache-Control", assetMaxAge)
	}
	h.Set("ETag", f.etag)
	http.ServeContent(c.Response(), c.Request(), name, time.Time{}, bytes.NewReader(f.data))
	return nil
}
