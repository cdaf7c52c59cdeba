package export

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"tessera/coding"
)

// DrawioFile is a draw.io (diagrams.net) file: one diagram per page, each
// an uncompressed mxGraph model. WriteDiagramDrawio writes it; the same
// types read one back.
type DrawioFile struct {
	XMLName  xml.Name        `xml:"mxfile"`
	Host     string          `xml:"host,attr"`
	Diagrams []DrawioDiagram `xml:"diagram"`
}

// DrawioDiagram is one page of a draw.io file.
type DrawioDiagram struct {
	ID    string      `xml:"id,attr"`
	Name  string      `xml:"name,attr"`
	Model DrawioModel `xml:"mxGraphModel"`
}

// DrawioModel is an mxGraph model: its cells in drawing order.
type DrawioModel struct {
	PageWidth  string       `xml:"pageWidth,attr"`
	PageHeight string       `xml:"pageHeight,attr"`
	Grid       string       `xml:"grid,attr"`
	GridSize   string       `xml:"gridSize,attr"`
	Cells      []DrawioCell `xml:"root>mxCell"`
}

// DrawioCell is a vertex (a box or frame) or an edge (a connector) of an
// mxGraph model.
type DrawioCell struct {
	ID       string          `xml:"id,attr"`
	Value    string          `xml:"value,attr,omitempty"`
	Style    string          `xml:"style,attr,omitempty"`
	Parent   string          `xml:"parent,attr,omitempty"`
	Vertex   string          `xml:"vertex,attr,omitempty"`
	Edge     string          `xml:"edge,attr,omitempty"`
	Source   string          `xml:"source,attr,omitempty"`
	Target   string          `xml:"target,attr,omitempty"`
	Geometry *DrawioGeometry `xml:"mxGeometry"`
}

// DrawioGeometry places a cell.
type DrawioGeometry struct {
	X        string `xml:"x,attr,omitempty"`
	Y        string `xml:"y,attr,omitempty"`
	Width    string `xml:"width,attr,omitempty"`
	Height   string `xml:"height,attr,omitempty"`
	Relative string `xml:"relative,attr,omitempty"`
	As       string `xml:"as,attr"`
}

// WriteDiagramDrawio writes the pages as a draw.io file, one page per
// diagram: frames and boxes as vertices, connectors as edges bound to
// them (source, target), so that moving a box in draw.io drags its
// connectors along. Cell IDs are the shapes' and connectors' own IDs
// made distinct from the model's root cells "0" and "1" (see DrawioID).
func WriteDiagramDrawio(w io.Writer, pages []*Diagram) error {
	if len(pages) == 0 {
		return coding.Errorf(coding.EINVALID, "nothing to draw: no page")
	}
	f := DrawioFile{Host: "Tessera"}
	for i, d := range pages {
		cells := []DrawioCell{{ID: "0"}, {ID: "1", Parent: "0"}}
		for j := range d.Frames {
			cells = append(cells, drawioVertex(&d.Frames[j], true))
		}
		for j := range d.Boxes {
			cells = append(cells, drawioVertex(&d.Boxes[j], false))
		}
		for _, c := range d.Connectors {
			_, _, sa, sz, ok := d.ends(c)
			if !ok {
				continue
			}
			cells = append(cells, DrawioCell{
				ID: DrawioID(c.ID), Value: c.Label, Style: drawioEdgeStyle(c, sa, sz), Parent: "1", Edge: "1",
				Source: DrawioID(c.From), Target: DrawioID(c.To), Geometry: &DrawioGeometry{Relative: "1", As: "geometry"},
			})
		}
		f.Diagrams = append(f.Diagrams, DrawioDiagram{
			ID: "page-" + strconv.Itoa(i+1), Name: orDefault(d.Title, "Page "+strconv.Itoa(i+1)),
			Model: DrawioModel{PageWidth: num(d.W), PageHeight: num(d.H), Grid: "1", GridSize: "10", Cells: cells},
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// DrawioID returns the cell ID of a diagram item: its own ID prefixed,
// so that no item takes the ID of the root cell "0" or the layer "1".
func DrawioID(id string) string { return "item-" + id }

// drawioVertex makes the cell of a box or frame.
func drawioVertex(s *DiagramShape, frame bool) DrawioCell {
	st := []string{"whiteSpace=wrap", "html=0", "fontSize=" + num(s.fontSize()), "fontColor=" + diagramText,
		"strokeColor=" + orDefault(s.Stroke, diagramStroke)}
	if frame {
		st = append(st, "verticalAlign=top", "align=left", "spacingLeft=6", "fontStyle=1", "fillColor="+orDefault(s.Fill, "none"))
	} else {
		st = append(st, "fillColor="+orDefault(s.Fill, "#ffffff"))
		if s.Bold {
			st = append(st, "fontStyle=1")
		}
	}
	if s.Rounded {
		st = append(st, "rounded=1")
	} else {
		st = append(st, "rounded=0")
	}
	if s.Dashed {
		st = append(st, "dashed=1")
	}
	return DrawioCell{
		ID: DrawioID(s.ID), Value: s.Text, Style: strings.Join(st, ";") + ";", Parent: "1", Vertex: "1",
		Geometry: &DrawioGeometry{X: num(s.X), Y: num(s.Y), Width: num(s.W), Height: num(s.H), As: "geometry"},
	}
}

// drawioEdgeStyle returns the style of a connector: its route, dashes,
// arrowheads and the sides it leaves and meets its shapes.
func drawioEdgeStyle(c DiagramConnector, sa, sz int) string {
	st := []string{"html=0", "strokeColor=" + orDefault(c.Stroke, diagramStroke), "strokeWidth=1.5", "fontColor=" + diagramText, "labelBackgroundColor=#ffffff"}
	switch c.Route {
	case RouteElbow:
		st = append(st, "edgeStyle=orthogonalEdgeStyle", "rounded=0")
	case RouteCurved:
		st = append(st, "edgeStyle=orthogonalEdgeStyle", "curved=1")
	default:
		st = append(st, "edgeStyle=none")
	}
	if c.Dashed {
		st = append(st, "dashed=1")
	}
	st = append(st, "startArrow="+drawioArrow(c.StartArrow), "startFill=1", "endArrow="+drawioArrow(c.EndArrow), "endFill=1")
	ex, ey := sidePoint(sa)
	nx, ny := sidePoint(sz)
	st = append(st, "exitX="+ex, "exitY="+ey, "entryX="+nx, "entryY="+ny)
	return strings.Join(st, ";") + ";"
}

func drawioArrow(on bool) string {
	if on {
		return "block"
	}
	return "none"
}

// sidePoint returns the relative position of the middle of a side.
func sidePoint(side int) (x, y string) {
	switch side {
	case sideTop:
		return "0.5", "0"
	case sideLeft:
		return "0", "0.5"
	case sideBottom:
		return "0.5", "1"
	}
	return "1", "0.5"
}
