package export

import (
	"bytes"

	"tessera/coding"
	"tessera/coding/anonymise"
)

// CheckResult is what checking one anonymised export format found.
type CheckResult struct {
	Format string `json:"format"`
	// Scanned is false for images and PDFs (the PNG and PDF figures):
	// they are drawn from the same anonymised labels as the SVG figure.
	Scanned  bool                `json:"scanned"`
	Findings []anonymise.Finding `json:"findings"`
}

// CheckAnonymised renders each named format (every format when formats
// is empty) with opt and the anonymise option, and scans the result for
// the names the project's profile replaces and their parts (see
// anonymise.Checker): a name found was left in the file, a part found
// may be one. EINVALID for an unknown format.
func CheckAnonymised(snap *coding.Snapshot, formats []string, opt Options) ([]CheckResult, error) {
	if len(formats) == 0 {
		for _, f := range Formats() {
			formats = append(formats, f.Name)
		}
	}
	checker := anonymise.NewChecker(anonymise.Rules(snap))
	opt.Anonymise = true
	out := make([]CheckResult, 0, len(formats))
	for _, name := range formats {
		var buf bytes.Buffer
		if err := Export(&buf, snap, name, opt); err != nil {
			return nil, err
		}
		findings, scanned, err := checker.Scan(buf.Bytes())
		if err != nil {
			return nil, err
		}
		if findings == nil {
			findings = []anonymise.Finding{}
		}
		out = append(out, CheckResult{Format: name, Scanned: scanned, Findings: findings})
	}
	return out, nil
}
