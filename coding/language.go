package coding

import (
	"sort"
	"strings"
)

// Languages are the languages a project may name, by ISO 639-1 code: those
// the search index has a stemmer for (see coding/search). A project
// without a language is searched as English.
var Languages = map[string]string{
	"da": "Danish",
	"de": "German",
	"en": "English",
	"es": "Spanish",
	"fi": "Finnish",
	"fr": "French",
	"it": "Italian",
	"nl": "Dutch",
	"no": "Norwegian",
	"pt": "Portuguese",
	"sv": "Swedish",
}

// LanguageCodes returns the codes of Languages, sorted.
func LanguageCodes() []string {
	codes := make([]string, 0, len(Languages))
	for code := range Languages {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return codes
}

// NormalizeLanguage returns the code of a project language: lang in lower
// case, with a region ("en-GB", "pt_BR") dropped; "" stays "". A language
// not in Languages is invalid.
func NormalizeLanguage(lang string) (string, error) {
	code := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i]
	}
	if code == "" && strings.TrimSpace(lang) == "" {
		return "", nil
	}
	if _, ok := Languages[code]; !ok {
		shown := lang
		if RuneLen(shown) > 20 {
			shown = string([]rune(shown)[:20]) + "…"
		}
		return "", Errorf(EINVALID, "language %q is not supported; use one of %s, or none for English", shown, strings.Join(LanguageCodes(), ", "))
	}
	return code, nil
}
