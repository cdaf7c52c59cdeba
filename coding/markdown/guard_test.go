package markdown_test

import (
	"errors"
	"strings"
	"testing"

	"tessera/coding/markdown"
)

func TestRenderNestingCapped(t *testing.T) {
	got, err := markdown.RenderUnhurried(strings.Repeat(">", 1000) + " deep")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got, "<blockquote>"); n != markdown.MaxDepth {
		t.Errorf("got %d nested block quotes, want %d", n, markdown.MaxDepth)
	}
	if !strings.Contains(got, "<p>&gt;") {
		t.Errorf("got %.200q, want the markers beyond the cap shown as text", got)
	}

	list, err := markdown.RenderUnhurried(strings.Repeat("- ", 100) + "item")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(list, "<ul>"); n != markdown.MaxDepth {
		t.Errorf("got %d nested lists, want %d", n, markdown.MaxDepth)
	}
}

func TestRenderShallowUnchanged(t *testing.T) {
	got, err := markdown.RenderUnhurried("> > quoted [twice](https://example.org)\n\n- a\n  - b")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="https://example.org" rel="nofollow">twice</a>`, "<li>b</li>"} {
		if !strings.Contains(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	if n := strings.Count(got, "<blockquote>"); n != 2 {
		t.Errorf("got %d block quotes, want 2", n)
	}
}

func TestRenderBracketsCapped(t *testing.T) {
	src := strings.Repeat("[", 2000) + "[link](https://example.org)"
	got, err := markdown.RenderUnhurried(src)
	if err != nil {
		t.Fatal(err)
	}
	// The last unescaped opener and the closer make the link; the rest
	// is its text.
	if n := strings.Count(got, "["); n != 2000 {
		t.Errorf("got %d brackets in the output, want 2000", n)
	}
	if strings.Contains(got, `\[`) {
		t.Errorf("got escaping backslashes in the output")
	}
}

func TestRenderLongTableSplit(t *testing.T) {
	src := "a|b\n-|-\n" + strings.Repeat("x|y\n", markdown.MaxRun+10)
	got, err := markdown.RenderUnhurried(src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "<table>") {
		t.Errorf("got no table, want the first %d lines as one", markdown.MaxRun)
	}
}

func TestRenderFencedCodeKept(t *testing.T) {
	src := "```\n" + strings.Repeat(">", 40) + "\n" + strings.Repeat("[", 600) + "\n```"
	got, err := markdown.RenderUnhurried(src)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, `\`) {
		t.Errorf("got an escape inside fenced code: %.120q", got)
	}
}

func TestRenderTooLarge(t *testing.T) {
	_, err := markdown.RenderUnhurried(strings.Repeat("a", markdown.MaxLen+1))
	if !errors.Is(err, markdown.ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
}
