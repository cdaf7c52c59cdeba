// Package unzip opens zip-based files (.docx, .odt, .xlsx, .qdpx) within
// limits checked before and while they are inflated, so that a small
// upload cannot unpack to gigabytes: the declared sizes and compression
// ratios are checked before anything is read, and archive/zip stops any
// entry that inflates past its declared size.
package unzip

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"

	"tessera/coding"
)

// Limits bound what may be unpacked from one archive.
type Limits struct {
	// MaxEntries bounds the number of entries.
	MaxEntries int
	// MaxEntry bounds the uncompressed size of any one entry, in bytes.
	MaxEntry int64
	// MaxTotal bounds the uncompressed size of all entries together.
	MaxTotal int64
	// MaxRatio bounds an entry's compression ratio (uncompressed to
	// compressed size). Entries under RatioFloor are not checked: they
	// cannot make a bomb.
	MaxRatio float64
}

// RatioFloor is the uncompressed size from which ratios are checked.
const RatioFloor = 1 << 20

// DefaultRatio is the ratio beyond which an entry is taken for a zip
// bomb. Office XML compresses about 5 to 30 times; a bomb 1,000 times.
const DefaultRatio = 200

// Workbook bounds a spreadsheet read whole (a case sheet, a codebook):
// such sheets are small, and the reader keeps every cell.
var Workbook = Limits{MaxEntries: 10_000, MaxTotal: 32 << 20, MaxRatio: DefaultRatio}

// Open reads the central directory of data, a zip archive, and checks it
// against l. kind names the file for messages (".docx"). A file that is
// not a zip archive is an EINVALID error; one over the limits ETOOLARGE.
func Open(data []byte, kind string, l Limits) (*zip.Reader, error) {
	return OpenReaderAt(bytes.NewReader(data), int64(len(data)), kind, l)
}

// OpenReaderAt is Open for an archive of size bytes read from r, such as
// a file on disk: only the central directory is read here, and entries
// later, as they are opened.
func OpenReaderAt(r io.ReaderAt, size int64, kind string, l Limits) (*zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, coding.Errorf(coding.EINVALID, "not a valid %s file (it is not a zip archive)", kind)
	}
	if err := Check(zr, kind, l); err != nil {
		return nil, err
	}
	return zr, nil
}

// Check checks every entry's declared size and compression ratio, and
// their number and total, against l.
func Check(zr *zip.Reader, kind string, l Limits) error {
	if l.MaxEntries > 0 && len(zr.File) > l.MaxEntries {
		return coding.Errorf(coding.ETOOLARGE, "the %s file holds %d entries; the limit is %d", kind, len(zr.File), l.MaxEntries)
	}
	var total uint64
	for _, f := range zr.File {
		if err := checkEntry(f, kind, l); err != nil {
			return err
		}
		total += f.UncompressedSize64
		if l.MaxTotal > 0 && total > uint64(l.MaxTotal) {
			return coding.Errorf(coding.ETOOLARGE, "the %s file unpacks to more than the limit of %s", kind, SizeLabel(l.MaxTotal))
		}
	}
	return nil
}

// checkEntry checks one entry's declared size and ratio.
func checkEntry(f *zip.File, kind string, l Limits) error {
	size := f.UncompressedSize64
	if l.MaxEntry > 0 && size > uint64(l.MaxEntry) {
		return coding.Errorf(coding.ETOOLARGE, "%s of the %s file unpacks to %s; the limit is %s", f.Name, kind, SizeLabel(int64(min(size, 1<<62))), SizeLabel(l.MaxEntry))
	}
	if l.MaxRatio > 0 && size >= RatioFloor && float64(size) > l.MaxRatio*float64(max(f.CompressedSize64, 1)) {
		return coding.Errorf(coding.ETOOLARGE, "%s of the %s file is compressed more than %g:1 (%d to %d bytes): refused as a possible zip bomb", f.Name, kind, l.MaxRatio, size, f.CompressedSize64)
	}
	return nil
}

// EntryError describes a failure to inflate an entry: damaged data, or
// more data than the entry declares (a bomb that lies about its size).
func EntryError(err error, kind, name string) error {
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
		return coding.Errorf(coding.EINVALID, "not a valid %s file (%s is damaged or larger than the archive declares)", kind, name)
	}
	return coding.Errorf(coding.EINVALID, "not a valid %s file (%s cannot be read: %v)", kind, name, err)
}

// SizeLabel writes a byte count for people: "20 MB", "512 KB", "100 bytes".
func SizeLabel(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
