package server_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"tessera/server"
)

// soloProject creates a project with a document and a code through the
// API and returns their IDs.
func soloProject(s *testServer) (pid, doc, code string) {
	s.t.Helper()
	var v id
	s.call("POST", "/api/v1/projects", map[string]string{"name": "Live study"}, 201, &v)
	pid = v.ID
	s.call("POST", "/api/v1/projects/"+pid+"/documents", map[string]string{"title": "Interview Luleå", "text": "Anna: We learned at the trade fair 👍 in Luleå.\nBo: And failed."}, 201, &v)
	doc = v.ID
	s.call("POST", "/api/v1/projects/"+pid+"/codes", map[string]string{"name": "trade fairs"}, 201, &v)
	return pid, doc, v.ID
}

func TestEventsTwoTabsSeeEachOthersChanges(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, doc, code := soloProject(s)
	base := "/api/v1/projects/" + pid
	a := openStream(t, http.DefaultClient, s.url, base+"/events?client=tab-a", nil)
	b := openStream(t, http.DefaultClient, s.url, base+"/events?client=tab-b", nil)
	if ev := a.next("retry"); ev.Data != "2000" {
		t.Errorf("got retry %q, want 2000", ev.Data)
	}
	seq := a.hello()
	if got := b.hello(); got != seq {
		t.Fatalf("got hello seqs %d and %d, want equal", seq, got)
	}

	var q id
	s.callFrom("tab-a", "POST", base+"/quotes", map[string]any{"document_id": doc, "start": 6, "end": 16, "code_ids": []string{code}}, 201, &q)
	for _, st := range []*stream{a, b} {
		got := st.nextChange()
		wantChange(t, got, "create_quote", "tab-a", changedKind{Kind: "quote", IDs: []string{q.ID}})
		if got.Seq != seq+1 || got.Actor != "tester" {
			t.Errorf("got seq %d by %q, want %d by tester", got.Seq, got.Actor, seq+1)
		}
	}
	var m id
	s.callFrom("tab-b", "POST", base+"/memos", map[string]any{"target_type": "quote", "target_id": q.ID, "title": "Fairs", "body": "Why *fairs*?"}, 201, &m)
	for _, st := range []*stream{a, b} {
		wantChange(t, st.nextChange(), "create_memo", "tab-b", changedKind{Kind: "memo", IDs: []string{m.ID}})
	}
	// Deleting the quote deletes its memo: one change, both kinds.
	s.callFrom("tab-b", "DELETE", base+"/quotes/"+q.ID, nil, 204, nil)
	got := a.nextChange()
	if got.Seq != seq+3 || len(got.Changes) != 2 || !got.Changes[0].Deleted || !got.Changes[1].Deleted {
		t.Errorf("got %+v, want change %d deleting the quote and its memo", got, seq+3)
	}
	var audit []struct {
		Seq uint64 `json:"seq"`
	}
	s.call("GET", base+"/audit?limit=1", nil, 200, &audit)
	if audit[0].Seq != got.Seq {
		t.Errorf("got event seq %d, want the audit entry's %d", got.Seq, audit[0].Seq)
	}
}

func TestEventsResumeReplaysTheMissedChanges(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, _, code := soloProject(s)
	base := "/api/v1/projects/" + pid
	st := openStream(t, http.DefaultClient, s.url, base+"/events?client=tab", nil)
	seen := st.hello()
	st.close()

	// Three changes while the tab is away.
	var v id
	s.call("POST", base+"/codes", map[string]string{"name": "failure"}, 201, &v)
	s.call("PATCH", base+"/codes/"+code, map[string]string{"definition": "Fairs as *places* to learn"}, 200, nil)
	s.call("DELETE", base+"/codes/"+v.ID, nil, 200, nil)

	back := openStream(t, http.DefaultClient, s.url, base+"/events?client=tab", http.Header{"Last-Event-ID": {strconv.FormatUint(seen, 10)}})
	if got := back.hello(seen); got != seen+3 {
		t.Errorf("got hello seq %d, want %d", got, seen+3)
	}
	for i, op := range []string{"create_code", "update_code", "delete_code"} {
		got := back.nextChange()
		if got.Seq != seen+uint64(i)+1 || got.Op != op {
			t.Errorf("replay %d: got %d %s, want %d %s", i, got.Seq, got.Op, seen+uint64(i)+1, op)
		}
	}
	// Nothing more was replayed: the next event is the next change.
	s.call("POST", base+"/codes", map[string]string{"name": "marker"}, 201, nil)
	if got := back.nextChange(); got.Seq != seen+4 || got.Op != "create_code" {
		t.Errorf("got %d %s after the replay, want %d create_code", got.Seq, got.Op, seen+4)
	}

	// since= does what Last-Event-ID does.
	q := openStream(t, http.DefaultClient, s.url, base+"/events?since="+strconv.FormatUint(seen+2, 10), nil)
	q.hello(seen + 2)
	for _, want := range []uint64{seen + 3, seen + 4} {
		if got := q.nextChange(); got.Seq != want {
			t.Errorf("since %d: got %d, want %d", seen+2, got.Seq, want)
		}
	}

	// An unknown point (a seq the project never reached) asks for a reset.
	r := openStream(t, http.DefaultClient, s.url, base+"/events?since=9999", nil)
	r.hello()
	if ev := r.next("reset", "change"); ev.Name != "reset" || ev.Data != `{"seq":`+strconv.FormatUint(seen+4, 10)+`}` {
		t.Errorf("got %s %s, want reset to %d", ev.Name, ev.Data, seen+4)
	}
}

func TestEventsUndoAndAutoCodingArriveOnce(t *testing.T) {
	s := mustStartWithSearch(t)
	pid, _, code := soloProject(s)
	base := "/api/v1/projects/" + pid
	st := openStream(t, http.DefaultClient, s.url, base+"/events?client=tab", nil)
	seq := st.hello()

	var res struct {
		QuoteIDs []string `json:"quote_ids"`
	}
	s.callFrom("tab", "POST", base+"/search/code", map[string]any{"query": "Luleå", "code_id": code}, 200, &res)
	auto := st.nextChange()
	wantChange(t, auto, "auto_code", "tab", changedKind{Kind: "quote", IDs: res.QuoteIDs})
	if auto.Seq != seq+1 || len(res.QuoteIDs) == 0 {
		t.Fatalf("got auto-coding %d with %d quotes, want %d with some", auto.Seq, len(res.QuoteIDs), seq+1)
	}
	s.callFrom("tab", "POST", base+"/undo", map[string]uint64{"seq": auto.Seq}, 200, nil)
	undo := st.nextChange()
	wantChange(t, undo, "undo", "tab", changedKind{Kind: "quote", IDs: res.QuoteIDs, Deleted: true})
	if undo.Seq != seq+2 || undo.Undoes != auto.Seq {
		t.Errorf("got undo %d of %d, want %d of %d", undo.Seq, undo.Undoes, seq+2, auto.Seq)
	}
	s.callFrom("tab", "POST", base+"/undo", map[string]uint64{"seq": undo.Seq}, 200, nil)
	redo := st.nextChange()
	wantChange(t, redo, "undo", "tab", changedKind{Kind: "quote", IDs: res.QuoteIDs})
	if redo.Undoes != undo.Seq {
		t.Errorf("got redo undoing %d, want %d", redo.Undoes, undo.Seq)
	}
	s.call("POST", base+"/codes", map[string]string{"name": "marker"}, 201, nil)
	if got := st.nextChange(); got.Seq != seq+4 || got.Op != "create_code" || got.Client != "" {
		t.Errorf("got %d %s by %q, want the marker %d without client", got.Seq, got.Op, got.Client, seq+4)
	}
}

func TestEventsHeartbeat(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, _, _ := soloProject(s)
	st := openStream(t, http.DefaultClient, s.url, "/api/v1/projects/"+pid+"/events", nil)
	st.hello()
	for i := 0; i < 2; i++ {
		select {
		case <-st.pings:
		case <-time.After(eventBound):
			t.Fatalf("no heartbeat %d within %v", i+1, eventBound)
		}
	}
}

func TestEventsEndWhenTheProjectIsDeleted(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, _, _ := soloProject(s)
	st := openStream(t, http.DefaultClient, s.url, "/api/v1/projects/"+pid+"/events", nil)
	st.hello()
	s.call("DELETE", "/api/v1/projects/"+pid+"?confirm=true", nil, 204, nil)
	wantChange(t, st.nextChange(), "delete_project", "", changedKind{Kind: "project", IDs: []string{pid}, Deleted: true})
	st.waitEnd()
}

func TestEventsRefuseBadRequests(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, _, _ := soloProject(s)
	base := "/api/v1/projects/" + pid
	tests := []struct {
		name, path string
		header     http.Header
		want       int
	}{
		{"unknown project", "/api/v1/projects/nope/events", nil, 404},
		{"bad client", base + "/events?client=" + "tab%20one", nil, 400},
		{"bad since", base + "/events?since=yesterday", nil, 400},
		{"bad Last-Event-ID", base + "/events", http.Header{"Last-Event-Id": {"x"}}, 400},
		{"bad client header on a change", base + "/codes", http.Header{server.ClientHeader: {"tab one"}}, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := "GET"
			if tt.name == "bad client header on a change" {
				method = "POST"
			}
			req := s.request(method, tt.path)
			for k, v := range tt.header {
				req.Header[k] = v
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.want || res.Header.Get("Content-Type") != "application/json" {
				t.Errorf("got %d %s %s, want %d with a JSON error", res.StatusCode, res.Header.Get("Content-Type"), data, tt.want)
			}
		})
	}
}

func TestEventsEndWhenTheServerShutsDown(t *testing.T) {
	d := mustOpenData(t, t.TempDir(), false)
	st := d.Store
	srv := server.New(server.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Heartbeat: time.Hour})
	d.Listen(srv.Notify)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv.Handler()}
	hs.RegisterOnShutdown(srv.CloseStreams) // as tessera serve does
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	ts := &testServer{t: t, url: "http://" + ln.Addr().String(), store: st}
	pid, _, _ := soloProject(ts)
	stream := openStream(t, http.DefaultClient, ts.url, "/api/v1/projects/"+pid+"/events", nil)
	stream.hello()

	ctx, cancel := context.WithTimeout(context.Background(), eventBound)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		t.Fatalf("got %v from Shutdown with an open stream, want nil", err)
	}
	stream.waitEnd()
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("got %v from Serve, want ErrServerClosed", err)
	}
}

func TestEventsKeepIndependentCodersApart(t *testing.T) {
	tp := mustTeamProject(t)
	events := tp.path("/events?client=tab")
	aino := openStream(t, tp.aino.http, tp.s.url, events, nil)
	owner := openStream(t, tp.owner.http, tp.s.url, events, nil)
	vera := openStream(t, tp.vera.http, tp.s.url, events, nil)
	seen := aino.hello()
	owner.hello()
	vera.hello()

	// bjorn codes, annotates, recodes and deletes on the independent
	// document: owner and viewer see it all, aino nothing of it.
	bq := tp.quote(tp.bjorn, 0, 5, tp.trust)
	var memo id
	tp.bjorn.call("POST", tp.path("/memos"), map[string]any{"target_type": "quote", "target_id": bq, "title": "Mine", "body": "bjorn's"}, 201, &memo)
	tp.bjorn.call("PATCH", tp.path("/quotes/"+bq), map[string]any{"code_ids": []string{tp.risk}}, 200, nil)
	tp.bjorn.call("DELETE", tp.path("/quotes/"+bq), nil, 204, nil)
	for _, st := range []*stream{owner, vera} {
		for _, op := range []string{"create_quote", "create_memo", "update_quote", "delete_quote"} {
			if got := st.nextChange(); got.Op != op || got.Actor != "bjorn" {
				t.Errorf("got %s by %s, want bjorn's %s", got.Op, got.Actor, op)
			}
		}
	}
	// aino's next change is her own quote: nothing of bjorn's came before.
	aq := tp.quote(tp.aino, 6, 10, tp.trust)
	got := aino.nextChange()
	wantChange(t, got, "create_quote", "", changedKind{Kind: "quote", IDs: []string{aq}})
	if got.Seq != seen+5 {
		t.Errorf("got aino's quote as change %d, want %d", got.Seq, seen+5)
	}
	// A change mixing both (the owner merging codes) reaches aino
	// without bjorn's quote.
	bq2 := tp.quote(tp.bjorn, 12, 16, tp.risk)
	tp.owner.call("POST", tp.path("/codes/"+tp.risk+"/merge"), map[string]string{"target_id": tp.trust}, 200, nil)
	got = aino.nextChange()
	if got.Op != "merge_codes" {
		t.Fatalf("got %s, want the merge", got.Op)
	}
	for _, c := range got.Changes {
		for _, qid := range c.IDs {
			if qid == bq2 {
				t.Errorf("aino was told of bjorn's quote %s: %+v", bq2, got.Changes)
			}
		}
	}
	// Resuming replays nothing of bjorn's either.
	again := openStream(t, tp.aino.http, tp.s.url, events, http.Header{"Last-Event-ID": {strconv.FormatUint(seen, 10)}})
	again.hello(seen)
	for _, op := range []string{"create_quote", "merge_codes"} {
		if got := again.nextChange(); got.Op != op || got.Actor == "bjorn" {
			t.Errorf("replay: got %s by %s, want %s not by bjorn", got.Op, got.Actor, op)
		}
	}

	// Without a session there is no stream.
	res, _ := tp.s.anonymous().do("GET", events, "", nil)
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("got %d without a session, want 401", res.StatusCode)
	}
}
