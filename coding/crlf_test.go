package coding_test

import (
	"bytes"
	"testing"

	"tessera/coding"
)

func TestCRLFWriter(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"LF becomes CRLF", []string{"a\nb\n"}, "a\r\nb\r\n"},
		{"CRLF stays", []string{"a\r\nb"}, "a\r\nb"},
		{"CRLF split across writes", []string{"a\r", "\nb\n"}, "a\r\nb\r\n"},
		{"lone CR stays", []string{"a\rb"}, "a\rb"},
		{"blank lines", []string{"\n\n"}, "\r\n\r\n"},
		{"non-ASCII", []string{"Pöllö\n"}, "Pöllö\r\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		w := coding.NewCRLFWriter(&buf)
		for _, c := range tt.chunks {
			n, err := w.Write([]byte(c))
			if err != nil || n != len(c) {
				t.Fatalf("%s: Write(%q) = %d, %v", tt.name, c, n, err)
			}
		}
		if got := buf.String(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
