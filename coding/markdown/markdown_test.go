package markdown_test

import (
	"strings"
	"testing"

	"tessera/coding/markdown"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name, src     string
		want, notWant []string
	}{
		{"emphasis", "**Luleå** and *Kohtamäki*", []string{"<strong>Luleå</strong>", "<em>Kohtamäki</em>"}, nil},
		{"script dropped", "hi <script>alert(1)</script>", []string{"hi"}, []string{"<script", "alert(1)</script>"}},
		{"img onerror dropped", `<img src=x onerror=alert(1)>`, nil, []string{"onerror", "<img"}},
		{"javascript link blanked", "[x](javascript:alert(1))", nil, []string{"javascript:"}},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<td>1</td>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := markdown.Render(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got %q, want it to contain %q", got, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("got %q, want no %q", got, w)
				}
			}
		})
	}
}
