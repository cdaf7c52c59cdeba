package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// eventStream writes Server-Sent Events: events gather in buf and go out
// together on flush.
type eventStream struct {
	w   *echo.Response
	rc  *http.ResponseController
	buf bytes.Buffer
}

func newEventStream(w *echo.Response) *eventStream {
	return &eventStream{w: w, rc: http.NewResponseController(w)}
}

// event adds an event named name with data as JSON; id 0 leaves the
// client's last event ID as it is.
func (es *eventStream) event(id uint64, name string, data any) {
	b, err := json.Marshal(data)
	if err != nil {
		panic("server: event data does not marshal: " + err.Error()) // our own types
	}
	if id > 0 {
		fmt.Fprintf(&es.buf, "id: %d\n", id)
	}
	fmt.Fprintf(&es.buf, "event: %s\ndata: %s\n\n", name, b)
}

// done lifts the write deadline, which would otherwise stay on the
// connection for the requests that follow on it.
func (es *eventStream) done() {
	// An error means the connection is gone (or never had deadlines):
	// nothing follows on it.
	_ = es.rc.SetWriteDeadline(time.Time{})
}

// flush sends what was gathered. A client that does not take it within
// streamWriteTimeout is dropped.
func (es *eventStream) flush() error {
	if es.buf.Len() == 0 {
		return nil
	}
	if err := es.rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	_, err := es.w.Write(es.buf.Bytes())
	es.buf.Reset()
	if err != nil {
		return err
	}
	return es.rc.Flush()
}
