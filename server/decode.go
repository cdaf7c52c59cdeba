package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

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
// (415), bodies over the limit (413), unknown fields, malformed JSON and
// trailing data (400, naming the field or the position).
func decodeJSON(c echo.Context, v any) error {
	req := c.Request()
	if !isJSON(req) {
		return errUnsupportedMediaType
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return err // *http.MaxBytesError becomes 413 in the error handler
	}
	return unmarshalStrict(body, v)
}

// unmarshalStrict decodes one JSON value from body into v, rejecting
// unknown fields, with errors written for people.
func unmarshalStrict(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return coding.Errorf(coding.EINVALID, "request body is empty; send a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(body, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return coding.Errorf(coding.EINVALID, "request body must hold a single JSON value; more follows at %s", position(body, dec.InputOffset()))
	}
	return nil
}

// jsonError turns a decoding error into an EINVALID error that names the
// field or the position at fault.
func jsonError(body []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var ce *coding.Error
	switch {
	case errors.As(err, &ce):
		return ce
	case errors.As(err, &syn):
		// Offset counts the bytes read, the offending one included.
		return coding.Errorf(coding.EINVALID, "malformed JSON at %s: %s", position(body, max(syn.Offset-1, 0)), strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return coding.Errorf(coding.EINVALID, "request body must be a JSON %s, not %s", typeName(typ.Type.Kind().String()), typ.Value)
		}
		return coding.Errorf(coding.EINVALID, "field %q must be %s, not %s (at %s)", field, typeName(typ.Type.Kind().String()), typ.Value, position(body, typ.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return coding.Errorf(coding.EINVALID, "malformed JSON: the body ends too early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return coding.Errorf(coding.EINVALID, "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return coding.Errorf(coding.EINVALID, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// typeName names a Go kind the way JSON users know it.
func typeName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "int", "int64", "int32", "uint", "uint64", "float64", "float32":
		return "a number"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "map", "struct", "ptr":
		return "an object"
	}
	return kind
}

// position renders a byte offset of body as "line L, column C".
func position(body []byte, offset int64) string {
	if offset > int64(len(body)) {
		offset = int64(len(body))
	}
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
