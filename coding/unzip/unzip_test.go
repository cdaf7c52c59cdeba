package unzip_test

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/unzip"
)

// archive zips entries (name, content) with deflate.
func archive(t *testing.T, entries ...[2][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(string(e[0]))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func entry(name string, data []byte) [2][]byte { return [2][]byte{[]byte(name), data} }

func TestOpenChecksLimits(t *testing.T) {
	noise := make([]byte, 2<<20)
	rand.Read(noise)
	zeros := make([]byte, 4<<20)
	var many [][2][]byte
	for i := range 11 {
		many = append(many, entry(fmt.Sprintf("e%d", i), []byte("x")))
	}
	tests := []struct {
		name     string
		data     []byte
		limits   unzip.Limits
		wantCode string
		wantMsg  string
	}{
		{"not a zip", []byte("plain text"), unzip.Limits{}, coding.EINVALID, "not a valid .docx file (it is not a zip archive)"},
		{"within limits", archive(t, entry("a.xml", noise)), unzip.Limits{MaxEntries: 10, MaxEntry: 4 << 20, MaxTotal: 4 << 20, MaxRatio: 200}, "", ""},
		{"too many entries", archive(t, many...), unzip.Limits{MaxEntries: 10}, coding.ETOOLARGE, "holds 11 entries; the limit is 10"},
		{"entry too large", archive(t, entry("a.xml", noise)), unzip.Limits{MaxEntry: 1 << 20}, coding.ETOOLARGE, "a.xml of the .docx file unpacks to 2 MB; the limit is 1 MB"},
		{"total too large", archive(t, entry("a.xml", noise), entry("b.xml", noise)), unzip.Limits{MaxTotal: 3 << 20}, coding.ETOOLARGE, "unpacks to more than the limit of 3 MB"},
		{"compression ratio", archive(t, entry("a.xml", zeros)), unzip.Limits{MaxRatio: 200}, coding.ETOOLARGE, "compressed more than 200:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := unzip.Open(tt.data, ".docx", tt.limits)
			if code := coding.ErrorCode(err); err != nil && code != tt.wantCode || err == nil && tt.wantCode != "" {
				t.Fatalf("got %v, want code %q", err, tt.wantCode)
			}
			if err != nil && !strings.Contains(coding.ErrorMessage(err), tt.wantMsg) {
				t.Errorf("got %q, want it to contain %q", coding.ErrorMessage(err), tt.wantMsg)
			}
		})
	}
}
