package coding

import (
	"regexp"
	"strings"
)

// plainNumber matches text a spreadsheet reads as a number, sign included.
var plainNumber = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// SpreadsheetSafe returns s so that a spreadsheet program shows it as text
// and never runs it as a formula, as OWASP advises against CSV injection:
// text starting with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, unless it is a plain number such as -12 or +3.5.
func SpreadsheetSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

// SpreadsheetText undoes SpreadsheetSafe for text read back from a CSV or
// XLSX export: a leading apostrophe followed by =, +, -, @, a tab or a
// carriage return is dropped. Any other apostrophe is part of the text.
func SpreadsheetText(s string) string {
	if len(s) < 2 || s[0] != '\'' || !strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s
	}
	return s[1:]
}
