package cleaner

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// ErrBinary is what a BinaryError is: input that is not text.
var ErrBinary = errors.New("binary input; winnow cleans text and HTML")

// BinaryError is returned for input that is not text: a known binary
// format by its magic number, or bytes mostly made of control codes.
type BinaryError struct {
	// What the input looks like ("a PNG image", "control bytes").
	What string
}

// Error names what the input looks like and what to do.
func (e *BinaryError) Error() string {
	return "binary input (" + e.What + "); winnow cleans text and HTML"
}

// Is makes errors.Is(err, ErrBinary) true.
func (e *BinaryError) Is(target error) bool { return target == ErrBinary }

// InputKind is the kind of an input document.
type InputKind int

// The input kinds.
const (
	Auto InputKind = iota // sniff: HTML if it looks like markup, else text
	Text
	HTML
)

// String is the kind's name as the --input flag spells it.
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
	src      *source // the map back to the input's bytes
	warnings []string
}

// decode turns raw bytes into UTF-8 text with LF line ends: a byte order
// mark picks the encoding; then UTF-8 is read where it is valid, each
// byte of an invalid sequence as Windows-1252 on its own (one stray byte
// does not change how the rest is read); HTML that is not UTF-8 may name
// its charset (<meta charset>, http-equiv). A stray NUL is a character
// (U+FFFD in HTML, as browsers read it); input that looks binary is
// refused with a *BinaryError.
func decode(raw []byte, kind InputKind) (decoded, error) {
	return decodeHinted(raw, kind, "")
}

// decodeHinted is decode with the charset a transport named (an HTTP
// Content-Type header); it wins over the page's own declaration for
// bytes that are not UTF-8.
func decodeHinted(raw []byte, kind InputKind, charsetHint string) (decoded, error) {
	var d decoded
	enc, prefix := rawUTF8, 0
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		prefix = 3
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		enc, prefix = rawUTF16LE, 2
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		enc, prefix = rawUTF16BE, 2
	}
	if enc == rawUTF8 {
		if what := binaryKind(raw[prefix:]); what != "" {
			return d, &BinaryError{What: what}
		}
	}
	d.kind = kind
	if kind == Auto && enc == rawUTF8 {
		d.kind = sniff(raw[prefix:])
	}
	if enc == rawUTF8 && d.kind == HTML && !utf8.Valid(raw[prefix:]) {
		contentType := "text/html"
		if charsetHint != "" {
			contentType += "; charset=" + charsetHint
		}
		e, name, _ := charset.DetermineEncoding(raw[prefix:], contentType)
		if name != "utf-8" && name != "windows-1252" {
			// The page names (or looks like) an encoding of its own.
			if b, err := e.NewDecoder().Bytes(raw[prefix:]); err == nil {
				d.text = htmlText(strings.TrimLeft(lineFeeds(string(b)), "\ufeff"))
				return d, nil
			}
		}
	}
	text, src, invalid := decodeRaw(raw, prefix, enc)
	if kind == Auto && enc != rawUTF8 {
		d.kind = sniff([]byte(text))
	}
	if invalid > 0 {
		unit := "bytes"
		if invalid == 1 {
			unit = "byte"
		}
		d.warnings = append(d.warnings, fmt.Sprintf("invalid UTF-8: %d %s read as Windows-1252, the rest as UTF-8", invalid, unit))
	}
	if d.kind == HTML {
		text = htmlText(text)
	}
	d.text, d.src = text, src
	return d, nil
}

// htmlText reads a stray NUL in a page as U+FFFD, as browsers do.
func htmlText(s string) string {
	return strings.ReplaceAll(s, "\x00", "\ufffd")
}

// sniff tells HTML from text by the start of the input: a doctype, an
// <html>, <head> or <body> tag, or a start dense with tags (minSniffTags
// in its first kilobyte).
func sniff(raw []byte) InputKind {
	head := bytes.TrimLeft(raw, " \t\r\n")
	if len(head) > 1024 {
		head = head[:1024]
	}
	// A few stray bytes before the first tag, no word among them: a BOM
	// read twice over ("ï»¿<html>"), an entity ("&nbsp;\n<table>"), a "?".
	if i := bytes.IndexByte(head, '<'); i > 0 && i <= maxSniffJunk && bytes.IndexByte(head[:i], ' ') < 0 {
		head = head[i:]
	}
	if len(head) == 0 || head[0] != '<' {
		return Text
	}
	lower := bytes.ToLower(head)
	for _, p := range htmlStarts {
		if bytes.HasPrefix(lower, []byte(p)) {
			return HTML
		}
	}
	if bytes.Count(lower, []byte("</")) >= 3 || tags(lower) >= minSniffTags {
		return HTML
	}
	return Text
}

// htmlStarts are how an HTML page or fragment opens.
var htmlStarts = []string{"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title", "<div", "<article", "<p>", "<p ",
	"<section", "<main", "<table", "<ul", "<h1", "<h2", "<script", "<noscript", "<form", "<center", "<font", "<iframe", "<frameset"}

// maxSniffJunk is how many stray bytes may stand before the first tag.
const maxSniffJunk = 8

// minSniffTags is how many tags the start of an input holds to be read as
// HTML when it opens with none sniff knows (a page cut off at its start:
// "<!D&amp;c2=…", a fragment).
const minSniffTags = 5

// tags counts what looks like a tag in s: "<" then a letter, "/" or "!".
func tags(s []byte) int {
	n := 0
	for i := 0; i+1 < len(s); i++ {
		if c := s[i+1]; s[i] == '<' && ('a' <= c && c <= 'z' || c == '/' || c == '!') {
			n++
		}
	}
	return n
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

// binaryKind names what raw looks like when it is not text: a known
// format by its magic number, or a line of 16 characters or more of which
// a quarter are control bytes (NUL among them). It returns "" for text: a
// stray NUL or escape sequence is a character. The test is by line so
// that it holds for the body too: the lines of a body are lines of its
// input, so a body is never refused when its input was not.
func binaryKind(raw []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(raw, []byte(m.magic)) {
			return m.what
		}
	}
	// By line; only a line with a control byte needs its characters
	// counted, so the scan jumps from one control byte to the next.
	for {
		c := indexControl(raw)
		if c < 0 {
			return ""
		}
		start := bytes.LastIndexAny(raw[:c], "\n\r") + 1
		end := c + bytes.IndexAny(raw[c:], "\n\r")
		if end < c {
			end = len(raw)
		}
		line := raw[start:end]
		raw = raw[min(end+1, len(raw)):]
		// Characters, not bytes: an invalid byte is one character (read
		// as Windows-1252), and so is its UTF-8 in the body.
		control, nul, n := 0, 0, 0
		for i := 0; i < len(line); {
			c := line[i]
			size := 1
			if c >= utf8.RuneSelf {
				_, size = utf8.DecodeRune(line[i:])
			}
			i += size
			n++
			if isControl(c) {
				control++
				if c == 0 {
					nul++
				}
			}
		}
		switch {
		case n < 16 || control*4 <= n:
			continue
		case nul*2 > n:
			return "mostly NUL bytes"
		}
		return "mostly control bytes"
	}
}

// indexControl is the place of the first control byte in s (isControl),
// or -1.
func indexControl(s []byte) int {
	for i, c := range s {
		if (c < 0x20 || c == 0x7f) && isControl(c) {
			return i
		}
	}
	return -1
}

// isControl reports whether c is a control byte that text does not hold
// (tab, form feed, vertical tab and escape are text's).
func isControl(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\f' && c != '\v' && c != 0x1b && c != '\n' && c != '\r' || c == 0x7f
}

// magics are the starts of binary formats people feed a text tool by
// mistake.
var magics = []struct{ magic, what string }{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a ZIP archive (or a document packed as one: docx, odt, epub)"},
	{"PK\x05\x06", "an empty ZIP archive"},
	{"\x1f\x8b", "gzip-compressed data; decompress it first (zcat FILE | winnow)"},
	{"\x28\xb5\x2f\xfd", "zstd-compressed data; decompress it first (zstdcat FILE | winnow)"},
	{"BZh", "bzip2-compressed data; decompress it first (bzcat FILE | winnow)"},
	{"\xfd7zXZ\x00", "xz-compressed data; decompress it first (xzcat FILE | winnow)"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"\x7fELF", "an ELF executable"},
	{"MZ\x90\x00", "a Windows executable"},
	{"\xcf\xfa\xed\xfe", "a Mach-O executable"},
	{"\x00asm", "a WebAssembly module"},
	{"RIFF", "a RIFF file (WAV, AVI or WebP)"},
	{"OggS", "an Ogg media file"},
	{"ID3", "an MP3 file"},
	{"SQLite format 3\x00", "an SQLite database"},
	{"wOFF", "a web font"},
	{"wOF2", "a web font"},
}
