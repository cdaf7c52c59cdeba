package search

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"golang.org/x/text/unicode/norm"
)

// stemmers maps ISO 639-1 language codes to their Snowball stemmers.
var stemmers = map[string]func(*snowballstem.Env) bool{
	"da": danish.Stem,
	"de": german.Stem,
	"en": english.Stem,
	"es": spanish.Stem,
	"fi": finnish.Stem,
	"fr": french.Stem,
	"it": italian.Stem,
	"nl": dutch.Stem,
	"no": norwegian.Stem,
	"pt": portuguese.Stem,
	"sv": swedish.Stem,
}

// analyzerLanguage returns the language whose analyzer serves a project
// language: the language itself when Tessera has a stemmer for it, "en"
// for an empty language, and "none" (folding without stemming) otherwise.
func analyzerLanguage(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i] // "en-GB" -> "en"
	}
	if lang == "" {
		return "en"
	}
	if _, ok := stemmers[lang]; ok {
		return lang
	}
	return "none"
}

// Names of the registered analysis components.
const (
	tokenizerName = "tessera_words"
	wordsAnalyzer = "tessera_words"
)

func init() {
	if err := registry.RegisterTokenizer(tokenizerName, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// wordTokenizer is tokenize as a bleve tokenizer. Its tokens carry folded
// terms and positions but zero byte offsets: offsets cost index space and
// nothing reads them (hits are located by analysing their text again, see
// matcher.go).
type wordTokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	pos := 0
	tokenize(string(input), func(w word) {
		pos++
		out = append(out, &analysis.Token{Term: []byte(w.term), Position: pos, Type: analysis.AlphaNumeric})
	})
	return out
}

// stemCaches remember the stems of words per language: words repeat,
// and a map lookup is far cheaper than running the stemmer again. The
// cache is split in shards so that bleve's parallel analysis workers
// rarely wait for each other.
var stemCaches = func() map[string]*stemCache {
	m := map[string]*stemCache{}
	for lang := range stemmers {
		c := &stemCache{}
		for i := range c.shards {
			c.shards[i].m = map[string]string{}
		}
		m[lang] = c
	}
	return m
}()

type stemCache struct {
	shards [64]struct {
		sync.RWMutex
		m map[string]string
	}
}

// maxStemShard bounds each shard of a language's cache of stems.
const maxStemShard = 4096

// stem returns the stem of word w (already folded) in language lang, or w
// for a language without stemmer.
func stem(lang, w string) string {
	fn := stemmers[lang]
	if fn == nil || w == "" {
		return w
	}
	sh := &stemCaches[lang].shards[(len(w)*31+int(w[0])*7+int(w[len(w)-1]))&63]
	sh.RLock()
	s, ok := sh.m[w]
	sh.RUnlock()
	if ok {
		return s
	}
	env := snowballstem.NewEnv(w)
	fn(env)
	s = env.Current()
	if s == "" {
		s = w
	}
	sh.Lock()
	if len(sh.m) < maxStemShard {
		sh.m[w] = s
	}
	sh.Unlock()
	return s
}

var folder = asciifolding.New()

// queryAnalyzer normalises query words exactly as the index does, so that
// query terms meet indexed terms.
type queryAnalyzer struct{ lang string }

func newQueryAnalyzer(lang string) *queryAnalyzer { return &queryAnalyzer{lang: lang} }

// words returns the folded words of s.
func (a *queryAnalyzer) words(s string) []string {
	var out []string
	tokenize(norm.NFC.String(s), func(w word) { out = append(out, w.term) })
	return out
}

// stem returns the stem of folded word w.
func (a *queryAnalyzer) stem(w string) string { return stem(a.lang, w) }

// foldPattern lowercases and folds a wildcard pattern, keeping * and ?.
func foldPattern(p string) string {
	p = norm.NFC.String(p)
	var b strings.Builder
	for _, part := range strings.SplitAfter(p, "") {
		if part == "*" || part == "?" {
			b.WriteString(part)
			continue
		}
		r, _ := utf8.DecodeRuneInString(part)
		if r < utf8.RuneSelf {
			b.WriteString(strings.ToLower(part))
		} else {
			b.WriteString(foldWord(part))
		}
	}
	return b.String()
}
