package search

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tessera/coding"
)

// The query syntax, parsed here into a small tree before it becomes a
// bleve query (see query_build.go):
//
//	query  = clause { clause }          all clauses must match (AND)
//	clause = ["+" | "-" | "NOT "] alt   + is the default, - excludes
//	alt    = prim { "OR" prim }         any of them
//	prim   = "(" query ")" | field ":" value | phrase ["~" N] | word ["~" [N]]
//
// A word may hold * and ? wildcards. "AND" between clauses is accepted
// and changes nothing.

// qnode is a node of a parsed query.
type qnode interface{}

// qall matches units matching all of must and none of not.
type qall struct {
	must []qnode
	not  []qnode
}

// qany matches units matching any of its items.
type qany struct{ items []qnode }

// qword is a bare word: stemmed, or wildcard, or fuzzy.
type qword struct {
	text  string
	fuzzy int // -1 none, 0 automatic, else the edit distance
	field string
}

// qphrase is a quoted phrase: exact, or with slop for proximity.
type qphrase struct {
	text  string
	slop  int // -1 exact phrase, else the words may be this many positions apart
	field string
}

// qfilter is a field:value filter.
type qfilter struct{ field, value string }

// Fields a query may name. text and title scope the words that follow.
var queryFields = map[string]bool{
	"case": true, "document": true, "speaker": true, "role": true, "code": true,
	"level": true, "coder": true, "date": true, "facet": true, "attr": true, "set": true,
	"informant": true, "iattr": true,
	"text": true, "title": true,
}

// Limits on what a query may ask.
const (
	maxQueryLen  = 2000
	maxQueryNode = 64
	maxSlop      = 100
	maxFuzzy     = 2
)

type parser struct {
	src   string
	pos   int
	nodes int
}

// parseQuery parses q. An empty or blank query gives nil (match all).
func parseQuery(q string) (qnode, error) {
	if len(q) > maxQueryLen {
		return nil, coding.Errorf(coding.EINVALID, "the query is longer than %d characters", maxQueryLen)
	}
	p := &parser{src: q}
	n, err := p.sequence(false)
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.src) {
		return nil, p.errorf("unexpected %q", string(p.peekRune()))
	}
	if len(n.must) == 0 && len(n.not) == 0 {
		return nil, nil
	}
	return n, nil
}

func (p *parser) errorf(format string, args ...any) error {
	col := utf8.RuneCountInString(p.src[:min(p.pos, len(p.src))]) + 1
	return coding.Errorf(coding.EINVALID, "query error at character %d: "+format, append([]any{col}, args...)...)
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		r, size := utf8.DecodeRuneInString(p.src[p.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		p.pos += size
	}
}

func (p *parser) peekRune() rune {
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

// keyword reports whether the operator word kw (OR, AND, NOT) comes next,
// followed by a space or a parenthesis, and consumes it.
func (p *parser) keyword(kw string) bool {
	if !strings.HasPrefix(p.src[p.pos:], kw) {
		return false
	}
	rest := p.src[p.pos+len(kw):]
	if rest != "" {
		r, _ := utf8.DecodeRuneInString(rest)
		if !unicode.IsSpace(r) && r != '(' && r != '"' {
			return false
		}
	}
	p.pos += len(kw)
	return true
}

// sequence parses clauses up to the end or, inside parentheses, to ")".
func (p *parser) sequence(nested bool) (*qall, error) {
	n := &qall{}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			if nested {
				return nil, p.errorf("missing )")
			}
			return n, nil
		}
		switch {
		case p.src[p.pos] == ')':
			if !nested {
				return nil, p.errorf("unexpected )")
			}
			return n, nil
		case p.keyword("AND"):
			continue
		case p.keyword("OR"):
			return nil, p.errorf("OR needs a word or phrase on both sides")
		}
		negate := false
		switch {
		case p.src[p.pos] == '-':
			negate = true
			p.pos++
		case p.src[p.pos] == '+':
			p.pos++
		case p.keyword("NOT"):
			negate = true
			p.skipSpace()
		}
		alt, err := p.alternatives()
		if err != nil {
			return nil, err
		}
		if negate {
			n.not = append(n.not, alt)
		} else {
			n.must = append(n.must, alt)
		}
	}
}

// alternatives parses prim { OR prim }.
func (p *parser) alternatives() (qnode, error) {
	first, err := p.primary()
	if err != nil {
		return nil, err
	}
	items := []qnode{first}
	for {
		save := p.pos
		p.skipSpace()
		if !p.keyword("OR") {
			p.pos = save
			break
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] == ')' {
			return nil, p.errorf("OR needs a word or phrase on both sides")
		}
		if c := p.src[p.pos]; c == '-' || c == '+' {
			return nil, p.errorf("a word after OR cannot carry %q; use parentheses, e.g. a OR (b -c)", string(c))
		}
		next, err := p.primary()
		if err != nil {
			return nil, err
		}
		items = append(items, next)
	}
	if len(items) == 1 {
		return first, nil
	}
	return &qany{items: items}, nil
}

// primary parses a group, a field filter, a phrase or a word.
func (p *parser) primary() (qnode, error) {
	p.nodes++
	if p.nodes > maxQueryNode {
		return nil, p.errorf("the query has more than %d parts", maxQueryNode)
	}
	p.skipSpace()
	if p.pos >= len(p.src) {
		return nil, p.errorf("a word or phrase is missing at the end")
	}
	switch p.src[p.pos] {
	case '(':
		p.pos++
		n, err := p.sequence(true)
		if err != nil {
			return nil, err
		}
		p.pos++ // ")"
		if len(n.must) == 0 && len(n.not) == 0 {
			return nil, p.errorf("empty parentheses")
		}
		return n, nil
	case '"':
		return p.phrase("")
	case ')':
		return nil, p.errorf("unexpected )")
	}
	word := p.word()
	if word == "" {
		return nil, p.errorf("unexpected %q", string(p.peekRune()))
	}
	if p.pos < len(p.src) && p.src[p.pos] == ':' {
		field := strings.ToLower(word)
		if !queryFields[field] {
			return nil, p.errorf("unknown field %q (known fields: attr, case, code, coder, date, document, facet, iattr, informant, level, role, speaker, text, title); put text with a colon in quotes", word)
		}
		p.pos++
		return p.fieldValue(field)
	}
	return p.wordSuffix(word, "")
}

// fieldValue parses the value after "field:".
func (p *parser) fieldValue(field string) (qnode, error) {
	if p.pos >= len(p.src) || unicode.IsSpace(p.peekRune()) {
		return nil, p.errorf("%s: needs a value", field)
	}
	if field == "text" || field == "title" {
		if p.src[p.pos] == '"' {
			return p.phrase(field)
		}
		w := p.word()
		if w == "" {
			return nil, p.errorf("%s: needs a word or phrase", field)
		}
		return p.wordSuffix(w, field)
	}
	var value string
	if p.src[p.pos] == '"' {
		v, err := p.quoted()
		if err != nil {
			return nil, err
		}
		value = v
	} else {
		value = p.word()
	}
	if strings.TrimSpace(value) == "" {
		return nil, p.errorf("%s: needs a value", field)
	}
	return &qfilter{field: field, value: value}, nil
}

// word reads a run of characters up to a space, parenthesis, quote,
// colon or tilde.
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.src) {
		r, size := utf8.DecodeRuneInString(p.src[p.pos:])
		if unicode.IsSpace(r) || strings.ContainsRune("()\":~", r) {
			break
		}
		p.pos += size
	}
	return p.src[start:p.pos]
}

// quoted reads a "..." string, with \" and \\ escapes.
func (p *parser) quoted() (string, error) {
	start := p.pos
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src):
			b.WriteByte(p.src[p.pos+1])
			p.pos += 2
		case c == '"':
			p.pos++
			return b.String(), nil
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	p.pos = start
	return "", p.errorf("a phrase is missing its closing quote")
}

// phrase parses "..." with an optional ~N proximity.
func (p *parser) phrase(field string) (qnode, error) {
	text, err := p.quoted()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, p.errorf("empty phrase")
	}
	n := &qphrase{text: text, slop: -1, field: field}
	if p.pos < len(p.src) && p.src[p.pos] == '~' {
		p.pos++
		num, ok := p.number()
		if !ok {
			return nil, p.errorf(`proximity needs a number of words, as in "trade fair"~5`)
		}
		if num > maxSlop {
			return nil, p.errorf("proximity is limited to %d words", maxSlop)
		}
		n.slop = num
	}
	return n, nil
}

// wordSuffix parses an optional fuzzy marker after a word.
func (p *parser) wordSuffix(word, field string) (qnode, error) {
	n := &qword{text: word, fuzzy: -1, field: field}
	if p.pos < len(p.src) && p.src[p.pos] == '~' {
		p.pos++
		n.fuzzy = 0
		if num, ok := p.number(); ok {
			if num > maxFuzzy {
				return nil, p.errorf("fuzziness is at most %d (as in learning~2)", maxFuzzy)
			}
			n.fuzzy = num
			if num == 0 {
				n.fuzzy = -1
			}
		}
	}
	return n, nil
}

// number reads a non-negative decimal number.
func (p *parser) number() (int, bool) {
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == start || p.pos-start > 6 {
		return 0, false
	}
	n, err := strconv.Atoi(p.src[start:p.pos])
	return n, err == nil
}
