package coding

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// PasswordParams are the argon2id cost parameters of a password hash.
type PasswordParams struct {
	// Time is the number of passes over the memory.
	Time uint32
	// MemoryKiB is the memory used, in KiB.
	MemoryKiB uint32
	// Threads is the degree of parallelism.
	Threads uint8
}

// DefaultPasswordParams cost about 80 ms and 64 MiB per hash on a
// two-core machine: within RFC 9106's memory-constrained recommendation
// (64 MiB) and above OWASP's minimums.
var DefaultPasswordParams = PasswordParams{Time: 2, MemoryKiB: 64 << 10, Threads: 2}

const (
	passwordSaltLen = 16
	passwordKeyLen  = 32
)

var b64 = base64.RawStdEncoding

// HashPassword returns the argon2id hash of password in the PHC string
// form "$argon2id$v=19$m=65536,t=2,p=2$SALT$HASH", with a random 16-byte
// salt. The password is NFC-normalised first, so the same characters
// typed on any system give the same hash.
func HashPassword(password string, p PasswordParams) (string, error) {
	if len(password) > MaxPasswordLen {
		return "", Errorf(EINVALID, "the password must not be longer than %d bytes", MaxPasswordLen)
	}
	salt := make([]byte, passwordSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(norm.NFC.String(password)), salt, p.Time, p.MemoryKiB, p.Threads, passwordKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.MemoryKiB, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches an encoded hash made
// by HashPassword, comparing in constant time. A malformed hash is an
// error, never a match.
func VerifyPassword(password, encoded string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	if len(password) > MaxPasswordLen {
		return false, nil
	}
	got := argon2.IDKey([]byte(norm.NFC.String(password)), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// PasswordNeedsRehash reports whether an encoded hash was made with
// weaker parameters than p, so a successful sign-in can upgrade it.
func PasswordNeedsRehash(encoded string, p PasswordParams) bool {
	q, _, _, err := decodeHash(encoded)
	return err != nil || q.Time < p.Time || q.MemoryKiB < p.MemoryKiB || q.Threads < p.Threads
}

// decodeHash parses "$argon2id$v=19$m=..,t=..,p=..$salt$key".
func decodeHash(encoded string) (PasswordParams, []byte, []byte, error) {
	var p PasswordParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, fmt.Errorf("password hash is not in argon2id PHC form")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, fmt.Errorf("password hash has unsupported argon2 version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("password hash has malformed parameters %q", parts[3])
	}
	if p.Time == 0 || p.Threads == 0 || p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > 4<<20 {
		return p, nil, nil, fmt.Errorf("password hash has out-of-range parameters %q", parts[3])
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, fmt.Errorf("password hash has a malformed salt")
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return p, nil, nil, fmt.Errorf("password hash has a malformed key")
	}
	return p, salt, key, nil
}
