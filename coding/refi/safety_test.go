package refi_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/refi"
)

const minimalQDE = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Tiny"></Project>
`

// entry is one file of a hand-made archive.
type entry struct {
	name string
	data []byte
	mode fs.FileMode // 0 for a plain file
}

// buildZip writes entries as they are, however unsafe.
func buildZip(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		must(t, err)
		_, err = w.Write(e.data)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// lyingZip holds project.qde whose header declares 10 bytes while the
// compressed data unpacks to 5 MB.
func lyingZip(t *testing.T) []byte {
	t.Helper()
	big := bytes.Repeat([]byte("<!-- padding -->"), 5<<16)
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	must(t, err)
	_, err = fw.Write(big)
	must(t, err)
	must(t, fw.Close())
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "project.qde", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(big[:10]),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 10,
	})
	must(t, err)
	_, err = w.Write(comp.Bytes())
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// noise returns n bytes that do not compress.
func noise(n int) []byte {
	rng := rand.New(rand.NewPCG(7, 9))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return b
}

func TestImportRefusals(t *testing.T) {
	qde := []byte(minimalQDE)
	many := make([]entry, 0, 100_001)
	many = append(many, entry{name: "project.qde", data: qde})
	for i := 1; i <= 100_000; i++ {
		many = append(many, entry{name: fmt.Sprintf("sources/%06d.txt", i)})
	}
	tests := []struct {
		name     string
		data     []byte
		opt      refi.ImportOptions
		wantCode string
		wantMsg  string
	}{
		{"neither zip nor XML", []byte("just some text"), refi.ImportOptions{}, coding.EINVALID, "a .qdpx project (a zip archive holding project.qde and sources/) or a bare project.qde (REFI-QDA XML); this file is neither"},
		{"broken zip", []byte("PK\x03\x04 and then nothing"), refi.ImportOptions{}, coding.EINVALID, "not a zip archive"},
		{"bare qde too large", []byte(minimalQDE), refi.ImportOptions{MaxUncompressed: 16}, coding.ETOOLARGE, "larger than the limit of 16 bytes"},
		{"bare qde malformed", []byte("<?xml version=\"1.0\"?>\n<Project name=\"x\">\n  <Users>\n  </Userz>\n</Project>\n"), refi.ImportOptions{}, coding.EINVALID, "not well-formed XML: line 4, column"},
		{"no project.qde", buildZip(t, entry{name: "sources/a.txt", data: []byte("hello")}), refi.ImportOptions{}, coding.EINVALID, "no project.qde"},
		{"zip slip", buildZip(t, entry{name: "project.qde", data: qde}, entry{name: "sources/../../evil.txt", data: []byte("x")}), refi.ImportOptions{}, coding.EINVALID, "points outside the archive"},
		{"zip slip with backslashes", buildZip(t, entry{name: "project.qde", data: qde}, entry{name: `..\evil.txt`, data: []byte("x")}), refi.ImportOptions{}, coding.EINVALID, "points outside the archive"},
		{"absolute path", buildZip(t, entry{name: "project.qde", data: qde}, entry{name: "/etc/cron.d/evil", data: []byte("x")}), refi.ImportOptions{}, coding.EINVALID, "absolute path"},
		{"drive letter", buildZip(t, entry{name: "project.qde", data: qde}, entry{name: "C:/evil.txt", data: []byte("x")}), refi.ImportOptions{}, coding.EINVALID, "absolute path"},
		{"symlink", buildZip(t, entry{name: "project.qde", data: qde}, entry{name: "sources/a.txt", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777}), refi.ImportOptions{}, coding.EINVALID, "symbolic link"},
		{"too many entries", buildZip(t, many...), refi.ImportOptions{}, coding.ETOOLARGE, "100001 files; the limit is 100000"},
		{"too large declared", buildZip(t, entry{name: "project.qde", data: qde}, entry{name: "sources/a.txt", data: noise(600 << 10)}, entry{name: "sources/b.txt", data: noise(600 << 10)}), refi.ImportOptions{MaxUncompressed: 1 << 20}, coding.ETOOLARGE, "more than the limit of 1 MB"},
		{"compression ratio", buildZip(t, entry{name: "project.qde", data: qde}, entry{name: "sources/zeros.txt", data: make([]byte, 10<<20)}), refi.ImportOptions{}, coding.ETOOLARGE, "compressed more than 100:1"},
		{"size lies", lyingZip(t), refi.ImportOptions{}, coding.EINVALID, `entry "project.qde" is damaged or larger than the archive declares`},
		{"malformed XML", buildZip(t, entry{name: "project.qde", data: []byte("<?xml version=\"1.0\"?>\n<Project name=\"x\">\n  <Users>\n  </Userz>\n</Project>\n")}), refi.ImportOptions{}, coding.EINVALID, "not well-formed XML: line 4, column"},
		{"unclosed XML", buildZip(t, entry{name: "project.qde", data: []byte("<Project name=\"x\">\n<Users>")}), refi.ImportOptions{}, coding.EINVALID, "not well-formed XML: line 2"},
		{"wrong root", buildZip(t, entry{name: "project.qde", data: []byte("<CodeBook/>")}), refi.ImportOptions{}, coding.EINVALID, "project.qde is not a REFI-QDA project (line 1, column 12)"},
		{"no project name", buildZip(t, entry{name: "project.qde", data: []byte(`<Project xmlns="urn:QDA-XML:project:1.0"/>`)}), refi.ImportOptions{}, coding.EINVALID, "give the project a name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := mustOpenStore(t)
			proj, rep, err := refi.Import(context.Background(), st, "", bytes.NewReader(tt.data), int64(len(tt.data)), tt.opt)
			if err == nil {
				t.Fatalf("Import: got project %v, report %+v, want an error", proj, rep)
			}
			if code := coding.ErrorCode(err); code != tt.wantCode {
				t.Errorf("error code: got %q (%v), want %q", code, err, tt.wantCode)
			}
			if msg := coding.ErrorMessage(err); !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("error message: got %q, want it to contain %q", msg, tt.wantMsg)
			}
			projects, err := st.ListProjects(context.Background())
			must(t, err)
			if len(projects) != 0 {
				t.Errorf("a refused import left %d projects in the store", len(projects))
			}
		})
	}
}

func TestImportNameConflict(t *testing.T) {
	st := mustOpenStore(t)
	data := buildZip(t, entry{name: "project.qde", data: []byte(minimalQDE)})
	importBytes(t, st, "", data)
	_, _, err := refi.Import(context.Background(), st, "tiny", bytes.NewReader(data), int64(len(data)), refi.ImportOptions{})
	if coding.ErrorCode(err) != coding.ECONFLICT || !strings.Contains(coding.ErrorMessage(err), `a project named "Tiny" already exists`) {
		t.Errorf("second import: got %v, want a conflict naming the project", err)
	}
	proj, _ := importBytes(t, st, "Tiny (copy)", data)
	if proj.Name != "Tiny (copy)" {
		t.Errorf("project name: got %q, want %q", proj.Name, "Tiny (copy)")
	}
}

func TestImportTolerates(t *testing.T) {
	latin1 := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Lule\xe5\">" +
		`<CodeBook><Codes><Code guid="aaaaaaaa-0000-4000-8000-000000000001" name="Grit" isCodable="true"/></Codes></CodeBook>` +
		`<Sources><TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="Note"><PlainTextContent>Grit matters.</PlainTextContent>` +
		`<Coding guid="dddddddd-0000-4000-8000-000000000001"><CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000001"/></Coding></TextSource></Sources></Project>`)
	tests := []struct {
		name        string
		entries     []entry
		wantProject string
		wantDocs    []string
		wantQuotes  []string
		wantSkipped []string // elements
	}{
		{
			"project in a folder, source name in other case, braces in GUIDs",
			[]entry{
				{name: "Study/project.qde", data: []byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="Folder">
<CodeBook><Codes><Code guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Grit" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="T" plainTextPath="internal://Text%20One.TXT">
<PlainTextSelection guid="cccccccc-0000-4000-8000-000000000001" startPosition="3" endPosition="7"><Coding guid="dddddddd-0000-4000-8000-000000000001"><CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`)},
				{name: "Study/sources/text one.txt", data: []byte("\uFEFFWe kept trying.")},
			},
			"Folder", []string{"We kept trying."}, []string{"kept"}, nil,
		},
		{
			"other namespace, UTF-16 source",
			[]entry{
				{name: "project.qde", data: []byte(`<p:Project xmlns:p="urn:QDA-XML:project:1:0" name="NS"><p:CodeBook><p:Codes><p:Code guid="aaaaaaaa-0000-4000-8000-000000000001" name="Grit" isCodable="true"/></p:Codes></p:CodeBook>
<p:Sources><p:TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="T" plainTextPath="internal://t.txt">
<p:PlainTextSelection guid="cccccccc-0000-4000-8000-000000000001" startPosition="0" endPosition="5"><p:Coding guid="dddddddd-0000-4000-8000-000000000001"><p:CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000001"/></p:Coding></p:PlainTextSelection>
</p:TextSource></p:Sources></p:Project>`)},
				{name: "sources/t.txt", data: utf16LE("Luleå grit")},
			},
			"NS", []string{"Luleå grit"}, []string{"Luleå"}, nil,
		},
		{
			"Latin-1 XML, a source coded as a whole",
			[]entry{{name: "project.qde", data: latin1}},
			"Luleå", []string{"Grit matters."}, []string{"Grit matters."}, nil,
		},
		{
			"audio with a transcript",
			[]entry{{name: "project.qde", data: []byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="Audio"><Sources>
<AudioSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="Call" path="internal://call.mp3">
<Transcript guid="bbbbbbbb-0000-4000-8000-000000000002"><PlainTextContent>Anna: We failed fast.</PlainTextContent>
<TranscriptSelection guid="cccccccc-0000-4000-8000-000000000001" name="fast"/></Transcript>
<AudioSelection guid="cccccccc-0000-4000-8000-000000000002" name="start" begin="0" end="10"/>
</AudioSource></Sources></Project>`)}},
			"Audio", []string{"Anna: We failed fast."}, nil, []string{"TranscriptSelection", "AudioSelection"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := mustOpenStore(t)
			proj, rep := importBytes(t, st, "", buildZip(t, tt.entries...))
			snap, err := st.Snapshot(context.Background(), proj.ID, true)
			must(t, err)
			var docs, quotes, skipped []string
			for _, s := range rep.Skipped {
				skipped = append(skipped, s.Element)
			}
			if diff := cmp.Diff(tt.wantSkipped, skipped); diff != "" {
				t.Errorf("skipped (-want +got):\n%s", diff)
			}
			for _, d := range snap.Documents {
				docs = append(docs, d.Text)
			}
			for _, q := range snap.Quotes {
				quotes = append(quotes, q.Text)
			}
			if proj.Name != tt.wantProject {
				t.Errorf("project name: got %q, want %q", proj.Name, tt.wantProject)
			}
			if diff := cmp.Diff(tt.wantDocs, docs); diff != "" {
				t.Errorf("documents (-want +got):\n%s\nreport: %+v", diff, rep)
			}
			if diff := cmp.Diff(tt.wantQuotes, quotes); diff != "" {
				t.Errorf("quotes (-want +got):\n%s\nreport: %+v", diff, rep)
			}
		})
	}
}

// utf16LE encodes s as UTF-16 little endian with a byte-order mark.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}
