package importer

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"tessera/coding"
)

// SampleReport tells what ImportSampleDir did.
type SampleReport struct {
	CasesCreated int           `json:"cases_created"`
	CasesUpdated int           `json:"cases_updated"`
	Batch        *BatchReport  `json:"batch"`
	Coding       *CodingReport `json:"coding,omitempty"`
	// Rounds counts the coding rounds closed from rounds.json.
	Rounds int `json:"rounds"`
	// Informants counts the informants informants.csv described.
	Informants int `json:"informants"`
	// Models counts the models stored from models.json.
	Models int `json:"models"`
}

// ImportSampleDir imports a study laid out like sample-transcripts/ into
// the project; see ImportSampleFS.
func (im *Importer) ImportSampleDir(ctx context.Context, projectID, dir string) (*SampleReport, error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, coding.Errorf(coding.EINVALID, "%s is not a readable folder", dir)
	}
	return im.ImportSampleFS(ctx, projectID, os.DirFS(dir))
}

// ImportSampleFS imports a whole study from fsys: the case sheet
// cases.csv (or cases.xlsx), the metadata sheet metadata.csv, every
// document in the case folders (one folder per case; files at the top
// level are not documents), whose speakers are linked to informants, the
// informant sheet informants.csv (see ReadInformantSheet), then the
// starter coding coding.json, the
// coding rounds of rounds.json (see ApplyRounds) and the models of
// models.json (see ApplyModels). Each part is
// optional. Files that fail to import are in the batch report.
func (im *Importer) ImportSampleFS(ctx context.Context, projectID string, fsys fs.FS) (*SampleReport, error) {
	rep := &SampleReport{}
	if err := im.applyCaseSheet(ctx, projectID, fsys, rep); err != nil {
		return rep, err
	}
	sub := *im
	if data, err := readOptional(fsys, "metadata.csv"); err != nil {
		return rep, err
	} else if data != nil {
		if sub.Metadata, err = ReadMetadata(data); err != nil {
			return rep, err
		}
	}
	all, err := CollectFS(fsys, true)
	if err != nil {
		return rep, coding.Errorf(coding.EINVALID, "cannot read the study: %v", err)
	}
	var files []File
	for _, f := range all {
		if !topLevel(f) {
			files = append(files, f)
		}
	}
	if rep.Batch, err = sub.Import(ctx, projectID, files); err != nil {
		return rep, err
	}
	if data, err := readOptional(fsys, "informants.csv"); err != nil {
		return rep, err
	} else if data != nil {
		rows, err := ReadInformantSheet(data)
		if err != nil {
			return rep, err
		}
		if rep.Informants, err = im.ApplyInformants(ctx, projectID, rows); err != nil {
			return rep, err
		}
	}
	data, err := readOptional(fsys, "coding.json")
	if err != nil || data == nil {
		return rep, err
	}
	docs := map[string]string{}
	for _, fr := range rep.Batch.Files {
		switch {
		case fr.OK:
			docs[fr.File] = fr.DocumentID
		case fr.Duplicate:
			docs[fr.File] = fr.DuplicateOf
		}
	}
	if rep.Coding, err = im.ApplyCoding(ctx, projectID, data, docs); err != nil {
		return rep, err
	}
	// The coding history: rounds replayed on the starter coding.
	if data, err = readOptional(fsys, "rounds.json"); err != nil {
		return rep, err
	} else if data != nil {
		closed, err := im.ApplyRounds(ctx, projectID, data)
		rep.Rounds = len(closed)
		if err != nil {
			return rep, err
		}
	}
	// Models drawn from the codebook as the rounds left it.
	if data, err = readOptional(fsys, "models.json"); err != nil || data == nil {
		return rep, err
	}
	rep.Models, err = im.ApplyModels(ctx, projectID, data)
	return rep, err
}

// applyCaseSheet applies cases.csv, or else cases.xlsx, when present.
func (im *Importer) applyCaseSheet(ctx context.Context, projectID string, fsys fs.FS, rep *SampleReport) error {
	for _, name := range []string{"cases.csv", "cases.xlsx"} {
		data, err := readOptional(fsys, name)
		if err != nil {
			return err
		}
		if data == nil {
			continue
		}
		cases, err := ReadCaseSheet(name, data)
		if err != nil {
			return err
		}
		rep.CasesCreated, rep.CasesUpdated, err = im.ApplyCases(ctx, projectID, cases)
		return err
	}
	return nil
}

// readOptional reads name from fsys, or returns nil when it is absent.
func readOptional(fsys fs.FS, name string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "cannot read %s: %v", name, err)
	}
	return data, nil
}
