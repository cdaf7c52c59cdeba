package coding

import (
	"context"
	"math"
	"strings"
	"time"
)

// Arrow styles of a model.
const (
	ArrowSolid         = "solid"
	ArrowDashed        = "dashed"
	ArrowBidirectional = "bidirectional"
	ArrowFeedback      = "feedback" // a curved arrow back to an earlier step
)

// Limits of a model, so that one model stays a drawing a person can read
// and one change stays small.
const (
	MaxModelItems = 2000    // boxes, frames or arrows, each
	MaxModelCoord = 100_000 // positions and sizes, in pixels
	maxModelLabel = 2000    // characters of a box, frame or arrow label
)

// Model is a grounded-theory model drawn on a canvas: boxes that stand for
// codes (dimensions, themes, concepts) or hold free text, frames that
// group boxes into phases, and arrows between boxes and frames.
// Coordinates are CSS pixels from the canvas's top left corner.
type Model struct {
	ID        string       `json:"id"`
	ProjectID string       `json:"project_id"`
	Name      string       `json:"name"`
	Boxes     []ModelBox   `json:"boxes"`
	Frames    []ModelFrame `json:"frames"`
	Arrows    []ModelArrow `json:"arrows"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
	// Version counts the model's states (see Memo.Version).
	Version int `json:"version"`
}

// ModelBox is a box of a model. A box bound to a code (CodeID) shows the
// code's current name; Text then keeps the name it had when the box was
// last saved, shown when the code is deleted. A free box shows Text.
type ModelBox struct {
	ID     string `json:"id"`
	CodeID string `json:"code_id,omitempty"`
	Text   string `json:"text"`
	// FrameID is the frame the box belongs to, if any: moving the frame
	// moves the box.
	FrameID string  `json:"frame_id,omitempty"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	W       float64 `json:"w"`
	H       float64 `json:"h"`
	// Label, Level and Missing are filled in when the model is read, from
	// the codebook as it stands: the text to show, the bound code's level,
	// and whether the bound code no longer exists. They are not stored.
	Label   string `json:"label,omitempty"`
	Level   Level  `json:"level,omitempty"`
	Missing bool   `json:"missing,omitempty"`
}

// ModelFrame is a labelled frame grouping boxes, such as a phase.
type ModelFrame struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	W     float64 `json:"w"`
	H     float64 `json:"h"`
}

// ModelArrow joins two boxes or frames (From and To are their IDs).
type ModelArrow struct {
	ID    string `json:"id"`
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
	// Style is solid (the default), dashed, bidirectional or feedback.
	Style string `json:"style"`
}

// Validate checks the model's own fields and that its arrows and frame
// references join items of the model. Whether bound codes exist is the
// store's to check.
func (m *Model) Validate() error {
	m.Name = strings.TrimSpace(m.Name)
	if err := validName("model", m.Name); err != nil {
		return err
	}
	if m.Boxes == nil {
		m.Boxes = []ModelBox{}
	}
	if m.Frames == nil {
		m.Frames = []ModelFrame{}
	}
	if m.Arrows == nil {
		m.Arrows = []ModelArrow{}
	}
	for what, n := range map[string]int{"boxes": len(m.Boxes), "frames": len(m.Frames), "arrows": len(m.Arrows)} {
		if n > MaxModelItems {
			return Errorf(ETOOLARGE, "a model holds at most %d %s (got %d)", MaxModelItems, what, n)
		}
	}
	ids := map[string]string{} // item ID -> "box" or "frame"
	claim := func(kind, id string) error {
		if err := modelItemID(kind, id); err != nil {
			return err
		}
		if _, dup := ids[id]; dup {
			return Errorf(EINVALID, "model item id %q is used twice", id)
		}
		ids[id] = kind
		return nil
	}
	for i := range m.Frames {
		f := &m.Frames[i]
		if err := claim("frame", f.ID); err != nil {
			return err
		}
		if err := checkLabel("frame label", &f.Label); err != nil {
			return err
		}
		if err := checkRect("frame "+f.ID, f.X, f.Y, f.W, f.H); err != nil {
			return err
		}
	}
	for i := range m.Boxes {
		b := &m.Boxes[i]
		if err := claim("box", b.ID); err != nil {
			return err
		}
		b.CodeID = strings.TrimSpace(b.CodeID)
		if err := checkLabel("box text", &b.Text); err != nil {
			return err
		}
		if b.CodeID == "" && strings.TrimSpace(b.Text) == "" {
			return Errorf(EINVALID, "box %s needs a code_id or a text", b.ID)
		}
		if err := checkRect("box "+b.ID, b.X, b.Y, b.W, b.H); err != nil {
			return err
		}
		b.Label, b.Level, b.Missing = "", "", false
	}
	for i := range m.Boxes {
		if f := m.Boxes[i].FrameID; f != "" && ids[f] != "frame" {
			return Errorf(EINVALID, "box %s: frame_id %q is not a frame of this model", m.Boxes[i].ID, f)
		}
	}
	for i := range m.Arrows {
		a := &m.Arrows[i]
		if err := claim("arrow", a.ID); err != nil {
			return err
		}
		if err := checkLabel("arrow label", &a.Label); err != nil {
			return err
		}
		switch a.Style {
		case "":
			a.Style = ArrowSolid
		case ArrowSolid, ArrowDashed, ArrowBidirectional, ArrowFeedback:
		default:
			return Errorf(EINVALID, "arrow %s: style %q is not solid, dashed, bidirectional or feedback", a.ID, a.Style)
		}
		for _, end := range []string{a.From, a.To} {
			if k := ids[end]; k != "box" && k != "frame" {
				return Errorf(EINVALID, "arrow %s: %q is not a box or frame of this model", a.ID, end)
			}
		}
		if a.From == a.To {
			return Errorf(EINVALID, "arrow %s starts and ends at the same item", a.ID)
		}
	}
	return nil
}

// modelItemID checks the ID of a box, frame or arrow: the editor makes
// them, so they are short tokens.
func modelItemID(kind, id string) error {
	if id == "" || len(id) > 64 {
		return Errorf(EINVALID, "every %s needs an id of 1 to 64 characters", kind)
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return Errorf(EINVALID, "%s id %q may hold only letters, digits, - and _", kind, id)
		}
	}
	return nil
}

// checkLabel cleans a label that may run over several lines.
func checkLabel(what string, s *string) error {
	if RuneLen(*s) > maxModelLabel {
		return Errorf(EINVALID, "%s is longer than %d characters", what, maxModelLabel)
	}
	return CleanText(what, s)
}

// checkRect refuses positions and sizes that are not finite, sizes below
// one pixel and coordinates beyond MaxModelCoord.
func checkRect(what string, x, y, w, h float64) error {
	for _, v := range []float64{x, y, w, h} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > MaxModelCoord {
			return Errorf(EINVALID, "%s: position and size must be numbers within ±%d", what, MaxModelCoord)
		}
	}
	if w < 1 || h < 1 {
		return Errorf(EINVALID, "%s: width and height must be at least 1", what)
	}
	return nil
}

// LabelBoxes fills in each box's Label, Level and Missing from the
// codebook codes.
func (m *Model) LabelBoxes(codes []*Code) {
	byID := make(map[string]*Code, len(codes))
	for _, c := range codes {
		byID[c.ID] = c
	}
	for i := range m.Boxes {
		b := &m.Boxes[i]
		b.Label, b.Level, b.Missing = b.Text, "", false
		if b.CodeID == "" {
			continue
		}
		if c, ok := byID[b.CodeID]; ok {
			b.Label, b.Level = c.Name, c.Level
		} else {
			b.Missing = true
		}
	}
}

// ModelUpdate holds the parts of a model to change; nil fields stay.
// Boxes, frames and arrows are replaced as a whole.
type ModelUpdate struct {
	Name   *string       `json:"name"`
	Boxes  *[]ModelBox   `json:"boxes"`
	Frames *[]ModelFrame `json:"frames"`
	Arrows *[]ModelArrow `json:"arrows"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one.
	IfVersion int `json:"-"`
}

// ModelStore keeps a project's models.
type ModelStore interface {
	// CreateModel stores m, setting ID and times. ECONFLICT when the name
	// is taken, EUNPROCESSABLE when a box names a code that does not exist.
	CreateModel(ctx context.Context, m *Model) error
	// FindModel returns the model with its boxes labelled (ENOTFOUND when
	// missing).
	FindModel(ctx context.Context, projectID, id string) (*Model, error)
	// ListModels returns the project's models, oldest first, labelled.
	ListModels(ctx context.Context, projectID string) ([]*Model, error)
	// UpdateModel renames or redraws the model. ESTALE for an outdated
	// IfVersion; bound codes must exist unless the box was bound to the
	// same code before (a deleted code's box stays as it is).
	UpdateModel(ctx context.Context, projectID, id string, u ModelUpdate) (*Model, error)
	DeleteModel(ctx context.Context, projectID, id string) error
}
