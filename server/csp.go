package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"io/fs"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// contentSecurityPolicy returns the policy for every response. Scripts
// load only from the server itself, plus the inline import maps of
// index.html, allowed by their hashes (browsers require import maps to be
// inline, so 'self' alone would block them).
func contentSecurityPolicy(scriptHashes []string) string {
	script := []string{"'self'"}
	for _, h := range scriptHashes {
		script = append(script, "'"+h+"'")
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src " + strings.Join(script, " "),
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"object-src 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

// importMapHashes returns "sha256-<base64>" for the content of every inline
// <script type="importmap"> of the front end's index.html, hashed as the
// browser sees it (line ends normalised to "\n").
func importMapHashes(fsys fs.FS) ([]string, error) {
	src, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		return nil, err
	}
	var hashes []string
	z := html.NewTokenizer(bytes.NewReader(src))
	inImportMap := false
	var content bytes.Buffer
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return hashes, nil
			}
			return hashes, z.Err()
		case html.StartTagToken:
			tok := z.Token()
			if tok.DataAtom == atom.Script && isInlineImportMap(tok) {
				inImportMap = true
				content.Reset()
			}
		case html.TextToken:
			if inImportMap {
				content.Write(z.Text())
			}
		case html.EndTagToken:
			if inImportMap {
				sum := sha256.Sum256(content.Bytes())
				hashes = append(hashes, "sha256-"+base64.StdEncoding.EncodeToString(sum[:]))
				inImportMap = false
			}
		}
	}
}

// isInlineImportMap reports whether a <script> start tag opens an inline
// import map.
func isInlineImportMap(tok html.Token) bool {
	isMap, hasSrc := false, false
	for _, a := range tok.Attr {
		switch strings.ToLower(a.Key) {
		case "type":
			isMap = strings.EqualFold(strings.TrimSpace(a.Val), "importmap")
		case "src":
			hasSrc = true
		}
	}
	return isMap && !hasSrc
}
