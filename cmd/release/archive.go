package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ArchiveName is the file name of p's archive for version v:
// tessera_1.2.0_windows_amd64.zip, tessera_1.2.0_linux_arm64.tar.gz.
func ArchiveName(v string, p Platform) string {
	base := fmt.Sprintf("tessera_%s_%s_%s", strings.ReplaceAll(v, "+", "-"), p.OS, p.Arch)
	if p.OS == "windows" {
		return base + ".zip"
	}
	return base + ".tar.gz"
}

// Archive writes p's archive into dir: a folder named like the archive
// holding the binary bin and the files docs, every entry dated s.Date.
// It returns the archive's file name.
func Archive(dir string, p Platform, s Stamp, bin string, docs []string) (string, error) {
	name := ArchiveName(s.Version, p)
	folder := strings.TrimSuffix(strings.TrimSuffix(name, ".zip"), ".tar.gz")
	type entry struct {
		src, name string
		mode      os.FileMode
	}
	entries := []entry{{bin, BinaryName(p), 0o755}}
	for _, d := range docs {
		entries = append(entries, entry{d, filepath.Base(d), 0o644})
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return "", err
	}
	defer f.Close()
	add := func(e entry, w func(name string, mode os.FileMode, size int64, r io.Reader) error) error {
		in, err := os.Open(e.src)
		if err != nil {
			return err
		}
		defer in.Close()
		info, err := in.Stat()
		if err != nil {
			return err
		}
		return w(folder+"/"+e.name, e.mode, info.Size(), in)
	}
	if p.OS == "windows" {
		zw := zip.NewWriter(f)
		for _, e := range entries {
			err := add(e, func(name string, mode os.FileMode, _ int64, r io.Reader) error {
				h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: s.Date}
				h.SetMode(mode)
				w, err := zw.CreateHeader(h)
				if err == nil {
					_, err = io.Copy(w, r)
				}
				return err
			})
			if err != nil {
				return "", err
			}
		}
		if err := zw.Close(); err != nil {
			return "", err
		}
	} else {
		gz, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
		gz.ModTime = s.Date
		tw := tar.NewWriter(gz)
		for _, e := range entries {
			err := add(e, func(name string, mode os.FileMode, size int64, r io.Reader) error {
				h := &tar.Header{Name: name, Mode: int64(mode), Size: size, ModTime: s.Date, Typeflag: tar.TypeReg, Format: tar.FormatPAX, Uname: "root", Gname: "root"}
				if err := tw.WriteHeader(h); err != nil {
					return err
				}
				_, err := io.Copy(tw, r)
				return err
			})
			if err != nil {
				return "", err
			}
		}
		if err := tw.Close(); err != nil {
			return "", err
		}
		if err := gz.Close(); err != nil {
			return "", err
		}
	}
	return name, f.Close()
}

// WriteChecksums writes dir/checksums.txt: the SHA-256 of each named
// file in dir, in the format sha256sum -c and shasum -a 256 -c read.
func WriteChecksums(dir string, names []string) error {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	var b strings.Builder
	for _, n := range sorted {
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), n)
	}
	return os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(b.String()), 0o644)
}
