package coding_test

import (
	"strings"
	"testing"

	"tessera/coding"
)

func TestNormalizeLanguage(t *testing.T) {
	for in, want := range map[string]string{"": "", "  ": "", "en": "en", " FI ": "fi", "sv-FI": "sv", "pt_BR": "pt", "NO": "no"} {
		got, err := coding.NormalizeLanguage(in)
		if err != nil || got != want {
			t.Errorf("NormalizeLanguage(%q): got %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"tlh", "english", "-en", "e", "pl", strings.Repeat("x", 1<<20)} {
		if got, err := coding.NormalizeLanguage(in); coding.ErrorCode(err) != coding.EINVALID || len(coding.ErrorMessage(err)) > 200 {
			t.Errorf("NormalizeLanguage(%.20q): got %q, %v; want a short invalid error", in, got, err)
		}
	}
}

func TestCheckLineAndCleanText(t *testing.T) {
	for _, s := range []string{"Luleå MedSense AB", "👍 trade fair", ""} {
		if err := coding.CheckLine("name", s); err != nil {
			t.Errorf("CheckLine(%q): got %v, want nil", s, err)
		}
	}
	for _, s := range []string{"a\nb", "a\tb", "a\rb", "a\x00b", "\x1b[31m", "a\u0085b", "a\x7f"} {
		if err := coding.CheckLine("name", s); coding.ErrorCode(err) != coding.EINVALID {
			t.Errorf("CheckLine(%q): got %v, want an invalid error", s, err)
		}
	}
	for in, want := range map[string]string{"a\tb\nc": "a\tb\nc", "a\r\nb\rc": "a\nb\nc", "": ""} {
		got := in
		if err := coding.CleanText("memo", &got); err != nil || got != want {
			t.Errorf("CleanText(%q): got %q, %v; want %q", in, got, err, want)
		}
	}
	for _, s := range []string{"a\x00", "a\fb", "a\vb", "\u009b"} {
		got := s
		if err := coding.CleanText("memo", &got); coding.ErrorCode(err) != coding.EINVALID {
			t.Errorf("CleanText(%q): got %v, want an invalid error", s, err)
		}
	}
}
