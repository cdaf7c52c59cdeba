package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image/png"
	"io"
	"time"

	"tessera/coding"
)

// writeGioiaSVGZip writes every page of the figure as its own SVG file,
// page-01.svg, page-02.svg and so on, in one zip file.
func writeGioiaSVGZip(w io.Writer, snap *coding.Snapshot, opt Options) error {
	return writeFigureZip(w, snap, opt, ".svg", (*figure).writeSVG)
}

// writeGioiaPNGZip writes every page of the figure as its own PNG file in
// one zip file.
func writeGioiaPNGZip(w io.Writer, snap *coding.Snapshot, opt Options) error {
	// Pages compress at the default level: the best one takes several
	// times as long for a few per cent.
	return writeFigureZip(w, snap, opt, ".png", func(f *figure, w io.Writer) error { return f.writePNG(w, png.DefaultCompression) })
}

func writeFigureZip(w io.Writer, snap *coding.Snapshot, opt Options, ext string, draw func(*figure, io.Writer) error) error {
	pages, err := figurePages(snap, opt, "")
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	// A fixed time keeps the file the same for the same project.
	date := snap.Project.UpdatedAt
	if date.IsZero() {
		date = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	for i, f := range pages {
		var buf bytes.Buffer
		if err := draw(f, &buf); err != nil {
			return err
		}
		method := zip.Deflate
		if ext == ".png" {
			method = zip.Store // already compressed
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("page-%02d%s", i+1, ext), Method: method, Modified: date.UTC()})
		if err != nil {
			return err
		}
		if _, err := fw.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
