// Package refi reads and writes REFI-QDA project exchange files (.qdpx):
// a zip archive holding project.qde, XML in the namespace
// urn:QDA-XML:project:1.0, and the plain text of every source under
// sources/. NVivo, ATLAS.ti, MAXQDA, QualCoder and other programs exchange
// whole coded projects this way.
//
// Export maps a project snapshot to the standard's elements (users, the
// codebook with its Gioia levels, variables, cases, sources with coded
// selections, notes, sets for facets) and is deterministic: the same
// snapshot gives the same bytes. Import checks the archive for unsafe
// content before anything is read into the store, then creates a new
// project from it and reports every element it had to leave out.
// docs/refi.md describes the mapping in both directions.
package refi

// Namespace is the XML namespace of project.qde.
const Namespace = "urn:QDA-XML:project:1.0"

// schemaLocation is where instance documents say the schema lives.
const schemaLocation = Namespace + " http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"

// Archive layout: the project file at the root, sources below sources/,
// referred to from project.qde as internal://NAME.
const (
	projectFile    = "project.qde"
	sourcesDir     = "sources/"
	internalPrefix = "internal://"
)

// Name, media type and extension of the format.
const (
	qdpxFormat    = "qdpx"
	qdpxMediaType = "application/zip" // the standard registers none; a .qdpx file is a zip archive
	qdpxExt       = ".qdpx"
)

// ExportFormat names the export format for format listings: its name,
// the media type to serve it with and the file name extension (with the
// dot).
func ExportFormat() (name, mediaType, ext string) {
	return qdpxFormat, qdpxMediaType, qdpxExt
}
