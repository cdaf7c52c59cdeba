package agreement_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/agreement"
)

func quote(doc, coder string, start, end int, codes ...string) *coding.Quote {
	return &coding.Quote{DocumentID: doc, Coder: coder, Start: start, End: end, CodeIDs: codes}
}

func mustCompute(t *testing.T, in agreement.Input) *agreement.Report {
	t.Helper()
	rep, err := agreement.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func show(v *float64) string {
	if v == nil {
		return "nil"
	}
	b, _ := json.Marshal(*v)
	return string(b)
}

// TestPerfectAgreement checks that identical coding gives kappa 1 and
// alpha 1 at both levels, over documents with non-ASCII text.
func TestPerfectAgreement(t *testing.T) {
	text, _ := coding.NormalizeText("Luleå 👍 Kohtamäki\r\nsa\u030ager: \"vi litar på er\".")
	n := coding.RuneLen(text)
	var quotes []*coding.Quote
	for _, coder := range []string{"aino", "bjorn"} {
		quotes = append(quotes,
			quote("d1", coder, 0, 5, "place"),
			quote("d1", coder, 18, n-1, "trust", "place"),
			quote("d2", coder, 3, 9, "trust"))
	}
	rep := mustCompute(t, agreement.Input{Documents: map[string]int{"d1": n, "d2": 12}, Coders: []string{"aino", "bjorn"}, Quotes: quotes})
	for name, lv := range map[string]agreement.Level{"character": rep.Character, "segment": rep.Segment} {
		for _, ca := range append(lv.PerCode, lv.Pooled) {
			if show(ca.Kappa) != "1" || show(ca.Alpha) != "1" || show(ca.PercentAgreement) != "100" {
				t.Errorf("%s %q: got kappa %s, alpha %s, agreement %s; want 1, 1, 100",
					name, ca.CodeID, show(ca.Kappa), show(ca.Alpha), show(ca.PercentAgreement))
			}
		}
	}
}

// TestSystematicDisagreement checks that coders who never code the same
// passage get negative kappa and alpha at both levels.
func TestSystematicDisagreement(t *testing.T) {
	rep := mustCompute(t, agreement.Input{
		Documents: map[string]int{"d": 100},
		Coders:    []string{"aino", "bjorn"},
		Quotes: []*coding.Quote{
			quote("d", "aino", 0, 20, "x"), quote("d", "bjorn", 20, 40, "x"),
			quote("d", "aino", 50, 60, "x"), quote("d", "bjorn", 70, 90, "x"),
		},
	})
	for name, ca := range map[string]agreement.CodeAgreement{"character": rep.Character.Pooled, "segment": rep.Segment.Pooled} {
		if ca.Kappa == nil || *ca.Kappa >= 0 || ca.Alpha == nil || *ca.Alpha >= 0 {
			t.Errorf("%s: got kappa %s, alpha %s; want both negative", name, show(ca.Kappa), show(ca.Alpha))
		}
	}
	if got := show(rep.Segment.Pooled.PercentAgreement); got != "0" {
		t.Errorf("segment agreement: got %s, want 0", got)
	}
}

// TestUndefinedCoefficients checks the cases where a figure has no value:
// it is nil and the report still encodes as JSON.
func TestUndefinedCoefficients(t *testing.T) {
	type figures struct {
		Units                 int
		Percent, Kappa, Alpha *float64
	}
	whole := []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "b", 0, 10, "x")}
	tests := []struct {
		name  string
		in    agreement.Input
		level func(*agreement.Report) agreement.CodeAgreement
		want  figures
	}{{
		name:  "both coders code the whole document",
		in:    agreement.Input{Documents: map[string]int{"d": 10}, Coders: []string{"a", "b"}, Quotes: whole},
		level: func(r *agreement.Report) agreement.CodeAgreement { return r.Character.PerCode[0] },
		want:  figures{Units: 10, Percent: ptr(100)},
	}, {
		name:  "one matched segment covering the document",
		in:    agreement.Input{Documents: map[string]int{"d": 10}, Coders: []string{"a", "b"}, Quotes: whole},
		level: func(r *agreement.Report) agreement.CodeAgreement { return r.Segment.PerCode[0] },
		want:  figures{Units: 1, Percent: ptr(100)},
	}, {
		name: "a listed code nobody used",
		in: agreement.Input{Documents: map[string]int{"d": 10}, Coders: []string{"a", "b"}, Codes: []string{"never"},
			Quotes: []*coding.Quote{quote("d", "a", 0, 5, "x")}},
		level: func(r *agreement.Report) agreement.CodeAgreement { return r.Character.Pooled },
		want:  figures{},
	}, {
		// n = 30, n1 = 5, n0 = 25, D = 1·2·5 = 10: alpha = 1 − 29·10/(2·25·5) = −0.16.
		name: "kappa is for two coders only",
		in: agreement.Input{Documents: map[string]int{"d": 10}, Coders: []string{"a", "b", "c"},
			Quotes: []*coding.Quote{quote("d", "a", 0, 5, "x")}},
		level: func(r *agreement.Report) agreement.CodeAgreement { return r.Character.PerCode[0] },
		want:  figures{Units: 10, Percent: ptr(50), Alpha: ptr(-0.16)},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := mustCompute(t, tt.in)
			ca := tt.level(rep)
			got := figures{ca.Units, ca.PercentAgreement, ca.Kappa, ca.Alpha}
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("figures mismatch (-want +got):\n%s", diff)
			}
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatalf("encoding the report: %v", err)
			}
			if tt.want.Kappa == nil && !strings.Contains(string(b), `"kappa":null`) {
				t.Errorf("got JSON %s, want a null kappa", b)
			}
		})
	}
}

// TestUnusedCodeLeavesPoolAlone checks that listing a code nobody used
// changes neither the pooled counts nor the pooled coefficients.
func TestUnusedCodeLeavesPoolAlone(t *testing.T) {
	in := agreement.Input{Documents: map[string]int{"d": 30}, Coders: []string{"a", "b"},
		Quotes: []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "b", 2, 10, "x")}}
	base := mustCompute(t, in)
	in.Codes = []string{"x", "never"}
	with := mustCompute(t, in)
	if got := with.Character.PerCode[1]; got.Units != 0 || got.CodeID != "never" {
		t.Errorf("unused code: got %d units for %q, want 0 for \"never\"", got.Units, got.CodeID)
	}
	for name, pair := range map[string][2]agreement.CodeAgreement{
		"character": {base.Character.Pooled, with.Character.Pooled},
		"segment":   {base.Segment.Pooled, with.Segment.Pooled},
	} {
		a, b := pair[0], pair[1]
		if a.Units != b.Units || show(a.Kappa) != show(b.Kappa) || show(a.Alpha) != show(b.Alpha) {
			t.Errorf("%s pooled: got units %d kappa %s alpha %s, want %d %s %s",
				name, b.Units, show(b.Kappa), show(b.Alpha), a.Units, show(a.Kappa), show(a.Alpha))
		}
	}
}

// TestCodesDefaultToUsedCodes checks that without a code list every code
// used by a compared coder on a compared document is reported, by ID.
func TestCodesDefaultToUsedCodes(t *testing.T) {
	rep := mustCompute(t, agreement.Input{Documents: map[string]int{"d": 30}, Coders: []string{"a", "b"},
		Quotes: []*coding.Quote{
			quote("d", "b", 0, 10, "zeta", "alpha"), quote("d", "a", 5, 9, "mid"),
			quote("d", "c", 0, 10, "by-other-coder"), quote("e", "a", 0, 10, "on-other-doc"),
		}})
	var got []string
	for _, ca := range rep.Segment.PerCode {
		got = append(got, ca.CodeID)
	}
	if want := "alpha mid zeta"; strings.Join(got, " ") != want {
		t.Errorf("got codes %q, want %q", strings.Join(got, " "), want)
	}
}
