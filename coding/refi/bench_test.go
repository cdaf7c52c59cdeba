package refi_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/refi"
	"tessera/coding/store"
)

// benchProject writes a .qdpx of sources texts coded with codings in
// all, spread evenly: a codebook of 3 dimensions x 5 themes x 8 concepts,
// two coders, each source about 12,000 characters.
func benchProject(tb testing.TB, sources, codings int) []byte {
	tb.Helper()
	var codes strings.Builder
	var concepts []string
	for d := 0; d < 3; d++ {
		fmt.Fprintf(&codes, `<Code guid="d0000000-0000-4000-8000-%012d" name="Dimension %d" isCodable="false">`, d, d)
		for th := 0; th < 5; th++ {
			fmt.Fprintf(&codes, `<Code guid="e0000000-0000-4000-8000-%012d" name="Theme %d.%d" isCodable="true">`, d*10+th, d, th)
			for c := 0; c < 8; c++ {
				g := fmt.Sprintf("c0000000-0000-4000-8000-%012d", d*100+th*10+c)
				concepts = append(concepts, g)
				fmt.Fprintf(&codes, `<Code guid="%s" name="Concept %d.%d.%d" isCodable="true"/>`, g, d, th, c)
			}
			codes.WriteString("</Code>")
		}
		codes.WriteString("</Code>\n")
	}
	line := "Interviewer: What happened after the first export failed?\nFounder: We learned from peers at the trade fair and changed our routines. "
	text := strings.Repeat(line, 12000/len(line))
	n := coding.RuneLen(text)
	per := codings / sources
	files := map[string][]byte{}
	var src strings.Builder
	k := 0
	for s := 0; s < sources; s++ {
		guid := fmt.Sprintf("50000000-0000-4000-8000-%012d", s)
		files["sources/"+guid+".txt"] = []byte(text)
		fmt.Fprintf(&src, `<TextSource guid="%s" name="Interview %d" plainTextPath="internal://%s.txt">`, guid, s, guid)
		for i := 0; i < per; i++ {
			start := (i * 97) % (n - 80)
			fmt.Fprintf(&src, `<PlainTextSelection guid="5e1ec700-0000-4000-8000-%012d" startPosition="%d" endPosition="%d" creatingUser="0a000000-0000-4000-8000-00000000000%d" creationDateTime="2024-03-01T10:00:00Z"><Coding guid="c0d17000-0000-4000-8000-%012d" creatingUser="0a000000-0000-4000-8000-00000000000%d"><CodeRef targetGUID="%s"/></Coding></PlainTextSelection>`,
				k, start, start+60, k%2, k, k%2, concepts[k%len(concepts)])
			k++
		}
		src.WriteString("</TextSource>\n")
	}
	files["project.qde"] = []byte(`<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Benchmark" origin="NVivo 12">
<Users><User guid="0a000000-0000-4000-8000-000000000000" name="Ana"/><User guid="0a000000-0000-4000-8000-000000000001" name="Ben"/></Users>
<CodeBook><Codes>` + codes.String() + `</Codes></CodeBook>
<Sources>` + src.String() + `</Sources>
</Project>
`)
	return zipFiles(tb, files)
}

// BenchmarkImport200x20000 imports a project of 200 sources and 20,000
// codings into a new store. docs/performance.md gives the figures; the
// target is under 5 s and 300 MB peak RSS.
func BenchmarkImport200x20000(b *testing.B) {
	data := benchProject(b, 200, 20000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(b.TempDir()+"/tessera.db", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		_, rep, err := refi.Import(context.Background(), st, "", bytes.NewReader(data), int64(len(data)), refi.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Quotes != 20000 {
			b.Fatalf("got %d quotes, want 20000", rep.Quotes)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
