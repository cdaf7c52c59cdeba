package desktop

import (
	"net"
	"strconv"
)

// PreferredPort is the port a desktop start tries first: the browser
// keeps preferences per origin, port included, so a stable port keeps
// them (and bookmarks) across starts.
const PreferredPort = 7080

// ListenLoopback listens on 127.0.0.1, on port preferred when it is free
// and on a free port the system picks otherwise.
func ListenLoopback(preferred int) (net.Listener, error) {
	if preferred > 0 {
		if ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(preferred))); err == nil {
			return ln, nil
		}
	}
	return net.Listen("tcp", "127.0.0.1:0")
}
