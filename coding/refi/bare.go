package refi

import (
	"archive/zip"
	"bytes"
	"io"

	"tessera/coding"
	"tessera/coding/unzip"
)

// shapes names the two kinds of file Import reads, for error messages.
const shapes = "a .qdpx project (a zip archive holding project.qde and sources/) or a bare project.qde (REFI-QDA XML)"

// readProjectFile returns the archive and the bytes of project.qde from
// r, which holds either a .qdpx archive or a bare project.qde. A bare
// file (bare is true) comes with an empty archive: sources whose text is
// not inline are reported as such. Errors are EINVALID for a file of neither shape, ETOOLARGE for
// a bare file over MaxUncompressed, and the archive's refusals.
func readProjectFile(r io.ReaderAt, size int64, opt ImportOptions) (arc *archive, data []byte, bare bool, err error) {
	head := make([]byte, min(size, 512))
	n, rerr := r.ReadAt(head, 0)
	if rerr != nil && rerr != io.EOF {
		return nil, nil, false, coding.Errorf(coding.EINVALID, "the file cannot be read: %v", rerr)
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PK")):
		if arc, err = openArchive(r, size, opt); err != nil {
			return nil, nil, false, err
		}
		f, _ := arc.entry(projectFile)
		data, err = arc.read(f)
		return arc, data, false, err
	case !looksLikeXML(head):
		return nil, nil, false, coding.Errorf(coding.EINVALID, "not a REFI-QDA project: Tessera reads %s; this file is neither", shapes)
	case size > opt.MaxUncompressed:
		return nil, nil, false, coding.Errorf(coding.ETOOLARGE, "the project file is larger than the limit of %s", unzip.SizeLabel(opt.MaxUncompressed))
	}
	data = make([]byte, size)
	if _, err := r.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, nil, false, coding.Errorf(coding.EINVALID, "the file cannot be read: %v", err)
	}
	return &archive{opt: opt, files: map[string]*zip.File{}}, data, true, nil
}

// looksLikeXML reports whether head starts, after a byte-order mark and
// white space, with "<": UTF-8, or UTF-16 of either byte order.
func looksLikeXML(head []byte) bool {
	for _, bom := range [][]byte{{0xEF, 0xBB, 0xBF}, {0xFF, 0xFE}, {0xFE, 0xFF}} {
		if bytes.HasPrefix(head, bom) {
			head = head[len(bom):]
			break
		}
	}
	head = bytes.TrimLeft(head, " \t\r\n\x00")
	return len(head) > 0 && head[0] == '<'
}
