package export

import (
	"io"
	"math"
	"strings"

	"tessera/coding"
)

// modelMargin is the white space around a model's drawing.
const modelMargin = 20.0

// Media types of the diagram formats.
const (
	mediaPPTX   = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	mediaDrawio = "application/vnd.jgraph.mxfile"
)

// modelExporters are the formats of a model canvas.
var modelExporters = []exporter{
	{Format{"model-svg", mediaSVG, ".svg", "Model canvas as SVG"}, modelPage(WriteDiagramSVG)},
	{Format{"model-png", mediaPNG, ".png", "Model canvas as PNG"}, modelPage(WriteDiagramPNG)},
	{Format{"model-pdf", mediaPDF, ".pdf", "Model canvas as PDF"}, modelPages(WriteDiagramPDF)},
	{Format{"model-pptx", mediaPPTX, ".pptx", "Model canvas as an editable PowerPoint slide (shapes and connectors)"}, modelPages(WriteDiagramPPTX)},
	{Format{"model-drawio", mediaDrawio, ".drawio", "Model canvas as a draw.io diagram"}, modelPages(WriteDiagramDrawio)},
}

func init() { exporters = append(exporters, modelExporters...) }

// modelPage makes an exporter from a one-page diagram writer.
func modelPage(write func(io.Writer, *Diagram) error) func(io.Writer, *coding.Snapshot, Options) error {
	return func(w io.Writer, snap *coding.Snapshot, opt Options) error {
		m, err := chooseModel(snap, opt.Model)
		if err != nil {
			return err
		}
		return write(w, ModelDiagram(m))
	}
}

// modelPages makes an exporter from a writer of pages.
func modelPages(write func(io.Writer, []*Diagram) error) func(io.Writer, *coding.Snapshot, Options) error {
	return modelPage(func(w io.Writer, d *Diagram) error { return write(w, []*Diagram{d}) })
}

// chooseModel returns the model of snap named (or with the ID) name; with
// no name, the project's only model. EINVALID otherwise.
func chooseModel(snap *coding.Snapshot, name string) (*coding.Model, error) {
	name = strings.TrimSpace(name)
	names := make([]string, len(snap.Models))
	for i, m := range snap.Models {
		if name != "" && (m.ID == name || strings.EqualFold(m.Name, name)) {
			return m, nil
		}
		names[i] = m.Name
	}
	switch {
	case len(snap.Models) == 0:
		return nil, coding.Errorf(coding.EINVALID, "the project has no model to export; draw one on the Models screen")
	case name == "" && len(snap.Models) == 1:
		return snap.Models[0], nil
	case name == "":
		return nil, coding.Errorf(coding.EINVALID, "the project has %d models; name one (known: %s)", len(names), strings.Join(names, ", "))
	}
	return nil, coding.Errorf(coding.EINVALID, "no model named %q (known: %s)", name, strings.Join(names, ", "))
}

// ModelDiagram lays a model out as a diagram page: its items where the
// researcher put them, moved so that the drawing starts at the margin.
// Boxes show their labelled text (see Model.LabelBoxes), shaded by the
// level of their code; a box whose code was deleted is dashed and says
// so. Arrows become connectors: dashed, with a head at both ends
// (bidirectional) or curved (feedback).
func ModelDiagram(m *coding.Model) *Diagram {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	grow := func(x, y, w, h float64) {
		minX, minY = min(minX, x), min(minY, y)
		maxX, maxY = max(maxX, x+w), max(maxY, y+h)
	}
	for _, f := range m.Frames {
		grow(f.X, f.Y, f.W, f.H)
	}
	for _, b := range m.Boxes {
		grow(b.X, b.Y, b.W, b.H)
	}
	if math.IsInf(minX, 1) {
		minX, minY, maxX, maxY = 0, 0, 200, 100
	}
	dx, dy := modelMargin-minX, modelMargin-minY
	d := &Diagram{Title: m.Name, W: maxX - minX + 2*modelMargin, H: maxY - minY + 2*modelMargin}
	for _, f := range m.Frames {
		d.Frames = append(d.Frames, DiagramShape{ID: f.ID, X: f.X + dx, Y: f.Y + dy, W: f.W, H: f.H, Text: f.Label, Stroke: "#6b7280", Dashed: true, Fill: "#f9fafb"})
	}
	for _, b := range m.Boxes {
		s := DiagramShape{ID: b.ID, X: b.X + dx, Y: b.Y + dy, W: b.W, H: b.H, Text: orDefault(b.Label, b.Text), Rounded: true}
		switch {
		case b.Missing:
			s.Text += " (code deleted)"
			s.Dashed, s.Stroke = true, "#b91c1c"
		case b.Level != "":
			fill, weight := boxStyle(b.Level)
			s.Fill, s.Bold = fill, weight != ""
		default:
			s.Fill = "#fffbea"
		}
		d.Boxes = append(d.Boxes, s)
	}
	for _, a := range m.Arrows {
		c := DiagramConnector{ID: a.ID, From: a.From, To: a.To, Label: a.Label, EndArrow: true}
		switch a.Style {
		case coding.ArrowDashed:
			c.Dashed = true
		case coding.ArrowBidirectional:
			c.StartArrow = true
		case coding.ArrowFeedback:
			c.Route = RouteCurved
		}
		d.Connectors = append(d.Connectors, c)
	}
	return d
}
