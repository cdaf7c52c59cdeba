package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tessera/server"
)

// mustStartWithSearch starts a server whose store feeds a real search
// index, wired as tessera serve wires them.
func mustStartWithSearch(t *testing.T) *testServer {
	t.Helper()
	dir := t.TempDir()
	d := mustOpenData(t, dir, true)
	srv := server.New(server.Config{
		Store:     d.Store,
		Search:    d.Index,
		Coder:     "tester",
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Heartbeat: testHeartbeat,
	})
	d.Listen(srv.Notify)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &testServer{t: t, url: hs.URL, store: d.Store}
}

func TestSearch(t *testing.T) {
	s := mustStartWithSearch(t)
	var p, code id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Search study"}, 201, &p)
	base := "/api/v1/projects/" + p.ID
	var doc struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	s.call("POST", base+"/documents", map[string]any{"title": "Founder",
		"text": "Interviewer: Where did it go wrong?\r\nAnna: At the trade fair 👍 in Lule" + decomposedA + ", the trade fair was a failure.\r\n"}, 201, &doc)
	s.call("POST", base+"/codes", map[string]any{"name": "Trade fair failure"}, 201, &code)

	// A folded query finds "Luleå" at its code-point offsets.
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			DocumentID string `json:"document_id"`
			Matches    []struct {
				Start int `json:"start"`
				End   int `json:"end"`
			} `json:"matches"`
		} `json:"hits"`
	}
	s.call("GET", base+"/search?q=lulea&kind=turn", nil, 200, &res)
	start, end := runeSpan(t, doc.Text, "Luleå")
	if res.Total != 1 || len(res.Hits) != 1 || len(res.Hits[0].Matches) == 0 ||
		res.Hits[0].Matches[0].Start != start || res.Hits[0].Matches[0].End != end {
		t.Errorf("search lulea: got %+v, want one hit at [%d,%d)", res, start, end)
	}

	// Counting only.
	s.call("GET", base+"/search?q=%22trade+fair%22&count_only=true", nil, 200, &res)
	if res.Total != 1 || len(res.Hits) != 0 {
		t.Errorf("count only: got %+v, want total 1 without hits", res)
	}

	// Auto-coding is idempotent.
	var ac struct {
		Created int    `json:"created"`
		Seq     uint64 `json:"seq"`
	}
	s.call("POST", base+"/search/code", map[string]any{"query": `"trade fair"`, "code_id": code.ID}, 200, &ac)
	if ac.Created != 2 || ac.Seq == 0 {
		t.Errorf("auto-code: got %d quotes created, audit entry %d; want 2 and an entry", ac.Created, ac.Seq)
	}
	autoCoded := ac.Seq
	s.call("POST", base+"/search/code", map[string]any{"query": `"trade fair"`, "code_id": code.ID}, 200, &ac)
	if ac.Created != 0 || ac.Seq != 0 {
		t.Errorf("auto-code again: got %d quotes created, audit entry %d; want 0 and none", ac.Created, ac.Seq)
	}
	var quotes []struct {
		Text  string `json:"text"`
		Coder string `json:"coder"`
	}
	s.call("GET", base+"/quotes?code="+code.ID, nil, 200, &quotes)
	if len(quotes) != 2 || quotes[0].Text != "trade fair" || quotes[0].Coder != "tester" {
		t.Errorf("auto-coded quotes: got %+v, want two \"trade fair\" by tester", quotes)
	}

	// A quote made through the API is searchable at once.
	s.call("GET", base+"/search?q=fair&kind=quote", nil, 200, &res)
	if res.Total != 2 {
		t.Errorf("quote search: got total %d, want 2", res.Total)
	}

	// The concordance of a search, one line per match with its codes.
	resp, body := s.do("GET", base+"/search/export?q=%22trade+fair%22&format=csv", "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "Search study-search.csv") {
		t.Fatalf("concordance: status %d, %s, %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), body)
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	first, _ := runeSpan(t, doc.Text, "trade fair")
	// Line breaks in the context read as spaces.
	wantFirst := []string{"Founder", "", "Interviewer", strconv.Itoa(first), strconv.Itoa(first + 10), "Where did it go wrong? Anna: At the ", "trade fair", " 👍 in Luleå, the trade fair was a failure.", "Trade fair failure"}
	if len(rows) != 3 || !slices.Equal(rows[1], wantFirst) || rows[2][6] != "trade fair" {
		t.Errorf("concordance rows:\n%q\nwant a header, then\n%q\nand a second match", rows, wantFirst)
	}
	for _, tc := range []struct{ query, want string }{
		{"q=fair&format=pdf", "unknown concordance format"},
		{"format=csv", "q is required"},
		{"q=fair&colour=red", `unknown search parameter \"colour\"`},
	} {
		resp, body := s.do("GET", base+"/search/export?"+tc.query, "", nil)
		if resp.StatusCode != 400 || !strings.Contains(string(body), tc.want) {
			t.Errorf("%s: got %d %s, want 400 with %q", tc.query, resp.StatusCode, body, tc.want)
		}
	}

	// One undo reverts the whole auto-coding; undoing the undo redoes it.
	var undone struct {
		Seq uint64 `json:"seq"`
	}
	s.call("POST", base+"/undo", map[string]any{"seq": autoCoded}, 200, &undone)
	s.call("GET", base+"/search?q=fair&kind=quote", nil, 200, &res)
	if res.Total != 0 {
		t.Errorf("after undoing the auto-coding: %d quotes found, want 0", res.Total)
	}
	s.call("POST", base+"/undo", map[string]any{"seq": undone.Seq}, 200, nil)
	s.call("GET", base+"/search?q=fair&kind=quote", nil, 200, &res)
	if res.Total != 2 {
		t.Errorf("after redoing the auto-coding: %d quotes found, want 2", res.Total)
	}

	// Errors.
	for _, tc := range []struct {
		method, path, body string
		wantStatus         int
		wantBody           string
	}{
		{"GET", base + "/search?q=fair&colour=red", "", 400, `unknown search parameter "colour"`},
		{"GET", base + "/search?q=fair&limit=-1", "", 400, "limit"},
		{"GET", base + "/search?q=%22trade+fair", "", 400, ""},
		{"GET", base + "/search?q=fair&count_only=maybe", "", 400, "count_only"},
		{"GET", "/api/v1/projects/nope/search?q=fair", "", 404, "not found"},
		{"POST", base + "/search/code", `{"query": "fair", "code_id": "` + code.ID + `", "coder": "someone"}`, 400, `unknown field "coder"`},
		{"POST", base + "/search/code", `{"query": "fair", "code_id": "nope"}`, 404, "not found"},
	} {
		ct := ""
		if tc.body != "" {
			ct = "application/json"
		}
		res, data := s.do(tc.method, tc.path, ct, strings.NewReader(tc.body))
		var e struct {
			Error string `json:"error"`
		}
		json.Unmarshal(data, &e)
		if res.StatusCode != tc.wantStatus || !strings.Contains(e.Error, tc.wantBody) {
			t.Errorf("%s %s: got %d %s, want %d with %q", tc.method, tc.path, res.StatusCode, data, tc.wantStatus, tc.wantBody)
		}
	}
}
