package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// errUnsupportedMediaType answers a body that is not JSON where JSON is
// expected.
var errUnsupportedMediaType = echo.NewHTTPError(http.StatusUnsupportedMediaType,
	"request body must be JSON (Content-Type: application/json)")

// isJSON reports whether the request declares a JSON body.
func isJSON(req *http.Request) bool {
	mt, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	return err == nil && (mt == echo.MIMEApplicationJSON || strings.HasSuffix(mt, "+json"))
}

// decodeJSON reads the request body into v. It refuses other media types
// (415), bodies over the limit (413), and with 400: an empty body or
// null, malformed JSON, invalid UTF-8, names that differ from the fields'
// only in case, unknown or repeated names, values of the wrong type and
// trailing data, naming the field or the position.
func decodeJSON(c echo.Context, v any) error {
	req := c.Request()
	if !isJSON(req) {
		return errUnsupportedMediaType
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return err // *http.MaxBytesError becomes 413 in the error handler
	}
	if bytes.Equal(bytes.TrimSpace(body), []byte("null")) {
		return coding.Errorf(coding.EINVALID, "request body is null; send a JSON object")
	}
	return unmarshalStrict(body, v)
}

// strictJSON are the decoding options of request bodies on top of
// encoding/json/v2's defaults, which already match names exactly and
// refuse repeated names and invalid UTF-8.
var strictJSON = json.RejectUnknownMembers(true)

// unmarshalStrict decodes one JSON value from body into v with the rules
// of decodeJSON, with errors written for people.
func unmarshalStrict(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return coding.Errorf(coding.EINVALID, "request body is empty; send a JSON object")
	}
	if err := json.Unmarshal(body, v, strictJSON); err != nil {
		return jsonError(body, err)
	}
	return nil
}

// jsonError turns a decoding error into an EINVALID error that names the
// field or the position at fault.
func jsonError(body []byte, err error) error {
	var ce *coding.Error
	var syn *jsontext.SyntacticError
	var sem *json.SemanticError
	switch {
	case errors.As(err, &ce):
		return ce
	case errors.As(err, &syn):
		at := position(body, syn.ByteOffset)
		switch {
		case errors.Is(syn.Err, jsontext.ErrDuplicateName):
			return coding.Errorf(coding.EINVALID, "field %q appears twice (at %s)", fieldPath(syn.JSONPointer), at)
		case syn.Err != nil && strings.Contains(syn.Err.Error(), "invalid UTF-8"): // jsontext exports no error value for it
			return coding.Errorf(coding.EINVALID, "invalid UTF-8 at %s: send text as UTF-8", at)
		case errors.Is(syn.Err, io.ErrUnexpectedEOF):
			return coding.Errorf(coding.EINVALID, "malformed JSON: the body ends too early")
		case syn.Err != nil && strings.Contains(syn.Err.Error(), "after top-level value"):
			return coding.Errorf(coding.EINVALID, "request body must hold a single JSON value; more follows at %s", at)
		}
		return coding.Errorf(coding.EINVALID, "malformed JSON at %s: %s", at, syn.Err)
	case errors.As(err, &sem):
		field, at := fieldPath(sem.JSONPointer), position(body, sem.ByteOffset)
		switch {
		case errors.Is(sem.Err, json.ErrUnknownName):
			name, in := sem.JSONPointer.LastToken(), ""
			if parent := fieldPath(sem.JSONPointer.Parent()); parent != "" {
				in = fmt.Sprintf(" in %q", parent)
			}
			return coding.Errorf(coding.EINVALID, "unknown field %q%s (at %s); field names are case-sensitive", name, in, at)
		case errors.Is(sem.Err, io.ErrUnexpectedEOF):
			return coding.Errorf(coding.EINVALID, "malformed JSON: the body ends too early")
		case sem.GoType != nil && sem.JSONKind == '0' && typeName(sem.GoType) == "a number":
			// The right kind, but a fraction for a whole number or out of range.
			return coding.Errorf(coding.EINVALID, "field %q: %s is not %s in range (at %s)", field, sem.JSONValue, numberName(sem.GoType), at)
		case sem.GoType != nil && sem.JSONKind != 0 && field == "":
			return coding.Errorf(coding.EINVALID, "request body must be %s, not %s", typeName(sem.GoType), kindName(sem.JSONKind))
		case sem.GoType != nil && sem.JSONKind != 0:
			return coding.Errorf(coding.EINVALID, "field %q must be %s, not %s (at %s)", field, typeName(sem.GoType), kindName(sem.JSONKind), at)
		case sem.GoType != nil && sem.Err != nil && field != "":
			return coding.Errorf(coding.EINVALID, "field %q: %s (at %s)", field, sem.Err, at)
		}
	}
	return coding.Errorf(coding.EINVALID, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// fieldPath renders a JSON pointer as a field path: "/meta/date" as
// "meta.date", "/code_ids/0" as "code_ids.0".
func fieldPath(p jsontext.Pointer) string {
	var parts []string
	for tok := range p.Tokens() {
		parts = append(parts, tok)
	}
	return strings.Join(parts, ".")
}

// typeName names a Go type the way JSON users know it.
func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

// numberName names the numbers a numeric Go type holds.
func numberName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number of 0 or more"
	}
	return "a whole number"
}

// kindName names the kind of a JSON value.
func kindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 't', 'f':
		return "true or false"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "invalid JSON"
}

// position renders a byte offset of body as "line L, column C".
func position(body []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(body)))
	before := body[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:]))) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// queryBool reads a boolean query parameter: absent is def; "true", "1",
// "yes" and "false", "0", "no" are accepted.
func queryBool(c echo.Context, name string, def bool) (bool, error) {
	v := strings.TrimSpace(c.QueryParam(name))
	switch strings.ToLower(v) {
	case "":
		return def, nil
	case "true", "1", "yes":
		return true, nil
	case "false", "0", "no":
		return false, nil
	}
	return false, coding.Errorf(coding.EINVALID, "query parameter %s=%q must be true or false", name, v)
}

// queryInt reads a non-negative integer query parameter; absent is def.
func queryInt(c echo.Context, name string, def int) (int, error) {
	v := strings.TrimSpace(c.QueryParam(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, coding.Errorf(coding.EINVALID, "query parameter %s=%q must be a whole number of 0 or more", name, v)
	}
	return n, nil
}

// queryList reads a comma-separated query parameter, also accepting the
// parameter repeated; empty items are dropped.
func queryList(c echo.Context, name string) []string {
	var out []string
	for _, v := range c.QueryParams()[name] {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}
