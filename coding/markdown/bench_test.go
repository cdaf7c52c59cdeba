package markdown_test

import (
	"strings"
	"testing"

	"tessera/coding/markdown"
)

// hostile returns sources near the size limit that make goldmark's work
// grow faster than their length: deep nesting, unclosed brackets, long
// tables and runs of link definitions.
func hostile() map[string]string {
	n := markdown.MaxLen
	rep := func(s string) string { return strings.Repeat(s, n/len(s)) }
	return map[string]string{
		"quotes200k":   strings.Repeat(">", 200000),
		"brackets1M":   rep("["),
		"quotespace1M": rep("> "),
		"links1M":      rep("[a]("),
		"refdefs1M":    rep("[a]: b\n"),
		"table1M":      "a|b\n-|-\n" + strings.Repeat("x|y\n", n/4-4),
		"emphasis1M":   rep("*a"),
		"codespans1M":  rep("`a"),
		"prose1M":      rep("Kohtamäki said the *pilot* worked, see [notes](https://example.org).\n\n"),
	}
}

// BenchmarkMarkdown renders hostile sources at the size limit; every one
// must stay well under 100 ms per rendering.
func BenchmarkMarkdown(b *testing.B) {
	for name, src := range hostile() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := markdown.Render(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
