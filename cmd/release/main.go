// Command release builds Tessera's release artifacts: for every platform
// an archive (zip on Windows, tar.gz elsewhere) holding the tessera
// binary, README.md, LICENSE and THIRD_PARTY_NOTICES.txt, plus a
// checksums.txt of their SHA-256 sums, in dist/. Run it from the
// repository root:
//
//	go run ./cmd/release --version 1.2.0   # a release, from a clean checkout
//	go run ./cmd/release --snapshot        # a test build of the current tree
//
// The binaries are built with CGO_ENABLED=0 and -trimpath, with the
// version, commit and commit date stamped in (tessera version prints
// them). Archive entries carry the commit date, so the same commit gives
// the same archives.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Platform is one release target.
type Platform struct{ OS, Arch string }

// Platforms are the release targets.
var Platforms = []Platform{
	{"windows", "amd64"}, {"windows", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"},
}

// docs are the files beside the binary in every archive. LICENSE is
// required for a release and left out of a snapshot when missing.
var docs = []string{"README.md", "LICENSE", "THIRD_PARTY_NOTICES.txt"}

func main() {
	version := flag.String("version", "", "release `version`, such as 1.2.0 (required unless --snapshot)")
	snapshot := flag.Bool("snapshot", false, "build a snapshot of the current tree: version 0.0.0-snapshot+COMMIT, a missing LICENSE allowed")
	out := flag.String("o", "dist", "output `directory` (emptied first)")
	only := flag.String("platforms", "", "comma-separated OS/ARCH `list` to build (default: all six)")
	flag.Parse()
	if err := run(*version, *snapshot, *out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(version string, snapshot bool, out, only string) error {
	if (version == "") == !snapshot {
		return fmt.Errorf("give either --version X.Y.Z or --snapshot")
	}
	commit, err := git("rev-parse", "HEAD")
	if err != nil {
		return err
	}
	when, err := git("log", "-1", "--format=%cI")
	if err != nil {
		return err
	}
	date, err := time.Parse(time.RFC3339, when)
	if err != nil {
		return fmt.Errorf("commit date %q: %v", when, err)
	}
	if snapshot {
		version = "0.0.0-snapshot+" + commit[:12]
	} else {
		version = strings.TrimPrefix(version, "v")
		if dirty, err := git("status", "--porcelain"); err != nil || dirty != "" {
			return fmt.Errorf("a release is built from a clean checkout; commit or stash first")
		}
	}
	files := []string{}
	for _, d := range docs {
		if _, err := os.Stat(d); err != nil {
			if d == "LICENSE" && snapshot {
				fmt.Fprintln(os.Stderr, "release: warning: no LICENSE file; a release needs one")
				continue
			}
			return fmt.Errorf("%s is missing: every archive ships it", d)
		}
		files = append(files, d)
	}
	platforms, err := pick(only)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	stamp := Stamp{Version: version, Commit: commit, Date: date.UTC()}
	var archives []string
	for _, p := range platforms {
		start := time.Now()
		bin, err := build(p, stamp, filepath.Join(out, "build"))
		if err != nil {
			return err
		}
		name, err := Archive(out, p, stamp, bin, files)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s (%.1f s)\n", filepath.Join(out, name), time.Since(start).Seconds())
		archives = append(archives, name)
	}
	if err := os.RemoveAll(filepath.Join(out, "build")); err != nil {
		return err
	}
	return WriteChecksums(out, archives)
}

// pick returns the platforms named in list ("" for all).
func pick(list string) ([]Platform, error) {
	if list == "" {
		return Platforms, nil
	}
	var ps []Platform
	for _, s := range strings.Split(list, ",") {
		os, arch, _ := strings.Cut(strings.TrimSpace(s), "/")
		found := false
		for _, p := range Platforms {
			if p.OS == os && p.Arch == arch {
				ps, found = append(ps, p), true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown platform %q (known: windows, darwin, linux on amd64, arm64)", s)
		}
	}
	return ps, nil
}

// Stamp is what a build stamps into tessera version.
type Stamp struct {
	Version, Commit string
	Date            time.Time
}

// build compiles tessera for p into dir and returns the binary's path.
func build(p Platform, s Stamp, dir string) (string, error) {
	bin := filepath.Join(dir, p.OS+"_"+p.Arch, BinaryName(p))
	ldflags := fmt.Sprintf("-s -w -X tessera/cmd/tessera/buildinfo.version=%s -X tessera/cmd/tessera/buildinfo.commit=%s -X tessera/cmd/tessera/buildinfo.date=%s",
		s.Version, s.Commit, s.Date.Format(time.RFC3339))
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", bin, "./cmd/tessera")
	cmd.Env = append(os.Environ(), "GOOS="+p.OS, "GOARCH="+p.Arch, "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build for %s/%s: %w", p.OS, p.Arch, err)
	}
	return bin, nil
}

// BinaryName is the file name of the program on p.
func BinaryName(p Platform) string {
	if p.OS == "windows" {
		return "tessera.exe"
	}
	return "tessera"
}

// git runs git with args and returns its trimmed output.
func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}
