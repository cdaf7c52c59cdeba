package markdown

import (
	"strings"
	"testing"
)

func TestRenderOutOfTimeIsPlainText(t *testing.T) {
	src := strings.Repeat("*a* [b](c) <d> ", 20000)
	got, err := render(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := plain(src)
	if got != want {
		t.Errorf("got %.80q..., want the escaped source %.80q...", got, want)
	}
	if strings.Contains(got, "<d>") {
		t.Errorf("got raw markup in the plain-text fallback")
	}
}
