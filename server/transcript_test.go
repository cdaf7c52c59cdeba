package server_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// transcriptAnswer is the answer of the transcript routes.
type transcriptAnswer struct {
	Document struct {
		ID      string `json:"id"`
		Text    string `json:"text"`
		Version int    `json:"version"`
		Turns   []struct {
			Speaker    string `json:"speaker"`
			Start, End int
		} `json:"turns"`
		Speakers []struct{ Name, Role string } `json:"speakers"`
	} `json:"document"`
	Quotes []struct {
		ID, Text    string
		Start, End  int
		Corrections []struct{ Before, After string } `json:"corrections"`
	} `json:"quotes"`
	Seq uint64 `json:"seq"`
}

// storedDoc is a document's ID and stored text.
type storedDoc struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// projectWithTranscript creates a project with one document of text and
// returns the project's API path and the document.
func projectWithTranscript(s *testServer, text string) (string, storedDoc) {
	s.t.Helper()
	var p id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Transcripts"}, 201, &p)
	base := "/api/v1/projects/" + p.ID
	var doc storedDoc
	s.call("POST", base+"/documents", map[string]any{"title": "Kohtamäki Oy", "text": text}, 201, &doc)
	return base, doc
}

// searchTotal counts the turns that match q.
func searchTotal(s *testServer, base, q string) int {
	s.t.Helper()
	var res struct {
		Total int `json:"total"`
	}
	s.call("GET", base+"/search?kind=turn&q="+q, nil, 200, &res)
	return res.Total
}

// TestCorrectTranscriptThroughAPI corrects a misheard word: the quotes
// that hold it follow, the search index follows, open tabs hear of it,
// an outdated copy is refused and undo restores the text.
func TestCorrectTranscriptThroughAPI(t *testing.T) {
	s := mustStartWithSearch(t)
	var code id
	base, doc := projectWithTranscript(s, "Interviewer: How was Luleå?\r\nKohtamäki: We met the sails team 👍 in Luleå.\r\nInterviewer: And?\r\nKohtamäki: It worked.\r\n")
	s.call("POST", base+"/codes", map[string]any{"name": "Partners"}, 201, &code)
	quote := func(words string) string {
		start, end := runeSpan(t, doc.Text, words)
		var q id
		s.call("POST", base+"/quotes", map[string]any{"document_id": doc.ID, "start": start, "end": end, "code_ids": []string{code.ID}}, 201, &q)
		return q.ID
	}
	holding, after := quote("the sails team 👍"), quote("It worked.")
	docPath := base + "/documents/" + doc.ID
	st := openStream(t, http.DefaultClient, s.url, base+"/events?client=tab-b", nil)
	st.hello()
	if n := searchTotal(s, base, "sails"); n != 1 {
		t.Fatalf("search sails before the correction: got %d turns, want 1", n)
	}

	start, end := runeSpan(t, doc.Text, "sails")
	var res transcriptAnswer
	s.callFrom("tab-a", "POST", docPath+"/corrections", map[string]any{"start": start, "end": end, "text": "Swedish sales"}, 200, &res)
	got := map[string]string{}
	for _, q := range res.Quotes {
		got[q.ID] = q.Text
		if q.Text != string([]rune(res.Document.Text)[q.Start:q.End]) {
			t.Errorf("quote %s: got %q at [%d,%d), the text reads otherwise", q.ID, q.Text, q.Start, q.End)
		}
	}
	if diff := cmp.Diff(map[string]string{holding: "the Swedish sales team 👍", after: "It worked."}, got); diff != "" {
		t.Errorf("quotes in the answer (-want +got):\n%s", diff)
	}
	for _, q := range res.Quotes {
		if q.ID == holding && (len(q.Corrections) != 1 || q.Corrections[0].Before != "the sails team 👍") {
			t.Errorf("corrections of the quote: got %+v, want one from «the sails team 👍»", q.Corrections)
		}
	}
	wantChange(t, st.nextChange(), "correct_transcript", "tab-a",
		changedKind{Kind: "document", IDs: []string{doc.ID}}, changedKind{Kind: "quote", IDs: []string{holding, after}})
	if n := searchTotal(s, base, "sails"); n != 0 {
		t.Errorf("search sails after the correction: got %d turns, want 0", n)
	}
	if n := searchTotal(s, base, "sales"); n != 1 {
		t.Errorf("search sales after the correction: got %d turns, want 1", n)
	}

	var h struct {
		Undo struct{ Summary string } `json:"undo"`
	}
	s.call("GET", base+"/history", nil, 200, &h)
	if h.Undo.Summary != "Correct the text of «Kohtamäki Oy»" {
		t.Errorf("history: got undo %q, want %q", h.Undo.Summary, "Correct the text of «Kohtamäki Oy»")
	}

	// An edit made from the copy before the correction is refused.
	req, err := http.NewRequest("POST", s.url+docPath+"/corrections", strings.NewReader(`{"start": 0, "end": 1, "text": "X"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", `"1"`)
	if res := s.send(req); res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("outdated correction: got %d, want 412", res.StatusCode)
	}

	// Undo brings the misheard word back, in the index too.
	s.call("POST", base+"/undo", map[string]any{"seq": res.Seq}, 200, nil)
	if n := searchTotal(s, base, "sails"); n != 1 {
		t.Errorf("search sails after undo: got %d turns, want 1", n)
	}
	var q struct{ Text string }
	s.call("GET", base+"/quotes/"+holding, nil, 200, &q)
	if q.Text != "the sails team 👍" {
		t.Errorf("quote after undo: got %q, want %q", q.Text, "the sails team 👍")
	}
}

func TestTranscriptRoutes(t *testing.T) {
	s := mustStart(t, nil, nil)
	base, doc := projectWithTranscript(s, "Interviewer: How was it? Anna: Yes — fine.\nKohtamäki: Good 👍.\nInterviewer: And?\nKohtamäki: Fine.\n")
	anna, _ := runeSpan(t, doc.Text, " Anna:")
	vars := map[string]string{"d": base + "/documents/" + doc.ID, "anna": strconv.Itoa(anna)}
	for _, tc := range []apiCase{
		{name: "split before a label", method: "POST", path: "{d}/turns/1/split", body: `{"at": {anna}}`, wantStatus: 200, wantBody: `"speaker":"Anna"`},
		{name: "rename", method: "POST", path: "{d}/speakers/rename", body: `{"from": "Kohtamäki", "to": "Jyrki Kohtamäki"}`, wantStatus: 200, wantBody: `"name":"Jyrki Kohtamäki"`},
		{name: "rename onto another speaker", method: "POST", path: "{d}/speakers/rename", body: `{"from": "Anna", "to": "Interviewer"}`, wantStatus: 409, wantBody: "merge the speakers instead"},
		{name: "rename an unknown speaker", method: "POST", path: "{d}/speakers/rename", body: `{"from": "Nobody", "to": "X"}`, wantStatus: 400, wantBody: `no speaker "Nobody"`},
		{name: "merge", method: "POST", path: "{d}/speakers/merge", body: `{"speakers": ["Anna", "Jyrki Kohtamäki"], "into": "Anna"}`, wantStatus: 200, wantBody: `"speakers":[{"name":"Interviewer","role":"interviewer"},{"name":"Anna","role":"informant"}]`},
		{name: "split a speaker", method: "POST", path: "{d}/speakers/split", body: `{"speaker": "Anna", "turns": [5], "name": "Åsa", "role": "interviewer"}`, wantStatus: 200, wantBody: `{"name":"Åsa","role":"interviewer"}`},
		{name: "split a speaker's turn of another", method: "POST", path: "{d}/speakers/split", body: `{"speaker": "Anna", "turns": [1], "name": "Bo"}`, wantStatus: 422, wantBody: `turn 1 is spoken by "Interviewer"`},
		{name: "turn speaker", method: "PUT", path: "{d}/turns/4/speaker", body: `{"speaker": "Åsa"}`, wantStatus: 200, wantBody: `"speaker":"Åsa","start"`},
		{name: "turn speaker bad role", method: "PUT", path: "{d}/turns/4/speaker", body: `{"speaker": "Bo", "role": "boss"}`, wantStatus: 400, wantBody: `role "boss"`},
		{name: "merge turns", method: "POST", path: "{d}/turns/4/merge", wantStatus: 200, wantBody: `"seq"`},
		{name: "merge the last turn", method: "POST", path: "{d}/turns/4/merge", wantStatus: 422, wantBody: "last turn"},
		{name: "turn number not a number", method: "POST", path: "{d}/turns/x/merge", wantStatus: 400, wantBody: `turn number "x"`},
		{name: "turn out of range", method: "PUT", path: "{d}/turns/99/speaker", body: `{"speaker": "Bo"}`, wantStatus: 400, wantBody: "turn 99 does not exist"},
		{name: "split without a speaker", method: "POST", path: "{d}/turns/1/split", body: `{"at": 16}`, wantStatus: 400, wantBody: "name the speaker"},
		{name: "unknown field", method: "POST", path: "{d}/corrections", body: `{"start": 0, "end": 1, "txt": "x"}`, wantStatus: 400, wantBody: `unknown field "txt"`},
		{name: "correction across turns", method: "POST", path: "{d}/corrections", body: `{"start": 15, "end": 40, "text": "x"}`, wantStatus: 422, wantBody: "crosses the edge of turn"},
		{name: "correction outside the text", method: "POST", path: "{d}/corrections", body: `{"start": 500, "end": 501, "text": "x"}`, wantStatus: 422, wantBody: "not within the text"},
		{name: "correction of a missing document", method: "POST", path: base + "/documents/nope/corrections", body: `{"start": 0, "end": 1, "text": "x"}`, wantStatus: 404, wantBody: "not found"},
		{name: "not JSON", method: "POST", path: "{d}/speakers/merge", body: `speakers`, contentType: "text/plain", wantStatus: 415},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.t = t
			runAPICase(s, tc, vars)
		})
	}
	s.t = t
	var d struct {
		Text  string `json:"text"`
		Turns []struct {
			Speaker    string
			Start, End int
		} `json:"turns"`
	}
	s.call("GET", vars["d"], nil, 200, &d)
	var turns []string
	for _, tr := range d.Turns {
		turns = append(turns, tr.Speaker+": "+string([]rune(d.Text)[tr.Start:tr.End]))
	}
	want := []string{"Interviewer: How was it?", "Anna: Yes — fine.", "Anna: Good 👍.", "Åsa: And?\nKohtamäki: Fine."}
	if diff := cmp.Diff(want, turns); diff != "" {
		t.Errorf("turns at the end (-want +got):\n%s", diff)
	}
}
