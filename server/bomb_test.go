package server_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// bombMiB is how far each bomb inflates: 1 GiB from about 1 MB.
const bombMiB = 1024

// deflated returns data as raw deflate blocks ending on a byte boundary;
// final marks the last blocks of a stream.
func deflated(tb testing.TB, data []byte, final bool) []byte {
	tb.Helper()
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(data)
	if final {
		err = w.Close()
	} else {
		err = w.Flush()
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// zipBomb returns a zip archive with the small entries of plain and one
// entry, bomb, that inflates to head, bombMiB MiB of 'a' and tail. The
// deflate stream repeats one self-contained compressed MiB, so it is
// built without compressing a gigabyte. With lie the entry declares 1,000
// bytes: a bomb that slips past the ratio check and must be stopped
// while it inflates.
func zipBomb(tb testing.TB, plain map[string]string, bomb, head, tail string, lie bool) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range plain {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		io.WriteString(w, body)
	}
	mib := bytes.Repeat([]byte("a"), 1<<20)
	chunk := deflated(tb, mib, false)
	var raw bytes.Buffer
	raw.Write(deflated(tb, []byte(head), false))
	crc := crc32.ChecksumIEEE([]byte(head))
	for range bombMiB {
		raw.Write(chunk)
		crc = crc32.Update(crc, crc32.IEEETable, mib)
	}
	raw.Write(deflated(tb, []byte(tail), true))
	crc = crc32.Update(crc, crc32.IEEETable, []byte(tail))
	size := uint64(len(head) + len(tail) + bombMiB<<20)
	if lie {
		size = 1000
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: bomb, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: size})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(raw.Bytes())
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// bombUpload is one hostile upload and the status it must get.
type bombUpload struct {
	name, path, file string
	data             []byte
	wantStatus       int
}

// bombUploads builds a bomb of each zip-based format the server reads.
func bombUploads(tb testing.TB, pid string) []bombUpload {
	tb.Helper()
	const w = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`
	const wEnd = `</w:t></w:r></w:p></w:body></w:document>`
	docx := map[string]string{"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`}
	const odt = `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>`
	const odtEnd = `</text:p></office:text></office:body></office:document-content>`
	const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`
	const sheetEnd = `</t></is></c></row></sheetData></worksheet>`
	const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="`
	docs := "/api/v1/projects/" + pid + "/documents"
	return []bombUpload{
		{"docx", docs, "bomb.docx", zipBomb(tb, docx, "word/document.xml", w, wEnd, false), http.StatusRequestEntityTooLarge},
		{"docx lying about its size", docs, "liar.docx", zipBomb(tb, docx, "word/document.xml", w, wEnd, true), http.StatusBadRequest},
		{"odt", docs, "bomb.odt", zipBomb(tb, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text"}, "content.xml", odt, odtEnd, false), http.StatusRequestEntityTooLarge},
		{"xlsx codebook", "/api/v1/projects/" + pid + "/codebook", "codebook.xlsx", zipBomb(tb, map[string]string{"xl/workbook.xml": "<workbook/>"}, "xl/worksheets/sheet1.xml", sheet, sheetEnd, false), http.StatusRequestEntityTooLarge},
		{"qdpx", "/api/v1/projects/qdpx", "bomb.qdpx", zipBomb(tb, nil, "project.qde", qde, `"/>`, false), http.StatusRequestEntityTooLarge},
	}
}

// post sends data as the "file" part of a multipart upload and returns
// the status and body of the answer.
func (u bombUpload) post(url string) (int, string, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+u.file+`"`)
	h.Set("Content-Type", "application/octet-stream")
	part, err := mw.CreatePart(h)
	if err != nil {
		return 0, "", err
	}
	part.Write(u.data)
	mw.Close()
	res, err := http.Post(url+u.path, mw.FormDataContentType(), &body)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	msg, err := io.ReadAll(res.Body)
	return res.StatusCode, string(msg), err
}

// heapPeak samples the bytes of live and unswept heap objects until stop
// is called, which returns the highest sample.
func heapPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		var hi uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			hi = max(hi, sample[0].Value.Uint64())
			select {
			case <-done:
				peak <- hi
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-peak }
}

// postBombs sends copies of every bomb at once and returns the peak heap
// growth over the heap before, checking each answer.
func postBombs(tb testing.TB, ts *testServer, bombs []bombUpload, copies int) uint64 {
	tb.Helper()
	var jobs []func() error
	for _, b := range bombs {
		for range copies {
			jobs = append(jobs, func() error {
				status, msg, err := b.post(ts.url)
				switch {
				case err != nil:
					return fmt.Errorf("%s: %v", b.name, err)
				case status != b.wantStatus:
					return fmt.Errorf("%s: got status %d (%s), want %d", b.name, status, msg, b.wantStatus)
				}
				return nil
			})
		}
	}
	return heapGrowthOf(tb, jobs)
}

// heapGrowthOf runs the jobs at once and returns the peak heap growth
// over the heap before, reporting the jobs' errors. Where the platform
// tells, it logs the process's peak resident set while they ran: the
// server's and the clients' memory, mapped files (the store) included.
func heapGrowthOf(tb testing.TB, jobs []func() error) uint64 {
	tb.Helper()
	runtime.GC()
	before := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(before)
	reset := resetPeakRSS()
	stop := heapPeak()
	var wg sync.WaitGroup
	errs := make(chan error, len(jobs))
	for _, job := range jobs {
		wg.Go(func() {
			if err := job(); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	peak := stop()
	if rss, ok := peakRSS(); ok && reset {
		tb.Logf("peak RSS of the test process (server and clients): %.0f MB", float64(rss)/1e6)
		if rss > maxUploadRSS {
			tb.Errorf("got peak RSS %d MB, want under %d MB", rss>>20, maxUploadRSS>>20)
		}
	}
	close(errs)
	for err := range errs {
		tb.Error(err)
	}
	return peak - min(peak, before[0].Value.Uint64())
}

// maxUploadRSS bounds the resident memory of the whole test process,
// server and clients, while uploads run: the limit a server must keep to
// for any upload within its limits, bombs included.
const maxUploadRSS = 300 << 20

// maxBombHeap bounds the heap the bombs may add, all at once: the
// hostile archives themselves (about 1 MB each, held by both the client
// and the server) and the work of refusing them.
const maxBombHeap = 200 << 20

func TestUploadBombsRefusedWithinMemory(t *testing.T) {
	ts := mustStart(t, nil, nil)
	var p id
	ts.call("POST", "/api/v1/projects", map[string]string{"name": "Bombs"}, http.StatusCreated, &p)
	bombs := bombUploads(t, p.ID)
	grew := postBombs(t, ts, bombs, 3)
	t.Logf("peak heap growth with %d bombs at once: %.1f MB", 3*len(bombs), float64(grew)/1e6)
	if grew > maxBombHeap {
		t.Errorf("got peak heap growth %d MB, want under %d MB", grew>>20, maxBombHeap>>20)
	}
	var docs []id
	ts.call("GET", "/api/v1/projects/"+p.ID+"/documents", nil, http.StatusOK, &docs)
	if len(docs) != 0 {
		t.Errorf("got %d documents after the bombs, want none", len(docs))
	}
}
