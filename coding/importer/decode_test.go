package importer_test

import (
	"testing"
	"unicode/utf16"

	"tessera/coding"
	"tessera/coding/importer"
)

// utf16Bytes encodes s as UTF-16 with a byte-order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	units := append([]uint16{0xFEFF}, utf16.Encode([]rune(s))...)
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		want     string
		encoding string
	}{
		{"utf8", []byte("Kohtamäki 👍"), "Kohtamäki 👍", importer.EncUTF8},
		{"utf8 bom", []byte("\xEF\xBB\xBFLuleå"), "Luleå", importer.EncUTF8BOM},
		{"utf16le bom", utf16Bytes("Luleå 👍\r\nKohtamäki", false), "Luleå 👍\r\nKohtamäki", importer.EncUTF16LE},
		{"utf16be bom", utf16Bytes("Luleå 👍", true), "Luleå 👍", importer.EncUTF16BE},
		{"cp1252", []byte("Kohtam\xE4ki \x93quoted\x94 \x80 100"), "Kohtamäki “quoted” € 100", importer.EncWindows1252},
		{"cp1252 crlf", []byte("Lule\xE5\r\nP\xF6ll\xF6"), "Luleå\r\nPöllö", importer.EncWindows1252},
		{"ascii", []byte("plain"), "plain", importer.EncUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := importer.Decode(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || enc != tt.encoding {
				t.Errorf("got %q (%s), want %q (%s)", got, enc, tt.want, tt.encoding)
			}
		})
	}
}

func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		// Valid UTF-8 "ä" then a lone continuation byte: broken UTF-8.
		{"broken utf8", []byte("Kohtamäki \xA4 ok"), "not valid UTF-8 at byte offset 11"},
		{"truncated sequence after valid", []byte("Luleå\xE2\x82"), "not valid UTF-8 at byte offset 6"},
		{"bom then invalid", []byte("\xEF\xBB\xBFab\xFF"), "not valid UTF-8 at byte offset 5"},
		{"undefined cp1252 byte", []byte("abc\x81def"), "not valid UTF-8 at byte offset 3"},
		{"binary with NUL", []byte("ab\x00\x00\xFF\xFE"), "not valid UTF-8 at byte offset 4"},
		{"utf16 odd length", append(utf16Bytes("ab", false), 'x'), "not valid UTF-16: the file ends in the middle of a character (odd number of bytes)"},
		{"utf16 lone surrogate", []byte{0xFF, 0xFE, 0x3D, 0xD8, 'a', 0}, "not valid UTF-16 at byte offset 2 (unpaired surrogate)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := importer.Decode(tt.data)
			wantError(t, err, coding.EINVALID, tt.msg)
		})
	}
}
