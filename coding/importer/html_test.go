package importer_test

import (
	"strings"
	"testing"
)

func TestHTMLSkipsInvisible(t *testing.T) {
	page := `<html><head><title>T</title><style>body{}</style></head><body>
<script>alert("no")</script><p>Visible <span style="display: none">hidden</span>text</p>
<ul><li>one</li><li>two</li></ul><span aria-hidden="true">icon</span><p>Kohtam&auml;ki</p></body></html>`
	p := mustParse(t, "a.html", []byte(page))
	if want := "Visible text\none\ntwo\nKohtamäki"; p.Text != want {
		t.Errorf("got %q, want %q", p.Text, want)
	}
	for _, bad := range []string{"alert", "body{}", "hidden", "icon", "T\n"} {
		if strings.Contains(p.Text, bad) {
			t.Errorf("text holds invisible %q", bad)
		}
	}
}

func TestHTMLWindows1252(t *testing.T) {
	p := mustParse(t, "a.htm", []byte("<p>Lule\xE5 \x96 P\xF6ll\xF6</p>"))
	if want := "Luleå – Pöllö"; p.Text != want || p.Encoding != "Windows-1252" {
		t.Errorf("got %q (%s), want %q", p.Text, p.Encoding, want)
	}
}
