package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// Event stream settings.
const (
	// DefaultHeartbeat is how often an idle event stream sends a comment,
	// so that proxies keep it open.
	DefaultHeartbeat = 15 * time.Second
	// ClientHeader names the client (browser tab) that makes a request;
	// change events echo it.
	ClientHeader = "X-Tessera-Client"
	// maxReplay bounds the changes a stream replays to catch up; further
	// behind, it sends a reset and the client reloads.
	maxReplay = 1000
	// retryMillis is the reconnection delay the stream asks browsers for.
	retryMillis = 2000
	// streamWriteTimeout drops a stream whose client takes longer than
	// this to accept a write; it reconnects and catches up.
	streamWriteTimeout = 30 * time.Second
)

func (s *Server) registerEventRoutes(g *routes) {
	g.GET("/projects/:pid/events", s.handleEvents, rule{perm: permRead})
}

// changeEvent is the data of an event "change": one committed audit
// entry, with the entities the reader may see.
type changeEvent struct {
	Seq    uint64 `json:"seq"`
	Op     string `json:"op"`
	Actor  string `json:"actor"`
	Client string `json:"client"`
	// Undoes is the entry this one undid (an undo or a redo).
	Undoes  uint64        `json:"undoes,omitempty"`
	Changes []eventChange `json:"changes"`
}

// eventChange lists the entities of one kind that a change created or
// updated (Deleted false) or deleted.
type eventChange struct {
	Kind    string   `json:"kind"`
	IDs     []string `json:"ids"`
	Deleted bool     `json:"deleted"`
}

// errStreamEnd ends a stream without an error: its reader may no longer
// read the project, or the project is gone (errProjectGone).
var (
	errStreamEnd   = errors.New("stream ends")
	errProjectGone = fmt.Errorf("%w: the project was deleted", errStreamEnd)
)

// handleEvents answers GET /api/v1/projects/{pid}/events[?client=
// &document=&since=] with a stream of Server-Sent Events: "hello", then a
// "change" for every committed change the reader may see (id: its audit
// seq), "presence" when who has the project open changes, and a comment
// as heartbeat. Last-Event-ID (or since) replays the changes after that
// seq from the audit trail; "reset" tells the client to reload when that
// is not possible. See docs/events.md.
func (s *Server) handleEvents(c echo.Context) error {
	ctx, pid := c.Request().Context(), c.Param("pid")
	client, err := validClient(c.QueryParam("client"), "query parameter client")
	if err != nil {
		return err
	}
	document := c.QueryParam("document")
	if err := validDocumentRef(document); err != nil {
		return err
	}
	since, resume, err := resumePoint(c)
	if err != nil {
		return err
	}
	if _, err := s.cfg.Store.Seq(ctx, pid); err != nil {
		return err
	}
	sub := &subscriber{pid: pid, user: s.coder(c), client: client, document: document}
	if !s.hub.subscribe(sub) {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "the server is shutting down; reconnect in a moment")
	}
	defer s.hub.unsubscribe(sub)
	cur, err := s.cfg.Store.Seq(ctx, pid)
	if err != nil {
		return err
	}

	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/event-stream")
	h.Set(echo.HeaderCacheControl, "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass events on at once
	c.Response().WriteHeader(http.StatusOK)
	es := newEventStream(c.Response())
	defer es.done()
	fmt.Fprintf(&es.buf, "retry: %d\n\n", retryMillis)
	// hello's id is where the client stands: the current change, or when
	// it resumes, the point it resumes from, so that a drop during the
	// replay resumes the replay.
	replay := resume && since <= cur && cur-since <= maxReplay
	helloID := cur
	if replay {
		helloID = since
	}
	es.event(helloID, "hello", map[string]any{"seq": cur, "client": client})
	last := cur
	switch {
	case replay:
		if last, err = s.catchUp(c, es, pid, since); err != nil {
			return endStream(err)
		}
	case resume:
		es.event(cur, "reset", map[string]any{"seq": cur})
	}
	if err := es.flush(); err != nil {
		return nil // the client went away
	}

	beat := time.NewTicker(s.cfg.Heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.hub.done:
			return nil
		case <-beat.C:
			if err := s.checkStreamAccess(c, pid); err != nil {
				return endStream(err)
			}
			es.buf.WriteString(": ping\n\n")
		case <-sub.wake:
			if p := s.hub.takePresence(sub); p != nil {
				es.event(0, "presence", p)
			}
			if last, err = s.catchUp(c, es, pid, last); errors.Is(err, errProjectGone) {
				es.event(0, "change", changeEvent{Op: "delete_project", Changes: []eventChange{{Kind: "project", IDs: []string{pid}, Deleted: true}}})
				es.flush()
				return nil
			} else if err != nil {
				es.flush()
				return endStream(err)
			}
		}
		if err := es.flush(); err != nil {
			return nil
		}
	}
}

// endStream turns the reasons a stream ends into the handler's result:
// nil for an expected end, the error (logged) otherwise.
func endStream(err error) error {
	if errors.Is(err, errStreamEnd) {
		return nil
	}
	return err
}

// resumePoint returns the seq after which a reconnecting client wants the
// changes: the Last-Event-ID header, else the query parameter since.
func resumePoint(c echo.Context) (uint64, bool, error) {
	if v := strings.TrimSpace(c.Request().Header.Get("Last-Event-ID")); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return 0, false, coding.Errorf(coding.EINVALID, "Last-Event-ID %q is not a sequence number", v)
		}
		return n, true, nil
	}
	if v := strings.TrimSpace(c.QueryParam("since")); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return 0, false, coding.Errorf(coding.EINVALID, "query parameter since=%q must be a sequence number", v)
		}
		return n, true, nil
	}
	return 0, false, nil
}

// catchUp writes the changes after seq last that the reader may see, and
// returns the seq it reached. Too far behind, it writes a reset instead.
func (s *Server) catchUp(c echo.Context, es *eventStream, pid string, last uint64) (uint64, error) {
	ctx := c.Request().Context()
	cur, err := s.cfg.Store.Seq(ctx, pid)
	if coding.ErrorCode(err) == coding.ENOTFOUND {
		return last, errProjectGone
	} else if err != nil || cur <= last {
		return last, err
	}
	if err := s.checkStreamAccess(c, pid); err != nil {
		return last, err
	}
	if cur-last > maxReplay {
		es.event(cur, "reset", map[string]any{"seq": cur})
		return cur, nil
	}
	entries, err := s.cfg.Store.ListAudit(ctx, pid, coding.AuditFilter{After: last, Before: cur + 1, Limit: int(cur - last)})
	if err != nil {
		return last, err
	}
	v, err := s.newEventView(c, pid)
	if err != nil {
		return last, err
	}
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		changes, err := v.visible(e)
		if err != nil {
			return last, err
		}
		if len(changes) > 0 {
			es.event(e.Seq, "change", changeEvent{Seq: e.Seq, Op: e.Op, Actor: e.Actor, Client: e.Client, Undoes: e.Undoes, Changes: changes})
		}
	}
	return cur, nil
}

// checkStreamAccess ends the stream of a signed-in reader whose session
// has ended or who is no longer a member of the project, and takes in a
// changed role.
func (s *Server) checkStreamAccess(c echo.Context, pid string) error {
	a := accessOf(c)
	if a.solo || a.session == nil {
		return nil
	}
	ctx := c.Request().Context()
	sess, err := s.cfg.Access.FindSession(ctx, a.session.ID)
	if coding.ErrorCode(err) == coding.ENOTFOUND || (err == nil && !s.cfg.Now().Before(sess.ExpiresAt)) {
		return errStreamEnd
	} else if err != nil {
		return err
	}
	if a.admin {
		return nil
	}
	m, err := s.cfg.Access.FindMember(ctx, pid, a.name)
	if coding.ErrorCode(err) == coding.ENOTFOUND {
		return errStreamEnd
	} else if err != nil {
		return err
	}
	a.role = m.Role
	return nil
}

// validClient checks a client ID: up to 100 letters, digits, "-", "_",
// "." or ":"; what names it goes into the error.
func validClient(id, what string) (string, error) {
	if len(id) > 100 {
		return "", coding.Errorf(coding.EINVALID, "%s is longer than 100 characters", what)
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:", r)) {
			return "", coding.Errorf(coding.EINVALID, "%s %q may hold only letters, digits, '-', '_', '.' and ':'", what, id)
		}
	}
	return id, nil
}

// validDocumentRef checks the document a client reports as open: an ID,
// not checked against the project (it may have just been deleted).
func validDocumentRef(id string) error {
	if len(id) > 100 || strings.ContainsAny(id, "\n\r") {
		return coding.Errorf(coding.EINVALID, "document %q is not a document ID", id)
	}
	return nil
}
