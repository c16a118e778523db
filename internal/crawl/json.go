package crawl

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// field is one member of a JSON object, its value kept as it was.
type field struct {
	key string
	raw json.RawMessage
}

// parseObject reads a JSON object keeping its members' order and values.
// A line that is valid JSON (one pass, no allocation) is cut into its
// members directly; anything else goes through encoding/json for its
// error message.
func parseObject(data []byte) ([]field, error) {
	if !json.Valid(data) {
		return parseObjectSlow(data)
	}
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, errors.New("not a JSON object")
	}
	i = skipSpace(data, i+1)
	var fields []field
	for i < len(data) && data[i] != '}' {
		end := skipValue(data, i) // the key, a string
		key, ok := unquote(data[i:end])
		if !ok {
			return parseObjectSlow(data)
		}
		i = skipSpace(data, end)
		i = skipSpace(data, i+1) // the colon
		end = skipValue(data, i)
		fields = append(fields, field{key, json.RawMessage(data[i:end])})
		i = skipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return fields, nil
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value that starts at data[i]
// (data is valid JSON).
func skipValue(data []byte, i int) int {
	switch data[i] {
	case '"':
		for j := i + 1; j < len(data); j++ {
			switch data[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(data)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = skipValue(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return len(data)
	}
	j := i
	for j < len(data) && data[j] != ',' && data[j] != '}' && data[j] != ']' && data[j] != ' ' && data[j] != '\t' && data[j] != '\n' && data[j] != '\r' {
		j++
	}
	return j
}

// unquote decodes a JSON string as encoding/json does (invalid UTF-8
// and lone surrogates as U+FFFD); ok is false for what is not a JSON
// string.
func unquote(raw []byte) (string, bool) {
	b, ok := appendUnquoted(nil, raw)
	return string(b), ok
}

// appendUnquoted appends the JSON string raw decoded as encoding/json
// decodes it: invalid UTF-8 and lone surrogates become U+FFFD. ok is false
// when raw is not a JSON string; dst is then as it was.
func appendUnquoted(dst, raw []byte) ([]byte, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return dst, false
	}
	keep := len(dst)
	s := raw[1 : len(raw)-1]
	for len(s) > 0 {
		// A run without escapes is copied whole when it is valid UTF-8.
		n := bytes.IndexByte(s, '\\')
		if n < 0 {
			n = len(s)
		}
		run := s[:n]
		if bytes.IndexByte(run, '"') >= 0 || hasControl(run) {
			return dst[:keep], false
		}
		if utf8.Valid(run) {
			dst = append(dst, run...)
		} else {
			dst = appendValid(dst, run)
		}
		s = s[n:]
		if len(s) == 0 {
			break
		}
		// An escape.
		if len(s) < 2 {
			return dst[:keep], false
		}
		switch c := s[1]; c {
		case '"', '\\', '/':
			dst = append(dst, c)
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hex4(s)
			if r < 0 {
				return dst[:keep], false
			}
			s = s[6:]
			if utf16.IsSurrogate(r) {
				// A pair is one character; anything else is U+FFFD and
				// the next escape is read on its own.
				if dec := utf16.DecodeRune(r, hex4(s)); dec != unicode.ReplacementChar {
					r = dec
					s = s[6:]
				} else {
					r = unicode.ReplacementChar
				}
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default:
			return dst[:keep], false
		}
		s = s[2:]
	}
	return dst, true
}

// hex4 is the code unit of the \uXXXX escape that s starts with, or -1.
func hex4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// hasControl reports whether s holds a byte below 0x20, which a JSON
// string may only hold escaped.
func hasControl(s []byte) bool {
	for _, c := range s {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// appendValid appends s with each byte of an invalid UTF-8 sequence as
// U+FFFD.
func appendValid(dst, s []byte) []byte {
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError && size == 1 {
			dst = utf8.AppendRune(dst, r)
		} else {
			dst = append(dst, s[:size]...)
		}
		s = s[size:]
	}
	return dst
}

// parseObjectSlow is parseObject by encoding/json's tokens.
func parseObjectSlow(data []byte) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var fields []field
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := kt.(string)
		if !ok {
			return nil, errors.New("object key is not a string")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		fields = append(fields, field{key, raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the object")
	}
	return fields, nil
}

// MarshalNoEscape is json.Marshal without escaping <, > and &, and
// without the trailing newline.
func MarshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
