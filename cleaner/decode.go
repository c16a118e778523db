package cleaner

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// ErrBinary is returned for input that holds NUL bytes: it is not text.
var ErrBinary = errors.New("binary input (it holds NUL bytes); winnow cleans text and HTML")

// InputKind is the kind of an input document.
type InputKind int

// The input kinds.
const (
	Auto InputKind = iota // sniff: HTML if it looks like markup, else text
	Text
	HTML
)

func (k InputKind) String() string {
	switch k {
	case Text:
		return "text"
	case HTML:
		return "html"
	}
	return "auto"
}

// ParseInputKind parses "auto", "text" or "html".
func ParseInputKind(s string) (InputKind, error) {
	switch s {
	case "auto", "":
		return Auto, nil
	case "text", "txt":
		return Text, nil
	case "html", "htm":
		return HTML, nil
	}
	return Auto, errors.New("input kind must be auto, text or html")
}

// decoded is an input turned into UTF-8 with LF line ends.
type decoded struct {
	text     string
	kind     InputKind
	warnings []string
}

// decode turns raw bytes into UTF-8 text with LF line ends: a byte order
// mark picks the encoding; then valid UTF-8 is UTF-8; then HTML may name
// its charset (<meta charset>, http-equiv); anything else is read as
// Windows-1252.
func decode(raw []byte, kind InputKind) (decoded, error) {
	var d decoded
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	}
	if enc != nil {
		b, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return d, errors.New("invalid UTF-16 input")
		}
		raw = b
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return d, ErrBinary
	}
	d.kind = kind
	if kind == Auto {
		d.kind = sniff(raw)
	}
	var text string
	switch {
	case enc != nil || utf8.Valid(raw):
		// Bytes that are valid UTF-8 are UTF-8, whatever a page declares:
		// text in another encoding is almost never valid UTF-8 by chance,
		// and declarations are often wrong after a page was re-saved.
		text = string(raw)
	case d.kind == HTML:
		e, name, _ := charset.DetermineEncoding(raw, "text/html")
		if name == "utf-8" {
			e = charmap.Windows1252
			d.warnings = append(d.warnings, "invalid UTF-8: read as Windows-1252")
		}
		b, err := e.NewDecoder().Bytes(raw)
		if err != nil {
			b, _ = charmap.Windows1252.NewDecoder().Bytes(raw)
		}
		text = string(b)
	default:
		b, _ := charmap.Windows1252.NewDecoder().Bytes(raw)
		text = string(b)
		d.warnings = append(d.warnings, "invalid UTF-8: read as Windows-1252")
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = lineFeeds(text)
	}
	// A byte order mark said twice (or one that a UTF-16 decoder left as
	// a character) is no text; left at the start of the body it would be
	// read as a mark when the body is cleaned again.
	d.text = strings.TrimLeft(text, "\ufeff")
	return d, nil
}

// sniff tells HTML from text by the start of the input: a doctype, an
// <html>, <head> or <body> tag, or a start dense with tags.
func sniff(raw []byte) InputKind {
	head := raw
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '<' {
		return Text
	}
	lower := bytes.ToLower(head)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title", "<div", "<article", "<p>", "<p ", "<section", "<main", "<table", "<ul", "<h1", "<h2"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return HTML
		}
	}
	if bytes.Count(lower, []byte("</")) >= 3 {
		return HTML
	}
	return Text
}

// lineFeeds turns CRLF and lone CR line ends into LF.
func lineFeeds(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '\r')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteByte('\n')
		s = s[i+1:]
		if s != "" && s[0] == '\n' {
			s = s[1:]
		}
	}
}
