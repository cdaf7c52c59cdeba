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

func TestIsPlain(t *testing.T) {
	if !IsPlain(plain("<b>x</b>")) {
		t.Error("the plain-text form is not recognised")
	}
	out, err := Render(`<pre class="markdown-plain">x</pre>` + "\n\n```\ncode\n```")
	if err != nil {
		t.Fatal(err)
	}
	if IsPlain(out) {
		t.Errorf("got %q recognised as plain text, want a rendering", out)
	}
}
