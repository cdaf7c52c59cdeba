package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoticesCurrent fails when THIRD_PARTY_NOTICES.txt does not match
// the modules built into tessera: after a dependency change, run
// go run ./cmd/release/notices and commit the file.
func TestNoticesCurrent(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	got, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(root, File))
	if err != nil {
		t.Fatalf("%v (run go run ./cmd/release/notices from the repository root)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go run ./cmd/release/notices from the repository root and commit it", File)
	}
	// A sample of what must be there: the store, the web framework, Go
	// itself, the front end's library, and a Windows-only dependency.
	for _, name := range []string{"go.etcd.io/bbolt", "github.com/labstack/echo/v4", "The Go standard library", "preact (in the web front end", "golang.org/x/sys"} {
		if !strings.Contains(string(got), "\n"+name) {
			t.Errorf("the notices lack %s", name)
		}
	}
	// Test-only dependencies are not in the binary.
	if strings.Contains(string(got), "chromedp") {
		t.Error("the notices list chromedp, which only the tests use")
	}
}
