package desktop

import (
	"fmt"
	"os/exec"
	"runtime"
)

// BrowserCommand returns the program and arguments that open url in the
// default browser on the operating system goos: the URL protocol handler
// on Windows (no shell, so "&" in a URL needs no quoting), open(1) on
// macOS, xdg-open(1) elsewhere.
func BrowserCommand(goos, url string) (name string, args []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	case "darwin":
		return "open", []string{url}
	default:
		return "xdg-open", []string{url}
	}
}

// OpenBrowser opens url in the default browser of this machine. It
// returns once the opener has started and reaps it in the background; an
// opener that fails later goes unnoticed, as the URL is printed anyway.
func OpenBrowser(url string) error {
	name, args := BrowserCommand(runtime.GOOS, url)
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open the browser with %s: %w", name, err)
	}
	go cmd.Wait()
	return nil
}
