package cleaner

import (
	"bytes"
	"sort"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// rawEncoding is how the bytes of a text input were read.
type rawEncoding int

const (
	// rawUTF8 is UTF-8 where it is valid; each byte of an invalid
	// sequence is read as Windows-1252 on its own.
	rawUTF8 rawEncoding = iota
	rawUTF16LE
	rawUTF16BE
)

// source is the input as it was read, with what it takes to give the
// kept text back in the input's own bytes: its encoding, byte order mark,
// line ends and invalid bytes, where they lay.
type source struct {
	raw    []byte
	enc    rawEncoding
	prefix int // bytes before the first decoded character (byte order marks)
	// lines maps each decoded line to its bytes; nil when the decoded text
	// is raw[prefix:] itself (valid UTF-8 without carriage returns).
	lines []rawLine
	eol   []byte // the line end to add after a last line that had none
}

// rawLine is one line of the decoded text and the bytes it came from.
type rawLine struct {
	dstart, dend int // the line in the decoded text, without its newline
	start, end   int // its content in raw
	next         int // the end of its line end in raw (end when it has none)
	plain        bool
}

// decodeRaw reads raw (after prefix bytes of byte order marks) as enc
// into UTF-8 text with LF line ends, and the map back to raw. invalid
// counts the bytes of UTF-8 input that were not UTF-8.
func decodeRaw(raw []byte, prefix int, enc rawEncoding) (text string, src *source, invalid int) {
	src = &source{raw: raw, enc: enc, prefix: prefix, eol: []byte{'\n'}}
	if enc == rawUTF8 {
		for bytes.HasPrefix(raw[prefix:], bom8) {
			prefix += len(bom8)
		}
		src.prefix = prefix
		if body := raw[prefix:]; utf8.Valid(body) && bytes.IndexByte(body, '\r') < 0 && !bytes.Contains(body, lineBOM) {
			return string(body), src, 0
		}
	}
	body := raw[prefix:]
	buf := make([]byte, 0, len(body)+len(body)/8)
	// A byte order mark said twice is no text; left at the start of the
	// body it would be read as a mark when the body is cleaned again.
	for prefix < len(raw) {
		if r, n, _ := src.rune(prefix); r != '\ufeff' {
			break
		} else {
			prefix += n
		}
	}
	src.prefix = prefix
	cur := rawLine{start: prefix, plain: true}
	eolSet := false
	i := prefix
	for i < len(raw) {
		r, n, bad := src.rune(i)
		if r == '\r' || r == '\n' {
			cur.end, cur.dend = i, len(buf)
			i += n
			if r == '\r' && i < len(raw) {
				if r2, n2, _ := src.rune(i); r2 == '\n' {
					i += n2
				}
			}
			cur.next = i
			if !eolSet {
				src.eol = append([]byte(nil), raw[cur.end:cur.next]...)
				eolSet = true
			}
			src.lines = append(src.lines, cur)
			buf = append(buf, '\n')
			cur = rawLine{start: i, dstart: len(buf), plain: true}
			continue
		}
		if r == '\ufeff' && len(buf) == cur.dstart {
			// A byte order mark at the start of a line (files joined
			// with cat) is no text either: a body that starts with one
			// would lose it when it is cleaned again.
			cur.plain = false
			i += n
			continue
		}
		if bad {
			invalid += n
		}
		before := len(buf)
		buf = utf8.AppendRune(buf, r)
		if len(buf)-before != n || bad || enc != rawUTF8 {
			cur.plain = false
		}
		i += n
	}
	cur.end, cur.next, cur.dend = len(raw), len(raw), len(buf)
	src.lines = append(src.lines, cur)
	if !eolSet && enc != rawUTF8 {
		src.eol = src.encodeRune('\n')
	}
	return string(buf), src, invalid
}

var bom8 = []byte{0xEF, 0xBB, 0xBF}

// lineBOM is a UTF-8 byte order mark at the start of a line.
var lineBOM = []byte{'\n', 0xEF, 0xBB, 0xBF}

// rune reads the character at raw[i]: its code point, its size in raw,
// and whether it was an invalid sequence (read as Windows-1252 in UTF-8
// input, as U+FFFD in UTF-16).
func (s *source) rune(i int) (rune, int, bool) {
	raw := s.raw
	switch s.enc {
	case rawUTF16LE, rawUTF16BE:
		if i+1 >= len(raw) {
			return utf8.RuneError, len(raw) - i, true
		}
		u := s.unit(i)
		if !utf16.IsSurrogate(rune(u)) {
			return rune(u), 2, false
		}
		if i+3 < len(raw) {
			if r := utf16.DecodeRune(rune(u), rune(s.unit(i+2))); r != utf8.RuneError {
				return r, 4, false
			}
		}
		return utf8.RuneError, 2, true
	}
	c := raw[i]
	if c < utf8.RuneSelf {
		return rune(c), 1, false
	}
	r, n := utf8.DecodeRune(raw[i:])
	if r == utf8.RuneError && n == 1 {
		return charmap.Windows1252.DecodeByte(c), 1, true
	}
	return r, n, false
}

func (s *source) unit(i int) uint16 {
	if s.enc == rawUTF16LE {
		return uint16(s.raw[i]) | uint16(s.raw[i+1])<<8
	}
	return uint16(s.raw[i])<<8 | uint16(s.raw[i+1])
}

// encodeRune is r in the source's encoding (only used for line ends).
func (s *source) encodeRune(r rune) []byte {
	switch s.enc {
	case rawUTF16LE:
		return []byte{byte(r), byte(r >> 8)}
	case rawUTF16BE:
		return []byte{byte(r >> 8), byte(r)}
	}
	return utf8.AppendRune(nil, r)
}

// offset is the raw offset of decoded offset pos (a character boundary).
func (s *source) offset(pos int) int {
	if s.lines == nil {
		return s.prefix + pos
	}
	k := sort.Search(len(s.lines), func(k int) bool { return s.lines[k].dend >= pos })
	if k == len(s.lines) {
		return len(s.raw)
	}
	l := s.lines[k]
	if pos < l.dstart {
		// pos is the newline before line k: the previous line's end.
		return s.lines[k-1].end
	}
	if l.plain {
		return l.start + pos - l.dstart
	}
	i, d := l.start, l.dstart
	for d < pos && i < l.end {
		r, n, _ := s.rune(i)
		i += n
		if r == '\ufeff' && d == l.dstart {
			continue // the line's byte order marks, not in the text (see decodeRaw)
		}
		d += utf8.RuneLen(r)
	}
	return i
}

// lineEnd is the raw line end of the decoded line that ends at pos, or
// the source's line end when that line has none (the last line).
func (s *source) lineEnd(pos int) []byte {
	if s.lines == nil {
		return s.eol
	}
	k := sort.Search(len(s.lines), func(k int) bool { return s.lines[k].dend >= pos })
	if k == len(s.lines) || s.lines[k].next == s.lines[k].end {
		if s.enc != rawUTF8 && (len(s.raw)-s.prefix)%2 == 1 {
			// UTF-16 cut in the middle of a character: a line end after
			// the odd byte would shift every character after it.
			return nil
		}
		return s.eol
	}
	return s.raw[s.lines[k].end:s.lines[k].next]
}

// builder assembles text in the source's bytes: pieces of decoded text
// and newlines, each written as the raw bytes it came from.
type rawBuilder struct {
	src *source
	out []byte
}

// text adds decoded text [a, b) as its raw bytes.
func (b *rawBuilder) text(a, b2 int) {
	if b.src.lines == nil {
		b.out = append(b.out, b.src.raw[b.src.prefix+a:b.src.prefix+b2]...)
		return
	}
	b.out = append(b.out, b.src.raw[b.src.offset(a):b.src.offset(b2)]...)
}

// newline adds the raw line end of the decoded line that ends at pos.
func (b *rawBuilder) newline(pos int) {
	b.out = append(b.out, b.src.lineEnd(pos)...)
}

// lineEndIsLF reports whether the raw line end of the decoded line that
// ends at pos is a lone "\n".
func (s *source) lineEndIsLF(pos int) bool {
	e := s.lineEnd(pos)
	return len(e) == 1 && e[0] == '\n'
}

// endsInCR reports whether what was built so far ends with a carriage
// return.
func (b *rawBuilder) endsInCR() bool {
	return len(b.out) > 0 && b.out[len(b.out)-1] == '\r'
}

// bytes is what was built, after the input's byte order marks.
func (b *rawBuilder) bytes() []byte {
	if len(b.out) == 0 {
		return []byte{}
	}
	out := make([]byte, 0, b.src.prefix+len(b.out))
	out = append(out, b.src.raw[:b.src.prefix]...)
	return append(out, b.out...)
}
