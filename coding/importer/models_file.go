package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	"tessera/coding"
)

// ModelsFile holds models as the sample study ships them (models.json):
// boxes name their code rather than identify it.
type ModelsFile struct {
	Models []ModelSpec `json:"models"`
}

// ModelSpec is one model of a models file.
type ModelSpec struct {
	Name   string              `json:"name"`
	Frames []coding.ModelFrame `json:"frames"`
	Boxes  []ModelBoxSpec      `json:"boxes"`
	Arrows []coding.ModelArrow `json:"arrows"`
}

// ModelBoxSpec is a box bound to the code named Code, or a free box with
// Text.
type ModelBoxSpec struct {
	ID      string  `json:"id"`
	Code    string  `json:"code"`
	Text    string  `json:"text"`
	FrameID string  `json:"frame_id"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	W       float64 `json:"w"`
	H       float64 `json:"h"`
}

// ApplyModels stores the models of a models file in the project, binding
// each box to the code of its name (in any case), and returns how many it
// stored. It stops at the first model that fails, saying which.
func (im *Importer) ApplyModels(ctx context.Context, projectID string, data []byte) (int, error) {
	var mf ModelsFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&mf); err != nil {
		return 0, coding.Errorf(coding.EINVALID, "the models file is not valid: %v", err)
	}
	codes, err := im.Store.ListCodes(ctx, projectID)
	if err != nil {
		return 0, err
	}
	for i, spec := range mf.Models {
		m := &coding.Model{ProjectID: projectID, Name: spec.Name, Frames: spec.Frames, Arrows: spec.Arrows}
		for _, b := range spec.Boxes {
			box := coding.ModelBox{ID: b.ID, Text: b.Text, FrameID: b.FrameID, X: b.X, Y: b.Y, W: b.W, H: b.H}
			if b.Code != "" {
				c := codeNamed(codes, b.Code)
				if c == nil {
					return i, coding.Errorf(coding.EINVALID, "model %q, box %s: no code named %q", spec.Name, b.ID, b.Code)
				}
				box.CodeID = c.ID
			}
			m.Boxes = append(m.Boxes, box)
		}
		if err := im.Store.CreateModel(ctx, m); err != nil {
			return i, coding.Errorf(coding.ErrorCode(err), "model %q: %s", spec.Name, coding.ErrorMessage(err))
		}
	}
	return len(mf.Models), nil
}

// codeNamed returns the code called name (in any case), or nil.
func codeNamed(codes []*coding.Code, name string) *coding.Code {
	for _, c := range codes {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}
