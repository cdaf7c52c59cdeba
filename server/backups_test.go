package server_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"tessera/coding/backup"
	"tessera/server"
)

func TestBackupsRoutes(t *testing.T) {
	dir := t.TempDir()
	keeper := backup.New(dir, 7)
	var restored []string
	s := mustStart(t, nil, func(c *server.Config) {
		c.Backups = keeper
		// The serving program swaps the database after the answer; here
		// the request is only recorded.
		c.Restore = func(b backup.Backup) error { restored = append(restored, b.Name); return nil }
	})
	vars := map[string]string{}
	runAPICase(s, apiCase{name: "no backups yet", method: "GET", path: "/backups", wantStatus: 200, wantBody: `{"backups":[],"last":null,"keep":7,"restore":true}`}, vars)

	good, err := keeper.Take(backup.KindStart, func(w io.Writer) (int64, error) { return s.store.Backup(t.Context(), w) })
	if err != nil {
		t.Fatal(err)
	}
	bad := "tessera-2020-01-01-000000Z-daily.db"
	if err := os.WriteFile(filepath.Join(dir, "backups", bad), []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	vars["good"], vars["bad"] = good.Name, bad

	for _, tc := range []apiCase{
		{name: "list", method: "GET", path: "/backups", wantStatus: 200, wantBody: `"last":{"name":"{good}","time":`},
		{name: "list has the kind", method: "GET", path: "/backups", wantStatus: 200, wantBody: `"kind":"start"`},
		{name: "restore without name", method: "POST", path: "/backups/restore", body: `{}`, wantStatus: 400, wantBody: "name is required"},
		{name: "restore unknown field", method: "POST", path: "/backups/restore", body: `{"file": "x"}`, wantStatus: 400, wantBody: `unknown field "file"`},
		{name: "restore a path", method: "POST", path: "/backups/restore", body: `{"name": "../tessera.db"}`, wantStatus: 404, wantBody: `no backup named "../tessera.db"`},
		{name: "restore missing", method: "POST", path: "/backups/restore", body: `{"name": "tessera-2021-01-01-000000Z-daily.db"}`, wantStatus: 404, wantBody: "no backup named"},
		{name: "restore damaged", method: "POST", path: "/backups/restore", body: `{"name": "{bad}"}`, wantStatus: 422, wantBody: "is not a Tessera database"},
		{name: "restore", method: "POST", path: "/backups/restore", body: `{"name": "{good}"}`, wantStatus: 202, wantBody: `"restoring":{"name":"{good}"`},
	} {
		t.Run(tc.name, func(t *testing.T) { runAPICase(&testServer{t: t, url: s.url, store: s.store}, tc, vars) })
	}
	if len(restored) != 1 || restored[0] != good.Name {
		t.Errorf("got restores %v, want only %s", restored, good.Name)
	}
}

func TestBackupsWithoutKeeper(t *testing.T) {
	s := mustStart(t, nil, nil)
	runAPICase(s, apiCase{method: "GET", path: "/backups", wantStatus: 200, wantBody: `{"backups":[],"last":null,"keep":0,"restore":false}`}, nil)
	runAPICase(s, apiCase{method: "POST", path: "/backups/restore", body: `{"name": "x"}`, wantStatus: 503, wantBody: "cannot restore backups"}, nil)
}
