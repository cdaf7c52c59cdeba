package export_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tessera/coding"
	"tessera/coding/export"
)

// memoStudy is the study project with memos on the project, a case, a
// document, two codes and a quote, by two authors on two days.
func memoStudy(tb testing.TB) *coding.Snapshot {
	snap := study(tb)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	var delayed, spot *coding.Code
	for _, c := range snap.Codes {
		switch c.Name {
		case "Delayed failure recognition":
			delayed = c
		case "Founders spot the problem only when a client escalates":
			spot = c
		}
	}
	add := func(id, kind, target, title, body, author string, d int) {
		snap.Memos = append(snap.Memos, &coding.Memo{ID: id, ProjectID: "P1", TargetType: kind, TargetID: target,
			Title: title, Body: body, Author: author, CreatedAt: day(d), UpdatedAt: day(d)})
	}
	add("MA", coding.MemoProject, "P1", "Plan", "First pass: **open coding** of all *twelve* interviews.", "anna", 1)
	add("MB", coding.MemoCase, snap.Cases[0].ID, "", "Largest firm.", "mikko", 2)
	add("MC", coding.MemoDocument, snap.Documents[0].ID, "Transcript quality", "- noisy start\n- good later", "anna", 2)
	add("MD", coding.MemoCode, delayed.ID, "Scope", "> Late is relative.\n\nCompare with [Gioia](https://example.org/gioia).", "anna", 3)
	add("ME", coding.MemoCode, spot.ID, "Merge?", "Could merge with `monthly`.", "mikko", 4)
	return snap
}

var memoGoldenCases = []struct {
	file   string
	format string
	opt    export.Options
}{
	{"memos.md", "memos-md", export.Options{}},
	{"memos.html", "memos-html", export.Options{}},
	{"memos.docx", "memos-docx", export.Options{}},
	{"memos.tex", "memos-tex", export.Options{}},
	{"memos-filtered.md", "memos-md", export.Options{Memos: export.MemoFilter{Code: "Failure recognition > Delayed failure recognition", From: "2026-03-02"}}},
}

// TestMemosGolden exports the memos in every format and compares them
// with the golden files.
func TestMemosGolden(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range memoGoldenCases {
		covered[tc.format] = true
		t.Run(tc.file, func(t *testing.T) {
			got, name := mustExport(t, memoStudy(t), tc.format, tc.opt), tc.file
			if strings.HasSuffix(name, ".docx") {
				got, name = zipText(t, got), name+".txt"
			}
			compareGolden(t, name, got)
		})
	}
	for _, f := range export.Formats() {
		if strings.HasPrefix(f.Name, "memos-") && !covered[f.Name] {
			t.Errorf("format %s has no golden test", f.Name)
		}
	}
}

// TestMemosFilter checks which memos each filter keeps and that a filter
// naming nothing, or keeping nothing, says why.
func TestMemosFilter(t *testing.T) {
	snap := memoStudy(t)
	for _, tt := range []struct {
		name   string
		filter export.MemoFilter
		want   []string // memo titles in the Markdown, in order
		errMsg string
	}{
		{"all", export.MemoFilter{}, []string{"Plan", "Memo", "Transcript quality", "Scope", "Merge?", "Follow-up"}, ""},
		{"author", export.MemoFilter{Author: "MIKKO"}, []string{"Memo", "Merge?"}, ""},
		{"code and below, with quotes", export.MemoFilter{Code: "delayed failure recognition"}, []string{"Scope", "Merge?"}, ""},
		{"code of a quote memo", export.MemoFilter{Code: "Open failure talk"}, []string{"Follow-up"}, ""},
		{"dates", export.MemoFilter{From: "2026-03-02", To: "2026-03-03"}, []string{"Memo", "Transcript quality", "Scope"}, ""},
		{"unknown author", export.MemoFilter{Author: "carla"}, nil, `no memo is by "carla"`},
		{"unknown code", export.MemoFilter{Code: "Nope"}, nil, `no code "Nope"`},
		{"bad date", export.MemoFilter{From: "March"}, nil, `date "March" is not YYYY-MM-DD`},
		{"nothing left", export.MemoFilter{Author: "mikko", From: "2026-03-05"}, nil, "no memo matches the filter (author mikko, from 2026-03-05)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf strings.Builder
			err := export.Export(&buf, snap, "memos-md", export.Options{Memos: tt.filter})
			if tt.errMsg != "" {
				if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), tt.errMsg) {
					t.Fatalf("got %v, want an invalid error with %q", err, tt.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, line := range strings.Split(buf.String(), "\n") {
				if title, ok := strings.CutPrefix(line, "#### "); ok {
					got = append(got, title)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got memos %q, want %q", got, tt.want)
			}
		})
	}
}

// TestMemosInPdfLaTeXAndLibreOffice makes a PDF of the memos with
// pdfLaTeX and with LibreOffice and finds every memo's title and text in
// order.
func TestMemosInPdfLaTeXAndLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs pdfLaTeX and LibreOffice")
	}
	pdflatex := needTool(t, "texlive-latex-extra", "pdflatex")
	office := needTool(t, "libreoffice-writer-nogui", "libreoffice", "soffice")
	pdftotext := needTool(t, "poppler-utils", "pdftotext")
	snap := memoStudy(t)
	want := []string{"Memos: Learning from failure", "Project", "Plan", "First pass: open coding of all twelve interviews",
		"Cases", "Largest firm", "Documents", "Transcript quality", "noisy start", "good later",
		"Codes", "Failure recognition", "Delayed failure recognition", "Scope", "Late is relative", "Compare with Gioia",
		"Merge", "Could merge with monthly", "Quotes", "We hold stand-up meetings", "Follow-up", "Ask about pipes in the next round"}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "memos.tex"), mustExport(t, snap, "memos-tex", export.Options{}))
	pdfLaTeX(t, pdflatex, dir, "memos")
	officeDir := filepath.Join(dir, "office")
	if err := os.MkdirAll(officeDir, 0o755); err != nil {
		t.Fatal(err)
	}
	officePDFs(t, office, officeDir, writeFile(t, filepath.Join(officeDir, "memos.docx"), mustExport(t, snap, "memos-docx", export.Options{})))
	for _, pdf := range []string{filepath.Join(dir, "memos.pdf"), filepath.Join(officeDir, "memos.pdf")} {
		checkInOrder(t, pdfText(t, pdftotext, pdf), want)
	}
}
