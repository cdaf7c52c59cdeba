package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestArchives(t *testing.T) {
	src := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bin := write("tessera-bin", "\x7fELF program")
	docs := []string{write("README.md", "# Tessera\n"), write("LICENSE", "licence text"), write("THIRD_PARTY_NOTICES.txt", "notices")}
	stamp := Stamp{Version: "1.2.0", Commit: "0123456789abcdef", Date: time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC)}
	out := t.TempDir()

	var names []string
	for _, p := range Platforms {
		name, err := Archive(out, p, stamp, bin, docs)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	wantNames := []string{
		"tessera_1.2.0_windows_amd64.zip", "tessera_1.2.0_windows_arm64.zip",
		"tessera_1.2.0_darwin_amd64.tar.gz", "tessera_1.2.0_darwin_arm64.tar.gz",
		"tessera_1.2.0_linux_amd64.tar.gz", "tessera_1.2.0_linux_arm64.tar.gz",
	}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("archive names (-want +got):\n%s", diff)
	}

	// The Windows archive: a folder with the .exe and the documents.
	zr, err := zip.OpenReader(filepath.Join(out, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var got []string
	for _, f := range zr.File {
		got = append(got, f.Name)
		if !f.Modified.Equal(stamp.Date) {
			t.Errorf("%s: got time %v, want the commit's %v", f.Name, f.Modified, stamp.Date)
		}
	}
	want := []string{"tessera_1.2.0_windows_amd64/tessera.exe", "tessera_1.2.0_windows_amd64/README.md",
		"tessera_1.2.0_windows_amd64/LICENSE", "tessera_1.2.0_windows_amd64/THIRD_PARTY_NOTICES.txt"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("zip entries (-want +got):\n%s", diff)
	}

	// A tar.gz: the binary is executable and holds what was built.
	f, err := os.Open(filepath.Join(out, names[4]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	got = nil
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		got = append(got, h.Name)
		if h.Name == "tessera_1.2.0_linux_amd64/tessera" {
			data, _ := io.ReadAll(tr)
			if string(data) != "\x7fELF program" || h.Mode&0o111 == 0 {
				t.Errorf("binary: got %q mode %o, want the program, executable", data, h.Mode)
			}
		}
	}
	want = []string{"tessera_1.2.0_linux_amd64/tessera", "tessera_1.2.0_linux_amd64/README.md",
		"tessera_1.2.0_linux_amd64/LICENSE", "tessera_1.2.0_linux_amd64/THIRD_PARTY_NOTICES.txt"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tar entries (-want +got):\n%s", diff)
	}

	// The same inputs give the same bytes.
	again := t.TempDir()
	if _, err := Archive(again, Platforms[4], stamp, bin, docs); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(out, names[4]))
	b, _ := os.ReadFile(filepath.Join(again, names[4]))
	if string(a) != string(b) {
		t.Error("two archives of the same files differ")
	}

	// Checksums in the sha256sum format, one line per archive.
	if err := WriteChecksums(out, names); err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(out, "checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	if len(lines) != len(names) {
		t.Fatalf("got %d checksum lines, want %d", len(lines), len(names))
	}
	for _, line := range lines {
		sum, name, ok := strings.Cut(line, "  ")
		data, err := os.ReadFile(filepath.Join(out, name))
		if !ok || err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		h := sha256.Sum256(data)
		if hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s: checksum does not match", name)
		}
	}
}

func TestSnapshotName(t *testing.T) {
	got := ArchiveName("0.0.0-snapshot+0123456789ab", Platform{"darwin", "arm64"})
	if want := "tessera_0.0.0-snapshot-0123456789ab_darwin_arm64.tar.gz"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := pick("windows/amd64,plan9/386"); err == nil {
		t.Error("an unknown platform is accepted")
	}
}
