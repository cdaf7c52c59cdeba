package coding

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry records one committed mutation of a project: who made it,
// when, which operation, and every entity it changed with its state before
// and after. Undo restores the before states.
type AuditEntry struct {
	// Seq is the project's sequence number after the mutation.
	Seq     uint64        `json:"seq"`
	Time    time.Time     `json:"time"`
	Actor   string        `json:"actor"`
	Op      string        `json:"op"` // e.g. "create_quote", "merge_codes", "undo"
	Changes []AuditChange `json:"changes"`
	// Undoes is the sequence number of the entry this one undid, if any.
	Undoes uint64 `json:"undoes,omitempty"`
	// Client names the browser tab (or other client) whose request made
	// the change, when it said so; see WithClient.
	Client string `json:"client,omitempty"`
}

// AuditChange is one entity's change within an AuditEntry. Before is nil
// for a created entity, After nil for a deleted one.
type AuditChange struct {
	Kind   string          `json:"kind"`
	ID     string          `json:"id"`
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

// Action names what happened to the entity: created, updated or deleted.
func (c AuditChange) Action() string {
	switch {
	case c.Before == nil:
		return "created"
	case c.After == nil:
		return "deleted"
	}
	return "updated"
}

// AuditFilter selects audit entries; empty fields match all.
type AuditFilter struct {
	Actor string
	// Kind matches entries that changed an entity of this kind.
	Kind string
	Op   string
	// Before, when non-zero, returns entries with Seq < Before (paging back).
	Before uint64
	// After, when non-zero, returns entries with Seq > After (catching up).
	After uint64
	// Limit caps the number of entries, newest first; 0 means 100.
	Limit int
}

// AuditStore reads the audit trail and undoes recorded mutations.
type AuditStore interface {
	// ListAudit returns matching entries, newest first.
	ListAudit(ctx context.Context, projectID string, f AuditFilter) ([]*AuditEntry, error)
	// Undo restores the state before entry seq, as a new mutation recorded
	// with Op "undo". It refuses (ECONFLICT) when an entity the entry
	// touched has changed since, and (EUNPROCESSABLE) for operations that
	// cannot be undone, such as creating or deleting a project. Undoing an
	// undo redoes the original.
	Undo(ctx context.Context, projectID string, seq uint64) (*AuditEntry, error)
}

type actorKey struct{}

// WithActor returns a context that attributes mutations to actor.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor set by WithActor, or "".
func ActorFrom(ctx context.Context) string {
	a, _ := ctx.Value(actorKey{}).(string)
	return a
}

type clientKey struct{}

// WithClient returns a context whose mutations are recorded as made by
// the client (a browser tab) with this ID, so that it can recognise its
// own changes among those it is told about.
func WithClient(ctx context.Context, client string) context.Context {
	return context.WithValue(ctx, clientKey{}, client)
}

// ClientFrom returns the client set by WithClient, or "".
func ClientFrom(ctx context.Context) string {
	c, _ := ctx.Value(clientKey{}).(string)
	return c
}
