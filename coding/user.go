package coding

import (
	"context"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Limits on account names and passwords.
const (
	// MaxUsernameLen bounds a username, in code points.
	MaxUsernameLen = 64
	// MinPasswordLen is the shortest password accepted, in code points.
	MinPasswordLen = 10
	// MaxPasswordLen bounds a password, in bytes, so hashing stays cheap
	// to refuse.
	MaxPasswordLen = 1024
)

// Reserved coder names: they mark quotes that no account made, so no
// account may take them.
const (
	// CoderLocal is the coder of a solo server, which has no accounts.
	CoderLocal = "local"
	// CoderConsensus is the coder of quotes accepted into the shared
	// coding by a consensus decision.
	CoderConsensus = "consensus"
)

// User is an account of a team server. Usernames are the coder names that
// quotes, memos and the audit trail record.
type User struct {
	Username string `json:"username"`
	// PasswordHash is the encoded argon2id hash (see HashPassword). It is
	// never sent to clients.
	PasswordHash string    `json:"-"`
	Admin        bool      `json:"admin"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	// PasswordChangedAt is when the password was last set.
	PasswordChangedAt time.Time `json:"password_changed_at"`
}

// NormalizeUsername returns the stored form of a username: trimmed, NFC,
// lower case. It refuses (EINVALID) names that are empty, too long, or
// hold anything but letters, digits, ".", "_" and "-", names that do not
// start with a letter or digit, and the reserved coder names.
func NormalizeUsername(name string) (string, error) {
	name = strings.ToLower(norm.NFC.String(strings.TrimSpace(name)))
	switch {
	case name == "":
		return "", Errorf(EINVALID, "username is required")
	case RuneLen(name) > MaxUsernameLen:
		return "", Errorf(EINVALID, "username is longer than %d characters", MaxUsernameLen)
	case name == CoderLocal || name == CoderConsensus:
		return "", Errorf(EINVALID, "username %q is reserved", name)
	}
	for i, r := range name {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if i == 0 && !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return "", Errorf(EINVALID, "username %q must start with a letter or digit", name)
		}
		if !letter && r != '.' && r != '_' && r != '-' {
			return "", Errorf(EINVALID, "username %q may hold only letters, digits, \".\", \"_\" and \"-\"", name)
		}
	}
	return name, nil
}

// CheckPassword reports whether a new password is acceptable: at least
// MinPasswordLen characters and at most MaxPasswordLen bytes.
func CheckPassword(password string) error {
	switch {
	case RuneLen(password) < MinPasswordLen:
		return Errorf(EINVALID, "the password must have at least %d characters", MinPasswordLen)
	case len(password) > MaxPasswordLen:
		return Errorf(EINVALID, "the password must not be longer than %d bytes", MaxPasswordLen)
	}
	return nil
}

// Validate reports whether the user can be stored, normalising the
// username.
func (u *User) Validate() error {
	name, err := NormalizeUsername(u.Username)
	if err != nil {
		return err
	}
	u.Username = name
	if u.PasswordHash == "" {
		return Errorf(EINVALID, "user %q has no password", name)
	}
	return nil
}

// UserUpdate holds the fields of an account to change; nil fields stay.
// Disabling an account or setting its password ends its sessions, except
// KeepSession.
type UserUpdate struct {
	Admin        *bool
	Disabled     *bool
	PasswordHash *string
	// KeepSession is the ID of a session that survives a password change:
	// the one of the user who changed their own password.
	KeepSession string
}

// UserStore keeps the accounts of a team server.
type UserStore interface {
	// CreateUser validates and stores u. ECONFLICT when the name is taken.
	CreateUser(ctx context.Context, u *User) error
	// FindUser returns the account; ENOTFOUND when there is none.
	FindUser(ctx context.Context, username string) (*User, error)
	// ListUsers returns every account by username.
	ListUsers(ctx context.Context) ([]*User, error)
	// UpdateUser changes the account. It refuses (ECONFLICT) to leave the
	// server without an enabled administrator.
	UpdateUser(ctx context.Context, username string, u UserUpdate) (*User, error)
}
