// Package importer turns the files researchers bring (plain text,
// Markdown, Word, OpenDocument, PDF, subtitles, HTML) into Tessera
// documents with speaker turns, and imports batches of them into a store.
//
// Every reader ends in the same hygiene: the bytes are decoded (UTF-8,
// UTF-16 with a byte-order mark, or Windows-1252), line ends become "\n",
// control characters are removed and counted, and the text is
// NFC-normalised, so positions are code points of the stored text.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"tessera/coding"
	"tessera/coding/unzip"
)

// DefaultMaxTextBytes is the default limit on a document's text: 20 MB.
const DefaultMaxTextBytes = 20 << 20

// Options configure parsing.
type Options struct {
	// MaxTextBytes bounds the size of a document's text in bytes of
	// UTF-8; DefaultMaxTextBytes when zero.
	MaxTextBytes int64
}

func (o Options) maxText() int64 {
	if o.MaxTextBytes <= 0 {
		return DefaultMaxTextBytes
	}
	return o.MaxTextBytes
}

// TextStats tells what the import did to a file's text and what it found.
type TextStats struct {
	coding.TextReport
	// Turns counts the speaker turns found.
	Turns int `json:"turns"`
	// Speakers lists the distinct speakers in order of first appearance.
	Speakers []string `json:"speakers"`
}

// Parsed is a file turned into a document's content: stored text (NFC,
// "\n" line ends) and speaker turns over it.
type Parsed struct {
	Title string        `json:"title"`
	Text  string        `json:"text"`
	Turns []coding.Turn `json:"turns"`
	// Format is the reader used: "txt", "md", "docx", "odt", "pdf", "vtt",
	// "srt", "html", or "text" for text given directly.
	Format string `json:"format"`
	// Encoding is the character encoding the bytes were decoded from
	// ("UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252");
	// empty for docx, odt and pdf, whose text is Unicode by definition.
	Encoding string    `json:"encoding"`
	Report   TextStats `json:"report"`
}

// extracted is what a format reader produces. Readers of plain formats
// leave Turns nil and the text raw; readers that build the text from
// structured input (subtitles) return normalised text with its turns.
type extracted struct {
	text       string
	encoding   string
	structured bool
	turns      []coding.Turn
	report     coding.TextReport
}

// reader turns a file's content into text.
type reader func(src source, opt Options) (*extracted, error)

// source is a file's content: in memory or on disk, read at random
// positions by the readers of archives and PDF and whole by the others.
type source struct {
	data []byte // the content when it is in memory, else nil
	r    io.ReaderAt
	size int64
}

// all returns the whole content, reading it when it is on disk.
func (s source) all() ([]byte, error) {
	if s.data != nil {
		return s.data, nil
	}
	b := make([]byte, s.size)
	if _, err := s.r.ReadAt(b, 0); err != nil && !(errors.Is(err, io.EOF) && s.size == 0) {
		return nil, fmt.Errorf("read the uploaded file: %w", err)
	}
	return b, nil
}

// whole makes a reader of formats parsed from the whole content.
func whole(read func(data []byte, opt Options) (*extracted, error)) reader {
	return func(src source, opt Options) (*extracted, error) {
		data, err := src.all()
		if err != nil {
			return nil, err
		}
		return read(data, opt)
	}
}

// readers maps lower-case file extensions (without the dot) to readers.
var readers = map[string]reader{
	"txt":  whole(readPlain),
	"md":   whole(readPlain),
	"docx": readDocx,
	"odt":  readODT,
	"pdf":  readPDF,
	"vtt":  whole(readVTT),
	"srt":  whole(readSRT),
	"html": whole(readHTML),
	"htm":  whole(readHTML),
}

// formatNames maps extensions to the format name reported.
var formatNames = map[string]string{"htm": "html"}

// Formats returns the file extensions Parse reads, without dots.
func Formats() []string {
	return []string{"txt", "md", "docx", "odt", "pdf", "vtt", "srt", "html", "htm"}
}

// Supported reports whether Parse reads files named like name.
func Supported(name string) bool {
	_, ok := readers[extension(name)]
	return ok
}

// Parse reads a file's bytes by the format its name's extension says and
// returns the document content. Errors are *coding.Error: EINVALID for
// unreadable, empty or unsupported files, ETOOLARGE for text over the size
// limit. The title is the file name without directory and extension.
func Parse(filename string, data []byte, opt Options) (*Parsed, error) {
	return parse(filename, source{data: data, r: bytes.NewReader(data), size: int64(len(data))}, opt)
}

// ParseReaderAt is Parse for content of size bytes read from r, such as
// a file on disk: Word, OpenDocument and PDF files are read at random
// positions and never held whole in memory; other formats are read whole
// once their size is within the limit.
func ParseReaderAt(filename string, r io.ReaderAt, size int64, opt Options) (*Parsed, error) {
	return parse(filename, source{r: r, size: size}, opt)
}

// parse reads src by the format filename's extension says.
func parse(filename string, src source, opt Options) (*Parsed, error) {
	ext := extension(filename)
	read, ok := readers[ext]
	if !ok {
		return nil, unsupported(filename, ext)
	}
	if src.size == 0 {
		return nil, coding.Errorf(coding.EINVALID, "the file is empty")
	}
	// Text needs at most 3 bytes of UTF-8 per byte of any source
	// encoding, so a much larger file cannot fit the limit. Compressed
	// formats are checked while they are read.
	if ext != "docx" && ext != "odt" && ext != "pdf" && src.size > 4*opt.maxText() {
		return nil, tooLarge(opt)
	}
	ex, err := read(src, opt)
	if err != nil {
		return nil, err
	}
	format := ext
	if f, ok := formatNames[ext]; ok {
		format = f
	}
	return finish(baseTitle(filename), format, ex, opt)
}

// FromText builds a document's content from text given directly (the JSON
// API), with the same hygiene and turn detection as a .txt file.
func FromText(title, text string) (*Parsed, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return nil, coding.Errorf(coding.EINVALID, "document title is required")
	}
	if text == "" {
		return nil, coding.Errorf(coding.EINVALID, "the text is empty")
	}
	ex, err := readPlain([]byte(text), Options{})
	if err != nil {
		return nil, err
	}
	ex.encoding = "UTF-8"
	return finish(title, "text", ex, Options{})
}

// finish applies the common hygiene and checks to extracted text.
func finish(title, format string, ex *extracted, opt Options) (*Parsed, error) {
	p := &Parsed{Title: title, Format: format, Encoding: ex.encoding}
	if ex.structured {
		p.Text, p.Turns, p.Report.TextReport = ex.text, ex.turns, ex.report
	} else {
		p.Text, p.Report.TextReport = coding.NormalizeText(ex.text)
	}
	if strings.TrimSpace(p.Text) == "" {
		return nil, coding.Errorf(coding.EINVALID, "the file holds no text, only white space")
	}
	if int64(len(p.Text)) > opt.maxText() {
		return nil, tooLarge(opt)
	}
	if !ex.structured {
		p.Turns = DetectTurns(p.Text)
	}
	p.Report.Turns = len(p.Turns)
	p.Report.Speakers = speakerNames(p.Turns)
	return p, nil
}

// speakerNames lists the distinct non-empty speakers of turns in order.
func speakerNames(turns []coding.Turn) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range turns {
		if t.Speaker != "" && !seen[t.Speaker] {
			seen[t.Speaker] = true
			// A copy: the label is a slice of the text, and the
			// report, kept for a whole batch, must not pin it.
			out = append(out, strings.Clone(t.Speaker))
		}
	}
	return out
}

func tooLarge(opt Options) error {
	return coding.Errorf(coding.ETOOLARGE, "the text is larger than the import limit of %s", unzip.SizeLabel(opt.maxText()))
}

func unsupported(filename, ext string) error {
	list := "." + strings.Join(Formats(), ", .")
	if ext == "" {
		return coding.Errorf(coding.EINVALID, "the file name %q has no extension, so its format is unknown (Tessera imports %s)", baseName(filename), list)
	}
	return coding.Errorf(coding.EINVALID, "unsupported file type %q (Tessera imports %s)", "."+ext, list)
}

// baseName returns the last element of a path written with "/" or "\".
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}

// extension returns the lower-case extension of name without the dot.
func extension(name string) string {
	return strings.ToLower(strings.TrimPrefix(path.Ext(baseName(name)), "."))
}

// baseTitle returns the file name without directory and extension.
func baseTitle(name string) string {
	base := baseName(name)
	title := strings.TrimSpace(strings.TrimSuffix(base, path.Ext(base)))
	if title == "" {
		title = strings.TrimSpace(base)
	}
	t, _ := coding.NormalizeText(title)
	return t
}
