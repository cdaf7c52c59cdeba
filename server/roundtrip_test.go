package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tessera/server"
)

// Decomposed "å": "a" followed by COMBINING RING ABOVE, as some editors
// save it; the server stores it as the single code point U+00E5.
const decomposedA = "a\u030a"

func TestRoundTrip(t *testing.T) {
	s := mustStart(t, nil, nil)

	// A project and a case with typed attributes.
	var p, cs id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Kohtamäki study", "description": "SME learning", "language": "en"}, 201, &p)
	base := "/api/v1/projects/" + p.ID
	s.call("POST", base+"/cases", map[string]any{"name": "Luleå MedSense AB",
		"attributes": map[string]any{"sector": "medtech", "employees": 45, "markets": []string{"SE", "FI"}}}, 201, &cs)

	// A document from JSON: CRLF line ends and a decomposed "å" come back
	// as "\n" and NFC.
	raw := "Interviewer: Where are you based?\r\nAnna: In Lule" + decomposedA + ", with Kohtamäki 👍 as our partner.\r\n"
	var doc struct {
		ID     string `json:"id"`
		CaseID string `json:"case_id"`
		Text   string `json:"text"`
		Length int    `json:"length"`
		Turns  []struct {
			Speaker    string `json:"speaker"`
			Start, End int
		} `json:"turns"`
	}
	s.call("POST", base+"/documents", map[string]any{"title": "Interview Anna", "text": raw, "case": "luleå medsense ab"}, 201, &doc)
	if doc.CaseID != cs.ID {
		t.Errorf("got case_id %q, want %q (case given by name)", doc.CaseID, cs.ID)
	}
	want := norm.NFC.String(strings.ReplaceAll(raw, "\r\n", "\n"))
	if !strings.Contains(doc.Text, strings.TrimSpace(want)) || strings.Contains(doc.Text, "\r") || strings.Contains(doc.Text, decomposedA) {
		t.Fatalf("got stored text %q, want the NFC, LF form of %q", doc.Text, raw)
	}
	if got, want := doc.Length, len([]rune(doc.Text)); got != want {
		t.Errorf("got length %d, want %d code points", got, want)
	}

	// Codes over the three Gioia levels, and a facet value on the theme.
	var dim, theme, concept, facet id
	s.call("POST", base+"/codes", map[string]any{"name": "Learning from networks", "level": "dimension"}, 201, &dim)
	s.call("POST", base+"/codes", map[string]any{"name": "Partner learning", "level": "theme", "parent_id": dim.ID}, 201, &theme)
	s.call("POST", base+"/codes", map[string]any{"name": "Local partner in Luleå", "level": "concept", "parent_id": theme.ID}, 201, &concept)
	s.call("POST", base+"/facets", map[string]any{"name": "Type of learning", "values": []string{"experiential", "vicarious"}}, 201, &facet)
	s.call("PUT", base+"/codes/"+theme.ID+"/facets/"+facet.ID, map[string]any{"value": "vicarious"}, 200, nil)

	// Quotes whose offsets count code points of the stored text: "å" is
	// one, "👍" is one (two in UTF-16, four in UTF-8).
	for _, sub := range []string{"Luleå, with Kohtamäki 👍", "👍", "as our partner", "Luleå"} {
		start, end := runeSpan(t, doc.Text, sub)
		var q struct {
			Text  string `json:"text"`
			Coder string `json:"coder"`
		}
		s.call("POST", base+"/quotes", map[string]any{"document_id": doc.ID, "start": start, "end": end, "code_ids": []string{concept.ID}}, 201, &q)
		if q.Text != sub {
			t.Errorf("quote [%d,%d): got text %q, want %q", start, end, q.Text, sub)
		}
		if q.Coder != "tester" {
			t.Errorf("got coder %q, want %q", q.Coder, "tester")
		}
	}

	// The document with its quotes, in text order.
	var withQuotes struct {
		Quotes []struct {
			Text string `json:"text"`
		} `json:"quotes"`
	}
	s.call("GET", base+"/documents/"+doc.ID+"?quotes=true", nil, 200, &withQuotes)
	var texts []string
	for _, q := range withQuotes.Quotes {
		texts = append(texts, q.Text)
	}
	if got, want := strings.Join(texts, "|"), "Luleå|Luleå, with Kohtamäki 👍|👍|as our partner"; got != want {
		t.Errorf("got quotes %s, want %s", got, want)
	}

	// The Gioia table export lists the three levels and the facet value.
	res, data := s.do("GET", base+"/export/gioia-csv?facets=Type+of+learning", "", nil)
	if res.StatusCode != 200 {
		t.Fatalf("export: got status %d, want 200; body %s", res.StatusCode, data)
	}
	if got, want := res.Header.Get("Content-Type"), "text/csv"; !strings.HasPrefix(got, want) {
		t.Errorf("got Content-Type %q, want %q", got, want)
	}
	if got, want := res.Header.Get("Content-Disposition"), `attachment; filename="Kohtamaki study-gioia-csv.csv"; filename*=UTF-8''Kohtam%C3%A4ki%20study-gioia-csv.csv`; got != want {
		t.Errorf("got Content-Disposition %q, want %q", got, want)
	}
	for _, want := range []string{"Local partner in Luleå", "Partner learning", "Learning from networks", "vicarious"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("gioia-csv: got %q, want it to contain %q", data, want)
		}
	}
}

// multipartBody builds a multipart form with files (name -> content) in
// the given order and text fields.
func multipartBody(t *testing.T, files [][2]string, fields map[string]string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="file"; filename="`+f[0]+`"`)
		h.Set("Content-Type", "application/octet-stream")
		part, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		part.Write([]byte(f[1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), &buf
}

func TestUpload(t *testing.T) {
	s := mustStart(t, nil, nil)
	var p id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Uploads"}, 201, &p)
	docs := "/api/v1/projects/" + p.ID + "/documents"
	transcript, err := os.ReadFile("testdata/haastattelu-kohtamäki.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(transcript, []byte("\r\n")) {
		t.Fatal("testdata/haastattelu-kohtamäki.txt lost its CRLF line ends")
	}
	count := func() int {
		t.Helper()
		var list []id
		s.call("GET", docs, nil, 200, &list)
		return len(list)
	}

	// One file with a non-ASCII name and CRLF text, into a case by name.
	ct, body := multipartBody(t, [][2]string{{"Haastattelu Kohtamäki – Luleå.txt", string(transcript)}}, map[string]string{"case": "Kohtamäki Analytics Oy"})
	res, data := s.do("POST", docs, ct, body)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("upload: got status %d, want 201; body %s", res.StatusCode, data)
	}
	if !strings.Contains(readable(data), "Haastattelu Kohtamäki – Luleå.txt") {
		t.Errorf("upload report %s does not name the file", data)
	}
	var list []struct {
		ID         string `json:"id"`
		Title      string `json:"title"`
		CaseID     string `json:"case_id"`
		SourceName string `json:"source_name"`
	}
	s.call("GET", docs, nil, 200, &list)
	if len(list) != 1 || !strings.Contains(list[0].Title, "Kohtamäki") {
		t.Fatalf("got documents %+v, want one titled after the file", list)
	}
	var full struct {
		Text  string `json:"text"`
		Turns []any  `json:"turns"`
	}
	s.call("GET", docs+"/"+list[0].ID, nil, 200, &full)
	if strings.Contains(full.Text, "\r") || !strings.Contains(full.Text, "Luleå") || len(full.Turns) < 2 {
		t.Errorf("got text %q with %d turns, want LF text with the speaker turns", full.Text, len(full.Turns))
	}

	// Some files fail: the others are imported, and the answer says which.
	// The case is given by ID this time.
	ct, body = multipartBody(t, [][2]string{{"notes.txt", "Anna: Only notes 👍"}, {"tool.exe", "MZ"}}, map[string]string{"case": list[0].CaseID})
	res, data = s.do("POST", docs, ct, body)
	if res.StatusCode != http.StatusMultiStatus || !strings.Contains(string(data), "tool.exe") {
		t.Errorf("mixed upload: got %d %s, want 207 naming tool.exe", res.StatusCode, data)
	}
	s.call("GET", docs+"?case="+list[0].CaseID, nil, 200, &list)
	if len(list) != 2 {
		t.Errorf("after a mixed upload: got %d documents in the case, want 2", len(list))
	}

	// Every file fails: an error naming each, with the status of their
	// common error code, or 422 when they differ; stored data stays.
	failures := []struct {
		name       string
		files      [][2]string
		wantStatus int
	}{
		{"unreadable", [][2]string{{"empty.txt", ""}, {"tool.exe", "MZ"}}, http.StatusBadRequest},
		{"duplicate", [][2]string{{"again.txt", string(transcript)}}, http.StatusConflict},
		{"mixed", [][2]string{{"again.txt", string(transcript)}, {"tool.exe", "MZ"}}, http.StatusUnprocessableEntity},
	}
	for _, f := range failures {
		ct, body = multipartBody(t, f.files, nil)
		res, data = s.do("POST", docs, ct, body)
		if res.StatusCode != f.wantStatus || !strings.Contains(readable(data), `"error"`) || !strings.Contains(readable(data), f.files[0][0]) {
			t.Errorf("%s upload: got %d %s, want %d naming %s", f.name, res.StatusCode, data, f.wantStatus, f.files[0][0])
		}
		if got := count(); got != 2 {
			t.Errorf("after the %s upload: got %d documents, want 2", f.name, got)
		}
	}

	// A form without files.
	ct, body = multipartBody(t, nil, map[string]string{"case": "X"})
	res, data = s.do("POST", docs, ct, body)
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("upload without files: got %d %s, want 400", res.StatusCode, data)
	}

	// A malformed multipart body.
	res, data = s.do("POST", docs, "multipart/form-data; boundary=xyz", strings.NewReader("not multipart"))
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("malformed upload: got %d %s, want 400", res.StatusCode, data)
	}
}

func TestBodyLimitWhileReading(t *testing.T) {
	s := mustStart(t, nil, func(c *server.Config) { c.MaxBodyBytes = 1 << 10 })
	var p id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Limits"}, 201, &p)
	// No Content-Length: the limit applies while the body is read.
	body := strings.NewReader(`{"title": "T", "text": "` + strings.Repeat("Luleå ", 400) + `"}`)
	req := s.request("POST", "/api/v1/projects/"+p.ID+"/documents")
	req.Body = io.NopCloser(body)
	req.Header.Set("Content-Type", "application/json")
	res := s.send(req)
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("got status %d, want 413", res.StatusCode)
	}
}

func TestCodebookImport(t *testing.T) {
	s := mustStart(t, nil, nil)
	var a, b, dim, theme id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Source study"}, 201, &a)
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Target study"}, 201, &b)
	src := "/api/v1/projects/" + a.ID
	s.call("POST", src+"/codes", map[string]any{"name": "Learning from failure", "level": "dimension"}, 201, &dim)
	s.call("POST", src+"/codes", map[string]any{"name": "Experiential learning", "level": "theme", "parent_id": dim.ID}, 201, &theme)
	s.call("POST", src+"/codes", map[string]any{"name": "Failure at Luleå fair 👍", "parent_id": theme.ID, "definition": "A *failed* fair"}, 201, nil)

	res, csv := s.do("GET", src+"/export/codebook-csv", "", nil)
	if res.StatusCode != 200 {
		t.Fatalf("export codebook: got %d %s", res.StatusCode, csv)
	}
	ct, body := multipartBody(t, [][2]string{{"codebook.csv", string(csv)}}, nil)
	res, data := s.do("POST", "/api/v1/projects/"+b.ID+"/codebook", ct, body)
	if res.StatusCode != 200 {
		t.Fatalf("import codebook: got %d %s, want 200", res.StatusCode, data)
	}
	var rep struct {
		Created []struct{ Name string } `json:"created"`
	}
	if err := json.Unmarshal(data, &rep); err != nil || len(rep.Created) != 3 {
		t.Fatalf("got report %s, want 3 codes created", data)
	}
	var codes []struct {
		Name       string `json:"name"`
		Definition string `json:"definition"`
	}
	s.call("GET", "/api/v1/projects/"+b.ID+"/codes", nil, 200, &codes)
	var names []string
	for _, c := range codes {
		names = append(names, c.Name)
	}
	if got, want := strings.Join(names, " > "), "Learning from failure > Experiential learning > Failure at Luleå fair 👍"; got != want {
		t.Errorf("got codes %s, want %s", got, want)
	}

	// Not multipart, two files, an unreadable file.
	s.call("POST", "/api/v1/projects/"+b.ID+"/codebook", map[string]any{"file": "x"}, 415, nil)
	ct, body = multipartBody(t, [][2]string{{"a.csv", string(csv)}, {"b.csv", string(csv)}}, nil)
	if res, data := s.do("POST", "/api/v1/projects/"+b.ID+"/codebook", ct, body); res.StatusCode != 400 {
		t.Errorf("two codebooks: got %d %s, want 400", res.StatusCode, data)
	}
	ct, body = multipartBody(t, [][2]string{{"codebook.xlsx", "not a workbook"}}, nil)
	if res, data := s.do("POST", "/api/v1/projects/"+b.ID+"/codebook", ct, body); res.StatusCode != 400 {
		t.Errorf("unreadable codebook: got %d %s, want 400", res.StatusCode, data)
	}
}
