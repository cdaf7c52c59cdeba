package server_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/server"
)

func TestRouteTable(t *testing.T) {
	s := mustStartTeam(t, nil)
	seen := map[string]bool{}
	for _, r := range s.srv.Routes() {
		key := r.Method + " " + r.Path
		seen[key] = true
		got := r.Permission
		if r.OwnOnly != "" {
			got += "/own"
		}
		want, ok := wantPerms[key]
		switch {
		case r.Permission == "":
			t.Errorf("route %s has no permission rule", key)
		case !ok:
			t.Errorf("route %s (%s) is missing from the test's matrix", key, got)
		case got != want:
			t.Errorf("route %s: got permission %s, want %s", key, got, want)
		}
		if _, ok := routeCalls[key]; !ok {
			t.Errorf("route %s has no call in the test's matrix", key)
		}
	}
	for key := range wantPerms {
		if !seen[key] {
			t.Errorf("route %s of the matrix is not served", key)
		}
	}
}

// matrixRoles are the callers the matrix tries, from none to all rights.
var matrixRoles = []string{"none", "outsider", "viewer", "coder", "owner", "admin"}

// matrixUsers are the accounts behind the roles.
var matrixUsers = map[string]string{"outsider": "otto", "viewer": "vera", "coder": "cora", "owner": "olga", "admin": "admin"}

// admits tells whether a permission admits a role.
func admits(perm, role string) bool {
	perm = strings.TrimSuffix(perm, "/own")
	switch perm {
	case "public":
		return true
	case "user":
		return role != "none"
	case "admin":
		return role == "admin"
	case "read":
		return role == "viewer" || role == "coder" || role == "owner" || role == "admin"
	case "code", "codebook":
		return role == "coder" || role == "owner" || role == "admin"
	case "review":
		return role == "viewer" || role == "owner" || role == "admin"
	case "owner":
		return role == "owner" || role == "admin"
	}
	panic("unknown permission " + perm)
}

// TestRoleMatrix calls every route as every role, on a fresh project for
// each route: roles the route does not admit get 401 (no session) or 403;
// the first admitted role succeeds, and later ones are not refused.
func TestRoleMatrix(t *testing.T) {
	s := mustStartTeam(t, func(c *server.Config) { c.UI = testUI })
	for _, name := range []string{"otto", "vera", "cora", "olga", "extra", "target"} {
		s.mustUser(name, false)
	}
	clients := map[string]*client{"none": s.anonymous()}
	for role, name := range matrixUsers {
		clients[role] = s.login(name)
	}
	keys := make([]string, 0, len(wantPerms))
	for key := range wantPerms {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := routeCalls[keys[i]].last, routeCalls[keys[j]].last
		if li != lj {
			return lj
		}
		return keys[i] < keys[j]
	})
	n := 0
	for _, key := range keys {
		call := routeCalls[key]
		vars := matrixFixture(t, s)
		method, pattern, _ := strings.Cut(key, " ")
		path := call.path
		if path == "" {
			path = strings.ReplaceAll(pattern, ":pid", "{pid}")
		}
		// Refused roles first: they must change nothing.
		var admitted, refused []string
		for _, role := range matrixRoles {
			if admits(wantPerms[key], role) {
				admitted = append(admitted, role)
			} else {
				refused = append(refused, role)
			}
		}
		for i, role := range append(refused, admitted...) {
			n++
			vars["n"] = strconv.Itoa(n)
			vars["pw"] = matrixUsers[role] + passwordSuffix
			vars["adminpw"] = adminPassword
			cl := clients[role]
			switch {
			case call.anonymous:
				cl = s.anonymous()
			case call.fresh && role != "none":
				cl = s.login(matrixUsers[role])
			}
			var got int
			var body string
			if call.stream {
				got, body = matrixStream(t, cl, expand(path, vars))
			} else {
				got, body = matrixRequest(t, cl, method, expand(path, vars), expand(call.body, vars), call.multipart)
			}
			switch {
			case i < len(refused) && role == "none":
				if got != 401 {
					t.Errorf("%s as %s: got %d, want 401; %s", key, role, got, body)
				}
			case i < len(refused):
				if got != 403 {
					t.Errorf("%s as %s: got %d, want 403; %s", key, role, got, body)
				}
			case i == len(refused):
				if (call.okStatus == 0 && (got < 200 || got > 299)) || (call.okStatus != 0 && got != call.okStatus) {
					t.Errorf("%s as %s (first admitted): got %d, want success; %s", key, role, got, body)
				}
			default:
				if got == 401 || got == 403 {
					t.Errorf("%s as %s: got %d, want it admitted; %s", key, role, got, body)
				}
			}
		}
	}
}

// matrixRequest sends one call of the matrix and returns the status and
// the body.
func matrixRequest(t *testing.T, cl *client, method, path, body string, multipart bool) (int, string) {
	t.Helper()
	var r io.Reader
	ct := ""
	switch {
	case multipart:
		ct, r = multipartBody(t, [][2]string{{"codebook.csv", body}}, nil)
	case body != "":
		r, ct = strings.NewReader(body), "application/json"
	}
	res, data := cl.do(method, path, ct, r)
	return res.StatusCode, string(data)
}

// matrixStream opens an event stream and returns its status, with the
// body of a refusal.
func matrixStream(t *testing.T, cl *client, path string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", cl.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		data, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(data)
	}
	return res.StatusCode, ""
}

// matrixFixture creates, directly in the store, a project for one route:
// members olga (owner), cora (coder), vera (viewer) and extra (coder); a
// case; two documents, the first assigned to cora and olga for
// independent coding; two informants; a dimension, a theme and two concepts; a facet; a
// quote by cora and one by olga; a memo by cora. It returns the IDs by
// name, and {seq}, the audit entry of cora's quote.
func matrixFixture(t *testing.T, s *teamServer) map[string]string {
	t.Helper()
	st := s.store
	as := func(name string) context.Context { return coding.WithActor(context.Background(), name) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := &coding.Project{Name: "Matrix " + coding.NewID(frozen)}
	must(st.CreateProject(as("olga"), p))
	for name, role := range map[string]coding.Role{"olga": coding.RoleOwner, "cora": coding.RoleCoder, "vera": coding.RoleViewer, "extra": coding.RoleCoder} {
		must(st.PutMember(as("olga"), &coding.Member{ProjectID: p.ID, Username: name, Role: role}))
	}
	cs := &coding.Case{ProjectID: p.ID, Name: "Luleå MedSense AB"}
	must(st.CreateCase(as("olga"), cs))
	text := "Interviewer: What happened?\nAnna: We failed at the trade fair 👍 and learned."
	doc := &coding.Document{ProjectID: p.ID, Title: "Founder", CaseID: cs.ID, Text: text, Turns: []coding.Turn{
		{Speaker: "Interviewer", Start: 13, End: 27}, {Speaker: "Anna", Start: 34, End: coding.RuneLen(text)}}}
	must(st.CreateDocument(as("olga"), doc))
	doc2 := &coding.Document{ProjectID: p.ID, Title: "Sales", Text: "Bo: Hi from Luleå", Turns: []coding.Turn{{Speaker: "Bo", Start: 4, End: 17}}}
	must(st.CreateDocument(as("olga"), doc2))
	informant := &coding.Informant{ProjectID: p.ID, CaseID: cs.ID, Pseudonym: "Aino"}
	must(st.CreateInformant(as("olga"), informant))
	informant2 := &coding.Informant{ProjectID: p.ID}
	must(st.CreateInformant(as("olga"), informant2))
	dim := &coding.Code{ProjectID: p.ID, Name: "Learning", Level: coding.LevelDimension}
	must(st.CreateCode(as("olga"), dim))
	theme := &coding.Code{ProjectID: p.ID, Name: "Experiential", Level: coding.LevelTheme, ParentID: dim.ID}
	must(st.CreateCode(as("olga"), theme))
	concept := &coding.Code{ProjectID: p.ID, Name: "Trade fair", Level: coding.LevelConcept, ParentID: theme.ID}
	must(st.CreateCode(as("olga"), concept))
	concept2 := &coding.Code{ProjectID: p.ID, Name: "Failure", Level: coding.LevelConcept, ParentID: theme.ID}
	must(st.CreateCode(as("olga"), concept2))
	facet := &coding.Facet{ProjectID: p.ID, Name: "Type of learning", Values: []string{"experiential", "vicarious"}}
	must(st.CreateFacet(as("olga"), facet))
	q := &coding.Quote{ProjectID: p.ID, DocumentID: doc.ID, Start: 28, End: 50, CodeIDs: []string{concept.ID}, Coder: "cora"}
	must(st.CreateQuote(as("cora"), q))
	es, err := st.ListAudit(context.Background(), p.ID, coding.AuditFilter{Limit: 1})
	must(err)
	q2 := &coding.Quote{ProjectID: p.ID, DocumentID: doc.ID, Start: 30, End: 50, CodeIDs: []string{concept.ID}, Coder: "olga"}
	must(st.CreateQuote(as("olga"), q2))
	m := &coding.Memo{ProjectID: p.ID, TargetType: coding.MemoProject, Title: "Plan", Body: "First *pass*", Author: "cora"}
	must(st.CreateMemo(as("cora"), m))
	_, err = st.SetAssignments(as("olga"), p.ID, []string{doc.ID}, []string{"cora", "olga"}, true)
	must(err)
	round := &coding.Round{ProjectID: p.ID, Name: "Open coding"}
	must(st.CloseRound(as("olga"), round))
	must(st.PutTablePreset(as("olga"), &coding.TablePreset{ProjectID: p.ID, Name: "Journal", Options: []byte(`{"style":"apa"}`)}))
	set := &coding.Set{ProjectID: p.ID, Name: "Founders", DocumentIDs: []string{doc.ID}}
	must(st.CreateSet(as("olga"), set))
	model := &coding.Model{ProjectID: p.ID, Name: "Process model", Boxes: []coding.ModelBox{{ID: "b1", CodeID: dim.ID, X: 0, Y: 0, W: 120, H: 40}}}
	must(st.CreateModel(as("olga"), model))
	return map[string]string{
		"pid": p.ID, "case": cs.ID, "doc": doc.ID, "doc2": doc2.ID, "theme": theme.ID,
		"concept": concept.ID, "concept2": concept2.ID, "facet": facet.ID, "quote": q.ID,
		"memo": m.ID, "seq": strconv.FormatUint(es[0].Seq, 10), "round": round.ID,
		"informant": informant.ID, "informant2": informant2.ID,
		"set":   set.ID,
		"model": model.ID,
	}
}

// TestTeamDocsMatrix checks that docs/team.md prints the route and role
// matrix the server applies.
func TestTeamDocsMatrix(t *testing.T) {
	src, err := os.ReadFile("../docs/team.md")
	if err != nil {
		t.Fatal(err)
	}
	_, matrix, ok := strings.Cut(string(src), "## Route and role matrix")
	if !ok {
		t.Fatal("docs/team.md has no route and role matrix")
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z]+ [^`]+)` \\| (\\w+)( \\(coders: own\\))? \\|")
	got := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(matrix, -1) {
		perm := m[2]
		if m[3] != "" {
			perm += "/own"
		}
		got[m[1]] = perm
	}
	if diff := cmp.Diff(wantPerms, got); diff != "" {
		t.Errorf("docs/team.md's matrix differs from the server's (-server +docs):\n%s", diff)
	}
}
