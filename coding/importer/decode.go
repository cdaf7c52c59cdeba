package importer

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"tessera/coding"
)

// Encodings Decode recognises, as reported in Parsed.Encoding.
const (
	EncUTF8        = "UTF-8"
	EncUTF8BOM     = "UTF-8 with BOM"
	EncUTF16LE     = "UTF-16LE"
	EncUTF16BE     = "UTF-16BE"
	EncWindows1252 = "Windows-1252"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode converts a text file's bytes to a UTF-8 string and names the
// encoding it found. The rules, in order:
//
//   - a UTF-8 byte-order mark: UTF-8 (the mark is dropped; the rest must be
//     valid UTF-8);
//   - a UTF-16 byte-order mark (FF FE or FE FF): UTF-16 little or big
//     endian, which must hold whole code units and paired surrogates;
//   - valid UTF-8: UTF-8;
//   - otherwise Windows-1252, when every byte is a character defined in
//     Windows-1252, no byte is a control character other than tab, CR and
//     LF, and no bytes form a valid UTF-8 multi-byte sequence (a file
//     mixing valid UTF-8 sequences with invalid bytes is broken UTF-8, not
//     Windows-1252);
//   - anything else is refused with the byte offset of the first byte that
//     is not valid UTF-8.
//
// Errors are *coding.Error with code EINVALID.
func Decode(data []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		if off := invalidUTF8(data[len(bomUTF8):]); off >= 0 {
			return "", "", notUTF8(off + len(bomUTF8))
		}
		return string(data[len(bomUTF8):]), EncUTF8BOM, nil
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16(data, unicode.LittleEndian, EncUTF16LE)
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16(data, unicode.BigEndian, EncUTF16BE)
	}
	off := invalidUTF8(data)
	if off < 0 {
		return string(data), EncUTF8, nil
	}
	if looksWindows1252(data) {
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", "", notUTF8(off)
		}
		return string(out), EncWindows1252, nil
	}
	return "", "", notUTF8(off)
}

func notUTF8(off int) error {
	return coding.Errorf(coding.EINVALID, "not valid UTF-8 at byte offset %d", off)
}

// invalidUTF8 returns the offset of the first byte of data that does not
// start a valid UTF-8 sequence, or -1 when data is valid UTF-8.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// cp1252Undefined marks the five byte values Windows-1252 leaves undefined.
var cp1252Undefined = [256]bool{0x81: true, 0x8D: true, 0x8F: true, 0x90: true, 0x9D: true}

// looksWindows1252 applies the Windows-1252 rule of Decode to bytes that
// are not valid UTF-8.
func looksWindows1252(data []byte) bool {
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F {
				return false
			}
			i++
			continue
		}
		if r, size := utf8.DecodeRune(data[i:]); r != utf8.RuneError || size != 1 {
			return false // a valid UTF-8 sequence: this is broken UTF-8
		}
		if cp1252Undefined[b] {
			return false
		}
		i++
	}
	return true
}

// decodeUTF16 decodes UTF-16 with a byte-order mark after checking that
// the data holds whole code units and no unpaired surrogates.
func decodeUTF16(data []byte, order unicode.Endianness, name string) (string, string, error) {
	if len(data)%2 != 0 {
		return "", "", coding.Errorf(coding.EINVALID, "not valid UTF-16: the file ends in the middle of a character (odd number of bytes)")
	}
	unit := func(i int) uint16 {
		if order == unicode.LittleEndian {
			return uint16(data[i]) | uint16(data[i+1])<<8
		}
		return uint16(data[i])<<8 | uint16(data[i+1])
	}
	for i := 2; i < len(data); i += 2 {
		u := unit(i)
		switch {
		case utf16.IsSurrogate(rune(u)) && u < 0xDC00:
			if i+2 >= len(data) || unit(i+2) < 0xDC00 || unit(i+2) > 0xDFFF {
				return "", "", coding.Errorf(coding.EINVALID, "not valid UTF-16 at byte offset %d (unpaired surrogate)", i)
			}
			i += 2
		case utf16.IsSurrogate(rune(u)):
			return "", "", coding.Errorf(coding.EINVALID, "not valid UTF-16 at byte offset %d (unpaired surrogate)", i)
		}
	}
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", coding.Errorf(coding.EINVALID, "not valid UTF-16: %v", err)
	}
	return string(out), name, nil
}

// readPlain reads .txt and .md files: decoded text, kept as written.
func readPlain(data []byte, _ Options) (*extracted, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	return &extracted{text: text, encoding: enc}, nil
}
