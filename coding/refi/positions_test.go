package refi_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"tessera/coding"
	"tessera/coding/refi"
)

// astralText is an interview with emoji, a flag (two regional
// indicators), mathematical letters and a CJK extension-B character: all
// outside the Basic Multilingual Plane, so each counts two UTF-16 units.
const astralText = "Interviewer: How was the launch? 😀\n" +
	"Founder: A disaster 🙈🙈 at first. The 𝒳-series robots froze in Luleå 🇸🇪.\n" +
	"Interviewer: And then?\n" +
	"Founder: We rebuilt the heaters 🔥 and sold to 𠜎 distributors in Osaka.\n" +
	"Founder: Trial and error, mostly 👍.\n"

// astralPhrases are the coded passages, each found after the first emoji.
var astralPhrases = []string{
	"A disaster 🙈🙈 at first",
	"robots froze in Luleå",
	"We rebuilt the heaters 🔥",
	"sold to 𠜎 distributors in Osaka",
	"Trial and error, mostly",
}

// utf16Offset returns the UTF-16 offset of byte offset i of s.
func utf16Offset(s string, i int) int {
	return len(utf16.Encode([]rune(s[:i])))
}

// astralProject writes a bare project.qde whose source text is
// astralText in sources/, coded with positions counted by count (the
// UTF-16 or code-point offset of a byte offset).
func astralProject(t *testing.T, origin string, count func(s string, i int) int) []byte {
	t.Helper()
	var sels strings.Builder
	for i, ph := range astralPhrases {
		at := strings.Index(astralText, ph)
		if at < 0 {
			t.Fatalf("phrase %q not in the text", ph)
		}
		fmt.Fprintf(&sels, `<PlainTextSelection guid="5e1ec700-0000-4000-8000-00000000000%d" name="s%d" startPosition="%d" endPosition="%d" creatingUser="0a000000-0000-4000-8000-000000000001">
<Coding guid="c0d17000-0000-4000-8000-00000000000%d" creatingUser="0a000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding>
</PlainTextSelection>
`, i, i, count(astralText, at), count(astralText, at+len(ph)), i)
	}
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Emoji study" origin="` + origin + `">
<Users><User guid="0a000000-0000-4000-8000-000000000001" name="Ana"/></Users>
<CodeBook><Codes><Code guid="c0de0000-0000-4000-8000-000000000001" name="Setbacks" isCodable="true"/></Codes></CodeBook>
<Sources>
<TextSource guid="50000000-0000-4000-8000-000000000001" name="Founder interview" plainTextPath="internal://50000000-0000-4000-8000-000000000001.txt">
` + sels.String() + `</TextSource>
</Sources>
</Project>
`
	return zipFiles(t, map[string][]byte{
		"project.qde": []byte(qde),
		"sources/50000000-0000-4000-8000-000000000001.txt": []byte(astralText),
	})
}

func codePointOffset(s string, i int) int { return coding.RuneOffset(s, i) }

// importedQuotes imports data and returns each quote's text, in order,
// with the report.
func importedQuotes(t *testing.T, st coding.Store, data []byte) ([]string, *coding.Snapshot, *refi.ImportReport) {
	t.Helper()
	proj, rep := importBytes(t, st, "", data)
	snap, err := st.Snapshot(context.Background(), proj.ID, true)
	must(t, err)
	var got []string
	for _, q := range snap.Quotes {
		got = append(got, coding.Slice(snap.Documents[0].Text, q.Start, q.End))
	}
	sortStrings(got)
	return got, snap, rep
}

func sortedPhrases() []string {
	want := append([]string(nil), astralPhrases...)
	sortStrings(want)
	return want
}

func TestImportDetectsPositionConvention(t *testing.T) {
	for _, tc := range []struct {
		name, origin string
		count        func(string, int) int
		want         refi.Positions
		basis        string
	}{
		{"NVivo writes UTF-16", "NVivo 12", utf16Offset, refi.PositionsUTF16, "UTF-16 units"},
		{"unknown origin with UTF-16", "Some QDA tool", utf16Offset, refi.PositionsUTF16, "10 of 10 selection ends"},
		{"unknown origin with code points", "Some QDA tool", codePointOffset, refi.PositionsCodePoints, "read as code points"},
		{"QualCoder writes code points", "QualCoder 3.6", codePointOffset, refi.PositionsCodePoints, "code points"},
		{"evidence overrides a wrong origin", "NVivo 14", codePointOffset, refi.PositionsCodePoints, "overrides"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, rep := importedQuotes(t, mustOpenStore(t), astralProject(t, tc.origin, tc.count))
			if want := sortedPhrases(); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("quotes: got %q, want %q", got, want)
			}
			if len(rep.Positions) != 1 {
				t.Fatalf("report positions: got %d entries, want 1", len(rep.Positions))
			}
			sp := rep.Positions[0]
			if sp.Source != "Founder interview" || sp.Positions != tc.want || !sp.Sure || !strings.Contains(sp.Basis, tc.basis) {
				t.Errorf("report: got %+v, want %s, sure, basis containing %q", sp, tc.want, tc.basis)
			}
			if len(rep.Warnings) != 0 {
				t.Errorf("warnings: got %q, want none", rep.Warnings)
			}
		})
	}
}

func TestImportWarnsWhenPositionsAreUnclear(t *testing.T) {
	// One selection amid punctuation: both readings put its ends outside
	// any word, so the text cannot tell them apart.
	text := "Start 😀 ... ,,, ;;; ... end"
	at := strings.Index(text, ",,, ;;;")
	qde := fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Unclear" origin="Other">
<CodeBook><Codes><Code guid="c0de0000-0000-4000-8000-000000000001" name="C" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="Doc"><PlainTextContent>%s</PlainTextContent>
<PlainTextSelection guid="5e1ec700-0000-4000-8000-000000000001" startPosition="%d" endPosition="%d"><Coding guid="c0d17000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`, text, utf16Offset(text, at), utf16Offset(text, at+len(",,, ;;;")))
	_, _, rep := importedQuotes(t, mustOpenStore(t), zipFiles(t, map[string][]byte{"project.qde": []byte(qde)}))
	if len(rep.Positions) != 1 || rep.Positions[0].Sure {
		t.Fatalf("report positions: got %+v, want one unsure entry", rep.Positions)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "not sure") {
		t.Errorf("warnings: got %q, want one saying it is not sure", rep.Warnings)
	}
}

var selRe = regexp.MustCompile(`startPosition="(\d+)" endPosition="(\d+)"`)

func TestExportPositionsBothWays(t *testing.T) {
	_, snap, _ := importedQuotes(t, mustOpenStore(t), astralProject(t, "NVivo 12", utf16Offset))
	text := snap.Documents[0].Text
	for _, tc := range []struct {
		positions refi.Positions
		slice     func(s string, start, end int) string
	}{
		{refi.PositionsCodePoints, func(s string, start, end int) string { return string([]rune(s)[start:end]) }},
		{refi.PositionsUTF16, func(s string, start, end int) string {
			return string(utf16.Decode(utf16.Encode([]rune(s))[start:end]))
		}},
	} {
		t.Run(string(tc.positions), func(t *testing.T) {
			var buf bytes.Buffer
			must(t, refi.Export(&buf, snap, refi.ExportOptions{Positions: tc.positions}))
			files := zipEntries(t, buf.Bytes())
			qde := string(files["project.qde"])
			var got []string
			for _, m := range selRe.FindAllStringSubmatch(qde, -1) {
				s, _ := strconv.Atoi(m[1])
				e, _ := strconv.Atoi(m[2])
				got = append(got, tc.slice(text, s, e))
			}
			sortStrings(got)
			if want := sortedPhrases(); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("exported selections read as %s: got %q, want %q", tc.positions, got, want)
			}
			validateQDE(t, files["project.qde"])

			// Read back, the quotes are on the same words.
			back, _, rep := importedQuotes(t, mustOpenStore(t), buf.Bytes())
			if want := sortedPhrases(); strings.Join(back, "|") != strings.Join(want, "|") {
				t.Errorf("re-imported quotes: got %q, want %q", back, want)
			}
			if rep.Positions[0].Positions != tc.positions {
				t.Errorf("re-import read positions as %s, want %s", rep.Positions[0].Positions, tc.positions)
			}
		})
	}
}

func TestExportRefusesUnknownPositions(t *testing.T) {
	snap := buildSample(t, mustOpenStore(t))
	err := refi.Export(&bytes.Buffer{}, snap, refi.ExportOptions{Positions: "bytes"})
	if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), "codepoints or utf16") {
		t.Errorf("got %v, want EINVALID naming codepoints and utf16", err)
	}
}

// validateQDE checks project.qde against the REFI-QDA project schema.
func validateQDE(t *testing.T, qde []byte) {
	t.Helper()
	xmllint := requireXmllint(t)
	path := filepath.Join(t.TempDir(), "project.qde")
	must(t, os.WriteFile(path, qde, 0o600))
	out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "Project-mrt2019.xsd"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}
