package server_test

import (
	"bytes"
	"mime/multipart"
	"strings"
	"testing"
)

// uploadProject posts a REFI-QDA file to POST /api/v1/projects/qdpx.
func uploadProject(t *testing.T, s *testServer, filename, content, name string) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	if name != "" {
		mw.WriteField("name", name)
	}
	mw.Close()
	res, data := s.do("POST", "/api/v1/projects/qdpx", mw.FormDataContentType(), &body)
	return res.StatusCode, string(data)
}

// bareProject is a project.qde sent alone, its source inline.
const bareProject = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Bare study" origin="ATLAS.ti 8">
  <CodeBook><Codes><Code guid="c0de0000-0000-4000-8000-000000000001" name="Learning" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="50000000-0000-4000-8000-000000000001" name="Inline interview">
      <PlainTextContent>Founder: We learned from the trade fair 🎪 and from clients.</PlainTextContent>
      <PlainTextSelection guid="5e1ec700-0000-4000-8000-000000000001" startPosition="9" endPosition="39">
        <Coding guid="c0d17000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="50000000-0000-4000-8000-000000000002" name="Kept elsewhere" plainTextPath="internal://k.txt">
      <PlainTextSelection guid="5e1ec700-0000-4000-8000-000000000002" name="Lost passage" startPosition="0" endPosition="5"/>
    </TextSource>
  </Sources>
</Project>
`

func TestImportBareProjectFile(t *testing.T) {
	s := mustStart(t, nil, nil)
	for _, tc := range []struct {
		name, file, content string
		wantStatus          int
		wantBody            []string
	}{
		{"bare qde", "project.qde", bareProject, 201, []string{`"name":"Bare study"`, `"documents":1`, `"quotes":1`, `"name":"Lost passage"`, `"positions":"codepoints"`}},
		{"neither shape", "notes.qdpx", "just some notes", 400, []string{`"error":`, "a .qdpx project", "or a bare project.qde"}},
		{"same name again", "project.qde", bareProject, 409, []string{"already exists"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := uploadProject(t, s, tc.file, tc.content, "")
			if status != tc.wantStatus {
				t.Fatalf("got status %d, want %d; body %s", status, tc.wantStatus, body)
			}
			for _, want := range tc.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("body %s: want it to contain %s", body, want)
				}
			}
		})
	}
}
