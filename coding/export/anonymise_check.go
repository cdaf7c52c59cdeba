package export

import (
	"bytes"
	"strings"

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
	// Model names the model a model format drew, when every format was
	// checked (each model is checked).
	Model string `json:"model,omitempty"`
}

// CheckAnonymised renders each named format (every format when formats
// is empty, the model formats once for each of the project's models)
// with opt and the anonymise option, and scans the result for
// the names the project's profile replaces and their parts (see
// anonymise.Checker): a name found was left in the file, a part found
// may be one. EINVALID for an unknown format, or options the one format
// named cannot take; when several are checked, a format the project
// cannot be exported in is reported in its result.
func CheckAnonymised(snap *coding.Snapshot, formats []string, opt Options) ([]CheckResult, error) {
	type run struct {
		name, model, label string
	}
	var runs []run
	if len(formats) == 0 {
		// Every format: the model formats once for each model.
		for _, f := range Formats() {
			if !strings.HasPrefix(f.Name, "model-") {
				runs = append(runs, run{name: f.Name})
				continue
			}
			for _, m := range snap.Models {
				runs = append(runs, run{name: f.Name, model: m.ID, label: m.Name})
			}
		}
	}
	for _, name := range formats {
		runs = append(runs, run{name: name, model: opt.Model})
	}
	checker := anonymise.NewChecker(anonymise.Rules(snap))
	opt.Anonymise = true
	out := make([]CheckResult, 0, len(runs))
	for _, r := range runs {
		var buf bytes.Buffer
		opt.Model = r.model
		if err := Export(&buf, snap, r.name, opt); coding.ErrorCode(err) == coding.EINVALID && len(runs) > 1 {
			// One format the project cannot give does not stop the rest.
			out = append(out, CheckResult{Format: r.name, Findings: []anonymise.Finding{}, Error: coding.ErrorMessage(err), Model: r.label})
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
		out = append(out, CheckResult{Format: r.name, Scanned: scanned, Findings: findings, Model: r.label})
	}
	return out, nil
}
