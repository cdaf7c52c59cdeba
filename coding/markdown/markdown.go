// Package markdown renders researchers' memos, definitions and notes from
// Markdown to HTML that is safe to put into a page, in bounded time and
// memory whatever the input.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Version names the renderer's output. Stored renderings made by another
// version are made again; raise it whenever the HTML for a given source
// can change (goldmark options, sanitiser policy, the guards below).
const Version = 2

// MaxLen bounds the source, in bytes: the size of the largest memo.
const MaxLen = 1 << 20

// Budget bounds the time one rendering may take. Markdown that cannot be
// rendered within it (only hostile or machine-made input comes near) is
// shown as preformatted plain text instead.
const Budget = 40 * time.Millisecond

var (
	// goldmark leaves raw HTML out unless told otherwise (html.WithUnsafe).
	md = goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithInlineParsers(util.Prioritized(budgetInline{}, 10000)),
			parser.WithParagraphTransformers(util.Prioritized(budgetParagraph{}, 10000)),
		),
	)
	policy = bluemonday.UGCPolicy()
)

// ErrTooLarge is returned for sources longer than MaxLen.
var ErrTooLarge = fmt.Errorf("markdown is larger than %d bytes", MaxLen)

// Render converts Markdown source to sanitised HTML. Raw HTML in the
// source is dropped by goldmark, and the result passes through an
// allow-list sanitiser as a second guard. Sources longer than MaxLen are
// refused; nesting deeper than MaxDepth is flattened, and a source that
// does not render within Budget is returned as escaped preformatted text.
func Render(src string) (string, error) {
	return render(src, Budget)
}

// render is Render with the time budget given.
func render(src string, budget time.Duration) (out string, err error) {
	if len(src) > MaxLen {
		return "", ErrTooLarge
	}
	if src == "" {
		return "", nil
	}
	clock := &deadline{at: time.Now().Add(budget)}
	defer func() {
		if r := recover(); r != nil {
			if r != errBudget {
				panic(r)
			}
			out, err = plain(src), nil
		}
	}()
	source := flatten([]byte(src))
	doc := parse(source, clock)
	var raw bytes.Buffer
	if err := md.Renderer().Render(&budgetWriter{w: &raw, clock: clock}, source, doc); err != nil {
		return "", err
	}
	var clean bytes.Buffer
	if err := policy.SanitizeReaderToWriter(&raw, &budgetWriter{w: &clean, clock: clock}); err != nil {
		return "", err
	}
	return clean.String(), nil
}

// parse parses source with goldmark, panicking with errBudget once the
// clock's deadline has passed.
func parse(source []byte, clock *deadline) ast.Node {
	pc := parser.NewContext()
	pc.Set(deadlineKey, clock)
	return md.Parser().Parse(&budgetReader{Reader: text.NewReader(source), clock: clock}, parser.WithContext(pc))
}

// plainOpen starts the plain-text form of a source that ran out of time;
// the sanitiser never lets a class through, so no rendering starts so.
const plainOpen = `<pre class="markdown-plain">`

// plain shows src as escaped preformatted text.
func plain(src string) string {
	return plainOpen + html.EscapeString(src) + "</pre>"
}

// IsPlain reports whether out is the plain-text form Render returns for a
// source that did not render within Budget. A stored rendering of that
// form is worth trying again when the machine is less busy.
func IsPlain(out string) bool { return strings.HasPrefix(out, plainOpen) }

// errBudget ends a rendering that ran out of time; render recovers it.
var errBudget = errors.New("markdown rendering ran out of time")

// deadline is one rendering's time limit, checked at many points of the
// parser and renderer; it reads the clock only every checkEvery checks.
type deadline struct {
	at    time.Time
	calls int
}

const checkEvery = 8

// check panics with errBudget once the deadline has passed.
func (d *deadline) check() {
	d.calls++
	if d.calls%checkEvery == 0 && time.Now().After(d.at) {
		panic(errBudget)
	}
}

var deadlineKey = parser.NewContextKey()

// clockOf returns the rendering's deadline kept in the parser context.
func clockOf(pc parser.Context) *deadline {
	d, _ := pc.Get(deadlineKey).(*deadline)
	if d == nil {
		return &deadline{at: time.Now().Add(Budget)}
	}
	return d
}

// budgetReader checks the deadline as the block parser moves through the
// source.
type budgetReader struct {
	text.Reader
	clock *deadline
}

func (r *budgetReader) PeekLine() ([]byte, text.Segment) {
	r.clock.check()
	return r.Reader.PeekLine()
}

func (r *budgetReader) Advance(n int) {
	r.clock.check()
	r.Reader.Advance(n)
}

func (r *budgetReader) AdvanceLine() {
	r.clock.check()
	r.Reader.AdvanceLine()
}

// budgetInline is an inline parser that parses nothing: it runs before the
// others at every line start, space and character that triggers another
// inline parser (links, emphasis, code, autolinks, typography), and
// checks the deadline.
type budgetInline struct{}

func (budgetInline) Trigger() []byte { return []byte(" []!*_`<>&~\\(|:'\"-.,") }

func (budgetInline) Parse(_ ast.Node, _ text.Reader, pc parser.Context) ast.Node {
	clockOf(pc).check()
	return nil
}

// budgetParagraph checks the deadline before each paragraph's transformers
// (link reference definitions, tables).
type budgetParagraph struct{}

func (budgetParagraph) Transform(_ *ast.Paragraph, _ text.Reader, pc parser.Context) {
	d := clockOf(pc)
	d.calls = checkEvery - 1
	d.check()
}

// budgetWriter checks the deadline on every write.
type budgetWriter struct {
	w     *bytes.Buffer
	clock *deadline
}

func (w *budgetWriter) Write(p []byte) (int, error) {
	w.clock.check()
	return w.w.Write(p)
}

// Parse parses src as Render does (nesting flattened, within Budget) and
// returns the syntax tree with the source its segments point into, for
// writers of other formats (Word). ok is false for a source longer than
// MaxLen or one that does not parse in time: show it as plain text then.
func Parse(src string) (doc ast.Node, source []byte, ok bool) {
	if len(src) > MaxLen {
		return nil, nil, false
	}
	clock := &deadline{at: time.Now().Add(Budget)}
	defer func() {
		if r := recover(); r != nil {
			if r != errBudget {
				panic(r)
			}
			doc, source, ok = nil, nil, false
		}
	}()
	source = flatten([]byte(src))
	return parse(source, clock), source, true
}
