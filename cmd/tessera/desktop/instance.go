package desktop

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// URLFile is the file in a data directory that names the URL of the
// server using it, written when it starts listening and removed when it
// stops. A server that crashed leaves it behind; its health check then
// fails, so a stale file is harmless.
const URLFile = "server.url"

// WriteURL records that the server at url serves dir.
func WriteURL(dir, url string) error {
	return os.WriteFile(filepath.Join(dir, URLFile), []byte(url+"\n"), 0o600)
}

// RemoveURL removes the record WriteURL wrote.
func RemoveURL(dir string) error {
	err := os.Remove(filepath.Join(dir, URLFile))
	if os.IsNotExist(err) {
		return nil
	}
	return err
}

// Running returns the URL of the Tessera server that serves dir, when
// dir names one and it answers its health check.
func Running(ctx context.Context, dir string) (string, bool) {
	raw, err := os.ReadFile(filepath.Join(dir, URLFile))
	if err != nil {
		return "", false
	}
	url := strings.TrimSpace(string(raw))
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return "", false
	}
	if !strings.HasSuffix(url, "/") {
		url += "/"
	}
	return url, healthy(ctx, url)
}

// WaitRunning polls Running until it finds the server or the deadline
// passes: a second start may come while the first still opens the
// database and has not written its URL yet.
func WaitRunning(ctx context.Context, dir string, within time.Duration) (string, bool) {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		if url, ok := Running(ctx, dir); ok {
			return url, true
		}
		select {
		case <-ctx.Done():
			return "", false
		case <-tick.C:
		}
	}
}

// healthy reports whether url is a Tessera server: its health route
// answers {"status": "ok"}.
func healthy(ctx context.Context, url string) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"api/v1/healthz", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var body struct {
		Status string `json:"status"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&body) != nil {
		return false
	}
	return body.Status == "ok"
}
