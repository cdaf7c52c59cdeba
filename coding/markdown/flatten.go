package markdown

import "bytes"

// MaxDepth bounds how deeply block quotes and lists nest on one line; a
// marker beyond it is escaped and shows as text.
const MaxDepth = 32

// MaxRun bounds the lines of one paragraph (or table, or run of link
// definitions): a blank line is inserted after that many. goldmark's work
// on a paragraph grows faster than its length.
const MaxRun = 256

// MaxBrackets bounds the link and image openers of one paragraph; '['
// beyond it is escaped and shows as text. goldmark keeps state for every
// opener still unclosed.
const MaxBrackets = 512

// flatten returns src with container markers beyond MaxDepth escaped and
// long runs of lines outside fenced code broken by blank lines, so that
// goldmark's work stays close to linear in the length of the source.
func flatten(src []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/64)
	var fence []byte // the open code fence, if any
	run, brackets := 0, 0
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line = src[:i+1]
		}
		src = src[len(line):]
		if len(bytes.TrimSpace(line)) == 0 {
			run, brackets = 0, 0
			out.Write(line)
			continue
		}
		body, escapeAt := containers(line)
		if fence != nil {
			// Inside fenced code: copied as it is, up to the closing fence.
			if f := fenceOf(body); f != nil && bytes.HasPrefix(f, fence) {
				fence = nil
			}
			out.Write(line)
			continue
		}
		fence = fenceOf(body)
		if run++; run > MaxRun {
			out.WriteByte('\n')
			run, brackets = 1, 0
		}
		if escapeAt >= 0 {
			out.Write(line[:escapeAt])
			out.WriteByte('\\')
			line = line[escapeAt:]
		}
		brackets = writeBrackets(&out, line, brackets)
	}
	return out.Bytes()
}

// writeBrackets writes line to out, escaping each '[' once the paragraph
// has had MaxBrackets of them, and returns the new count.
func writeBrackets(out *bytes.Buffer, line []byte, n int) int {
	for {
		i := bytes.IndexByte(line, '[')
		if i < 0 {
			out.Write(line)
			return n
		}
		out.Write(line[:i])
		if n++; n > MaxBrackets && (i == 0 || line[i-1] != '\\') {
			out.WriteByte('\\')
		}
		out.WriteByte('[')
		line = line[i+1:]
	}
}

// containers skips the block-quote and list markers that open a line. It
// returns the rest of the line and the offset of the first marker beyond
// MaxDepth, or -1.
func containers(line []byte) (rest []byte, escapeAt int) {
	i, depth := 0, 0
	for {
		j := i
		for n := 0; n < 3 && j < len(line) && line[j] == ' '; n++ {
			j++
		}
		w := markerWidth(line[j:])
		if w == 0 {
			return line[i:], -1
		}
		if depth++; depth > MaxDepth {
			return line[j:], j
		}
		i = j + w
	}
}

// markerWidth returns the length of the block-quote or list marker that
// starts b, with the space after it, or 0.
func markerWidth(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	spaced := func(n int) int {
		if n < len(b) && (b[n] == ' ' || b[n] == '\t') {
			return n + 1
		}
		if n == len(b) || b[n] == '\n' || b[n] == '\r' {
			return n
		}
		return 0
	}
	switch b[0] {
	case '>':
		if len(b) > 1 && b[1] == ' ' {
			return 2
		}
		return 1
	case '-', '*', '+':
		return spaced(1)
	}
	n := 0
	for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	if n > 0 && n < len(b) && (b[n] == '.' || b[n] == ')') {
		return spaced(n + 1)
	}
	return 0
}

// fenceOf returns the fence (``` or ~~~, three or more) that opens line
// after up to three spaces, or nil.
func fenceOf(line []byte) []byte {
	line = bytes.TrimLeft(line, " ")
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		if n >= 3 {
			return line[:n]
		}
	}
	return nil
}
