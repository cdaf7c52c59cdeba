package cli_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"tessera/coding"
	"tessera/coding/codingtest"
	"tessera/coding/datadir"
	"tessera/coding/store"
)

// sampleNames are the names of the sample study's firms and people, as
// its files spell them.
var sampleNames = []string{
	"Kohtamäki Analytics Oy", "Luleå MedSense AB", "Nebelhöhle Games GmbH", "Pöllö Robotics Oy",
	"Jyrki", "Åsa Lindqvist", "Björn", "Zoë Karlsson", "Märta Öberg", "Jörg", "Lena Öztürk-Brandt",
	"Elina Kärnä", "Mikael Öhman", "François", "Sören", "Eetu Räsänen",
}

// sampleTerms are the researcher's own terms the test lists; "Lulea" is
// written without its ring and still catches "Luleå".
var sampleTerms = []coding.TermReplacement{
	{Term: "Kohtamäki", Replacement: "[firm]"}, {Term: "MedSense", Replacement: "[firm]"},
	{Term: "Nebelhöhle", Replacement: "[firm]"}, {Term: "Pöllö", Replacement: "[firm]"},
	{Term: "Lulea", Replacement: "[city]"}, {Term: "Tampere", Replacement: "[city]"},
	{Term: "Åsa", Replacement: "[name]"}, {Term: "Märta", Replacement: "[name]"}, {Term: "Lena", Replacement: "[name]"},
	{Term: "Eetu", Replacement: "[name]"}, {Term: "Zoë", Replacement: "[name]"},
}

// withStore opens the data directory for the length of fn, as a
// researcher's earlier session would have changed it.
func withStore(t *testing.T, data, project string, fn func(s *store.Store, pid string)) {
	t.Helper()
	ctx := context.Background()
	d, err := datadir.Open(ctx, data, datadir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	p, err := d.Store.FindProjectByName(ctx, project)
	if err != nil {
		t.Fatal(err)
	}
	fn(d.Store, p.ID)
}

// fold lowers s and drops its diacritics, for a search that does not
// depend on the code under test.
func fold(t *testing.T, s string) string {
	t.Helper()
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ToLower(out)
}

// textsOf returns the readable text of an export file: every part of a
// zip container, XML with its character data and attribute values
// decoded, other text with its character references decoded; nothing
// of PNG images and PDFs.
func textsOf(t *testing.T, name string, data []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	if bytes.HasPrefix(data, []byte("\x89PNG")) || bytes.HasPrefix(data, []byte("%PDF")) {
		return out // images and PDFs are drawn from the labels the SVG holds
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range textsOf(t, name+"/"+f.Name, body) {
				out[k] = v
			}
		}
		return out
	}
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("<?xml")) || bytes.HasPrefix(bytes.TrimSpace(data), []byte("<svg")) {
		var b strings.Builder
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			switch tok := tok.(type) {
			case xml.CharData:
				b.Write(tok)
			case xml.StartElement:
				for _, a := range tok.Attr {
					b.WriteString(" " + a.Value + " ")
				}
			}
		}
		out[name] = b.String()
		return out
	}
	out[name] = html.UnescapeString(string(data))
	return out
}

// images are the formats that hold their text only as drawn glyphs.
var images = map[string]bool{"gioia-png": true, "gioia-png-zip": true, "gioia-pdf": true, "model-png": true, "model-pdf": true}

// exportAllAnonymised exports project in every format but the images
// with --anonymise into a new directory, checks that none of the names
// appears in any output (every part of a zip container, XML and HTML with their
// references decoded, accents and case ignored), and returns the
// directory, one file per format.
func exportAllAnonymised(t *testing.T, data, project string, names []string) string {
	t.Helper()
	var forbidden []*regexp.Regexp
	for _, name := range names {
		forbidden = append(forbidden, regexp.MustCompile(`\b`+regexp.QuoteMeta(fold(t, name))+`\b`))
	}
	// A model whose free box, arrow and name hold a known name, and
	// whose other box shows a code's name.
	var modelNames []string // every model, each exported by its real name
	withStore(t, data, project, func(s *store.Store, pid string) {
		codes, err := s.ListCodes(context.Background(), pid)
		if err != nil || len(codes) == 0 {
			t.Fatalf("no code to draw: %v", err)
		}
		m := &coding.Model{ProjectID: pid, Name: "Model of " + names[0], Boxes: []coding.ModelBox{
			{ID: "free", Text: "Told by " + names[0], X: 0, Y: 0, W: 200, H: 60},
			{ID: "code", CodeID: codes[0].ID, X: 300, Y: 0, W: 200, H: 60},
		}, Arrows: []coding.ModelArrow{{ID: "a", From: "free", To: "code", Label: names[0] + " says so"}}}
		if err := s.CreateModel(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		models, err := s.ListModels(context.Background(), pid)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range models {
			modelNames = append(modelNames, m.Name)
		}
	})
	list := run(t, "export", "--list")
	if list.code != 0 {
		t.Fatal(list.stderr)
	}
	dir := t.TempDir()
	formats := 0
	for _, line := range strings.Split(strings.TrimSpace(list.stdout), "\n") {
		format := strings.Fields(line)[0]
		if !strings.Contains(line, "anonymise") {
			t.Errorf("format %s does not list the anonymise option: %s", format, line)
		}
		if images[format] {
			// PNG and PDF figures are drawn from the labels the SVG
			// figures print; the export package's tests show that they
			// are the figures of the anonymised project.
			continue
		}
		variants := [][]string{nil}
		if strings.HasPrefix(format, "model-") {
			variants = variants[:0]
			for _, name := range modelNames {
				variants = append(variants, []string{"--model", name})
			}
		}
		for i, extra := range variants {
			out := filepath.Join(dir, format)
			if i > 0 {
				out += "-" + strconv.Itoa(i+1)
			}
			args := append([]string{"export", "--data", data, "--project", project, "--format", format, "--anonymise", "-o", out}, extra...)
			if r := run(t, args...); r.code != 0 {
				t.Fatalf("export %s %v --anonymise: exit %d: %s", format, extra, r.code, r.stderr)
			}
			checkAnonymisedFile(t, format, out, forbidden)
			formats++
		}
	}
	if formats < 40 {
		t.Errorf("checked %d formats, want every format but the images (more than 40)", formats)
	}
	return dir
}

// checkAnonymisedFile fails t for every forbidden name in the text of the
// exported file out.
func checkAnonymisedFile(t *testing.T, format, out string, forbidden []*regexp.Regexp) {
	t.Helper()
	body, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for part, text := range textsOf(t, format, body) {
		folded := fold(t, text)
		for _, re := range forbidden {
			if loc := re.FindStringIndex(folded); loc != nil {
				from, to := max(0, loc[0]-40), min(len(folded), loc[1]+40)
				t.Errorf("%s: %q is left: …%s…", part, re.String(), folded[from:to])
			}
		}
	}
}

// TestExportAnonymisedHasNoKnownName exports the sample study in every
// format with --anonymise and finds none of its firms, people or listed
// terms in any output, while the coding is what it was; --check reports
// what is left.
func TestExportAnonymisedHasNoKnownName(t *testing.T) {
	data := importSample(t)
	checkWithoutTerms(t, data)
	var before []*coding.Quote
	withStore(t, data, "Failure study", func(s *store.Store, pid string) {
		ctx := context.Background()
		if _, err := s.SetAnonymisation(ctx, pid, &coding.Anonymisation{Terms: sampleTerms}); err != nil {
			t.Fatal(err)
		}
		// A concept named after an informant puts a name in the figure.
		codes, err := s.ListCodes(ctx, pid)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			if c.Level == coding.LevelConcept {
				name := "Jyrki's bet on Germany"
				if _, err := s.UpdateCode(ctx, pid, c.ID, coding.CodeUpdate{Name: &name}); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		if err := s.CreateMemo(ctx, &coding.Memo{ProjectID: pid, TargetType: coding.MemoProject, Title: "Björn and Märta Öberg", Body: "Ask *Lena Öztürk-Brandt* about Luleå."}); err != nil {
			t.Fatal(err)
		}
		// A model whose boxes, frame and arrow name firms and people.
		model := &coding.Model{ProjectID: pid, Name: "How Kohtamäki learned",
			Boxes: []coding.ModelBox{
				{ID: "b1", Text: "Jyrki's German bet", X: 10, Y: 10, W: 160, H: 60, FrameID: "f1"},
				{ID: "b2", Text: "Pöllö Robotics Oy copies it", X: 260, Y: 10, W: 160, H: 60},
			},
			Frames: []coding.ModelFrame{{ID: "f1", Label: "Luleå years", X: 0, Y: 0, W: 200, H: 90}},
			Arrows: []coding.ModelArrow{{ID: "a1", From: "b1", To: "b2", Label: "Åsa Lindqvist tells"}}}
		if err := s.CreateModel(ctx, model); err != nil {
			t.Fatal(err)
		}
		if before, err = s.ListQuotes(ctx, pid, coding.QuoteFilter{}); err != nil {
			t.Fatal(err)
		}
	})

	names := append(append([]string{}, sampleNames...), "Lulea")
	for _, term := range sampleTerms {
		names = append(names, term.Term)
	}
	dir := exportAllAnonymised(t, data, "Failure study", names)
	svg, _ := os.ReadFile(filepath.Join(dir, "gioia-svg"))
	// Jyrki is linked to the informant I-01, whose ID replaces his name.
	if !strings.Contains(string(svg), "I-01&#39;s bet on Germany") && !strings.Contains(string(svg), "I-01's bet on Germany") {
		t.Errorf("the SVG figure does not show the anonymised concept")
	}

	// The coding is untouched: the same quotes at the same places.
	withStore(t, data, "Failure study", func(s *store.Store, pid string) {
		after, err := s.ListQuotes(context.Background(), pid, coding.QuoteFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("stored quotes changed (-before +after):\n%s", diff)
		}
	})
	// The anonymised .qdpx brings the same coding into another tool:
	// every quote covers the anonymised form of its passage, with the
	// same codes, so the anonymised tables of both projects agree.
	other := t.TempDir()
	if r := run(t, "import-qdpx", "--data", other, "--project", "Anonymous", filepath.Join(dir, "qdpx")); r.code != 0 {
		t.Fatalf("import-qdpx: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, format := range []string{"gioia-csv", "quotes-csv"} {
		want := quoteRows(t, run(t, "export", "--data", data, "--project", "Failure study", "--format", format, "--counts", "--anonymise").stdout)
		got := quoteRows(t, run(t, "export", "--data", other, "--project", "Anonymous", "--format", format, "--counts").stdout)
		if len(want) < 10 {
			t.Fatalf("%s: only %d rows", format, len(want))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s of the imported anonymised project differs (-anonymised +imported):\n%s", format, diff)
		}
	}
	checkNamesLeft(t, data)
}

// quoteRows returns the rows of a CSV export without the columns that
// name stored entities (quote IDs) or the coder, sorted.
func quoteRows(t *testing.T, s string) []string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		return nil
	}
	keep := []int{}
	for i, h := range rows[0] {
		if h != "Quote ID" && h != "Coder" && h != "Memo" {
			keep = append(keep, i)
		}
	}
	var out []string
	for _, row := range rows[1:] {
		var cells []string
		for _, i := range keep {
			cells = append(cells, row[i])
		}
		out = append(out, strings.Join(cells, " | "))
	}
	sort.Strings(out)
	return out
}

// checkWithoutTerms runs --check on the sample before the researcher
// lists terms: no known name is left, and the words of known names that
// stay are reported.
func checkWithoutTerms(t *testing.T, data string) {
	t.Helper()
	r := run(t, "export", "--data", data, "--project", "Failure study", "--anonymise", "--check", "--format", "quotes-md")
	if r.code != 0 || !strings.Contains(r.stdout, "quotes-md            no known name left") ||
		!strings.Contains(r.stdout, `name-part "Pöllö"`) || !strings.Contains(r.stdout, `name-part "MedSense"`) {
		t.Errorf("check without terms: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// checkNamesLeft runs --check after a replacement that names a term
// again: it fails and says where; bad command lines fail clearly.
func checkNamesLeft(t *testing.T, data string) {
	t.Helper()
	withStore(t, data, "Failure study", func(s *store.Store, pid string) {
		terms := append([]coding.TermReplacement{}, sampleTerms...)
		terms[5] = coding.TermReplacement{Term: "Tampere", Replacement: "Tampere region"}
		if _, err := s.SetAnonymisation(context.Background(), pid, &coding.Anonymisation{Terms: terms}); err != nil {
			t.Fatal(err)
		}
	})
	r := run(t, "export", "--data", data, "--project", "Failure study", "--anonymise", "--check", "--format", "quotes-docx")
	if r.code != 1 || !strings.Contains(r.stdout, `term "Tampere"`) || !strings.Contains(r.stdout, "in word/document.xml") ||
		!strings.Contains(r.stderr, "known names are left in the anonymised export") || strings.Contains(r.stdout, `name-part "Kohtamäki"`) {
		t.Errorf("check with a replacement that names a term: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{
		{"--check", "--format", "quotes-md"},
		{"--anonymise", "--check", "--format", "no-such"},
	} {
		r := run(t, append([]string{"export", "--data", data, "--project", "Failure study"}, args...)...)
		if r.code != 1 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want a clear failure", args, r.code, r.stderr)
		}
	}
}

// TestExportAnonymisedInformantStudy exports the fixed study of three
// cases and five informants (one speaking in two documents) in every
// format with --anonymise: no case name, informant name, listed term or
// user name (the coder is "anna") is left, and quotes are attributed to
// the informants' IDs.
func TestExportAnonymisedInformantStudy(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	d, err := datadir.Open(ctx, data, datadir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	study := codingtest.NewInformantStudy(t, d.Store, "Informant study")
	if _, err := d.Store.SetAnonymisation(ctx, study.Project.ID, &coding.Anonymisation{
		Terms: []coding.TermReplacement{{Term: "Hannover", Replacement: "[city]"}, {Term: "Norway", Replacement: "[country]"}},
	}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	names := []string{"Nordic Sensors AB", "Nordic Sensors", "Baltic Foods Oy", "Baltic Foods", "Luleå Metall AB", "Luleå Metall",
		"Anna", "Bo", "Carla", "Dmitri", "Eva", "Hannover", "Norway"}
	dir := exportAllAnonymised(t, data, "Informant study", names)
	table, err := os.ReadFile(filepath.Join(dir, "supporting-md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| I-01 | CEO | Firm A |", "in \\[city\\]", "| I-05 | Export manager | Firm C |"} {
		if !strings.Contains(string(table), want) {
			t.Errorf("the anonymised supporting-data table lacks %q:\n%s", want, table)
		}
	}
}
