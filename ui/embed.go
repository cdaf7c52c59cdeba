// Package ui holds Tessera's front end: plain ES modules, CSS and the
// vendored Preact and htm libraries, embedded into the binary so the
// workbench runs offline with no build step.
package ui

import (
	"embed"
	"io/fs"
)

//go:embed index.html css js vendor
var files embed.FS

// FS is the front end with index.html at its root. The server serves its
// files as they are and answers client-side routes with index.html.
var FS fs.FS = files
