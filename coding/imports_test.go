package coding_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDomainImports fails when the domain package, directly or through
// another package, depends on anything beyond the standard library and
// the few small libraries its doc comment names: no other Tessera
// package, no echo, bbolt, bleve or goldmark, no net/http.
func TestDomainImports(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the package's imports: %v", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", "tessera/coding").Output()
	if err != nil {
		t.Fatalf("go list -deps tessera/coding: %v", err)
	}
	allowed := []string{"github.com/oklog/ulid/", "golang.org/x/text/", "golang.org/x/crypto/", "golang.org/x/sys/"}
	forbiddenStd := map[string]bool{"net": true, "net/http": true, "database/sql": true, "os/exec": true, "html/template": true}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list -deps tessera/coding: got %d packages, want the standard library's too: %q", len(lines), out)
	}
	for _, line := range lines {
		path, std, _ := strings.Cut(line, " ")
		switch {
		case path == "tessera/coding":
		case std == "true":
			if forbiddenStd[path] {
				t.Errorf("tessera/coding depends on %s, want no network, database or process packages", path)
			}
		case !hasAnyPrefix(path, allowed):
			t.Errorf("tessera/coding depends on %s, want only the standard library and %s", path, strings.Join(allowed, ", "))
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
