package search_test

import (
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/search"
)

func TestQueryForms(t *testing.T) {
	f := mustFixture(t)
	tests := []struct {
		name  string
		query string
		want  int // matching turns
	}{
		{"word finds every form of its stem", "learning", 5},
		{"quoted word is exact", `"learning"`, 3},
		{"stem of a plural", "fairs", 2},
		{"phrase", `"trade fair"`, 1},
		{"phrase is not stemmed", `"trade fairs"`, 1},
		{"phrase across punctuation", `"small but the fair"`, 1},
		{"phrase that does not occur", `"fair trade"`, 0},
		{"all words must match", "trade fair", 1},
		{"plus is the default", "+fair +trade", 1},
		{"minus excludes", "fair -trade", 1},
		{"NOT excludes", "NOT trade fair", 1},
		{"OR", "distributor OR partner", 3},
		{"lowercase or is a word", "distributor or partner", 0},
		{"groups", "(fair OR distributor) Japan", 1},
		{"AND is accepted", "trade AND fair", 1},
		{"accent folding", "Lulea", 2},
		{"accents in the query", "LULEÅ", 2},
		{"decomposed accents in the query", "Lule\u0061\u030a", 2},
		{"wildcard", "learn*", 5},
		{"wildcard one character", "f?ir", 2},
		{"fuzzy one edit", "distributer~1", 1},
		{"fuzzy two edits", "distributer~2", 2},
		{"fuzzy automatic", "distributer~", 2},
		{"fuzzy: a swap of two letters is one edit", "fiar~", 2},
		{"fuzzy: a swap with a distance asked for", "fiar~1", 2},
		{"fuzzy automatic: a two-letter word is exact", "is~", 1},
		{"fuzzy automatic: one edit up to five letters", "fairz~", 2},
		{"proximity: at most five words between", `"went hannover"~5`, 1},
		{"proximity too far", `"went hannover"~4`, 0},
		{"proximity in any order", `"hannover went"~5`, 1},
		{"proximity over a stop word", `"learning doing"~1`, 1},
		{"speaker", "speaker:Founder learned", 2},
		{"speaker and phrase", `speaker:Founder "peer learning"`, 1},
		{"speaker by part of the name", "speaker:anna", 2},
		{"case by name", `case:"Robotics Oy" learning`, 2},
		{"case by name ignoring case", `case:"robotics oy"`, 4},
		{"code", `code:"Peer learning"`, 1},
		{"theme takes its concepts", `code:"Vicarious learning"`, 1},
		{"dimension takes all below", "code:Learning", 2},
		{"document by title", `document:"Interview MedSense founder"`, 4},
		{"role", "role:interviewer", 4},
		{"date", "date:2024-06", 4},
		{"date range", "date:2024-01..2024-04-30 learning", 2},
		{"facet", `facet:"Type of learning=experiential"`, 1},
		{"attribute", `attr:"markets=japan"`, 4},
		{"attribute range", `attr:"employees=10..20" learning`, 3},
		{"empty query matches all turns", "", 8},
		{"word split by the tokenizer becomes a phrase", "trial-and-error", 1},
		{"text field", "text:stockholm", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.total(tt.query); got != tt.want {
				t.Errorf("query %q: got %d turns, want %d", tt.query, got, tt.want)
			}
		})
	}
}

// TestFuzzyRanksCloserWordsFirst searches denail~: "denial" (two letters
// swapped, one edit) ranks before "deal" (two edits), however often
// "deal" occurs, and the match covers the word found.
func TestFuzzyRanksCloserWordsFirst(t *testing.T) {
	e := mustEnv(t)
	c := e.caseNamed("Deals Oy")
	d := e.doc("Deals", c.ID, "Interviewer: Was it a deal?\n"+
		"CEO: A deal, a good deal, the deal of the year.\n"+
		"Interviewer: So the deal held.\n"+
		"CEO: There was denial at first.\n")
	res := e.search(search.Request{Query: "denail~"})
	if res.Total != 4 {
		t.Fatalf("denail~: got %d turns, want the 3 with deal and the 1 with denial", res.Total)
	}
	h := res.Hits[0]
	text := []rune(d.Text)
	if len(h.Matches) != 1 || string(text[h.Matches[0].Start:h.Matches[0].End]) != "denial" {
		t.Errorf("first hit %q: got matches %v, want the one turn with denial, matched on it", string(text[h.Start:h.End]), h.Matches)
	}
	if n := e.total("blaim~"); n != 0 {
		t.Errorf("blaim~: got %d turns, want none (blame is two edits away)", n)
	}
}

func TestBadQueriesAreInvalid(t *testing.T) {
	f := mustFixture(t)
	tests := []struct {
		query string
		want  string // part of the message
	}{
		{`"trade fair`, "closing quote"},
		{"(fair", "missing )"},
		{"fair)", "unexpected )"},
		{"()", "empty parentheses"},
		{"colour:red", `unknown field "colour"`},
		{"*air", "cannot start a word"},
		{"fair~3", "at most 2"},
		{"OR fair", "both sides"},
		{"fair OR", "both sides"},
		{"fair OR -trade", "use parentheses"},
		{`case:"Nope Oy"`, `no case named "Nope Oy"`},
		{`code:"Nope"`, `no code named "Nope"`},
		{"speaker:Nobody", `no speaker named "Nobody"`},
		{`"trade fair"~x`, "proximity needs a number"},
		{`"trade fair"~500`, "limited to"},
		{"👍", "no letters or digits"},
		{"role:boss", "interviewer or informant"},
		{"level:huge", "concept, theme or dimension"},
		{"date:March", "is not a date"},
		{`facet:"Colour=red"`, `no facet named "Colour"`},
		{`facet:"Type of learning=random"`, "has no value"},
		{`attr:"height=2"`, "no case has an attribute"},
		{`attr:"employees=many"`, "is a number"},
		{"speaker:", "needs a value"},
		{strings.Repeat("a ", 100), "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := f.ix.Search(ctx, f.pid, search.Request{Query: tt.query})
			wantCode(t, err, coding.EINVALID)
			if msg := coding.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("got message %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestBadRequestsAreInvalid(t *testing.T) {
	f := mustFixture(t)
	for _, req := range []search.Request{
		{Kinds: []string{"page"}},
		{Sort: "date"},
		{Limit: 1001},
		{Offset: -1},
		{Filters: map[string][]string{"colour": {"red"}}},
		{Filters: map[string][]string{"case": {""}}},
	} {
		_, err := f.ix.Search(ctx, f.pid, req)
		wantCode(t, err, coding.EINVALID)
	}
	_, err := f.ix.Search(ctx, "01JUNKNOWNPROJECT", search.Request{Query: "fair"})
	wantCode(t, err, coding.ENOTFOUND)
}

func TestOtherKinds(t *testing.T) {
	f := mustFixture(t)
	tests := []struct {
		kinds []string
		query string
		want  []string // hit IDs
	}{
		{[]string{"quote"}, "network", []string{f.quotePeer.ID}},
		{[]string{"quote"}, "experiential", []string{f.quoteDoing.ID}}, // the theme's name
		{[]string{"quote"}, "vicarious", []string{f.quotePeer.ID}},     // the facet value
		{[]string{"quote"}, `"Peer learning"`, []string{f.quotePeer.ID}},
		{[]string{"memo"}, "stockholm", []string{f.memo.ID}},
		{[]string{"memo"}, "title:network", []string{f.memo.ID}},
		{[]string{"code"}, "peer", []string{f.peer.ID}},
		{[]string{"code"}, "level:theme", []string{f.experiential.ID, f.vicarious.ID}},
	}
	for _, tt := range tests {
		res := f.search(search.Request{Query: tt.query, Kinds: tt.kinds, Sort: "document"})
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
			if h.Kind != tt.kinds[0] {
				t.Errorf("%q: got hit of kind %q, want %q", tt.query, h.Kind, tt.kinds[0])
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%v %q: got hits %v, want %v", tt.kinds, tt.query, got, tt.want)
		}
	}
	// Several kinds at once.
	res := f.search(search.Request{Query: "stockholm", Kinds: []string{"turn", "memo"}})
	if res.Total != 2 {
		t.Errorf("got %d hits for turns and memos, want 2", res.Total)
	}
}

func TestWordsOfTheTokenizer(t *testing.T) {
	e := mustEnv(t)
	e.doc("Edges", "", "CEO: We don’t export yet. Revenue grew 3.5 percent, to 1,200 units.\n"+
		"CTO: Anna's team met 李 in 東京 at the co-founder's café.\n")
	tests := []struct {
		query string
		want  int
	}{
		{"don't", 1},         // curly and straight apostrophes are one
		{`"3.5 percent"`, 1}, // decimal numbers stay whole
		{"1,200", 1},
		{"anna", 1}, // Anna's shares the stem of Anna
		{"李", 1},    // each Han character is a word
		{`"東京"`, 1},
		{"founder", 1}, // co-founder's splits at the hyphen
		{"cafe", 1},
		{"3", 0},
	}
	for _, tt := range tests {
		if got := e.total(tt.query); got != tt.want {
			t.Errorf("query %q: got %d turns, want %d", tt.query, got, tt.want)
		}
	}
}
