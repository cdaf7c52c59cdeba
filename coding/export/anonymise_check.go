package export

import (
	"bytes"

	"tessera/coding"
	"tessera/coding/anonymise"
)

// CheckResult is what checking one anonymised export format found.
type CheckResult struct {
	Format string `json:"format"`
	// Scanned is false for formats that are images or PDF (the PNG and
	// PDF figures): they are drawn from the same anonymised labels as
	// the SVG figures.
	Scanned  bool                `json:"scanned"`
	Findings []anonymise.Finding `json:"findings"`
	// Error says why the format could not be exported, such as a model
	// figure of a project without models; nothing was checked.
	Error string `json:"error,omitempty"`
}

// CheckAnonymised renders each named format (every format when formats
// is empty) with opt and the anonymise option, and scans the result for
// the names the project's profile replaces and their parts (see
// anonymise.Checker): a name found was left in the file, a part found
// may be one. EINVALID for an unknown format, or options the one format
// named cannot take; when several are checked, a format the project
// cannot be exported in is reported in its result.
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
		if err := Export(&buf, snap, name, opt); coding.ErrorCode(err) == coding.EINVALID && len(formats) > 1 {
			// One format the project cannot give does not stop the rest.
			out = append(out, CheckResult{Format: name, Findings: []anonymise.Finding{}, Error: coding.ErrorMessage(err)})
			continue
		} else if err != nil {
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
