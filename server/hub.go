package server

import (
	"sort"
	"sync"

	"tessera/coding"
)

// hub tells the open event streams of each project that something
// happened: a commit (the stream then reads the new entries of the audit
// trail itself) or a change of presence. Telling never blocks: each
// stream has a wake-up signal of capacity one, so a slow stream only
// falls behind, and catches up from the audit trail when it wakes.
type hub struct {
	mu     sync.Mutex
	subs   map[string]map[*subscriber]bool // by project ID
	closed bool
	// done is closed when the server shuts down: every stream ends.
	done chan struct{}
}

// subscriber is one open event stream.
type subscriber struct {
	pid    string
	user   string
	client string
	// wake has room for one signal: more signals while one is pending
	// add nothing, the stream reads everything new when it wakes.
	wake chan struct{}

	// Guarded by hub.mu.
	document string
	// presence is set when presence in the project changed since the
	// stream last sent it.
	presence bool
}

func newHub() *hub {
	return &hub{subs: map[string]map[*subscriber]bool{}, done: make(chan struct{})}
}

// signal wakes sub unless a wake-up is already pending.
func (sub *subscriber) signal() {
	select {
	case sub.wake <- struct{}{}:
	default:
	}
}

// subscribe adds a stream of project pid; false when the server is
// shutting down. Presence changes: every stream of the project is told.
func (h *hub) subscribe(sub *subscriber) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	sub.wake = make(chan struct{}, 1)
	sub.presence = true
	if h.subs[sub.pid] == nil {
		h.subs[sub.pid] = map[*subscriber]bool{}
	}
	h.subs[sub.pid][sub] = true
	h.presenceChanged(sub.pid)
	return true
}

// unsubscribe removes a stream; the others of its project are told that
// presence changed.
func (h *hub) unsubscribe(sub *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	subs := h.subs[sub.pid]
	delete(subs, sub)
	if len(subs) == 0 {
		delete(h.subs, sub.pid)
		return
	}
	h.presenceChanged(sub.pid)
}

// presenceChanged marks presence as changed for every stream of pid and
// wakes them. h.mu is held.
func (h *hub) presenceChanged(pid string) {
	for sub := range h.subs[pid] {
		sub.presence = true
		sub.signal()
	}
}

// notify wakes the streams of every project the changes touched.
func (h *hub) notify(cs []coding.Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	woken := map[string]bool{}
	for _, c := range cs {
		if woken[c.ProjectID] {
			continue
		}
		woken[c.ProjectID] = true
		for sub := range h.subs[c.ProjectID] {
			sub.signal()
		}
	}
}

// setDocument records the document that a user's client has open in
// project pid; false when no stream of that client is open.
func (h *hub) setDocument(pid, user, client, document string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	found, changed := false, false
	for sub := range h.subs[pid] {
		if sub.user == user && sub.client == client {
			found = true
			if sub.document != document {
				sub.document, changed = document, true
			}
		}
	}
	if changed {
		h.presenceChanged(pid)
	}
	return found
}

// takePresence returns the project's presence when it changed since sub
// last took it, else nil.
func (h *hub) takePresence(sub *subscriber) *presenceEvent {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !sub.presence {
		return nil
	}
	sub.presence = false
	return h.presenceOf(sub.pid)
}

// presenceEvent is the data of an event "presence": who has the project
// open, grouped by user and document.
type presenceEvent struct {
	Users []presence `json:"users"`
}

// presence is one user with one document open in some of their clients.
type presence struct {
	User     string `json:"user"`
	Name     string `json:"name"`
	Document string `json:"document"`
	Clients  int    `json:"clients"`
}

// presenceOf returns the presence in project pid. h.mu is held.
func (h *hub) presenceOf(pid string) *presenceEvent {
	type key struct{ user, doc string }
	n := map[key]int{}
	for sub := range h.subs[pid] {
		n[key{sub.user, sub.document}]++
	}
	ev := &presenceEvent{Users: []presence{}}
	for k, clients := range n {
		ev.Users = append(ev.Users, presence{User: k.user, Name: k.user, Document: k.doc, Clients: clients})
	}
	sort.Slice(ev.Users, func(i, j int) bool {
		a, b := ev.Users[i], ev.Users[j]
		if a.User != b.User {
			return a.User < b.User
		}
		return a.Document < b.Document
	})
	return ev
}

// close ends every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}
