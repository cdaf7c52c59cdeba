package desktop_test

import (
	"testing"

	"tessera/cmd/tessera/desktop"
)

func TestDataDir(t *testing.T) {
	tests := []struct {
		name       string
		goos       string
		env        map[string]string
		home, wd   string
		files      []string
		want       string
		wantReason string
	}{
		{name: "windows AppData", goos: "windows", env: map[string]string{"APPDATA": `C:\Users\Anna Müller\AppData\Roaming`}, home: `C:\Users\Anna Müller`, wd: `C:\Users\Anna Müller\Downloads`,
			want: `C:\Users\Anna Müller\AppData\Roaming\Tessera`},
		{name: "windows AppData with trailing backslash", goos: "windows", env: map[string]string{"APPDATA": `D:\Profiles\x\`}, wd: `D:\`,
			want: `D:\Profiles\x\Tessera`},
		{name: "windows without AppData", goos: "windows", home: `C:\Users\bo`, wd: `C:\`,
			want: `C:\Users\bo\AppData\Roaming\Tessera`},
		{name: "windows only USERPROFILE", goos: "windows", env: map[string]string{"USERPROFILE": `C:\Users\cy`},
			want: `C:\Users\cy\AppData\Roaming\Tessera`},
		{name: "windows legacy folder", goos: "windows", env: map[string]string{"APPDATA": `C:\Users\a\AppData\Roaming`}, wd: `C:\study`,
			files: []string{`C:\study\tessera-data\tessera.db`}, want: `C:\study\tessera-data`},
		{name: "macOS", goos: "darwin", env: map[string]string{"XDG_DATA_HOME": "/ignored"}, home: "/Users/anna", wd: "/",
			want: "/Users/anna/Library/Application Support/Tessera"},
		{name: "linux XDG_DATA_HOME", goos: "linux", env: map[string]string{"XDG_DATA_HOME": "/data/anna"}, home: "/home/anna", wd: "/home/anna",
			want: "/data/anna/tessera", wantReason: "$XDG_DATA_HOME"},
		{name: "linux relative XDG_DATA_HOME is ignored", goos: "linux", env: map[string]string{"XDG_DATA_HOME": "data"}, home: "/home/anna",
			want: "/home/anna/.local/share/tessera"},
		{name: "linux fallback", goos: "linux", home: "/home/anna", wd: "/tmp",
			want: "/home/anna/.local/share/tessera", wantReason: "$XDG_DATA_HOME is not set"},
		{name: "freebsd follows XDG", goos: "freebsd", home: "/home/b",
			want: "/home/b/.local/share/tessera"},
		{name: "legacy folder wins", goos: "linux", env: map[string]string{"XDG_DATA_HOME": "/data/anna"}, home: "/home/anna", wd: "/home/anna/study",
			files: []string{"/home/anna/study/tessera-data/tessera.db"}, want: "/home/anna/study/tessera-data"},
		{name: "empty legacy folder does not", goos: "darwin", home: "/Users/a", wd: "/Users/a",
			files: []string{"/Users/a/tessera-data"}, want: "/Users/a/Library/Application Support/Tessera"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := desktop.Env{
				GOOS:    tt.goos,
				Getenv:  func(k string) string { return tt.env[k] },
				Home:    tt.home,
				WorkDir: tt.wd,
				Exists: func(p string) bool {
					for _, f := range tt.files {
						if f == p {
							return true
						}
					}
					return false
				},
			}
			got, reason, err := desktop.DataDir(env)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.wantReason != "" && reason != tt.wantReason {
				t.Errorf("got reason %q, want %q", reason, tt.wantReason)
			}
		})
	}
}

func TestDataDirWithoutHome(t *testing.T) {
	for _, goos := range []string{"windows", "darwin", "linux"} {
		env := desktop.Env{GOOS: goos, Getenv: func(string) string { return "" }, Exists: func(string) bool { return false }}
		if dir, _, err := desktop.DataDir(env); err == nil {
			t.Errorf("%s: got %q, want an error asking for --data", goos, dir)
		}
	}
}

func TestBrowserCommand(t *testing.T) {
	url := "http://127.0.0.1:7080/?a=1&b=2"
	tests := []struct{ goos, name, first string }{
		{"windows", "rundll32", "url.dll,FileProtocolHandler"},
		{"darwin", "open", url},
		{"linux", "xdg-open", url},
	}
	for _, tt := range tests {
		name, args := desktop.BrowserCommand(tt.goos, url)
		if name != tt.name || args[0] != tt.first || args[len(args)-1] != url {
			t.Errorf("%s: got %s %q, want %s with %q first and the URL last", tt.goos, name, args, tt.name, tt.first)
		}
	}
}
