package refi

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzPlan feeds arbitrary project.qde content through parsing and
// planning, with the fixture's sources beside it: no input may panic.
func FuzzPlan(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "othertool", "project.qde"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`<Project name="x"><CodeBook><Codes><Code guid="a" name=""><Code><Code><Code/></Code></Code></Code></Codes></CodeBook></Project>`))
	f.Add([]byte(`<Project name="x"><Sources><TextSource guid="1"><PlainTextContent>ab</PlainTextContent><PlainTextSelection startPosition="-5" endPosition="99999999999999999999"/></TextSource></Sources></Project>`))
	sources, _ := filepath.Glob(filepath.Join("testdata", "othertool", "sources", "*"))
	f.Fuzz(func(t *testing.T, qde []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create(projectFile)
		w.Write(qde)
		for _, s := range sources {
			b, _ := os.ReadFile(s)
			w, _ := zw.Create(sourcesDir + filepath.Base(s))
			w.Write(b)
		}
		zw.Close()
		arc, err := openArchive(bytes.NewReader(buf.Bytes()), int64(buf.Len()), ImportOptions{}.withDefaults())
		if err != nil {
			t.Fatal(err)
		}
		xp, err := decodeProject(qde)
		if err != nil {
			return
		}
		p := newPlanner(arc, xp)
		if err := p.plan(); err != nil {
			return
		}
		for _, d := range p.docs {
			for _, q := range d.quotes {
				if q.q.Start < 0 || q.q.End <= q.q.Start || q.q.End > len([]rune(d.doc.Text)) {
					t.Fatalf("quote [%d,%d) outside %q", q.q.Start, q.q.End, d.doc.Title)
				}
			}
		}
	})
}
