package server_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"tessera/server"
)

// apiCase is one request of a scenario and what it must answer.
type apiCase struct {
	name        string
	method      string
	path        string // relative to /api/v1 unless it starts with "/api" or is absolute
	body        string // JSON unless contentType says otherwise
	contentType string
	wantStatus  int
	wantBody    string // substring of the (unescaped) answer; for errors, of the message
	notBody     string // must not appear in the answer
	save        string // store the answer's "id" under this name
}

// fixture creates, through the API, a project with a case, two documents,
// a dimension > theme > concept, a facet, a quote and a memo, and returns
// their IDs by name, with the code-point offsets of "Luleå" ({l0}, {l1})
// and "from Luleå" ({f0}) in the second document.
func fixture(s *testServer) map[string]string {
	s.t.Helper()
	vars := map[string]string{}
	var v id
	s.call("POST", "/api/v1/projects", map[string]any{"name": "Study", "language": "en"}, 201, &v)
	vars["pid"] = v.ID
	p := "/api/v1/projects/" + v.ID
	s.call("POST", p+"/cases", map[string]any{"name": "Luleå MedSense AB", "attributes": map[string]any{"sector": "medtech"}}, 201, &v)
	vars["case"] = v.ID
	var doc struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	s.call("POST", p+"/documents", map[string]any{"title": "Founder interview", "case": vars["case"],
		"text": "Interviewer: What happened?\nAnna: We failed at the trade fair 👍 and learned."}, 201, &doc)
	vars["doc"] = doc.ID
	s.call("GET", p+"/documents/"+doc.ID, nil, 200, &doc)
	fair0, fair1 := runeSpan(s.t, doc.Text, "the trade fair 👍")
	s.call("POST", p+"/documents", map[string]any{"title": "Sales interview", "text": "Interviewer: Hello\r\nBo: Hi from Luleå"}, 201, &doc)
	vars["doc2"] = doc.ID
	s.call("GET", p+"/documents/"+doc.ID, nil, 200, &doc)
	l0, l1 := runeSpan(s.t, doc.Text, "Luleå")
	f0, _ := runeSpan(s.t, doc.Text, "from Luleå")
	vars["l0"], vars["l1"], vars["f0"] = strconv.Itoa(l0), strconv.Itoa(l1), strconv.Itoa(f0)
	s.call("POST", p+"/codes", map[string]any{"name": "Learning from failure", "level": "dimension"}, 201, &v)
	vars["dim"] = v.ID
	s.call("POST", p+"/codes", map[string]any{"name": "Experiential learning", "level": "theme", "parent_id": vars["dim"]}, 201, &v)
	vars["theme"] = v.ID
	s.call("POST", p+"/codes", map[string]any{"name": "Trade fair failure", "parent_id": vars["theme"]}, 201, &v)
	vars["concept"] = v.ID
	s.call("POST", p+"/facets", map[string]any{"name": "Type of learning", "values": []string{"experiential", "vicarious"}}, 201, &v)
	vars["facet"] = v.ID
	s.call("POST", p+"/quotes", map[string]any{"document_id": vars["doc"], "start": fair0, "end": fair1, "code_ids": []string{vars["concept"]}}, 201, &v)
	vars["quote"] = v.ID
	s.call("POST", p+"/memos", map[string]any{"target_type": "project", "title": "Plan", "body": "First *pass*"}, 201, &v)
	vars["memo"] = v.ID
	return vars
}

func TestAPI(t *testing.T) {
	s := mustStart(t, nil, func(c *server.Config) { c.MaxBodyBytes = 64 << 10 })
	vars := fixture(s)
	big := `{"body": "` + strings.Repeat("x", 70<<10) + `"}`

	cases := []apiCase{
		// Meta.
		{name: "version", method: "GET", path: "/version", wantStatus: 200, wantBody: `"version":"1.2.3-test"`},
		{name: "health", method: "GET", path: "/healthz", wantStatus: 200, wantBody: `"status":"ok"`},
		{name: "markdown preview", method: "POST", path: "/markdown", body: `{"text": "**bold** <script>alert(1)</script>"}`, wantStatus: 200, wantBody: "<strong>bold</strong>", notBody: "<script"},
		{name: "markdown wrong field", method: "POST", path: "/markdown", body: `{"markdown": "x"}`, wantStatus: 400, wantBody: `unknown field "markdown"`},

		// Projects and request decoding.
		{name: "create project", method: "POST", path: "/projects", body: `{"name": "Second study", "language": "fi"}`, wantStatus: 201, wantBody: `"language":"fi"`, save: "p2"},
		{name: "create project duplicate name", method: "POST", path: "/projects", body: `{"name": "second STUDY"}`, wantStatus: 409, wantBody: "already exists"},
		{name: "create project without name", method: "POST", path: "/projects", body: `{"name": "  "}`, wantStatus: 400, wantBody: "name is required"},
		{name: "create project unknown field", method: "POST", path: "/projects", body: `{"name": "x", "owner": "me"}`, wantStatus: 400, wantBody: `unknown field "owner"`},
		{name: "create project malformed", method: "POST", path: "/projects", body: "{\n  \"name\": \"x\",\n}", wantStatus: 400, wantBody: "malformed JSON at line 2, column 14"},
		{name: "create project truncated", method: "POST", path: "/projects", body: `{"name": "x"`, wantStatus: 400, wantBody: "ends too early"},
		{name: "create project wrong type", method: "POST", path: "/projects", body: `{"name": 5}`, wantStatus: 400, wantBody: `field "name" must be a string, not a number`},
		{name: "create project two values", method: "POST", path: "/projects", body: `{"name": "a"} {"name": "b"}`, wantStatus: 400, wantBody: "single JSON value"},
		{name: "create project empty body", method: "POST", path: "/projects", body: "", contentType: "application/json", wantStatus: 400, wantBody: "body is empty"},
		{name: "create project not JSON", method: "POST", path: "/projects", body: "name=x", contentType: "application/x-www-form-urlencoded", wantStatus: 415, wantBody: "must be JSON"},
		{name: "list projects", method: "GET", path: "/projects", wantStatus: 200, wantBody: "Second study"},
		{name: "get project", method: "GET", path: "/projects/{p2}", wantStatus: 200, wantBody: "Second study"},
		{name: "get missing project", method: "GET", path: "/projects/nope", wantStatus: 404, wantBody: `project "nope" not found`},
		{name: "update project", method: "PATCH", path: "/projects/{p2}", body: `{"description": "Pilot in Kohtamäki"}`, wantStatus: 200, wantBody: "Pilot in Kohtamäki"},
		{name: "update project to taken name", method: "PATCH", path: "/projects/{p2}", body: `{"name": "Study"}`, wantStatus: 409, wantBody: "already exists"},
		{name: "delete project unconfirmed", method: "DELETE", path: "/projects/{p2}", wantStatus: 409, wantBody: "?confirm=true"},
		{name: "delete project bad confirm", method: "DELETE", path: "/projects/{p2}?confirm=maybe", wantStatus: 400, wantBody: "must be true or false"},
		{name: "delete project", method: "DELETE", path: "/projects/{p2}?confirm=true", wantStatus: 204},
		{name: "deleted project is gone", method: "GET", path: "/projects/{p2}", wantStatus: 404},
		{name: "method not allowed", method: "DELETE", path: "/projects", wantStatus: 405, wantBody: "method not allowed"},
		{name: "body too large", method: "POST", path: "/projects/{pid}/memos", body: big, wantStatus: 413, wantBody: "too large (limit 64 KB)"},

		// Cases.
		{name: "create case with attribute object", method: "POST", path: "/projects/{pid}/cases",
			body:       `{"name": "Pöllö Robotics Oy", "attributes": {"sector": "robotics", "employees": 45, "markets": ["SE", "DE"], "founded": "2015-04-01"}}`,
			wantStatus: 201, wantBody: `{"name":"sector","type":"text","value":"robotics"},{"name":"employees","type":"number","value":45},{"name":"markets","type":"list","value":["SE","DE"]},{"name":"founded","type":"date","value":"2015-04-01"}`, save: "case2"},
		{name: "create case with attribute array", method: "POST", path: "/projects/{pid}/cases",
			body: `{"name": "Kohtamäki Analytics Oy", "attributes": [{"name": "employees", "type": "number", "value": "12"}]}`, wantStatus: 201, wantBody: `"value":12`, save: "case3"},
		{name: "create case attribute unknown field", method: "POST", path: "/projects/{pid}/cases", body: `{"name": "X", "attributes": [{"name": "a", "kind": "text"}]}`, wantStatus: 400, wantBody: `unknown field "kind"`},
		{name: "create case attributes not a list", method: "POST", path: "/projects/{pid}/cases", body: `{"name": "X", "attributes": "sector"}`, wantStatus: 400, wantBody: "attributes must be"},
		{name: "create case bad number", method: "POST", path: "/projects/{pid}/cases", body: `{"name": "X", "attributes": [{"name": "employees", "type": "number", "value": "many"}]}`, wantStatus: 400, wantBody: "not a number"},
		{name: "create case duplicate", method: "POST", path: "/projects/{pid}/cases", body: `{"name": "pöllö robotics oy"}`, wantStatus: 409, wantBody: "already exists"},
		{name: "create case in missing project", method: "POST", path: "/projects/nope/cases", body: `{"name": "X"}`, wantStatus: 404},
		{name: "list cases", method: "GET", path: "/projects/{pid}/cases", wantStatus: 200, wantBody: "Pöllö Robotics Oy"},
		{name: "get case", method: "GET", path: "/projects/{pid}/cases/{case2}", wantStatus: 200, wantBody: "robotics"},
		{name: "get missing case", method: "GET", path: "/projects/{pid}/cases/nope", wantStatus: 404},
		{name: "update case attributes", method: "PATCH", path: "/projects/{pid}/cases/{case2}", body: `{"attributes": {"employees": 50, "markets": null}}`, wantStatus: 200, wantBody: `"value":50`, notBody: "markets"},
		{name: "reorder cases", method: "PUT", path: "/projects/{pid}/cases/order", body: `{"ids": ["{case3}", "{case2}", "{case}"]}`, wantStatus: 200, wantBody: `"name":"Kohtamäki Analytics Oy","attributes"`},
		{name: "reorder cases incomplete", method: "PUT", path: "/projects/{pid}/cases/order", body: `{"ids": ["{case2}"]}`, wantStatus: 400, wantBody: "list each one once"},
		{name: "delete case", method: "DELETE", path: "/projects/{pid}/cases/{case3}", wantStatus: 204},
		{name: "deleted case is gone", method: "GET", path: "/projects/{pid}/cases/{case3}", wantStatus: 404},

		// Documents.
		{name: "create document from JSON", method: "POST", path: "/projects/{pid}/documents",
			body:       `{"title": "CEO interview", "text": "Interviewer: Hello\r\nAnna: Hi from Luleå", "case": "Pöllö Robotics Oy", "meta": {"informant_role": "CEO"}}`,
			wantStatus: 201, wantBody: `"case_id":"{case2}"`, save: "doc4"},
		{name: "create document in a new case", method: "POST", path: "/projects/{pid}/documents", body: `{"title": "Notes", "text": "Some notes.", "case": "Nebelhöhle Games GmbH"}`, wantStatus: 201, save: "doc3"},
		{name: "create document without text", method: "POST", path: "/projects/{pid}/documents", body: `{"title": "Empty", "text": ""}`, wantStatus: 400},
		{name: "create document unknown meta", method: "POST", path: "/projects/{pid}/documents", body: `{"title": "T", "text": "x", "meta": {"mood": "good"}}`, wantStatus: 400, wantBody: `unknown field "mood"`},
		{name: "create document as form", method: "POST", path: "/projects/{pid}/documents", body: "title=x", contentType: "application/x-www-form-urlencoded", wantStatus: 415},
		{name: "list documents", method: "GET", path: "/projects/{pid}/documents", wantStatus: 200, wantBody: "CEO interview", notBody: `"text":"`},
		{name: "list documents of a case", method: "GET", path: "/projects/{pid}/documents?case={case}", wantStatus: 200, wantBody: "Founder interview", notBody: "CEO interview"},
		{name: "get document", method: "GET", path: "/projects/{pid}/documents/{doc4}", wantStatus: 200, wantBody: `Hi from Luleå"`, notBody: `"quotes"`},
		{name: "get document with quotes", method: "GET", path: "/projects/{pid}/documents/{doc}?quotes=true", wantStatus: 200, wantBody: `"quotes":[{"id":"{quote}"`},
		{name: "get document with no quotes", method: "GET", path: "/projects/{pid}/documents/{doc4}?quotes=true", wantStatus: 200, wantBody: `"quotes":[]`},
		{name: "get missing document", method: "GET", path: "/projects/{pid}/documents/nope", wantStatus: 404},
		{name: "update document", method: "PATCH", path: "/projects/{pid}/documents/{doc4}", body: `{"title": "CEO interview, Kohtamäki", "meta": {"interview_date": "2026-01-31"}}`, wantStatus: 200, wantBody: `"interview_date":"2026-01-31"`},
		{name: "update document bad date", method: "PATCH", path: "/projects/{pid}/documents/{doc2}", body: `{"meta": {"interview_date": "31.1.2026"}}`, wantStatus: 400, wantBody: "not a date"},
		{name: "update document unknown speaker", method: "PATCH", path: "/projects/{pid}/documents/{doc2}", body: `{"speaker_roles": {"Nobody": "informant"}}`, wantStatus: 400, wantBody: `no speaker "Nobody"`},
		{name: "update document missing case", method: "PATCH", path: "/projects/{pid}/documents/{doc2}", body: `{"case_id": "nope"}`, wantStatus: 404},
		{name: "delete coded document unconfirmed", method: "DELETE", path: "/projects/{pid}/documents/{doc}", wantStatus: 409, wantBody: "confirm"},
		{name: "delete document", method: "DELETE", path: "/projects/{pid}/documents/{doc3}", wantStatus: 204},

		// Codes.
		{name: "create concept", method: "POST", path: "/projects/{pid}/codes", body: `{"name": "Trial and error", "parent_id": "{theme}", "color": "#AA3377", "definition": "Learning by *doing*"}`, wantStatus: 201, wantBody: `"color":"#aa3377"`, save: "c2"},
		{name: "create ungrouped concept", method: "POST", path: "/projects/{pid}/codes", body: `{"name": "Peer advice"}`, wantStatus: 201, wantBody: `"level":"concept"`, save: "c3"},
		{name: "create concept under dimension", method: "POST", path: "/projects/{pid}/codes", body: `{"name": "Bad", "parent_id": "{dim}"}`, wantStatus: 422, wantBody: "can only be grouped under a second-order theme"},
		{name: "create code bad level", method: "POST", path: "/projects/{pid}/codes", body: `{"name": "Bad", "level": "chapter"}`, wantStatus: 400, wantBody: "not concept, theme or dimension"},
		{name: "create code bad colour", method: "POST", path: "/projects/{pid}/codes", body: `{"name": "Bad", "color": "red"}`, wantStatus: 400, wantBody: "#rrggbb"},
		{name: "create code duplicate", method: "POST", path: "/projects/{pid}/codes", body: `{"name": "trial and error", "parent_id": "{theme}"}`, wantStatus: 409},
		{name: "list codes with counts", method: "GET", path: "/projects/{pid}/codes", wantStatus: 200, wantBody: `"name":"Learning from failure","definition":"","inclusion":"","exclusion":"","color":"#f2c94c","order":0,"facets":{},"created_at":"2026-03-14T09:30:00Z","updated_at":"2026-03-14T09:30:00Z","version":1,"counts":{"quotes":1,"documents":1,"cases":1}}`},
		{name: "get code", method: "GET", path: "/projects/{pid}/codes/{concept}", wantStatus: 200, wantBody: "Trade fair failure"},
		{name: "get missing code", method: "GET", path: "/projects/{pid}/codes/nope", wantStatus: 404},
		{name: "rename code", method: "PATCH", path: "/projects/{pid}/codes/{c2}", body: `{"name": "Trial and error in Luleå"}`, wantStatus: 200, wantBody: "Trial and error in Luleå"},
		{name: "move theme under theme", method: "PATCH", path: "/projects/{pid}/codes/{theme}", body: `{"parent_id": "{theme}"}`, wantStatus: 422},
		{name: "set facet value", method: "PUT", path: "/projects/{pid}/codes/{theme}/facets/{facet}", body: `{"value": "experiential"}`, wantStatus: 200, wantBody: `"facets":{"{facet}":"experiential"}`},
		{name: "set unknown facet value", method: "PUT", path: "/projects/{pid}/codes/{theme}/facets/{facet}", body: `{"value": "congenital"}`, wantStatus: 422, wantBody: "not a value"},
		{name: "set facet value missing", method: "PUT", path: "/projects/{pid}/codes/{theme}/facets/{facet}", body: `{}`, wantStatus: 400, wantBody: "value is required"},
		{name: "clear facet value", method: "DELETE", path: "/projects/{pid}/codes/{c2}/facets/{facet}", wantStatus: 200, wantBody: `"facets":{}`},
		{name: "reorder codes", method: "PUT", path: "/projects/{pid}/codes/order", body: `{"parent_id": "{theme}", "ids": ["{c2}", "{concept}"]}`, wantStatus: 204},
		{name: "reorder codes incomplete", method: "PUT", path: "/projects/{pid}/codes/order", body: `{"parent_id": "{theme}", "ids": ["{c2}"]}`, wantStatus: 400},
		{name: "bulk level", method: "POST", path: "/projects/{pid}/codes/bulk-level", body: `{"ids": ["{c3}", "{dim}", "nope"], "level": "theme"}`, wantStatus: 200,
			wantBody: `"failed":[{"id":"{dim}","error":"code \"Learning from failure\" has`},
		{name: "bulk level no ids", method: "POST", path: "/projects/{pid}/codes/bulk-level", body: `{"ids": [], "level": "theme"}`, wantStatus: 400},
		{name: "bulk level bad level", method: "POST", path: "/projects/{pid}/codes/bulk-level", body: `{"ids": ["{c3}"], "level": "chapter"}`, wantStatus: 400},
		{name: "merge across levels", method: "POST", path: "/projects/{pid}/codes/{concept}/merge", body: `{"target_id": "{theme}"}`, wantStatus: 422, wantBody: "levels differ"},
		{name: "merge without target", method: "POST", path: "/projects/{pid}/codes/{concept}/merge", body: `{}`, wantStatus: 400},
		{name: "merge codes", method: "POST", path: "/projects/{pid}/codes/{c2}/merge", body: `{"target_id": "{concept}"}`, wantStatus: 200, wantBody: `"id":"{concept}"`},
		{name: "merged code is gone", method: "GET", path: "/projects/{pid}/codes/{c2}", wantStatus: 404},
		{name: "delete code in use", method: "DELETE", path: "/projects/{pid}/codes/{concept}", wantStatus: 409, wantBody: "uncode"},

		// Facets.
		{name: "create facet", method: "POST", path: "/projects/{pid}/facets", body: `{"name": "Growth path", "values": ["market penetration", "product development"]}`, wantStatus: 201, save: "facet2"},
		{name: "create facet duplicate values", method: "POST", path: "/projects/{pid}/facets", body: `{"name": "Other", "values": ["a", "A"]}`, wantStatus: 400, wantBody: "appears twice"},
		{name: "create facet duplicate name", method: "POST", path: "/projects/{pid}/facets", body: `{"name": "growth path"}`, wantStatus: 409},
		{name: "list facets", method: "GET", path: "/projects/{pid}/facets", wantStatus: 200, wantBody: "Growth path"},
		{name: "get facet", method: "GET", path: "/projects/{pid}/facets/{facet2}", wantStatus: 200, wantBody: "market penetration"},
		{name: "update facet", method: "PATCH", path: "/projects/{pid}/facets/{facet2}", body: `{"values": ["market penetration", "product development", "geographic diversification"]}`, wantStatus: 200, wantBody: "geographic diversification"},
		{name: "delete facet", method: "DELETE", path: "/projects/{pid}/facets/{facet2}", wantStatus: 204},
		{name: "get deleted facet", method: "GET", path: "/projects/{pid}/facets/{facet2}", wantStatus: 404},

		// Quotes.
		{name: "create quote", method: "POST", path: "/projects/{pid}/quotes", body: `{"document_id": "{doc2}", "start": {l0}, "end": {l1}, "code_ids": ["{concept}"], "memo": "place"}`, wantStatus: 201, wantBody: `"text":"Luleå","code_ids":["{concept}"],"coder":"tester"`, save: "q2"},
		{name: "create quote outside text", method: "POST", path: "/projects/{pid}/quotes", body: `{"document_id": "{doc2}", "start": {l0}, "end": 999, "code_ids": ["{concept}"]}`, wantStatus: 422, wantBody: "not within the document"},
		{name: "create quote without codes", method: "POST", path: "/projects/{pid}/quotes", body: `{"document_id": "{doc2}", "start": 0, "end": 5, "code_ids": []}`, wantStatus: 400, wantBody: "at least one code"},
		{name: "create quote with dimension", method: "POST", path: "/projects/{pid}/quotes", body: `{"document_id": "{doc2}", "start": 0, "end": 5, "code_ids": ["{dim}"]}`, wantStatus: 422, wantBody: "not with the aggregate dimension"},
		{name: "create quote without start", method: "POST", path: "/projects/{pid}/quotes", body: `{"document_id": "{doc2}", "end": 5, "code_ids": ["{concept}"]}`, wantStatus: 400, wantBody: "start and end are required"},
		{name: "create quote in missing document", method: "POST", path: "/projects/{pid}/quotes", body: `{"document_id": "nope", "start": 0, "end": 5, "code_ids": ["{concept}"]}`, wantStatus: 404},
		{name: "list quotes by document and code", method: "GET", path: "/projects/{pid}/quotes?document={doc2}&code={theme}", wantStatus: 200, wantBody: `"id":"{q2}"`, notBody: `"id":"{quote}"`},
		{name: "list quotes by coder", method: "GET", path: "/projects/{pid}/quotes?coder=nobody", wantStatus: 200, wantBody: "[]"},
		{name: "get quote", method: "GET", path: "/projects/{pid}/quotes/{q2}", wantStatus: 200, wantBody: `"memo":"place"`},
		{name: "resize quote", method: "PATCH", path: "/projects/{pid}/quotes/{q2}", body: `{"start": {f0}, "end": {l1}}`, wantStatus: 200, wantBody: `"text":"from Luleå"`},
		{name: "resize quote backwards", method: "PATCH", path: "/projects/{pid}/quotes/{q2}", body: `{"start": {l1}, "end": {f0}}`, wantStatus: 422},
		{name: "choose power quote", method: "PUT", path: "/projects/{pid}/quotes/{q2}/picks/{concept}", body: `{"kind": "power"}`, wantStatus: 200, wantBody: `"picks":[{"code_id":"{concept}","kind":"power","order":1}]`},
		{name: "choose for a code the quote lacks", method: "PUT", path: "/projects/{pid}/quotes/{q2}/picks/{theme}", body: `{"kind": "proof"}`, wantStatus: 422, wantBody: "does not carry the code"},
		{name: "choose with a bad kind", method: "PUT", path: "/projects/{pid}/quotes/{q2}/picks/{concept}", body: `{"kind": "best"}`, wantStatus: 400, wantBody: "not power or proof"},
		{name: "choose without kind", method: "PUT", path: "/projects/{pid}/quotes/{q2}/picks/{concept}", body: `{"order": 2}`, wantStatus: 400, wantBody: "kind is required"},
		{name: "choose with a bad order", method: "PUT", path: "/projects/{pid}/quotes/{q2}/picks/{concept}", body: `{"kind": "proof", "order": 1000}`, wantStatus: 400, wantBody: "order 1000"},
		{name: "choose a missing quote", method: "PUT", path: "/projects/{pid}/quotes/nope/picks/{concept}", body: `{"kind": "proof"}`, wantStatus: 404},
		{name: "set excerpt", method: "PUT", path: "/projects/{pid}/quotes/{q2}/excerpt", body: `{"excerpt": "[…] Luleå"}`, wantStatus: 200, wantBody: `"excerpt":"[…] Luleå"`},
		{name: "set excerpt not in text", method: "PUT", path: "/projects/{pid}/quotes/{q2}/excerpt", body: `{"excerpt": "from Oslo"}`, wantStatus: 422, wantBody: "not in the quote's text"},
		{name: "set excerpt missing", method: "PUT", path: "/projects/{pid}/quotes/{q2}/excerpt", body: `{}`, wantStatus: 400, wantBody: "excerpt is required"},
		{name: "excerpt kept after refusal", method: "GET", path: "/projects/{pid}/quotes/{q2}", wantStatus: 200, wantBody: `"excerpt":"[…] Luleå"`},
		{name: "supporting data", method: "GET", path: "/projects/{pid}/supporting?quotes=chosen", wantStatus: 200, wantBody: `"quotes":[{"quote_id":"{q2}","text":"[…] Luleå","kind":"power"`},
		{name: "supporting data bad level", method: "GET", path: "/projects/{pid}/supporting?level=dimension", wantStatus: 400, wantBody: "theme or concept"},
		{name: "supporting data bad mode", method: "GET", path: "/projects/{pid}/supporting?quotes=best", wantStatus: 400, wantBody: "chosen, auto or both"},
		{name: "supporting data bad count", method: "GET", path: "/projects/{pid}/supporting?per_row=0x", wantStatus: 400},
		{name: "export supporting data", method: "GET", path: "/projects/{pid}/export/supporting-md?quotes=chosen", wantStatus: 200, wantBody: `“\[…\] Luleå” |  |  | Sales interview |`},
		{name: "take the choice back", method: "DELETE", path: "/projects/{pid}/quotes/{q2}/picks/{concept}", wantStatus: 200, notBody: `"picks"`},
		{name: "delete quote", method: "DELETE", path: "/projects/{pid}/quotes/{q2}", wantStatus: 204},
		{name: "get deleted quote", method: "GET", path: "/projects/{pid}/quotes/{q2}", wantStatus: 404},

		// Memos.
		{name: "create code memo", method: "POST", path: "/projects/{pid}/memos", body: `{"target_type": "code", "target_id": "{concept}", "body": "**Key** idea <script>alert(1)</script>"}`, wantStatus: 201, wantBody: `"html":"<p><strong>Key</strong> idea alert(1)</p>\n"`, save: "memo2"},
		{name: "create memo for missing quote", method: "POST", path: "/projects/{pid}/memos", body: `{"target_type": "quote", "target_id": "nope", "body": "x"}`, wantStatus: 422},
		{name: "create memo bad target", method: "POST", path: "/projects/{pid}/memos", body: `{"target_type": "firm", "target_id": "x"}`, wantStatus: 400},
		{name: "list memos of a code", method: "GET", path: "/projects/{pid}/memos?target_type=code&target_id={concept}", wantStatus: 200, wantBody: `"id":"{memo2}"`, notBody: `"id":"{memo}"`},
		{name: "get memo", method: "GET", path: "/projects/{pid}/memos/{memo}", wantStatus: 200, wantBody: `"html":"<p>First <em>pass</em></p>`},
		{name: "update memo", method: "PATCH", path: "/projects/{pid}/memos/{memo}", body: `{"body": "Second *pass*"}`, wantStatus: 200, wantBody: "<em>pass</em>"},
		{name: "delete memo", method: "DELETE", path: "/projects/{pid}/memos/{memo}", wantStatus: 204},
		{name: "get deleted memo", method: "GET", path: "/projects/{pid}/memos/{memo}", wantStatus: 404},

		// Exports and analyses.
		{name: "export formats", method: "GET", path: "/export/formats", wantStatus: 200, wantBody: `"name":"gioia-csv"`},
		{name: "export formats name their options", method: "GET", path: "/export/formats", wantStatus: 200, wantBody: `"name":"matrix-csv","media_type":"text/csv; charset=utf-8","ext":".csv","description":"Code x case matrix as CSV","options":["level","columns","rows","cell","facet_filter","set","table","raw","anonymise"]`},
		{name: "export formats name the levels each accepts", method: "GET", path: "/export/formats", wantStatus: 200, wantBody: `"name":"supporting-csv","media_type":"text/csv; charset=utf-8","ext":".csv","description":"Representative supporting data as CSV, one row per quote","options":["facets","sections","level","quotes","per_row","set","table","raw","anonymise"],"choices":{"level":["theme","concept"]}`},
		{name: "export supporting data by dimension", method: "GET", path: "/projects/{pid}/export/supporting-csv?level=dimension", wantStatus: 400, wantBody: "rows by theme or concept"},
		{name: "export gioia markdown", method: "GET", path: "/projects/{pid}/export/gioia-md?counts=true", wantStatus: 200, wantBody: "Trade fair failure"},
		{name: "export unknown format", method: "GET", path: "/projects/{pid}/export/gioia-odt", wantStatus: 404, wantBody: "unknown export format"},
		{name: "export unknown facet", method: "GET", path: "/projects/{pid}/export/gioia-md?facets=Nope", wantStatus: 400},
		{name: "export bad option", method: "GET", path: "/projects/{pid}/export/gioia-md?counts=perhaps", wantStatus: 400},
		{name: "export bad level", method: "GET", path: "/projects/{pid}/export/matrix-csv?level=chapter", wantStatus: 400},
		{name: "export with table options", method: "GET", path: "/projects/{pid}/export/gioia-md?header=Open%20coding%3A%201st-order%20themes&header=&header=Phases&caption=Data%20structure", wantStatus: 200, wantBody: "| Open coding: 1st-order themes | 2nd-order themes | Phases |"},
		{name: "export word table in the grid style", method: "GET", path: "/projects/{pid}/export/matrix-docx?style=grid&table_number=2", wantStatus: 200},
		{name: "export bad table style", method: "GET", path: "/projects/{pid}/export/gioia-docx?style=fancy", wantStatus: 400, wantBody: "not apa or grid"},
		{name: "export bad section label", method: "GET", path: "/projects/{pid}/export/gioia-docx?section_label=name", wantStatus: 400, wantBody: "not facet or value"},
		{name: "export too many headers", method: "GET", path: "/projects/{pid}/export/cases-md?header=a&header=b&header=c&header=d&header=e&header=f&header=g&header=h&header=i&header=j", wantStatus: 400, wantBody: "column headers given"},
		{name: "export figure pages as PDF", method: "GET", path: "/projects/{pid}/export/gioia-pdf?split=dimension&page=Letter&orientation=landscape", wantStatus: 200, wantBody: "%PDF-"},
		{name: "export figure with own headings", method: "GET", path: "/projects/{pid}/export/gioia-svg?header=Open%20coding&page=a4", wantStatus: 200, wantBody: ">Open coding</text>"},
		{name: "export figure pages zipped", method: "GET", path: "/projects/{pid}/export/gioia-svg-zip?split=dimension", wantStatus: 200, wantBody: "page-01.svg"},
		{name: "export figure bad page", method: "GET", path: "/projects/{pid}/export/gioia-pdf?page=a3", wantStatus: 400, wantBody: "not a4 or letter"},
		{name: "export figure orientation without page", method: "GET", path: "/projects/{pid}/export/gioia-svg?orientation=landscape", wantStatus: 400, wantBody: "needs a page size"},
		{name: "export figure per section without a facet", method: "GET", path: "/projects/{pid}/export/gioia-png?split=section", wantStatus: 400, wantBody: "needs a facet"},
		{name: "export figure unknown badge facet", method: "GET", path: "/projects/{pid}/export/gioia-svg?badges=Nope", wantStatus: 400, wantBody: "no facet"},
		{name: "list table presets when none", method: "GET", path: "/projects/{pid}/table-presets", wantStatus: 200, wantBody: `[]`},
		{name: "save table preset", method: "PUT", path: "/projects/{pid}/table-presets/Journal%20table", body: `{"headers": ["Open coding", "", "Phases"], "caption": "Data structure", "number": "3", "style": "grid", "continued": false}`, wantStatus: 200, wantBody: `"name":"Journal table","options":{"headers":["Open coding","","Phases"],"caption":"Data structure","number":"3","style":"grid","continued":false}`},
		{name: "save table preset unknown option", method: "PUT", path: "/projects/{pid}/table-presets/Bad", body: `{"colour": "red"}`, wantStatus: 400, wantBody: `unknown field "colour"`},
		{name: "save table preset bad style", method: "PUT", path: "/projects/{pid}/table-presets/Bad", body: `{"style": "fancy"}`, wantStatus: 400, wantBody: "not apa or grid"},
		{name: "save table preset subsections alone", method: "PUT", path: "/projects/{pid}/table-presets/Bad", body: `{"subsections": "Type of learning"}`, wantStatus: 400, wantBody: "need sections"},
		{name: "list table presets", method: "GET", path: "/projects/{pid}/table-presets", wantStatus: 200, wantBody: `"name":"Journal table"`, notBody: `"Bad"`},
		{name: "export with a preset", method: "GET", path: "/projects/{pid}/export/gioia-md?preset=journal%20TABLE", wantStatus: 200, wantBody: "| Open coding | 2nd-order themes | Phases |"},
		{name: "export with a preset and a header of its own", method: "GET", path: "/projects/{pid}/export/gioia-md?preset=Journal%20table&header=Concepts", wantStatus: 200, wantBody: "| Concepts | 2nd-order themes | Aggregate dimensions |"},
		{name: "export with an unknown preset", method: "GET", path: "/projects/{pid}/export/gioia-md?preset=Nope", wantStatus: 404, wantBody: `no table preset "Nope"`},
		{name: "export bad continued", method: "GET", path: "/projects/{pid}/export/gioia-docx?continued=sometimes", wantStatus: 400},
		{name: "delete table preset", method: "DELETE", path: "/projects/{pid}/table-presets/JOURNAL%20TABLE", wantStatus: 204},
		{name: "delete table preset again", method: "DELETE", path: "/projects/{pid}/table-presets/Journal%20table", wantStatus: 404},
		{name: "export memos", method: "GET", path: "/projects/{pid}/export/memos-md", wantStatus: 200, wantBody: "## Codes"},
		{name: "export memos unknown author", method: "GET", path: "/projects/{pid}/export/memos-docx?author=nobody", wantStatus: 400, wantBody: `no memo is by "nobody"`},
		{name: "export memos bad date", method: "GET", path: "/projects/{pid}/export/memos-md?from=yesterday", wantStatus: 400, wantBody: "is not YYYY-MM-DD"},
		{name: "export qdpx in UTF-16 units", method: "GET", path: "/projects/{pid}/export/qdpx?positions=utf16", wantStatus: 200, wantBody: "project.qde"},
		{name: "export qdpx bad positions", method: "GET", path: "/projects/{pid}/export/qdpx?positions=bytes", wantStatus: 400, wantBody: "codepoints or utf16"},
		{name: "export missing project", method: "GET", path: "/projects/nope/export/gioia-md", wantStatus: 404},
		{name: "gioia rows", method: "GET", path: "/projects/{pid}/gioia?counts=true", wantStatus: 200, wantBody: `"name":"Trade fair failure"`},
		{name: "matrix", method: "GET", path: "/projects/{pid}/matrix?level=theme&columns=case", wantStatus: 200, wantBody: `"rows":[{"id":"{theme}","name":"Experiential learning"`},
		{name: "matrix bad cell", method: "GET", path: "/projects/{pid}/matrix?cell=colour", wantStatus: 400, wantBody: "not count, presence, share or quotes"},
		{name: "cooccurrence", method: "GET", path: "/projects/{pid}/cooccurrence?unit=document", wantStatus: 200, wantBody: `"unit":"document"`},
		{name: "cooccurrence bad unit", method: "GET", path: "/projects/{pid}/cooccurrence?unit=page", wantStatus: 400},
		{name: "code stats", method: "GET", path: "/projects/{pid}/codes/stats", wantStatus: 200, wantBody: `"{concept}":{"quotes":1`},

		// Search without an index.
		{name: "search unavailable", method: "GET", path: "/projects/{pid}/search?q=fair", wantStatus: 503, wantBody: "search is not available"},
		{name: "auto-code unavailable", method: "POST", path: "/projects/{pid}/search/code", body: `{"query": "fair", "code_id": "{concept}"}`, wantStatus: 503, wantBody: "search is not available"},

		// Deleting, last: they remove fixture data.
		{name: "delete code uncoding", method: "DELETE", path: "/projects/{pid}/codes/{concept}?uncode=true", wantStatus: 200, wantBody: `"quotes_deleted":1`},
		{name: "delete coded document confirmed", method: "DELETE", path: "/projects/{pid}/documents/{doc}?confirm=true", wantStatus: 204},

		// Unknown API paths.
		{name: "unknown API route", method: "GET", path: "/nothing", wantStatus: 404, wantBody: "no API route"},
		{name: "unknown API version", method: "POST", path: "/api/v9/projects", body: `{}`, wantStatus: 404},
		{name: "bare API prefix", method: "GET", path: "/api", wantStatus: 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.t = t
			runAPICase(s, tc, vars)
		})
	}
}

// runAPICase sends one request and checks its answer.
func runAPICase(s *testServer, tc apiCase, vars map[string]string) {
	t := s.t
	t.Helper()
	path := expand(tc.path, vars)
	if !strings.HasPrefix(path, "/api") {
		path = "/api/v1" + path
	}
	ct := tc.contentType
	if ct == "" && tc.body != "" {
		ct = "application/json"
	}
	res, data := s.do(tc.method, path, ct, strings.NewReader(expand(tc.body, vars)))
	text := readable(data)
	if res.StatusCode != tc.wantStatus {
		t.Fatalf("got status %d, want %d; body %s", res.StatusCode, tc.wantStatus, text)
	}
	if res.StatusCode >= 400 {
		var e struct {
			Error string `json:"error"`
		}
		if tc.method != "HEAD" {
			if err := json.Unmarshal(data, &e); err != nil || e.Error == "" {
				t.Fatalf("got error body %q, want {\"error\": \"...\"}", data)
			}
		}
		text = e.Error
	}
	if want := expand(tc.wantBody, vars); !strings.Contains(text, want) {
		t.Errorf("got body %s, want it to contain %s", text, want)
	}
	if tc.notBody != "" && strings.Contains(text, expand(tc.notBody, vars)) {
		t.Errorf("got body %s, want it without %s", text, expand(tc.notBody, vars))
	}
	if tc.save != "" {
		var v id
		if err := json.Unmarshal(data, &v); err != nil || v.ID == "" {
			t.Fatalf("cannot save the id of %s: %v", text, err)
		}
		vars[tc.save] = v.ID
	}
}

// readable undoes the HTML escaping of JSON answers, so tests can look
// for "<strong>" rather than "\u003cstrong\u003e".
func readable(data []byte) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(data))
}

func TestErrorStatusesHaveJSONBodies(t *testing.T) {
	s := mustStart(t, nil, nil)
	res, data := s.do("GET", "/api/v1/projects/nope", "", nil)
	if got, want := res.Header.Get("Content-Type"), "application/json"; !strings.HasPrefix(got, want) {
		t.Errorf("got Content-Type %q, want %q", got, want)
	}
	if got, want := string(data), `{"error":"project \"nope\" not found"}`+"\n"; got != want {
		t.Errorf("got body %q, want %q", got, want)
	}
}
