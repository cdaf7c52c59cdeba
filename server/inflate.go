package server

import (
	"context"
	"runtime"
)

// inflateSlots is the number of uploads unpacked and parsed at once: one
// per core. Unpacking is CPU work, so more at once would only add memory.
func inflateSlots() int { return max(runtime.GOMAXPROCS(0), 1) }

// inflating waits for a slot to unpack and parse an upload (documents,
// codebooks, REFI-QDA projects) and returns the function that gives it
// back. Together with the limits on each archive this bounds the memory
// all uploads can take at once. A request cancelled while it waits gets
// the context's error.
func (s *Server) inflating(ctx context.Context) (func(), error) {
	select {
	case s.inflate <- struct{}{}:
		return func() { <-s.inflate }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
