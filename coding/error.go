package coding

import (
	"errors"
	"fmt"
)

// Error codes used across Tessera. The HTTP layer maps each to one status
// code; the CLI prints the message.
const (
	EINVALID       = "invalid"       // malformed input: a missing field, a bad value
	EUNPROCESSABLE = "unprocessable" // well-formed input that breaks a domain rule
	ENOTFOUND      = "not_found"     // the entity does not exist
	ECONFLICT      = "conflict"      // the change clashes with stored state (duplicate name, data in use)
	ETOOLARGE      = "too_large"     // the input exceeds a size limit
	ESTALE         = "stale"         // the entity changed since the client read it (If-Match)
	EUNAUTHORIZED  = "unauthorized"  // no valid session
	EFORBIDDEN     = "forbidden"     // the session may not do this
	EINTERNAL      = "internal"      // a bug or an I/O failure; details go to the log only
)

// Error is the one error type of the domain. Code is machine readable,
// Message is written for the researcher and safe to show.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("tessera error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err when it is (or wraps) an *Error,
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of err when it is (or wraps) an *Error,
// and "internal error" for any other non-nil error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
