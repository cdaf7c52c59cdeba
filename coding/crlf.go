package coding

import "io"

// CRLFWriter passes text on with every line ending as CRLF: a lone LF
// gains its CR, an existing CRLF stays as it is. Text files for people
// (Markdown) use CRLF on every system, as CSV does by RFC 4180: the file
// is often written on one machine (a server) and opened on another, and
// every Markdown tool reads CRLF while older Windows editors show LF-only
// text as one long line.
type CRLFWriter struct {
	w io.Writer
	// cr records that the last byte written was a CR.
	cr  bool
	buf []byte
}

// NewCRLFWriter returns a CRLFWriter writing to w.
func NewCRLFWriter(w io.Writer) *CRLFWriter { return &CRLFWriter{w: w} }

// Write writes p with its line endings turned into CRLF. It reports
// len(p) on success: the bytes of p, not the CRs added.
func (c *CRLFWriter) Write(p []byte) (int, error) {
	c.buf = c.buf[:0]
	for _, b := range p {
		if b == '\n' && !c.cr {
			c.buf = append(c.buf, '\r')
		}
		c.buf = append(c.buf, b)
		c.cr = b == '\r'
	}
	if _, err := c.w.Write(c.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}
