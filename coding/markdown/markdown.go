// Package markdown renders researchers' memos, definitions and notes from
// Markdown to HTML that is safe to put into a page.
package markdown

import (
	"bytes"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	// goldmark leaves raw HTML out unless told otherwise (html.WithUnsafe).
	md     = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Typographer))
	policy = bluemonday.UGCPolicy()
)

// Render converts Markdown source to sanitised HTML. Raw HTML in the
// source is dropped by goldmark, and the result passes through an
// allow-list sanitiser as a second guard.
func Render(src string) (string, error) {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return policy.Sanitize(buf.String()), nil
}
