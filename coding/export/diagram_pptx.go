package export

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"

	"tessera/coding"
)

// emuPerPx converts CSS pixels (1/96 inch) to English Metric Units.
const emuPerPx = 9525

// Slide size bounds of PresentationML, in EMU.
const (
	minSlideEMU = 914400
	maxSlideEMU = 51206400
)

// WriteDiagramPPTX writes the pages as a PowerPoint presentation, one
// slide per page, drawn with native DrawingML shapes that PowerPoint and
// LibreOffice Impress keep editable: a rectangle (p:sp) with its text for
// every box and frame, a connector (p:cxnSp) glued to the shapes it joins
// (stCxn, endCxn) for every connector, and a text box for each connector
// label. The slide size fits the largest page. EINVALID when there is no
// page or a page exceeds the largest slide PowerPoint allows.
func WriteDiagramPPTX(w io.Writer, pages []*Diagram) error {
	if len(pages) == 0 {
		return coding.Errorf(coding.EINVALID, "nothing to draw: no page")
	}
	cx, cy := int64(minSlideEMU), int64(minSlideEMU)
	for _, d := range pages {
		cx, cy = max(cx, emu(d.W)), max(cy, emu(d.H))
	}
	if cx > maxSlideEMU || cy > maxSlideEMU {
		return coding.Errorf(coding.EINVALID, "the drawing is larger than the largest slide (%d px); split it across pages", maxSlideEMU/emuPerPx)
	}
	zw := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", pptxContentTypes(len(pages))},
		{"_rels/.rels", relsXML([][3]string{
			{"rId1", relOfficeDoc, "ppt/presentation.xml"},
			{"rId2", relCore, "docProps/core.xml"},
		})},
		{"docProps/core.xml", pptxCore(pages[0].Title)},
		{"ppt/presentation.xml", pptxPresentation(len(pages), cx, cy)},
		{"ppt/_rels/presentation.xml.rels", pptxPresentationRels(len(pages))},
		{"ppt/slideMasters/slideMaster1.xml", pptxMaster},
		{"ppt/slideMasters/_rels/slideMaster1.xml.rels", relsXML([][3]string{
			{"rId1", relPML + "/slideLayout", "../slideLayouts/slideLayout1.xml"},
			{"rId2", relOfficeBase + "/theme", "../theme/theme1.xml"},
		})},
		{"ppt/slideLayouts/slideLayout1.xml", pptxLayout},
		{"ppt/slideLayouts/_rels/slideLayout1.xml.rels", relsXML([][3]string{
			{"rId1", relPML + "/slideMaster", "../slideMasters/slideMaster1.xml"},
		})},
		{"ppt/theme/theme1.xml", pptxTheme},
	}
	for i, d := range pages {
		n := strconv.Itoa(i + 1)
		parts = append(parts,
			struct{ name, body string }{"ppt/slides/slide" + n + ".xml", pptxSlide(d)},
			struct{ name, body string }{"ppt/slides/_rels/slide" + n + ".xml.rels", relsXML([][3]string{
				{"rId1", relPML + "/slideLayout", "../slideLayouts/slideLayout1.xml"},
			})},
		)
	}
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// emu converts pixels to EMU.
func emu(px float64) int64 { return int64(math.Round(px * emuPerPx)) }

func emuS(px float64) string { return strconv.FormatInt(emu(px), 10) }

// Relationship types.
const (
	relOfficeBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relOfficeDoc  = relOfficeBase + "/officeDocument"
	relPML        = relOfficeBase
	relCore       = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)

// relsXML writes a relationships part from (id, type, target) triples.
func relsXML(rels [][3]string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range rels {
		b.WriteString(`<Relationship Id="` + r[0] + `" Type="` + r[1] + `" Target="` + r[2] + `"/>`)
	}
	b.WriteString("</Relationships>")
	return b.String()
}

const pmlNS = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`

func pptxContentTypes(slides int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>` +
		`<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/>` +
		`<Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/>` +
		`<Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	for i := 1; i <= slides; i++ {
		b.WriteString(`<Override PartName="/ppt/slides/slide` + strconv.Itoa(i) + `.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>`)
	}
	b.WriteString("</Types>")
	return b.String()
}

func pptxCore(title string) string {
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<dc:title>` + xmlText(title) + `</dc:title><dc:creator>Tessera</dc:creator></cp:coreProperties>`
}

func pptxPresentation(slides int, cx, cy int64) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<p:presentation ` + pmlNS + ` saveSubsetFonts="1">` +
		`<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst>`)
	for i := 0; i < slides; i++ {
		b.WriteString(`<p:sldId id="` + strconv.Itoa(256+i) + `" r:id="rId` + strconv.Itoa(i+3) + `"/>`)
	}
	b.WriteString(`</p:sldIdLst><p:sldSz cx="` + strconv.FormatInt(cx, 10) + `" cy="` + strconv.FormatInt(cy, 10) + `"/>` +
		`<p:notesSz cx="6858000" cy="9144000"/></p:presentation>`)
	return b.String()
}

func pptxPresentationRels(slides int) string {
	rels := [][3]string{
		{"rId1", relPML + "/slideMaster", "slideMasters/slideMaster1.xml"},
		{"rId2", relOfficeBase + "/theme", "theme/theme1.xml"},
	}
	for i := 1; i <= slides; i++ {
		rels = append(rels, [3]string{"rId" + strconv.Itoa(i+2), relPML + "/slide", "slides/slide" + strconv.Itoa(i) + ".xml"})
	}
	return relsXML(rels)
}

// emptyTree is the start of a shape tree: its group's own properties.
const emptyTree = `<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
	`<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>`

var pptxMaster = xmlHeader + `<p:sldMaster ` + pmlNS + `><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>` +
	`<p:spTree>` + emptyTree + `</p:spTree></p:cSld>` +
	`<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>` +
	`<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst>` +
	`<p:txStyles><p:titleStyle/><p:bodyStyle/><p:otherStyle/></p:txStyles></p:sldMaster>`

var pptxLayout = xmlHeader + `<p:sldLayout ` + pmlNS + ` type="blank" preserve="1"><p:cSld name="Blank"><p:spTree>` + emptyTree +
	`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`

// pptxTheme is a plain Office theme: the colour, font and format schemes
// every presentation must carry.
var pptxTheme = xmlHeader + `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Tessera"><a:themeElements>` +
	`<a:clrScheme name="Tessera"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>` +
	`<a:dk2><a:srgbClr val="1F2937"/></a:dk2><a:lt2><a:srgbClr val="F3F4F6"/></a:lt2>` +
	`<a:accent1><a:srgbClr val="2563EB"/></a:accent1><a:accent2><a:srgbClr val="DC2626"/></a:accent2>` +
	`<a:accent3><a:srgbClr val="16A34A"/></a:accent3><a:accent4><a:srgbClr val="CA8A04"/></a:accent4>` +
	`<a:accent5><a:srgbClr val="7C3AED"/></a:accent5><a:accent6><a:srgbClr val="0891B2"/></a:accent6>` +
	`<a:hlink><a:srgbClr val="2563EB"/></a:hlink><a:folHlink><a:srgbClr val="7C3AED"/></a:folHlink></a:clrScheme>` +
	`<a:fontScheme name="Tessera"><a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>` +
	`<a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>` +
	`<a:fmtScheme name="Tessera"><a:fillStyleLst>` + strings.Repeat(`<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>`, 3) + `</a:fillStyleLst>` +
	`<a:lnStyleLst>` + strings.Repeat(`<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>`, 3) + `</a:lnStyleLst>` +
	`<a:effectStyleLst>` + strings.Repeat(`<a:effectStyle><a:effectLst/></a:effectStyle>`, 3) + `</a:effectStyleLst>` +
	`<a:bgFillStyleLst>` + strings.Repeat(`<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>`, 3) + `</a:bgFillStyleLst>` +
	`</a:fmtScheme></a:themeElements></a:theme>`

// pptxSlide draws one page: frames, boxes, connectors, then labels.
func pptxSlide(d *Diagram) string {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<p:sld ` + pmlNS + `><p:cSld name="` + xmlText(d.Title) + `"><p:spTree>` + emptyTree)
	ids := map[string]int{}
	next := 2
	for i := range d.Frames {
		ids[d.Frames[i].ID] = next
		pptxShape(&b, next, &d.Frames[i], true)
		next++
	}
	for i := range d.Boxes {
		ids[d.Boxes[i].ID] = next
		pptxShape(&b, next, &d.Boxes[i], false)
		next++
	}
	for _, c := range d.Connectors {
		a, z, sa, sz, ok := d.ends(c)
		if !ok {
			continue
		}
		pptxConnector(&b, next, c, d, ids[a.ID], ids[z.ID], sa, sz)
		next++
		if c.Label != "" {
			p, _ := d.path(c)
			m := p.middle()
			lw, lh := labelSize(c.Label)
			label := DiagramShape{ID: c.ID + "-label", X: m.X - lw/2 - diagramPad, Y: m.Y - lh/2, W: lw + 2*diagramPad, H: lh, Text: c.Label, Fill: "#ffffff", Stroke: "none"}
			pptxShape(&b, next, &label, false)
			next++
		}
	}
	b.WriteString(`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`)
	return b.String()
}

// pptxShape writes a rectangle with its text: centred in a box, at the
// top left of a frame.
func pptxShape(b *bytes.Buffer, id int, s *DiagramShape, frame bool) {
	name := "Box "
	if frame {
		name = "Frame "
	}
	geom := "rect"
	if s.Rounded {
		geom = "roundRect"
	}
	b.WriteString(`<p:sp><p:nvSpPr><p:cNvPr id="` + strconv.Itoa(id) + `" name="` + name + strconv.Itoa(id) + `" descr="` + xmlText(s.ID) + `"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>`)
	b.WriteString(`<p:spPr><a:xfrm><a:off x="` + emuS(s.X) + `" y="` + emuS(s.Y) + `"/><a:ext cx="` + emuS(s.W) + `" cy="` + emuS(s.H) + `"/></a:xfrm>`)
	b.WriteString(`<a:prstGeom prst="` + geom + `"><a:avLst/></a:prstGeom>`)
	switch fill := s.Fill; {
	case fill == "" && frame, fill == "none":
		b.WriteString(`<a:noFill/>`)
	default:
		b.WriteString(`<a:solidFill><a:srgbClr val="` + hexOf(orDefault(fill, "#ffffff")) + `"/></a:solidFill>`)
	}
	if s.Stroke == "none" {
		b.WriteString(`<a:ln><a:noFill/></a:ln>`)
	} else {
		b.WriteString(`<a:ln w="12700"><a:solidFill><a:srgbClr val="` + hexOf(orDefault(s.Stroke, diagramStroke)) + `"/></a:solidFill>`)
		if s.Dashed {
			b.WriteString(`<a:prstDash val="dash"/>`)
		}
		b.WriteString(`</a:ln>`)
	}
	b.WriteString(`</p:spPr>`)
	anchor, algn := "ctr", "ctr"
	if frame {
		anchor, algn = "t", "l"
	}
	ins := emuS(diagramPad)
	b.WriteString(`<p:txBody><a:bodyPr wrap="square" lIns="` + ins + `" tIns="` + ins + `" rIns="` + ins + `" bIns="` + ins + `" anchor="` + anchor + `" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>`)
	sz := strconv.Itoa(int(math.Round(s.fontSize() * 75))) // px to hundredths of a point
	bold := ""
	if s.Bold || frame {
		bold = ` b="1"`
	}
	for _, para := range strings.Split(s.Text, "\n") {
		b.WriteString(`<a:p><a:pPr algn="` + algn + `"/>`)
		if para != "" {
			b.WriteString(`<a:r><a:rPr lang="en-US" sz="` + sz + `"` + bold + ` dirty="0"><a:solidFill><a:srgbClr val="` + hexOf(diagramText) +
				`"/></a:solidFill><a:latin typeface="Arial"/></a:rPr><a:t>` + xmlText(para) + `</a:t></a:r>`)
		}
		b.WriteString(`<a:endParaRPr lang="en-US" sz="` + sz + `" dirty="0"/></a:p>`)
	}
	b.WriteString(`</p:txBody></p:sp>`)
}

// pptxConnector writes a connector glued to shapes from and to at the
// connection sites sa and sz (top, left, bottom, right of a rectangle).
func pptxConnector(b *bytes.Buffer, id int, c DiagramConnector, d *Diagram, from, to, sa, sz int) {
	a, z := d.shape(c.From), d.shape(c.To)
	p, q := a.side(sa), z.side(sz)
	geom := "straightConnector1"
	horizontal := sa == sideLeft || sa == sideRight
	switch {
	case c.Route == RouteElbow && horizontal:
		geom = "bentConnector3"
	case c.Route == RouteCurved && horizontal:
		geom = "curvedConnector3"
	}
	flip := ""
	if q.X < p.X {
		flip += ` flipH="1"`
	}
	if q.Y < p.Y {
		flip += ` flipV="1"`
	}
	b.WriteString(`<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="` + strconv.Itoa(id) + `" name="Connector ` + strconv.Itoa(id) + `" descr="` + xmlText(c.ID) + `"/>`)
	b.WriteString(`<p:cNvCxnSpPr><a:stCxn id="` + strconv.Itoa(from) + `" idx="` + strconv.Itoa(sa) + `"/><a:endCxn id="` + strconv.Itoa(to) + `" idx="` + strconv.Itoa(sz) + `"/></p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>`)
	b.WriteString(`<p:spPr><a:xfrm` + flip + `><a:off x="` + emuS(min(p.X, q.X)) + `" y="` + emuS(min(p.Y, q.Y)) + `"/><a:ext cx="` + emuS(math.Abs(q.X-p.X)) + `" cy="` + emuS(math.Abs(q.Y-p.Y)) + `"/></a:xfrm>`)
	b.WriteString(`<a:prstGeom prst="` + geom + `"><a:avLst/></a:prstGeom>`)
	b.WriteString(`<a:ln w="19050"><a:solidFill><a:srgbClr val="` + hexOf(orDefault(c.Stroke, diagramStroke)) + `"/></a:solidFill>`)
	if c.Dashed {
		b.WriteString(`<a:prstDash val="dash"/>`)
	}
	if c.StartArrow {
		b.WriteString(`<a:headEnd type="triangle"/>`)
	}
	if c.EndArrow {
		b.WriteString(`<a:tailEnd type="triangle"/>`)
	}
	b.WriteString(`</a:ln></p:spPr></p:cxnSp>`)
}

// hexOf returns the RRGGBB of a #rrggbb colour, upper case.
func hexOf(c string) string { return strings.ToUpper(strings.TrimPrefix(c, "#")) }
