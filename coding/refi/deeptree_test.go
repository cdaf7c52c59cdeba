package refi_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/refi"
)

// sevenLevels writes a codebook seven levels deep, as NVivo and MAXQDA
// users build them: two branches, each path to the bottom named by its
// depth, and a code of each depth that codes a passage.
func sevenLevels() (codebook string, guids []string) {
	var b strings.Builder
	var walk func(branch string, depth int)
	walk = func(branch string, depth int) {
		guid := fmt.Sprintf("c0de%04d-0000-4000-8000-%012d", depth, len(guids)+1)
		guids = append(guids, guid)
		fmt.Fprintf(&b, `<Code guid="%s" name="%s level %d" isCodable="true">`, guid, branch, depth)
		if depth < 7 {
			walk(branch, depth+1)
			if depth == 3 {
				walk(branch+" side", depth+1)
			}
		}
		b.WriteString("</Code>\n")
	}
	walk("Alpha", 1)
	walk("Beta", 1)
	return b.String(), guids
}

// deepProject is a project.qde with the seven-level codebook, a text
// coded with a code of every level but the first, and sets of codes and
// of documents.
func deepProject(t *testing.T) []byte {
	t.Helper()
	codes, guids := sevenLevels()
	text := "One two three four five six seven eight nine ten."
	words := strings.Fields(text)
	var sels strings.Builder
	for i, g := range guids[1:8] {
		at := strings.Index(text, words[i])
		fmt.Fprintf(&sels, `<PlainTextSelection guid="5e1ec700-0000-4000-8000-%012d" startPosition="%d" endPosition="%d"><Coding guid="c0d17000-0000-4000-8000-%012d"><CodeRef targetGUID="%s"/></Coding></PlainTextSelection>`+"\n",
			i, at, at+len(words[i]), i, g)
	}
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Deep codebook" origin="NVivo 15">
<CodeBook><Codes>
` + codes + `</Codes></CodeBook>
<Sources>
<TextSource guid="50000000-0000-4000-8000-000000000001" name="Counting"><PlainTextContent>` + text + `</PlainTextContent>
` + sels.String() + `</TextSource>
</Sources>
</Project>
`
	return []byte(qde)
}

// codeTree returns the codebook of project.qde as indented names.
func codeTree(t *testing.T, qde []byte) []string {
	t.Helper()
	type code struct {
		Name  string `xml:"name,attr"`
		Codes []code `xml:"Code"`
	}
	var p struct {
		Codes []code `xml:"CodeBook>Codes>Code"`
	}
	must(t, xml.Unmarshal(qde, &p))
	var out []string
	var walk func(cs []code, depth int)
	walk = func(cs []code, depth int) {
		for _, c := range cs {
			out = append(out, strings.Repeat("  ", depth)+c.Name)
			walk(c.Codes, depth+1)
		}
	}
	walk(p.Codes, 0)
	return out
}

func TestDeepTreeSurvivesImportAndExport(t *testing.T) {
	ctx := context.Background()
	original := deepProject(t)
	st := mustOpenStore(t)
	proj, rep := importBytes(t, st, "", original)
	if len(rep.Warnings) != 0 {
		t.Errorf("warnings: %q", rep.Warnings)
	}
	if rep.Codes != 22 || rep.Quotes != 7 {
		t.Errorf("got %d codes, %d quotes; want 22, 7", rep.Codes, rep.Quotes)
	}
	snap, err := st.Snapshot(ctx, proj.ID, true)
	must(t, err)
	first := exportBytes(t, snap)
	qde1 := zipEntries(t, first)["project.qde"]
	validateQDE(t, qde1)

	// Same nesting, same names as the file that came in.
	if diff := cmp.Diff(codeTree(t, original), codeTree(t, qde1)); diff != "" {
		t.Errorf("code tree after import and export (-file +export):\n%s", diff)
	}
	// Levels: the top is a dimension, the second a theme, the rest
	// concepts and sub-concepts.
	tree := snap.Tree()
	for _, c := range snap.Codes {
		depth := len(tree.Path(c))
		want := coding.LevelConcept
		switch depth {
		case 1:
			want = coding.LevelDimension
		case 2:
			want = coding.LevelTheme
		}
		if c.Level != want {
			t.Errorf("%s (depth %d): level %s, want %s", c.Name, depth, c.Level, want)
		}
	}

	// A second trip changes nothing.
	st2 := mustOpenStore(t)
	proj2, _ := importBytes(t, st2, "", first)
	snap2, err := st2.Snapshot(ctx, proj2.ID, true)
	must(t, err)
	var second bytes.Buffer
	must(t, refi.Export(&second, snap2, refi.ExportOptions{}))
	qde2 := zipEntries(t, second.Bytes())["project.qde"]
	if diff := cmp.Diff(canonicalGUIDs(string(qde1)), canonicalGUIDs(string(qde2))); diff != "" {
		t.Errorf("project.qde after a second trip (-first +second):\n%s", diff)
	}
}
