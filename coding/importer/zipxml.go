package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"tessera/coding"
	"tessera/coding/unzip"
)

// openZipXML opens the XML part named part of a zip-based document (.docx,
// .odt) as a streaming decoder. Entries compressed like zip bombs are
// refused before anything is inflated; the decompressed XML is capped
// while it streams at 16 times the text limit (at least 64 MB), and so is
// the length of any one token (text or tag) at the text limit: the XML
// decoder holds a token in memory whole.
func openZipXML(src source, part, kind string, opt Options) (*xml.Decoder, func() error, error) {
	limit := max(16*opt.maxText(), 64<<20)
	zr, err := unzip.OpenReaderAt(src.r, src.size, kind, unzip.Limits{MaxEntries: maxZipEntries, MaxEntry: limit, MaxRatio: unzip.DefaultRatio})
	if err != nil {
		return nil, nil, err
	}
	var f *zip.File
	for _, zf := range zr.File {
		if zf.Name == part {
			f = zf
			break
		}
	}
	if f == nil {
		return nil, nil, coding.Errorf(coding.EINVALID, "not a valid %s file (%s is missing)", kind, part)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, coding.Errorf(coding.EINVALID, "not a valid %s file (%s cannot be read: %v)", kind, part, err)
	}
	lr := &limitedReader{r: rc, n: limit, token: opt.maxText() + tagSlack}
	dec := xml.NewDecoder(lr)
	dec.Strict = true
	return dec, rc.Close, nil
}

// maxZipEntries bounds the entries of a .docx or .odt file.
const maxZipEntries = 10_000

// tagSlack is what a token may have beyond the text limit: the bytes
// between two '<' of a document's XML (the longest text run or tag the
// decoder holds whole) never need to exceed the text limit by more.
const tagSlack = 4 << 10

// errXMLTooLarge marks decompressed XML over the cap.
var errXMLTooLarge = errors.New("decompressed XML too large")

// limitedReader fails with errXMLTooLarge after n bytes, or after token
// bytes without a '<'.
type limitedReader struct {
	r        io.Reader
	n        int64
	token    int64
	sinceTag int64
}

// Read implements io.Reader.
func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errXMLTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if i := bytes.LastIndexByte(p[:n], '<'); i >= 0 {
		l.sinceTag = int64(n - i - 1)
	} else {
		l.sinceTag += int64(n)
	}
	if l.sinceTag > l.token {
		return n, errXMLTooLarge
	}
	return n, err
}

// xmlError turns a decoding failure of a zip-based document into a
// researcher-facing error.
func xmlError(err error, kind, part string, opt Options) error {
	if errors.Is(err, errXMLTooLarge) {
		return tooLarge(opt)
	}
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
		return unzip.EntryError(err, kind, part)
	}
	var ce *coding.Error
	if errors.As(err, &ce) {
		return ce
	}
	msg := strings.TrimPrefix(err.Error(), "xml: ")
	return coding.Errorf(coding.EINVALID, "not a valid %s file (%s: %s)", kind, part, msg)
}

// textBuilder collects a document's lines while it is read, enforcing the
// text limit as it grows.
type textBuilder struct {
	b     strings.Builder
	opt   Options
	lines int
}

// addLine appends one line, separating lines with "\n".
func (t *textBuilder) addLine(s string) error {
	if t.lines > 0 {
		t.b.WriteByte('\n')
	}
	t.lines++
	t.b.WriteString(s)
	return t.check(0)
}

// check fails when the text, with pending more bytes, is over the limit.
func (t *textBuilder) check(pending int) error {
	if int64(t.b.Len()+pending) > t.opt.maxText() {
		return tooLarge(t.opt)
	}
	return nil
}

// String returns the text so far.
func (t *textBuilder) String() string { return t.b.String() }

// attr returns the value of the attribute with local name local, or "".
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
