package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestAnonymisationAPI(t *testing.T) {
	s := mustStart(t, nil, nil)
	vars := fixture(s)
	// A transcript with a named informant, read from a file as researchers
	// upload them (its speakers are linked to informants: Anna Berg is
	// I-01), and a quote in it.
	ct, body := multipartBody(t, [][2]string{{"anna.txt", "Interviewer: What happened?\nAnna Berg: We failed at the trade fair 👍 in Lulea and learned.\nInterviewer: And then?\nAnna Berg: We went home, said Anna.\n"}}, map[string]string{"case": "Luleå MedSense AB"})
	res, data := s.do("POST", "/api/v1/projects/"+vars["pid"]+"/documents", ct, body)
	var up struct {
		Files []struct {
			DocumentID string   `json:"document_id"`
			Speakers   []string `json:"speakers"`
		} `json:"files"`
	}
	if err := json.Unmarshal(data, &up); err != nil || res.StatusCode != 201 || len(up.Files) != 1 || len(up.Files[0].Speakers) != 2 {
		t.Fatalf("upload: %d %s", res.StatusCode, data)
	}
	vars["adoc"] = up.Files[0].DocumentID
	var doc struct {
		Text string `json:"text"`
	}
	s.call("GET", "/api/v1/projects/"+vars["pid"]+"/documents/"+vars["adoc"], nil, 200, &doc)
	start, end := runeSpan(t, doc.Text, "We failed at the trade fair")
	s.call("POST", "/api/v1/projects/"+vars["pid"]+"/quotes", map[string]any{"document_id": vars["adoc"], "start": start, "end": end, "code_ids": []string{vars["concept"]}}, 201, nil)

	cases := []apiCase{
		{name: "default profile", method: "GET", path: "/projects/{pid}/anonymisation", wantStatus: 200,
			wantBody: `"cases":[{"id":"{case}","name":"Luleå MedSense AB","pseudonym":"Firm A","auto":true}]`},
		{name: "speakers get pseudonyms", method: "GET", path: "/projects/{pid}/anonymisation", wantStatus: 200,
			wantBody: `{"name":"Anna Berg","role":"informant","pseudonym":"I-01","auto":true,"informant":"I-01"}`},
		{name: "save profile", method: "PUT", path: "/projects/{pid}/anonymisation",
			body:       `{"case_label": "Company", "cases": {"{case}": "Company North"}, "terms": [{"term": "trade fair", "replacement": "[event]"}, {"term": "Lulea"}]}`,
			wantStatus: 200, wantBody: `{"kind":"term","term":"Lulea","replacement":"[redacted]","auto":false}`},
		{name: "saved profile", method: "GET", path: "/projects/{pid}/anonymisation", wantStatus: 200,
			wantBody: `"pseudonym":"Company North","auto":false`},
		{name: "profile of a case the project lacks", method: "PUT", path: "/projects/{pid}/anonymisation", body: `{"cases": {"nope": "Firm Z"}}`,
			wantStatus: 400, wantBody: `the project has no case "nope"`},
		{name: "profile with a term twice", method: "PUT", path: "/projects/{pid}/anonymisation", body: `{"terms": [{"term": "Oulu"}, {"term": "oulu"}]}`,
			wantStatus: 400, wantBody: `term "oulu" is listed twice`},
		{name: "profile with an unknown field", method: "PUT", path: "/projects/{pid}/anonymisation", body: `{"words": []}`,
			wantStatus: 400, wantBody: `unknown field "words"`},
		{name: "profile of a missing project", method: "PUT", path: "/projects/nope/anonymisation", body: `{}`, wantStatus: 404},
		{name: "refused changes keep the profile", method: "GET", path: "/projects/{pid}/anonymisation", wantStatus: 200,
			wantBody: `"term":"trade fair"`, notBody: "Oulu"},

		{name: "preview a document", method: "POST", path: "/projects/{pid}/anonymisation/preview", body: `{"document_id": "{adoc}"}`,
			wantStatus: 200, wantBody: `{"text":"Anna Berg","replacement":"I-01","kind":"speaker"},{"text":": We failed at the "},{"text":"trade fair","replacement":"[event]","kind":"term"},{"text":" 👍 in "},{"text":"Lulea","replacement":"[redacted]","kind":"term"}`},
		{name: "preview folds diacritics", method: "POST", path: "/projects/{pid}/anonymisation/preview", body: `{"document_id": "{doc2}"}`,
			wantStatus: 200, wantBody: `{"text":"Luleå","replacement":"[redacted]","kind":"term"}`},
		{name: "preview an unsaved term", method: "POST", path: "/projects/{pid}/anonymisation/preview",
			body: `{"profile": {"terms": [{"term": "learned", "replacement": "[verb]"}]}, "document_id": "{doc}"}`, wantStatus: 200,
			wantBody: `{"text":"learned","replacement":"[verb]","kind":"term"}`},
		{name: "preview stored nothing", method: "GET", path: "/projects/{pid}/anonymisation", wantStatus: 200, notBody: "learned"},
		{name: "preview quotes", method: "POST", path: "/projects/{pid}/anonymisation/preview", body: `{}`,
			wantStatus: 200, wantBody: `"quotes":[{"id":"{quote}","document":"Founder interview","segments":[{"text":"the "},{"text":"trade fair","replacement":"[event]","kind":"term"}`},
		{name: "preview shows name parts", method: "POST", path: "/projects/{pid}/anonymisation/preview", body: `{"document_id": "{adoc}"}`,
			wantStatus: 200, wantBody: `{"text":": We went home, said "},{"text":"Anna","replacement":"I-01","kind":"name-part"}`},
		{name: "preview a bad profile", method: "POST", path: "/projects/{pid}/anonymisation/preview", body: `{"profile": {"terms": [{"term": ""}]}}`,
			wantStatus: 400, wantBody: "term 1 is empty"},
		{name: "preview a missing document", method: "POST", path: "/projects/{pid}/anonymisation/preview", body: `{"document_id": "nope"}`, wantStatus: 404},

		{name: "anonymised export", method: "GET", path: "/projects/{pid}/export/quotes-md?anonymise=true", wantStatus: 200,
			wantBody: "| Company North | I-01 | 34 | 58 | We failed at the \\[event\\] |", notBody: "Luleå MedSense"},
		{name: "plain export", method: "GET", path: "/projects/{pid}/export/quotes-md", wantStatus: 200, wantBody: "| Luleå MedSense AB | Anna Berg | 39 | 66 | We failed at the trade fair |"},
		{name: "anonymise must be a boolean", method: "GET", path: "/projects/{pid}/export/quotes-md?anonymise=maybe", wantStatus: 400, wantBody: "must be true or false"},
		{name: "check one format", method: "GET", path: "/projects/{pid}/anonymisation/check?format=quotes-docx", wantStatus: 200,
			wantBody: `[{"format":"quotes-docx","scanned":true,"findings":[]}]`},
		{name: "check an unknown format", method: "GET", path: "/projects/{pid}/anonymisation/check?format=nope", wantStatus: 400, wantBody: `unknown export format "nope"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.t = t
			runAPICase(s, tc, vars)
		})
	}
	s.t = t

	// An update made from an outdated copy is refused with the current
	// profile; the version of the copy comes as If-Match.
	res, data = s.do("GET", "/api/v1/projects/"+vars["pid"]+"/anonymisation", "", nil)
	if etag := res.Header.Get("ETag"); etag != `"1"` || !strings.Contains(string(data), `"version":1`) {
		t.Fatalf("ETag %s, body %s; want version 1", etag, data)
	}
	put := func(ifMatch, body string) (*http.Response, string) {
		t.Helper()
		req := s.request("PUT", "/api/v1/projects/"+vars["pid"]+"/anonymisation")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("If-Match", ifMatch)
		req.Body = io.NopCloser(strings.NewReader(body))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res, string(b)
	}
	if res, body := put(`"1"`, `{"terms": [{"term": "Anna"}]}`); res.StatusCode != 200 || res.Header.Get("ETag") != `"2"` {
		t.Fatalf("update from version 1: %d %s", res.StatusCode, body)
	}
	if res, body := put(`"1"`, `{"terms": []}`); res.StatusCode != 412 || !strings.Contains(body, `"term":"Anna"`) {
		t.Errorf("update from the outdated version 1: %d %s; want 412 with the current profile", res.StatusCode, body)
	}
}
