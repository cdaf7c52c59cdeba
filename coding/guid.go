package coding

import (
	"crypto/sha1"
	"fmt"
)

// guidSpace is the namespace of the name-based UUIDs GUID derives.
var guidSpace = [16]byte{0x6b, 0x1e, 0x4f, 0x2a, 0x93, 0x5c, 0x4d, 0x0e, 0xa1, 0x7f, 0x3c, 0x28, 0x5e, 0x90, 0xd4, 0x61}

// GUID derives a stable, lower-case UUID (version 5, RFC 9562) from an
// entity ID, for formats such as REFI-QDA that name entities by GUID:
// exporting the same project twice gives the same GUIDs.
func GUID(id string) string {
	h := sha1.New()
	h.Write(guidSpace[:])
	h.Write([]byte(id))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = (u[6] & 0x0f) | 0x50 // version 5
	u[8] = (u[8] & 0x3f) | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
