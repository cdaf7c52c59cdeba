package markdown_test

import (
	"strings"
	"testing"

	"tessera/coding/markdown"
)

func TestEscapeHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"script block", "<script>alert(1)</script>\n\nText", "&lt;script>alert(1)&lt;/script>\n\nText"},
		{"img onerror inline", "See <img src=x onerror=alert(1)> here", "See &lt;img src=x onerror=alert(1)> here"},
		{"markdown kept", "**Tillit** and [link](https://example.org) 2 < 3", "**Tillit** and [link](https://example.org) 2 < 3"},
		{"code span kept", "Use `<b>` for bold", "Use `<b>` for bold"},
		{"fenced code kept", "```\n<script>x</script>\n```", "```\n<script>x</script>\n```"},
		{"autolink kept", "<https://example.org>", "<https://example.org>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markdown.EscapeHTML(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEscapeHTMLRendersAsText(t *testing.T) {
	got, err := markdown.Render(markdown.EscapeHTML(`<img src=x onerror=alert(1)> and <script>alert(1)</script>`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("got %q, want the tag shown as text", got)
	}
}
