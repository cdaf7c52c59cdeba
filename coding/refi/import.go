package refi

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"golang.org/x/net/html/charset"

	"tessera/coding"
)

// Import reads a REFI-QDA project archive (.qdpx), or a bare project.qde
// (whose sources then need their text inline), and creates it as a new
// project in st, named projectName or, when that is empty, as the file
// names it. The archive is checked first (see ImportOptions) and the
// whole project is read and planned before anything is written; a
// failure while writing removes the partly created project.
//
// Errors are *coding.Error: EINVALID for an unsafe or unreadable archive
// and for malformed XML (with line and column), ETOOLARGE for archives
// over the limits, ECONFLICT when a project of that name exists. Elements
// that cannot be imported do not fail the import: the report lists them.
func Import(ctx context.Context, st coding.Store, projectName string, r io.ReaderAt, size int64, opt ImportOptions) (*coding.Project, *ImportReport, error) {
	arc, xp, bare, err := readProject(r, size, opt)
	if err != nil {
		return nil, nil, err
	}
	name := cleanLine(projectName)
	if name == "" {
		name = cleanLine(xp.Name)
	}
	if name == "" {
		return nil, nil, coding.Errorf(coding.EINVALID, "the file does not name its project: give the project a name")
	}
	if existing, err := st.FindProjectByName(ctx, name); err == nil {
		return nil, nil, coding.Errorf(coding.ECONFLICT, "a project named %q already exists: choose another name for the imported project", existing.Name)
	} else if coding.ErrorCode(err) != coding.ENOTFOUND {
		return nil, nil, err
	}

	p := newPlanner(arc, xp)
	p.bare = bare
	if err := safely(p.plan); err != nil {
		return nil, nil, err
	}
	p.project.Name = name
	p.rep.Project = name
	proj, err := p.write(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	return proj, p.rep, nil
}

// readProject checks the archive (see ImportOptions), or takes a bare
// project.qde (bare is then true), and parses the project file.
func readProject(r io.ReaderAt, size int64, opt ImportOptions) (arc *archive, xp *inProject, bare bool, err error) {
	arc, data, bare, err := readProjectFile(r, size, opt.withDefaults())
	if err != nil {
		return nil, nil, false, err
	}
	if xp, err = decodeProject(data); err != nil {
		return nil, nil, false, err
	}
	return arc, xp, bare, nil
}

// safely runs fn and turns a panic into an internal error, so that no
// file, however malformed, takes the program down.
func safely(fn func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("refi import panicked: %v\n%s", v, debug.Stack())
		}
	}()
	return fn()
}

// decodeProject parses project.qde. Malformed XML is reported with its
// line and column; files in other encodings than UTF-8 are decoded when
// their XML declaration names the encoding.
func decodeProject(data []byte) (*inProject, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charset.NewReaderLabel
	var xp inProject
	if err := dec.Decode(&xp); err != nil {
		line, col := dec.InputPos()
		var se *xml.SyntaxError
		switch {
		case errors.As(err, &se):
			if se.Line != line {
				return nil, coding.Errorf(coding.EINVALID, "project.qde is not well-formed XML: line %d: %s", se.Line, se.Msg)
			}
			return nil, coding.Errorf(coding.EINVALID, "project.qde is not well-formed XML: line %d, column %d: %s", line, col, se.Msg)
		case errors.Is(err, io.EOF):
			return nil, coding.Errorf(coding.EINVALID, "project.qde is empty")
		}
		return nil, coding.Errorf(coding.EINVALID, "project.qde is not a REFI-QDA project (line %d, column %d): %v", line, col, err)
	}
	return &xp, nil
}
