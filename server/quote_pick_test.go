package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestPickQuoteReachesOtherTabs chooses a quote as power quote and trims
// it in one tab: the other tab hears of both as quote changes, and undo
// takes the excerpt back.
func TestPickQuoteReachesOtherTabs(t *testing.T) {
	s := mustStart(t, nil, nil)
	pid, doc, code := soloProject(s)
	base := "/api/v1/projects/" + pid
	var q struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	s.call("POST", base+"/quotes", map[string]any{"document_id": doc, "start": 6, "end": 16, "code_ids": []string{code}}, 201, &q)
	b := openStream(t, http.DefaultClient, s.url, base+"/events?client=tab-b", nil)
	b.hello()

	s.callFrom("tab-a", "PUT", base+"/quotes/"+q.ID+"/picks/"+code, map[string]any{"kind": "proof"}, 200, nil)
	wantChange(t, b.nextChange(), "update_quote", "tab-a", changedKind{Kind: "quote", IDs: []string{q.ID}})
	excerpt := strings.Fields(q.Text)[0] + " […]"
	s.callFrom("tab-a", "PUT", base+"/quotes/"+q.ID+"/excerpt", map[string]any{"excerpt": excerpt}, 200, nil)
	ch := b.nextChange()
	wantChange(t, ch, "update_quote", "tab-a", changedKind{Kind: "quote", IDs: []string{q.ID}})

	s.callFrom("tab-a", "POST", base+"/undo", map[string]any{"seq": ch.Seq}, 200, nil)
	var got struct {
		Excerpt string `json:"excerpt"`
		Picks   []struct {
			Kind string `json:"kind"`
		} `json:"picks"`
	}
	s.call("GET", base+"/quotes/"+q.ID, nil, 200, &got)
	if got.Excerpt != "" || len(got.Picks) != 1 || got.Picks[0].Kind != "proof" {
		t.Errorf("after undoing the excerpt got %+v, want no excerpt and the proof pick", got)
	}
}
