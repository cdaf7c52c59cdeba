package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"tessera/cmd/tessera/desktop"
	"tessera/coding"
	"tessera/coding/datadir"
)

// backupCommand declares the flags of backup.
func backupCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory`")
	out := fs.String("o", "", "`file` to write the copy to (required)")
	return func(ctx context.Context, m *Main, args []string) error {
		if *out == "" {
			fs.Usage()
			return coding.Errorf(coding.EINVALID, "-o FILE is required")
		}
		if err := noArgs(args); err != nil {
			return err
		}
		if !datadir.Exists(*dir) {
			return coding.Errorf(coding.ENOTFOUND, "no Tessera data in %s", *dir)
		}
		n, err := writeAtomic(*out, func(w io.Writer) (int64, error) { return backup(ctx, *dir, w) })
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "wrote %s (%d bytes)\n", *out, n)
		return nil
	}
}

// backup copies the database to w: directly when no server holds it, else
// through the running server's backup route.
func backup(ctx context.Context, dir string, w io.Writer) (int64, error) {
	a, err := datadir.Open(ctx, dir, datadir.Options{})
	if err == nil {
		defer a.Close()
		return a.Store.Backup(ctx, w)
	}
	if coding.ErrorCode(err) != coding.ECONFLICT {
		return 0, err
	}
	raw, rerr := os.ReadFile(filepath.Join(dir, desktop.URLFile))
	if rerr != nil {
		return 0, err
	}
	url := strings.TrimSpace(string(raw)) + "api/v1/backup"
	req, rerr := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if rerr != nil {
		return 0, rerr
	}
	// A team server accepts its service token for the backup route only.
	if token, terr := os.ReadFile(filepath.Join(dir, tokenFile)); terr == nil {
		req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(token)))
	}
	resp, rerr := http.DefaultClient.Do(req)
	if rerr != nil {
		return 0, fmt.Errorf("the data directory is in use and its server at %s did not answer: %w", url, rerr)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return 0, fmt.Errorf("the server at %s refused the backup: %s %s", url, resp.Status, body)
	}
	return io.Copy(w, resp.Body)
}

// writeAtomic writes a file through a temporary sibling renamed into place
// only when write succeeds, so a failure never leaves a partial file.
func writeAtomic(path string, write func(io.Writer) (int64, error)) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	n, err := write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, errors.Join(fmt.Errorf("move the copy into place"), err)
	}
	return n, nil
}
