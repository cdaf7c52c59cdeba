package server_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// present is one entry of a presence event.
type present struct {
	User     string `json:"user"`
	Name     string `json:"name"`
	Document string `json:"document"`
	Clients  int    `json:"clients"`
}

// waitPresence reads presence events until one lists want; it fails the
// test when none does within eventBound.
func (st *stream) waitPresence(want []present) {
	st.t.Helper()
	deadline := time.Now().Add(eventBound)
	var got []present
	for time.Now().Before(deadline) {
		ev := st.next("presence")
		var p struct {
			Users []present `json:"users"`
		}
		if err := json.Unmarshal([]byte(ev.Data), &p); err != nil {
			st.t.Fatal(err)
		}
		if got = p.Users; cmp.Equal(got, want) {
			return
		}
	}
	st.t.Fatalf("got presence %+v, want %+v", got, want)
}

func TestPresenceFollowsStreamsAndDocuments(t *testing.T) {
	tp := mustTeamProject(t)
	aino := openStream(t, tp.aino.http, tp.s.url, tp.path("/events?client=a1&document="+tp.doc), nil)
	aino.waitPresence([]present{{User: "aino", Name: "aino", Document: tp.doc, Clients: 1}})
	owner := openStream(t, tp.owner.http, tp.s.url, tp.path("/events?client=o1"), nil)
	both := []present{{User: "aino", Name: "aino", Document: tp.doc, Clients: 1}, {User: "olga", Name: "olga", Clients: 1}}
	owner.waitPresence(both)
	aino.waitPresence(both)

	// A second tab of aino on the same document counts as a client more.
	second := openStream(t, tp.aino.http, tp.s.url, tp.path("/events?client=a2"), nil)
	second.hello()
	tp.aino.call("PUT", tp.path("/presence"), map[string]string{"client": "a2", "document": tp.doc}, 204, nil)
	owner.waitPresence([]present{{User: "aino", Name: "aino", Document: tp.doc, Clients: 2}, {User: "olga", Name: "olga", Clients: 1}})

	// Leaving the document, then closing the tabs.
	tp.aino.call("PUT", tp.path("/presence"), map[string]string{"client": "a1", "document": ""}, 204, nil)
	owner.waitPresence([]present{{User: "aino", Name: "aino", Clients: 1}, {User: "aino", Name: "aino", Document: tp.doc, Clients: 1}, {User: "olga", Name: "olga", Clients: 1}})
	aino.close()
	second.close()
	owner.waitPresence([]present{{User: "olga", Name: "olga", Clients: 1}})

	// A client without a stream, or another user's client, cannot report.
	tp.aino.call("PUT", tp.path("/presence"), map[string]string{"client": "a1", "document": tp.doc}, 409, nil)
	tp.aino.call("PUT", tp.path("/presence"), map[string]string{"client": "o1", "document": tp.doc}, 409, nil)
	tp.aino.call("PUT", tp.path("/presence"), map[string]string{"document": tp.doc}, 400, nil)
	tp.aino.call("PUT", tp.path("/presence"), map[string]string{"client": "a 1"}, 400, nil)
	tp.aino.call("PUT", tp.path("/presence"), map[string]any{"client": "a1", "doc": 1}, 400, nil)
}
