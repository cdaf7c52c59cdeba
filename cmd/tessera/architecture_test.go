package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestArchitectureGraph compares the package table of docs/architecture.md
// with the imports go list reports, so the map stays true to the code.
func TestArchitectureGraph(t *testing.T) {
	src, err := os.ReadFile("../../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(src), "| package | imports (Tessera) | libraries |")
	if !ok {
		t.Fatal("docs/architecture.md has no package table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	name := regexp.MustCompile("`([^`]+)`")
	doc := map[string][]string{}
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		var imports []string
		for _, m := range name.FindAllStringSubmatch(cells[2], -1) {
			imports = append(imports, m[1])
		}
		for _, m := range name.FindAllStringSubmatch(cells[1], -1) {
			doc[m[1]] = imports
		}
	}

	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the imports: %v", err)
	}
	cmd := exec.Command(goTool, "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	code := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, ok := strings.CutPrefix(fields[0], "tessera/")
		if !ok || pkg == "ui/e2e" {
			continue // the browser tests have test files only
		}
		var imports []string
		for _, imp := range fields[1:] {
			if p, ok := strings.CutPrefix(imp, "tessera/"); ok {
				imports = append(imports, p)
			}
		}
		slices.Sort(imports)
		code[pkg] = imports
	}
	for pkg := range doc {
		slices.Sort(doc[pkg])
	}
	if diff := cmp.Diff(code, doc, cmp.Transformer("empty", func(s []string) []string {
		if len(s) == 0 {
			return nil
		}
		return s
	})); diff != "" {
		t.Errorf("docs/architecture.md's package table differs from go list (-code +docs):\n%s", diff)
	}
}
