package importer_test

import (
	"context"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/codingtest"
	"tessera/coding/importer"
)

func TestReadInformantSheetErrors(t *testing.T) {
	for _, tt := range []struct{ sheet, want string }{
		{"", "the informant sheet is empty"},
		{"speaker,pseudonym\nAnna,Aino\n", `the column "case" is missing`},
		{"case,speaker,,x\nA,B,1,2\n", "column 3 has no name"},
		{"case,speaker\nNordic Sensors AB,\n", "row 2: the case or the speaker is missing"},
	} {
		_, err := importer.ReadInformantSheet([]byte(tt.sheet))
		if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), tt.want) {
			t.Errorf("sheet %q: got %v, want an invalid error with %q", tt.sheet, err, tt.want)
		}
	}
}

// TestApplyInformants describes the informants of the shared study from
// a sheet; a speaker no informant stands for is refused.
func TestApplyInformants(t *testing.T) {
	s := mustOpenStore(t)
	study := codingtest.NewInformantStudy(t, s, "Study")
	ctx := context.Background()
	rows, err := importer.ReadInformantSheet([]byte("Case;Speaker;ID;Pseudonym;Role;tenure\nnordic sensors ab;ANNA;P-1;Anja;Founder;12\n"))
	if err != nil {
		t.Fatal(err)
	}
	im := &importer.Importer{Store: s}
	if n, err := im.ApplyInformants(ctx, study.Project.ID, rows); err != nil || n != 1 {
		t.Fatalf("got %d, %v; want 1 informant", n, err)
	}
	got, err := s.FindInformant(ctx, study.Project.ID, study.Informants["I-01"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Label != "P-1" || got.Pseudonym != "Anja" || got.Role != "Founder" || got.Attribute("tenure").Value != 12.0 || got.Attribute("gender").String() != "female" {
		t.Errorf("got %+v, want P-1 Anja, Founder, tenure 12, gender kept", got)
	}
	rows[0].Speaker = "Zoe"
	if _, err := im.ApplyInformants(ctx, study.Project.ID, rows); coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), `no speaker "Zoe" of case "nordic sensors ab"`) {
		t.Errorf("unknown speaker: got %v", err)
	}
}
