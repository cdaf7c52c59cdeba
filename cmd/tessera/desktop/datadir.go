package desktop

import (
	"os"
	"path"
	"runtime"
	"strings"

	"tessera/coding"
	"tessera/coding/datadir"
)

// LegacyDataDir is the data directory earlier versions used in the
// working directory. A start without --data keeps using it when it holds
// a database, so existing users find their work where they left it.
const LegacyDataDir = "tessera-data"

// Env is what the default data directory depends on. Tests inject it to
// cover every operating system on one machine.
type Env struct {
	// GOOS is the operating system: "windows", "darwin", "linux", ...
	GOOS string
	// Getenv reads an environment variable.
	Getenv func(string) string
	// Home is the user's home directory (may be empty when unknown).
	Home string
	// WorkDir is the working directory.
	WorkDir string
	// Exists reports whether a file exists.
	Exists func(path string) bool
}

// HostEnv returns the Env of the running process.
func HostEnv() Env {
	home, _ := os.UserHomeDir()
	wd, _ := os.Getwd()
	return Env{
		GOOS:    runtime.GOOS,
		Getenv:  os.Getenv,
		Home:    home,
		WorkDir: wd,
		Exists: func(p string) bool {
			_, err := os.Stat(p)
			return err == nil
		},
	}
}

// DataDir returns the data directory a start without --data uses, and
// why:
//
//   - ./tessera-data, when the working directory has one with a
//     database in it (where earlier versions kept data);
//   - on Windows %AppData%\Tessera (%USERPROFILE%\AppData\Roaming\Tessera
//     when AppData is not set);
//   - on macOS ~/Library/Application Support/Tessera;
//   - elsewhere $XDG_DATA_HOME/tessera, or ~/.local/share/tessera when
//     XDG_DATA_HOME is unset or not absolute (as the XDG specification
//     asks).
//
// It fails only when neither the environment nor the home directory
// gives a place.
func DataDir(env Env) (dir, reason string, err error) {
	if env.WorkDir != "" && env.Exists(env.join(env.WorkDir, LegacyDataDir, datadir.DatabaseFile)) {
		return env.join(env.WorkDir, LegacyDataDir), "the working directory has a tessera-data folder", nil
	}
	switch env.GOOS {
	case "windows":
		if d := env.Getenv("APPDATA"); d != "" {
			return env.join(d, "Tessera"), "%AppData%", nil
		}
		home := env.Home
		if home == "" {
			home = env.Getenv("USERPROFILE")
		}
		if home != "" {
			return env.join(home, "AppData", "Roaming", "Tessera"), "%AppData% is not set", nil
		}
	case "darwin", "ios":
		if env.Home != "" {
			return env.join(env.Home, "Library", "Application Support", "Tessera"), "per-user application data on macOS", nil
		}
	default:
		if d := env.Getenv("XDG_DATA_HOME"); d != "" && strings.HasPrefix(d, "/") {
			return env.join(d, "tessera"), "$XDG_DATA_HOME", nil
		}
		if env.Home != "" {
			return env.join(env.Home, ".local", "share", "tessera"), "$XDG_DATA_HOME is not set", nil
		}
	}
	return "", "", errNoHome
}

// errNoHome is the error of DataDir when nothing says where the user's
// files go.
var errNoHome = coding.Errorf(coding.EINVALID, "cannot tell where your data directory should be (no home directory and no AppData or XDG_DATA_HOME); give one with --data DIR")

// join joins path elements with the separator of env's operating system,
// so that a Windows path is built right also when tests run elsewhere.
func (env Env) join(elem ...string) string {
	if env.GOOS != "windows" {
		return path.Join(elem...)
	}
	parts := make([]string, 0, len(elem))
	for i, e := range elem {
		e = strings.ReplaceAll(e, "/", `\`)
		if i > 0 {
			e = strings.TrimLeft(e, `\`)
		}
		if i < len(elem)-1 {
			e = strings.TrimRight(e, `\`)
		}
		if e != "" {
			parts = append(parts, e)
		}
	}
	return strings.Join(parts, `\`)
}
