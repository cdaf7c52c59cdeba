package server_test

import (
	"archive/zip"
	"bufio"
	crand "crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tessera/server"
)

// words make up generated transcripts.
var words = strings.Fields("we talked about the plan and then the delay came so nobody knew what the board wanted " +
	"interviewer asked whether suppliers mattered and she said yes because the contracts were late again")

// writeTranscripts writes n plain-text interview transcripts of about
// size bytes each into dir and returns their paths. seed makes the texts
// differ between sets.
func writeTranscripts(tb testing.TB, dir string, n, size int, seed uint64) []string {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	var paths []string
	for i := range n {
		path := filepath.Join(dir, fmt.Sprintf("interview-%d-%03d.txt", seed, i))
		f, err := os.Create(path)
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fmt.Fprintf(w, "Interview %d of set %d\n\n", i, seed)
		for written := 0; written < size; {
			speaker := "I"
			if rng.IntN(2) == 0 {
				speaker = "R"
			}
			line := speaker + ": "
			for range 12 + rng.IntN(30) {
				line += words[rng.IntN(len(words))] + " "
			}
			line += "\n"
			n, _ := w.WriteString(line)
			written += n
		}
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, path)
	}
	return paths
}

// writeDocx writes a Word document with a short text and an image of
// media bytes that does not compress, as photos do, and returns its path.
func writeDocx(tb testing.TB, dir, name string, media int64) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		io.WriteString(w, body)
	}
	put("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for i := range 2000 {
		fmt.Fprintf(&doc, "<w:p><w:r><w:t>%s paragraph %d: the board wanted the plan before the delay.</w:t></w:r></w:p>", name, i)
	}
	doc.WriteString(`</w:body></w:document>`)
	put("word/document.xml", doc.String())
	img, err := zw.CreateHeader(&zip.FileHeader{Name: "word/media/image1.jpeg", Method: zip.Store})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.CopyN(img, crand.Reader, media); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// postFiles uploads the files at paths as "file" parts of one multipart
// request, streamed from disk as they are sent, and returns the status
// and the body of the answer.
func postFiles(url string, paths []string) (int, string, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		for _, p := range paths {
			part, err := mw.CreateFormFile("file", filepath.Base(p))
			if err != nil {
				pw.CloseWithError(err)
				return
			}
			f, err := os.Open(p)
			if err != nil {
				pw.CloseWithError(err)
				return
			}
			_, err = io.Copy(part, f)
			f.Close()
			if err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(mw.Close())
	}()
	res, err := http.Post(url, mw.FormDataContentType(), pr)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	msg, err := io.ReadAll(res.Body)
	return res.StatusCode, string(msg), err
}

// spoolLeft returns the upload spool directories left in dir.
func spoolLeft(tb testing.TB, dir string) []string {
	tb.Helper()
	left, err := filepath.Glob(filepath.Join(dir, "tessera-upload-*"))
	if err != nil {
		tb.Fatal(err)
	}
	return left
}

// waitSpoolGone waits until no upload spool is left in dir.
func waitSpoolGone(tb testing.TB, dir string) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(spoolLeft(tb, dir)) > 0 {
		if time.Now().After(deadline) {
			tb.Fatalf("got spooled uploads %v left after the requests ended, want none", spoolLeft(tb, dir))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// largeUpload is one upload of files on disk and the status it must get.
type largeUpload struct {
	name       string
	paths      []string
	wantStatus int
}

// uploadAtOnce sends the uploads at once to the document route of pid
// and returns the peak heap growth while they ran, checking each answer.
func uploadAtOnce(tb testing.TB, ts *testServer, pid string, uploads []largeUpload) uint64 {
	tb.Helper()
	var jobs []func() error
	for _, u := range uploads {
		jobs = append(jobs, func() error {
			status, msg, err := postFiles(ts.url+"/api/v1/projects/"+pid+"/documents", u.paths)
			switch {
			case err != nil:
				return fmt.Errorf("%s: %v", u.name, err)
			case status != u.wantStatus:
				return fmt.Errorf("%s: got status %d (%.300s), want %d", u.name, status, msg, u.wantStatus)
			case status == http.StatusCreated:
				var rep struct{ Imported int }
				if err := json.Unmarshal([]byte(msg), &rep); err != nil || rep.Imported != len(u.paths) {
					return fmt.Errorf("%s: got %d files imported (%v), want %d", u.name, rep.Imported, err, len(u.paths))
				}
			}
			return nil
		})
	}
	return heapGrowthOf(tb, jobs)
}

// testLargeUploads uploads at once a transcript set of textMB MB and two
// Word documents of docxMB MB each, all from disk, and checks that the
// server's heap grows by less than maxHeap and that no spooled file is
// left behind.
func testLargeUploads(t *testing.T, textMB, docxMB int, maxHeap uint64) {
	spool := t.TempDir()
	t.Setenv("TMPDIR", spool)
	ts := mustStart(t, nil, nil)
	var p id
	ts.call("POST", "/api/v1/projects", map[string]string{"name": "Large uploads"}, http.StatusCreated, &p)

	// Transcripts of 1.5 MB (long interviews), as many as textMB takes.
	dir := t.TempDir()
	const each = 3 << 19
	texts := writeTranscripts(t, dir, max(textMB<<20/each, 1), each, 1)
	docx1 := writeDocx(t, dir, "focus-group-1.docx", int64(docxMB)<<20)
	docx2 := writeDocx(t, dir, "focus-group-2.docx", int64(docxMB)<<20)
	uploads := []largeUpload{
		{"transcripts", texts, http.StatusCreated},
		{"first docx", []string{docx1}, http.StatusCreated},
		{"second docx", []string{docx2}, http.StatusCreated},
	}
	begin := time.Now()
	grew := uploadAtOnce(t, ts, p.ID, uploads)
	t.Logf("%d MB of transcripts (%d files) and two %d MB .docx at once: %.1f s, peak heap growth %.1f MB",
		textMB, len(texts), docxMB, time.Since(begin).Seconds(), float64(grew)/1e6)
	if grew > maxHeap {
		t.Errorf("got peak heap growth %d MB, want under %d MB", grew>>20, maxHeap>>20)
	}
	var docs []id
	ts.call("GET", "/api/v1/projects/"+p.ID+"/documents", nil, http.StatusOK, &docs)
	if want := len(texts) + 2; len(docs) != want {
		t.Errorf("got %d documents, want %d", len(docs), want)
	}
	waitSpoolGone(t, spool)
}

// TestLargeUploadsWithinMemory uploads a few megabytes of transcripts and
// Word documents at once; TestLargeUploadsBench does it at full size.
func TestLargeUploadsWithinMemory(t *testing.T) {
	testLargeUploads(t, 6, 8, 100<<20)
}

// TestLargeUploadsBench uploads at once 150 MB of transcripts and two
// Word documents of 150 MB each, close to the upload limit, and checks
// the server's heap stays within 200 MB. It runs with TESSERA_BENCH=1.
func TestLargeUploadsBench(t *testing.T) {
	if os.Getenv("TESSERA_BENCH") != "1" {
		t.Skip("set TESSERA_BENCH=1 to upload files close to the limit")
	}
	testLargeUploads(t, 150, 150, 200<<20)
}

// TestUploadOverLimitSpoolRemoved sends a file larger than the upload
// limit and one cut off by the client: the first gets 413, neither
// leaves a spooled file behind.
func TestUploadOverLimitSpoolRemoved(t *testing.T) {
	spool := t.TempDir()
	t.Setenv("TMPDIR", spool)
	ts := mustStart(t, nil, nil)
	var p id
	ts.call("POST", "/api/v1/projects", map[string]string{"name": "Limits"}, http.StatusCreated, &p)
	url := ts.url + "/api/v1/projects/" + p.ID + "/documents"

	// A file past the limit, streamed: the server answers 413 while it
	// reads, and the client may see its write fail once the answer came.
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		part, err := mw.CreateFormFile("file", "huge.txt")
		if err == nil {
			_, err = io.CopyN(part, zeroText{}, server.MaxUploadBytes+1<<20)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	res, err := http.Post(url, mw.FormDataContentType(), pr)
	if err != nil {
		t.Fatalf("oversized upload: %v", err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	pr.CloseWithError(errors.New("answered"))
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized upload: got status %d, want 413", res.StatusCode)
	}
	waitSpoolGone(t, spool)

	// A client that goes away in the middle of a file.
	pr, pw = io.Pipe()
	mw = multipart.NewWriter(pw)
	go func() {
		part, err := mw.CreateFormFile("file", "cut.txt")
		if err == nil {
			_, err = io.CopyN(part, zeroText{}, 4<<20)
		}
		if err == nil {
			err = errors.New("client gone")
		}
		pw.CloseWithError(err)
	}()
	if res, err := http.Post(url, mw.FormDataContentType(), pr); err == nil {
		res.Body.Close()
		t.Errorf("cut-off upload: got status %d, want the request to fail", res.StatusCode)
	}
	waitSpoolGone(t, spool)
}

// zeroText reads as an endless line of "a".
type zeroText struct{}

func (zeroText) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = 'a'
	}
	return len(b), nil
}
