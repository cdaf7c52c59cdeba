package refi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tessera/coding"
)

// bareQDE is a project.qde as ATLAS.ti or MAXQDA users send it alone: one
// source with its text inline, one whose text is in a file that is not
// there, and a note.
const bareQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Bare study" origin="ATLAS.ti 8">
  <Users><User guid="0a000000-0000-4000-8000-000000000001" name="Ana"/></Users>
  <CodeBook><Codes>
    <Code guid="c0de0000-0000-4000-8000-000000000001" name="Learning" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="50000000-0000-4000-8000-000000000001" name="Inline interview">
      <PlainTextContent>Founder: We learned from the trade fair.
Interviewer: Anything else?
Founder: Clients taught us most.</PlainTextContent>
      <PlainTextSelection guid="5e1ec700-0000-4000-8000-000000000001" startPosition="9" endPosition="39" creatingUser="0a000000-0000-4000-8000-000000000001" creationDateTime="2019-06-07T03:36:36Z">
        <Coding guid="c0d17000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="50000000-0000-4000-8000-000000000002" name="Interview in a file" plainTextPath="internal://50000000-0000-4000-8000-000000000002.txt">
      <PlainTextSelection guid="5e1ec700-0000-4000-8000-000000000002" name="Lost passage" startPosition="0" endPosition="12">
        <Coding guid="c0d17000-0000-4000-8000-000000000002"><CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes><Note guid="a0000000-0000-4000-8000-000000000001" name="Plan"><PlainTextContent>Read again.</PlainTextContent></Note></Notes>
</Project>
`

func TestImportBareQDE(t *testing.T) {
	st := mustOpenStore(t)
	proj, rep := importBytes(t, st, "", []byte(bareQDE))
	if proj.Name != "Bare study" || rep.Documents != 1 || rep.Quotes != 1 || rep.Memos != 1 {
		t.Errorf("got project %q with %d documents, %d quotes, %d memos; want Bare study, 1, 1, 1", proj.Name, rep.Documents, rep.Quotes, rep.Memos)
	}
	snap, err := st.Snapshot(context.Background(), proj.ID, true)
	must(t, err)
	if got := coding.Slice(snap.Documents[0].Text, snap.Quotes[0].Start, snap.Quotes[0].End); got != "We learned from the trade fair" {
		t.Errorf("quote: got %q, want %q", got, "We learned from the trade fair")
	}
	// The selection's date is kept.
	if got, want := snap.Quotes[0].CreatedAt, time.Date(2019, 6, 7, 3, 36, 36, 0, time.UTC); !got.Equal(want) {
		t.Errorf("quote created: got %v, want %v", got, want)
	}
	var source, selection bool
	for _, s := range rep.Skipped {
		switch {
		case s.Element == "TextSource" && s.Name == "Interview in a file":
			source = strings.Contains(s.Reason, "bare project.qde carries only inline text")
		case s.Element == "PlainTextSelection" && s.Name == "Lost passage":
			selection = strings.Contains(s.Reason, `"Interview in a file" was not imported`)
		}
	}
	if !source || !selection {
		t.Errorf("skipped: got %+v, want the source without its text and its selection, with reasons", rep.Skipped)
	}
}
