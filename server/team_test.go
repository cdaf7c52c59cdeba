package server_test

import (
	"encoding/json"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// exampleText is the 40-code-point document of the worked example in
// docs/agreement.md, with "å" of "på" decomposed as it may arrive; the
// server stores it NFC.
const exampleText = "Vi litar pa\u030a Luleå 👍 men Kohtamäki tvekar"

// teamProject is a project set up through the API by its owner olga,
// with coders aino and bjorn and viewer vera.
type teamProject struct {
	s                     *teamServer
	owner, aino, bjorn    *client
	vera                  *client
	pid, doc, trust, risk string
}

// mustTeamProject creates the worked example's project through the API:
// the document, the codes trust and risk, the members, and the document
// assigned to aino and bjorn for independent coding.
func mustTeamProject(t *testing.T) *teamProject {
	t.Helper()
	s := mustStartTeam(t, nil)
	for _, name := range []string{"olga", "aino", "bjorn", "vera"} {
		s.mustUser(name, false)
	}
	tp := &teamProject{s: s, owner: s.login("olga"), aino: s.login("aino"), bjorn: s.login("bjorn"), vera: s.login("vera")}
	var v id
	tp.owner.call("POST", "/api/v1/projects", map[string]any{"name": "Trust study"}, 201, &v)
	tp.pid = v.ID
	p := tp.path("")
	var doc struct {
		ID     string `json:"id"`
		Length int    `json:"length"`
	}
	tp.owner.call("POST", p+"/documents", map[string]any{"title": "Intervju", "text": exampleText}, 201, &doc)
	if doc.Length != 40 {
		t.Fatalf("got document length %d, want 40", doc.Length)
	}
	tp.doc = doc.ID
	tp.owner.call("POST", p+"/codes", map[string]any{"name": "trust"}, 201, &v)
	tp.trust = v.ID
	tp.owner.call("POST", p+"/codes", map[string]any{"name": "risk"}, 201, &v)
	tp.risk = v.ID
	for name, role := range map[string]string{"aino": "coder", "bjorn": "coder", "vera": "viewer"} {
		tp.owner.call("PUT", p+"/members/"+name, map[string]string{"role": role}, 200, nil)
	}
	tp.owner.call("PUT", p+"/assignments", map[string]any{"document_ids": []string{tp.doc}, "coders": []string{"aino", "bjorn"}, "independent": true}, 200, nil)
	return tp
}

// path returns the API path of the project's sub-resource.
func (tp *teamProject) path(rest string) string { return "/api/v1/projects/" + tp.pid + rest }

// quote creates a quote as cl and returns its ID.
func (tp *teamProject) quote(cl *client, start, end int, code string) string {
	cl.t.Helper()
	var v id
	cl.call("POST", tp.path("/quotes"), map[string]any{"document_id": tp.doc, "start": start, "end": end, "code_ids": []string{code}}, 201, &v)
	return v.ID
}

// quoteView is what the tests read of a quote.
type quoteView struct {
	ID    string `json:"id"`
	Coder string `json:"coder"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// coders returns the sorted coders of quotes.
func coders(qs []quoteView) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Coder)
	}
	sort.Strings(out)
	return out
}

func TestIndependentCodingAndAgreement(t *testing.T) {
	tp := mustTeamProject(t)
	// The worked example's quotes, coded by each coder through the API.
	a1 := tp.quote(tp.aino, 0, 10, tp.trust)
	tp.quote(tp.aino, 2, 6, tp.trust)
	a3 := tp.quote(tp.aino, 20, 30, tp.trust)
	tp.quote(tp.aino, 12, 18, tp.risk)
	tp.quote(tp.bjorn, 0, 9, tp.trust)
	b2 := tp.quote(tp.bjorn, 22, 30, tp.trust)
	tp.quote(tp.bjorn, 30, 36, tp.risk)

	// Each quote records its coder: the signed-in user.
	var qs []quoteView
	tp.owner.call("GET", tp.path("/quotes"), nil, 200, &qs)
	if got, want := coders(qs), []string{"aino", "aino", "aino", "aino", "bjorn", "bjorn", "bjorn"}; !cmp.Equal(got, want) {
		t.Fatalf("owner sees coders %v, want %v", got, want)
	}

	// While independent, each coder sees only their own quotes, wherever
	// quotes show.
	for _, c := range []struct {
		cl   *client
		name string
		n    int
	}{{tp.aino, "aino", 4}, {tp.bjorn, "bjorn", 3}} {
		c.cl.call("GET", tp.path("/quotes"), nil, 200, &qs)
		if len(qs) != c.n || coders(qs)[0] != c.name || coders(qs)[c.n-1] != c.name {
			t.Errorf("%s lists %v, want only their %d quotes", c.name, coders(qs), c.n)
		}
		var doc struct {
			Quotes []quoteView `json:"quotes"`
		}
		c.cl.call("GET", tp.path("/documents/"+tp.doc+"?quotes=true"), nil, 200, &doc)
		if len(doc.Quotes) != c.n {
			t.Errorf("%s sees %d quotes in the document, want %d", c.name, len(doc.Quotes), c.n)
		}
		var stats map[string]struct {
			Quotes int `json:"quotes"`
		}
		c.cl.call("GET", tp.path("/codes/stats"), nil, 200, &stats)
		if got := stats[tp.trust].Quotes + stats[tp.risk].Quotes; got != c.n {
			t.Errorf("%s's code statistics count %d quotes, want %d", c.name, got, c.n)
		}
		_, csv := c.cl.do("GET", tp.path("/export/quotes-csv"), "", nil)
		other := map[string]string{"aino": "bjorn", "bjorn": "aino"}[c.name]
		if strings.Contains(string(csv), ","+other+",") || !strings.Contains(string(csv), c.name) {
			t.Errorf("%s's quote export shows %s's quotes:\n%s", c.name, other, csv)
		}
	}
	tp.aino.call("GET", tp.path("/quotes/"+b2), nil, 404, nil)
	// Search finds only her own quotes too ("litar" is whole in one quote
	// of each: aino's [0, 10) and bjorn's [0, 9)).
	var found struct {
		Total int `json:"total"`
		Hits  []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	tp.owner.call("GET", tp.path("/search?q=litar&kind=quote"), nil, 200, &found)
	if found.Total != 2 {
		t.Errorf("the owner finds %d quotes with litar, want 2", found.Total)
	}
	tp.aino.call("GET", tp.path("/search?q=litar&kind=quote"), nil, 200, &found)
	if found.Total != 1 || len(found.Hits) != 1 || found.Hits[0].ID != a1 {
		t.Errorf("aino finds %+v, want only her quote %s", found, a1)
	}
	// So does the concordance: one line for her quote, none for his.
	_, conc := tp.aino.do("GET", tp.path("/search/export?q=litar&kind=quote&format=csv"), "", nil)
	if lines := strings.Count(strings.TrimSpace(string(conc)), "\n"); lines != 1 {
		t.Errorf("aino's concordance has %d lines, want her one quote:\n%s", lines, conc)
	}
	tp.vera.call("GET", tp.path("/quotes"), nil, 200, &qs)
	if len(qs) != 7 {
		t.Errorf("the viewer sees %d quotes, want all 7", len(qs))
	}

	// Coders change only their own quotes, and see no agreement figures.
	tp.aino.call("PATCH", tp.path("/quotes/"+b2), map[string]any{"memo": "mine now"}, 403, nil)
	tp.aino.call("DELETE", tp.path("/quotes/"+b2), nil, 403, nil)
	tp.aino.call("PATCH", tp.path("/quotes/"+a1), map[string]any{"memo": "clear case"}, 200, nil)
	tp.aino.call("GET", tp.path("/agreement"), nil, 403, nil)
	tp.aino.call("GET", tp.path("/disagreements"), nil, 403, nil)

	// The agreement report reproduces docs/agreement.md's worked example.
	var rep struct {
		Coders    []string          `json:"coders"`
		CodeNames map[string]string `json:"code_names"`
		Character level             `json:"character"`
		Segment   level             `json:"segment"`
	}
	tp.vera.call("GET", tp.path("/agreement"), nil, 200, &rep)
	if !cmp.Equal(rep.Coders, []string{"aino", "bjorn"}) || rep.CodeNames[tp.trust] != "trust" {
		t.Errorf("got coders %v, names %v", rep.Coders, rep.CodeNames)
	}
	checks := []struct {
		name     string
		got      figures
		pct      float64
		kappa    float64
		alpha    float64
		units    int
		byCoders []int
	}{
		{"character trust", rep.Character.code(tp.trust), 92.5, 0.85, 1354.0 / 1591, 40, []int{20, 3, 17}},
		{"character risk", rep.Character.code(tp.risk), 70, -3.0 / 17, -11.0 / 68, 40, []int{28, 12, 0}},
		{"character pooled", rep.Character.Pooled, 81.25, 127.0 / 227, 3054.0 / 5439, 80, []int{48, 15, 17}},
		{"segment trust", rep.Segment.code(tp.trust), 50, 1.0 / 6, 0.25, 5, []int{2, 2, 1}},
		{"segment risk", rep.Segment.code(tp.risk), 0, -0.25, -0.125, 5, []int{3, 2, 0}},
		{"segment pooled", rep.Segment.Pooled, 100.0 / 3, 1.0 / 21, 2.0 / 21, 10, []int{5, 4, 1}},
	}
	for _, c := range checks {
		g := c.got
		if !near(g.Percent, c.pct) || !near(g.Kappa, c.kappa) || !near(g.Alpha, c.alpha) || g.Units != c.units || !cmp.Equal(g.UnitsByCoders, c.byCoders) {
			t.Errorf("%s: got %s, want percent %.4f kappa %.4f alpha %.4f units %d by coders %v",
				c.name, g, c.pct, c.kappa, c.alpha, c.units, c.byCoders)
		}
	}
	// Filters: one code, a stricter threshold, errors.
	tp.owner.call("GET", tp.path("/agreement?codes="+tp.trust+"&min_overlap=0.8&coders=aino,bjorn&documents="+tp.doc), nil, 200, &rep)
	if len(rep.Segment.PerCode) != 1 || !near(rep.Segment.Pooled.Percent, 100) {
		t.Errorf("at 0.8 got segment figures %v, want trust only, fully matched", rep.Segment.PerCode)
	}
	tp.owner.call("GET", tp.path("/agreement?min_overlap=2"), nil, 400, nil)
	tp.owner.call("GET", tp.path("/agreement?coders=aino"), nil, 400, nil)
	tp.owner.call("GET", tp.path("/agreement?documents=nope"), nil, 404, nil)

	// Exports of the table.
	for format, want := range map[string]string{"csv": "text/csv", "md": "text/markdown", "xlsx": "spreadsheetml", "docx": "wordprocessingml", "tex": "x-tex"} {
		res, body := tp.owner.do("GET", tp.path("/agreement/export?format="+format), "", nil)
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), want) || len(body) == 0 {
			t.Errorf("export %s: got %d %q, %d bytes", format, res.StatusCode, res.Header.Get("Content-Type"), len(body))
		}
		if format != "xlsx" && format != "docx" && !strings.Contains(string(body), "trust") {
			t.Errorf("export %s lacks the code names:\n%s", format, body)
		}
	}
	tp.owner.call("GET", tp.path("/agreement/export?format=pdf"), nil, 400, nil)
	tp.owner.call("GET", tp.path("/agreement/export?format=docx&style=fancy"), nil, 400, nil)
	if _, body := tp.owner.do("GET", tp.path("/agreement/export?format=tex&table_number=5"), "", nil); !strings.Contains(string(body), `\textbf{Table 5}`) {
		t.Errorf("agreement LaTeX lacks its table number:\n%s", body)
	}

	// Disagreements, side by side, for the future view.
	var ds []struct {
		CodeName      string   `json:"code_name"`
		DocumentTitle string   `json:"document_title"`
		Start         int      `json:"start"`
		End           int      `json:"end"`
		Text          string   `json:"text"`
		Coders        []string `json:"coders"`
		Missing       []string `json:"missing"`
		Segments      []struct {
			Coder     string            `json:"coder"`
			Text      string            `json:"text"`
			QuoteIDs  []string          `json:"quote_ids"`
			Decisions []json.RawMessage `json:"decisions"`
		} `json:"segments"`
	}
	tp.owner.call("GET", tp.path("/disagreements?codes="+tp.trust+","+tp.risk), nil, 200, &ds)
	type row struct{ Code, Text, Coders, Missing, Segments string }
	var got []row
	for _, d := range ds {
		var segs []string
		for _, s := range d.Segments {
			segs = append(segs, s.Coder+":"+s.Text)
		}
		got = append(got, row{d.CodeName, d.Text, strings.Join(d.Coders, ","), strings.Join(d.Missing, ","), strings.Join(segs, "|")})
	}
	want := []row{
		{"trust", "men Kohtam", "aino,bjorn", "", "aino:men Kohtam|bjorn:n Kohtam"},
		{"risk", "Luleå ", "aino", "bjorn", "aino:Luleå "},
		{"risk", "äki tv", "bjorn", "aino", "bjorn:äki tv"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("disagreements (-want +got):\n%s", diff)
	}

	// Consensus: accept aino's boundaries, reject bjorn's.
	tp.aino.call("POST", tp.path("/consensus"), map[string]any{"quote_ids": []string{a3}, "decision": "accept"}, 403, nil)
	tp.owner.call("POST", tp.path("/consensus"), map[string]any{"quote_ids": []string{a3}, "decision": "maybe"}, 400, nil)
	var decided []struct {
		Decision      string `json:"decision"`
		ResultQuoteID string `json:"result_quote_id"`
		DecidedBy     string `json:"decided_by"`
	}
	tp.owner.call("POST", tp.path("/consensus"), map[string]any{"quote_ids": []string{a3}, "decision": "accept"}, 200, &decided)
	if len(decided) != 1 || decided[0].ResultQuoteID == "" || decided[0].DecidedBy != "olga" {
		t.Fatalf("got decisions %+v, want one accepted by olga", decided)
	}
	tp.owner.call("POST", tp.path("/consensus"), map[string]any{"quote_ids": []string{b2}, "decision": "reject"}, 200, nil)
	tp.owner.call("POST", tp.path("/consensus"), map[string]any{"quote_ids": []string{b2}, "decision": "accept"}, 409, nil)
	tp.owner.call("POST", tp.path("/consensus"), map[string]any{"quote_ids": []string{decided[0].ResultQuoteID}, "decision": "accept"}, 422, nil)
	var shared quoteView
	tp.owner.call("GET", tp.path("/quotes/"+decided[0].ResultQuoteID), nil, 200, &shared)
	if shared.Coder != "consensus" || shared.Start != 20 || shared.End != 30 || shared.Text != "men Kohtam" {
		t.Errorf("got consensus quote %+v, want aino's [20,30) by consensus", shared)
	}
	tp.owner.call("GET", tp.path("/disagreements?codes="+tp.trust), nil, 200, &ds)
	if len(ds) != 1 || len(ds[0].Segments[0].Decisions) != 1 || len(ds[0].Segments[1].Decisions) != 1 {
		t.Errorf("got %+v, want the trust passage with both decisions", ds)
	}
	// The agreed coding exports alone; the consensus coder is no coder of
	// the agreement.
	_, csv := tp.owner.do("GET", tp.path("/export/quotes-csv?coders=consensus"), "", nil)
	if strings.Count(string(csv), "men Kohtam") != 1 || strings.Contains(string(csv), "aino") {
		t.Errorf("consensus export:\n%s", csv)
	}
	tp.owner.call("GET", tp.path("/agreement"), nil, 200, &rep)
	if !cmp.Equal(rep.Coders, []string{"aino", "bjorn"}) {
		t.Errorf("got agreement coders %v, want aino and bjorn", rep.Coders)
	}

	// The audit records the decisions as "consensus", by olga, and can
	// undo one.
	var entries []struct {
		Seq   uint64 `json:"seq"`
		Actor string `json:"actor"`
		Op    string `json:"op"`
	}
	tp.owner.call("GET", tp.path("/audit?op=consensus"), nil, 200, &entries)
	if len(entries) != 2 || entries[0].Actor != "olga" {
		t.Fatalf("got consensus entries %+v, want 2 by olga", entries)
	}
	tp.owner.call("POST", tp.path("/undo"), map[string]any{"seq": entries[1].Seq}, 200, nil)
	tp.owner.call("GET", tp.path("/quotes/"+decided[0].ResultQuoteID), nil, 404, nil)

	// Ending independence: the coders see each other's quotes again.
	tp.owner.call("PUT", tp.path("/assignments"), map[string]any{"document_ids": []string{tp.doc}, "coders": []string{"aino", "bjorn"}, "independent": false}, 200, nil)
	tp.aino.call("GET", tp.path("/quotes"), nil, 200, &qs)
	if len(qs) != 7 {
		t.Errorf("after independence aino sees %d quotes, want 7", len(qs))
	}
}

// level and figures are the parts of the agreement report the test reads.
type level struct {
	PerCode []figures `json:"per_code"`
	Pooled  figures   `json:"pooled"`
}

type figures struct {
	CodeID        string   `json:"code_id"`
	Units         int      `json:"units"`
	UnitsByCoders []int    `json:"units_by_coders"`
	Percent       *float64 `json:"percent_agreement"`
	Kappa         *float64 `json:"kappa"`
	Alpha         *float64 `json:"alpha"`
}

func (l level) code(id string) figures {
	for _, f := range l.PerCode {
		if f.CodeID == id {
			return f
		}
	}
	return figures{}
}

func (f figures) String() string {
	b, _ := json.Marshal(f)
	return string(b)
}

// near compares a reported figure with a hand-computed fraction.
func near(got *float64, want float64) bool {
	return got != nil && math.Abs(*got-want) < 1e-9
}

func TestProjectAccess(t *testing.T) {
	tp := mustTeamProject(t)
	s := tp.s

	// The creator owns the project; projects list only one's own.
	var members []struct {
		Username string `json:"username"`
		Role     string `json:"role"`
	}
	tp.vera.call("GET", tp.path("/members"), nil, 200, &members)
	if len(members) != 4 || members[2].Username != "olga" || members[2].Role != "owner" {
		t.Errorf("got members %+v, want olga the owner among four", members)
	}
	s.mustUser("otto", false)
	otto := s.login("otto")
	var ps []id
	otto.call("GET", "/api/v1/projects", nil, 200, &ps)
	if len(ps) != 0 {
		t.Errorf("a non-member lists %d projects, want 0", len(ps))
	}
	otto.call("GET", tp.path(""), nil, 403, nil)
	tp.aino.call("GET", "/api/v1/projects", nil, 200, &ps)
	if len(ps) != 1 || ps[0].ID != tp.pid {
		t.Errorf("a member lists %v, want the one project", ps)
	}
	s.login("admin").call("GET", "/api/v1/projects", nil, 200, &ps)
	if len(ps) != 1 {
		t.Errorf("the administrator lists %d projects, want all (1)", len(ps))
	}

	// Members: unknown users, the last owner.
	tp.owner.call("PUT", tp.path("/members/nobody"), map[string]string{"role": "coder"}, 422, nil)
	tp.owner.call("PUT", tp.path("/members/aino"), map[string]string{"role": "boss"}, 400, nil)
	tp.owner.call("PUT", tp.path("/members/olga"), map[string]string{"role": "coder"}, 409, nil)
	tp.owner.call("DELETE", tp.path("/members/olga"), nil, 409, nil)
	tp.aino.call("PUT", tp.path("/members/aino"), map[string]string{"role": "owner"}, 403, nil)

	// The codebook lock stops coders, not the owner.
	var acc struct {
		Role           string   `json:"role"`
		CodebookLocked bool     `json:"codebook_locked"`
		Independent    []string `json:"independent_documents"`
	}
	tp.aino.call("GET", tp.path("/access"), nil, 200, &acc)
	if acc.Role != "coder" || acc.CodebookLocked || !cmp.Equal(acc.Independent, []string{tp.doc}) {
		t.Errorf("got aino's access %+v", acc)
	}
	tp.aino.call("POST", tp.path("/codes"), map[string]any{"name": "doubt"}, 201, nil)
	tp.owner.call("PUT", tp.path("/codebook/lock"), map[string]any{"locked": true}, 200, nil)
	data := tp.aino.call("POST", tp.path("/codes"), map[string]any{"name": "hope"}, 403, nil)
	if !strings.Contains(string(data), "locked") {
		t.Errorf("got %s, want the message to say the codebook is locked", data)
	}
	tp.aino.call("PATCH", tp.path("/codes/"+tp.trust), map[string]any{"name": "faith"}, 403, nil)
	tp.owner.call("POST", tp.path("/codes"), map[string]any{"name": "hope"}, 201, nil)
	tp.vera.call("POST", tp.path("/quotes"), map[string]any{"document_id": tp.doc, "start": 0, "end": 2, "code_ids": []string{tp.trust}}, 403, nil)

	// Coders undo their own changes only, and see only those in the audit.
	a := tp.quote(tp.aino, 0, 2, tp.trust)
	tp.quote(tp.bjorn, 3, 8, tp.trust)
	var entries []struct {
		Seq   uint64 `json:"seq"`
		Actor string `json:"actor"`
	}
	tp.aino.call("GET", tp.path("/audit"), nil, 200, &entries)
	for _, e := range entries {
		if e.Actor != "aino" {
			t.Errorf("aino sees an audit entry by %s", e.Actor)
		}
	}
	tp.owner.call("GET", tp.path("/audit?limit=1"), nil, 200, &entries)
	tp.aino.call("POST", tp.path("/undo"), map[string]any{"seq": entries[0].Seq}, 403, nil)
	tp.aino.call("GET", tp.path("/audit?limit=1"), nil, 200, &entries)
	tp.aino.call("POST", tp.path("/undo"), map[string]any{"seq": entries[0].Seq}, 200, nil)
	tp.aino.call("GET", tp.path("/quotes/"+a), nil, 404, nil)

	// The audit exports as CSV, filtered like the list.
	res, body := tp.owner.do("GET", tp.path("/audit/export?format=csv&actor=olga"), "", nil)
	csv := string(body)
	if res.StatusCode != 200 || !strings.HasPrefix(csv, "\ufeffseq,time,actor,op,undoes,kind,id,action,label\r\n") ||
		!strings.Contains(csv, ",olga,put_member,,member,aino,created,aino") || strings.Contains(csv, ",aino,create_quote,") {
		t.Errorf("audit export: got %d\n%s", res.StatusCode, csv)
	}
	_, body = tp.aino.do("GET", tp.path("/audit/export"), "", nil)
	if strings.Contains(string(body), ",olga,") || !strings.Contains(string(body), ",aino,create_quote,") {
		t.Errorf("aino's audit export:\n%s", body)
	}
	tp.owner.call("GET", tp.path("/audit/export?format=xml"), nil, 400, nil)
}
