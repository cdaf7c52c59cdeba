package importer_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestODT(t *testing.T) {
	body := `
      <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
      <text:tracked-changes>
        <text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>A</dc:creator></office:change-info><text:p>deleted words</text:p></text:deletion></text:changed-region>
      </text:tracked-changes>
      <text:h text:outline-level="1">Interview with   Pöllö Robotics</text:h>
      <text:p>I: How did it
          start?<office:annotation><dc:creator>Coder</dc:creator><text:p>a comment</text:p></office:annotation></text:p>
      <text:p>R: With one bakery in <text:span>Örebro</text:span>.<text:change text:change-id="ct1"/><text:line-break/>Then two.</text:p>
      <text:p>I:<text:s/>Tabs<text:tab/>and<text:s text:c="3"/>spaces?</text:p>
      <text:list><text:list-item><text:p>R: Sweden 👍<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>a footnote</text:p></text:note-body></text:note></text:p></text:list-item></text:list>
      <table:table table:name="Markets">
        <table:table-column/>
        <table:table-row><table:table-cell><text:p>2017</text:p></table:table-cell><table:table-cell><text:p>Sweden</text:p><text:p>(first)</text:p></table:table-cell></table:table-row>
        <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>merged</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
      </table:table>
      <text:p/>`
	p := mustParse(t, "interview.odt", makeODT(t, body))
	want := "Interview with Pöllö Robotics\n" +
		"I: How did it start?\n" +
		"R: With one bakery in Örebro.\nThen two.\n" +
		"I: Tabs\tand   spaces?\n" +
		"R: Sweden 👍\n" +
		"2017\tSweden (first)\n" +
		"merged\n"
	if p.Text != want {
		t.Errorf("got\n%q\nwant\n%q", p.Text, want)
	}
	wantTurns := []string{
		"I|How did it start?",
		"R|With one bakery in Örebro.\nThen two.",
		"I|Tabs\tand   spaces?",
		"R|Sweden 👍\n2017\tSweden (first)\nmerged",
	}
	if diff := cmp.Diff(wantTurns, turnText(p.Text, p.Turns)); diff != "" {
		t.Errorf("turns (-want +got):\n%s", diff)
	}
}
