package importer_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the .golden.json files of testdata/formats")

// goldenParsed is what a golden file records of a parsed fixture: the
// stored text, each turn with its text, and the report.
type goldenParsed struct {
	Title    string   `json:"title"`
	Format   string   `json:"format"`
	Encoding string   `json:"encoding"`
	Text     string   `json:"text"`
	Turns    []string `json:"turns"` // speaker|text|timestamp
	Report   any      `json:"report"`
}

// TestParseGolden parses every fixture of testdata/formats and compares
// the result with its .golden.json file.
func TestParseGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "formats", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			p := mustParse(t, filepath.Base(path), data)
			checkTurns(t, p.Text, p.Turns)
			got := goldenParsed{Title: p.Title, Format: p.Format, Encoding: p.Encoding, Text: p.Text,
				Turns: turnText(p.Text, p.Turns), Report: p.Report}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(got); err != nil {
				t.Fatal(err)
			}
			gotJSON := bytes.TrimSpace(buf.Bytes())
			golden := path + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(gotJSON, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), string(gotJSON)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", golden, diff)
			}
		})
	}
}
