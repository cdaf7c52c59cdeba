package server_test

import (
	"net/http"
	"testing"
)

// TestSetRoutes creates, reads, changes and deletes sets through the API,
// and uses them as search filters, matrix columns and rows, and analysis
// filters.
func TestSetRoutes(t *testing.T) {
	s := mustStartWithSearch(t)
	vars := fixture(s)
	cases := []apiCase{
		{name: "create a document set", method: "POST", path: "/projects/{pid}/sets", body: `{"name": "Founders", "description": "CEOs who founded", "document_ids": ["{doc}"]}`,
			wantStatus: 201, wantBody: `"document_ids":["{doc}"]`, save: "founders"},
		{name: "create a code set", method: "POST", path: "/projects/{pid}/sets", body: `{"name": "Learning codes", "code_ids": ["{theme}"]}`,
			wantStatus: 201, wantBody: `"code_ids":["{theme}"]`, save: "codeset"},
		{name: "name taken", method: "POST", path: "/projects/{pid}/sets", body: `{"name": "founders"}`, wantStatus: 409, wantBody: `a set named "Founders" already exists`},
		{name: "no name", method: "POST", path: "/projects/{pid}/sets", body: `{"name": " "}`, wantStatus: 400, wantBody: "set name is required"},
		{name: "two-line name", method: "POST", path: "/projects/{pid}/sets", body: `{"name": "a\nb"}`, wantStatus: 400, wantBody: "single line"},
		{name: "unknown document", method: "POST", path: "/projects/{pid}/sets", body: `{"name": "X", "document_ids": ["nope"]}`, wantStatus: 422, wantBody: `document "nope" is not in this project`},
		{name: "unknown field", method: "POST", path: "/projects/{pid}/sets", body: `{"name": "X", "documents": []}`, wantStatus: 400, wantBody: `unknown field "documents"`},
		{name: "unknown project", method: "POST", path: "/projects/nope/sets", body: `{"name": "X"}`, wantStatus: 404},
		{name: "list", method: "GET", path: "/projects/{pid}/sets", wantStatus: 200, wantBody: `"name":"Founders"`},
		{name: "get", method: "GET", path: "/projects/{pid}/sets/{founders}", wantStatus: 200, wantBody: `"description":"CEOs who founded"`},
		{name: "get unknown", method: "GET", path: "/projects/{pid}/sets/nope", wantStatus: 404, wantBody: `set "nope" not found`},

		// Filters, rows and columns.
		{name: "search by set", method: "GET", path: "/projects/{pid}/search?q=learned&set=Founders", wantStatus: 200, wantBody: `"document_id":"{doc}"`},
		{name: "search by set in the query", method: "GET", path: "/projects/{pid}/search?q=set:Founders+Hi", wantStatus: 200, wantBody: `"total":0`},
		{name: "search by unknown set", method: "GET", path: "/projects/{pid}/search?q=x&set=Nope", wantStatus: 400, wantBody: `no set named "Nope"`},
		{name: "matrix columns by document set", method: "GET", path: "/projects/{pid}/matrix?level=theme&columns=set", wantStatus: 200,
			wantBody: `"cols":[{"key":"{founders}","label":"Founders"}]`},
		{name: "matrix rows of a code set", method: "GET", path: "/projects/{pid}/matrix?rows=set:Learning+codes&columns=document", wantStatus: 200,
			wantBody: `"rows":[{"id":"{theme}"`},
		{name: "matrix filtered by a set", method: "GET", path: "/projects/{pid}/matrix?columns=document&set=Founders", wantStatus: 200,
			wantBody: `"cols":[{"key":"{doc}","label":"Founder interview"}]`},
		{name: "analysis filter unknown", method: "GET", path: "/projects/{pid}/gioia?set=Nope", wantStatus: 400, wantBody: `the project has no set "Nope" (sets: Founders, Learning codes)`},
		{name: "code stats in a set", method: "GET", path: "/projects/{pid}/codes/stats?set={founders}", wantStatus: 200, wantBody: `"{concept}":{"quotes":1`},
		{name: "export filtered by a set", method: "GET", path: "/projects/{pid}/export/matrix-csv?columns=document&set=Founders", wantStatus: 200, wantBody: "Founder interview", notBody: "Sales interview"},

		// Changes.
		{name: "add a document", method: "PATCH", path: "/projects/{pid}/sets/{founders}", body: `{"add_documents": ["{doc2}"]}`, wantStatus: 200, wantBody: `"document_ids":["{doc}","{doc2}"]`},
		{name: "remove a document", method: "PATCH", path: "/projects/{pid}/sets/{founders}", body: `{"remove_documents": ["{doc}"]}`, wantStatus: 200, wantBody: `"document_ids":["{doc2}"]`},
		{name: "rename to a taken name", method: "PATCH", path: "/projects/{pid}/sets/{founders}", body: `{"name": "Learning codes"}`, wantStatus: 409},
		{name: "add an unknown code", method: "PATCH", path: "/projects/{pid}/sets/{founders}", body: `{"add_codes": ["nope"]}`, wantStatus: 422, wantBody: `code "nope" is not in this project`},
		{name: "unchanged after refusals", method: "GET", path: "/projects/{pid}/sets/{founders}", wantStatus: 200, wantBody: `"name":"Founders"`, notBody: "nope"},
		{name: "replace the codes", method: "PATCH", path: "/projects/{pid}/sets/{founders}", body: `{"code_ids": ["{concept}"], "name": "Sales"}`, wantStatus: 200, wantBody: `"code_ids":["{concept}"]`},
		{name: "delete", method: "DELETE", path: "/projects/{pid}/sets/{founders}", wantStatus: 204},
		{name: "delete again", method: "DELETE", path: "/projects/{pid}/sets/{founders}", wantStatus: 404},
		{name: "audit names the set", method: "GET", path: "/projects/{pid}/audit?kind=set", wantStatus: 200, wantBody: `"op":"delete_set"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.t = t
			runAPICase(s, tc, vars)
		})
	}
}

// TestSetChangesReachOpenTabs: creating, changing and deleting a set
// arrive on the event stream as changes of kind "set".
func TestSetChangesReachOpenTabs(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, doc, _ := soloProject(s)
	base := "/api/v1/projects/" + pid
	other := openStream(t, http.DefaultClient, s.url, base+"/events?client=tab-b", nil)
	other.hello()
	var set id
	s.callFrom("tab-a", "POST", base+"/sets", map[string]any{"name": "Founders", "document_ids": []string{doc}}, 201, &set)
	wantChange(t, other.nextChange(), "create_set", "tab-a", changedKind{Kind: "set", IDs: []string{set.ID}})
	s.callFrom("tab-a", "PATCH", base+"/sets/"+set.ID, map[string]any{"remove_documents": []string{doc}}, 200, nil)
	wantChange(t, other.nextChange(), "update_set", "tab-a", changedKind{Kind: "set", IDs: []string{set.ID}})
	s.callFrom("tab-a", "DELETE", base+"/sets/"+set.ID, nil, 204, nil)
	wantChange(t, other.nextChange(), "delete_set", "tab-a", changedKind{Kind: "set", IDs: []string{set.ID}, Deleted: true})
}
