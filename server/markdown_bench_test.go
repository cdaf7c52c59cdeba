package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"tessera/coding/store"
	"tessera/server"
)

// BenchmarkMarkdownRoutes sends hostile Markdown at the size limit to the
// routes that render it: the preview, and a memo's creation (rendered
// once, when saved). Each must answer well under 100 ms.
func BenchmarkMarkdownRoutes(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "tessera.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	hs := httptest.NewServer(server.New(server.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).Handler())
	defer hs.Close()
	post := func(path string, v any) []byte {
		body, _ := json.Marshal(v)
		res, err := http.Post(hs.URL+path, "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		defer res.Body.Close()
		out, _ := io.ReadAll(res.Body)
		if res.StatusCode/100 != 2 {
			b.Fatalf("POST %s: status %d: %.200s", path, res.StatusCode, out)
		}
		return out
	}
	var p struct{ ID string }
	json.Unmarshal(post("/api/v1/projects", map[string]string{"name": "Markdown"}), &p)
	inputs := map[string]string{
		"quotes200k": strings.Repeat(">", 200000),
		"brackets1M": strings.Repeat("[", 1<<20-64),
	}
	for name, src := range inputs {
		b.Run("preview/"+name, func(b *testing.B) {
			for b.Loop() {
				post("/api/v1/markdown", map[string]string{"text": src})
			}
		})
		b.Run("memo/"+name, func(b *testing.B) {
			for b.Loop() {
				post("/api/v1/projects/"+p.ID+"/memos", map[string]string{"body": src})
			}
		})
	}
}
