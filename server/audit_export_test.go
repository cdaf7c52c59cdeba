package server_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestAuditExportLineEnds checks that the audit CSV ends every line with
// CRLF, as RFC 4180 asks and Excel expects.
func TestAuditExportLineEnds(t *testing.T) {
	s := mustStart(t, nil, nil)
	var p id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Study"}, 201, &p)
	s.call("POST", "/api/v1/projects/"+p.ID+"/cases", map[string]any{"name": "Pöllö Oy"}, 201, nil)
	res, body := s.do("GET", "/api/v1/projects/"+p.ID+"/audit/export", "", nil)
	if res.StatusCode != 200 {
		t.Fatalf("got status %d, want 200: %s", res.StatusCode, body)
	}
	text := string(body)
	if lines := strings.Count(text, "\r\n"); lines < 2 {
		t.Errorf("got %d CRLF line ends, want a header and a row:\n%q", lines, text)
	}
	if lone := regexp.MustCompile(`[^\r]\n`).FindString(text); lone != "" {
		t.Errorf("found an LF without CR in %q", text)
	}
}
