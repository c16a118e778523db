package doc

import (
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends m as JSON to dst: the bytes json.Marshal(m) gives
// (empty strings as null, nil lists as [], strings escaped as
// encoding/json escapes them, HTML characters included), written
// directly: winnow writes metadata for every record of a corpus, and
// encoding/json's reflection and re-compaction of nested values were a
// fifth of the time of a JSON Lines run.
func (m Meta) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"title":`...)
	dst = appendNullable(dst, m.Title)
	dst = append(dst, `,"date":`...)
	dst = appendNullable(dst, m.Date)
	dst = append(dst, `,"date_text":`...)
	dst = appendNullable(dst, m.DateText)
	dst = append(dst, `,"authors":[`...)
	for i, a := range m.Authors {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendString(dst, a, true)
	}
	dst = append(dst, `],"author_bio":`...)
	dst = appendNullable(dst, m.AuthorBio)
	dst = append(dst, `,"source":`...)
	dst = appendNullable(dst, m.Source)
	dst = append(dst, `,"site_name":`...)
	dst = appendNullable(dst, m.SiteName)
	dst = append(dst, `,"description":`...)
	dst = appendNullable(dst, m.Description)
	dst = append(dst, `,"url":`...)
	dst = appendNullable(dst, m.URL)
	dst = append(dst, `,"language":`...)
	dst = appendNullable(dst, m.Language)
	dst = append(dst, `,"read_also":[`...)
	for i, l := range m.ReadAlso {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = l.appendJSON(dst)
	}
	dst = append(dst, `],"related":[`...)
	for i, r := range m.Related {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = r.appendJSON(dst)
	}
	dst = append(dst, `],"comment_count":`...)
	if m.CommentCount == nil {
		dst = append(dst, "null"...)
	} else {
		dst = strconv.AppendInt(dst, int64(*m.CommentCount), 10)
	}
	dst = append(dst, `,"comments":[`...)
	for i, c := range m.Comments {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = c.appendJSON(dst)
	}
	dst = append(dst, `],"removed":[`...)
	for i, r := range m.Removed {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = r.appendJSON(dst)
	}
	return append(dst, "]}"...)
}

func (l Link) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"title":`...)
	dst = AppendString(dst, l.Title, true)
	dst = append(dst, `,"url":`...)
	dst = appendNullable(dst, l.URL)
	return append(dst, '}')
}

func (r Related) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"title":`...)
	dst = AppendString(dst, r.Title, true)
	dst = append(dst, `,"url":`...)
	dst = appendNullable(dst, r.URL)
	dst = append(dst, `,"snippet":`...)
	dst = appendNullable(dst, r.Snippet)
	return append(dst, '}')
}

func (c Comment) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = strconv.AppendInt(dst, int64(c.ID), 10)
	dst = append(dst, `,"author":`...)
	dst = AppendString(dst, c.Author, true)
	dst = append(dst, `,"posted":`...)
	dst = appendNullable(dst, c.Posted)
	dst = append(dst, `,"reply_to":`...)
	dst = appendNullable(dst, c.ReplyTo)
	dst = append(dst, `,"parent":`...)
	if c.Parent > 0 {
		dst = strconv.AppendInt(dst, int64(c.Parent), 10)
	} else {
		dst = append(dst, "null"...)
	}
	dst = append(dst, `,"text":`...)
	dst = AppendString(dst, c.Text, true)
	dst = append(dst, `,"truncated":`...)
	dst = strconv.AppendBool(dst, c.Truncated)
	dst = append(dst, `,"edited":`...)
	dst = appendNullable(dst, c.Edited)
	return append(dst, '}')
}

func (r Removal) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"category":`...)
	dst = AppendString(dst, r.Category, true)
	dst = append(dst, `,"rule":`...)
	dst = AppendString(dst, r.Rule, true)
	if r.Path != "" {
		dst = append(dst, `,"path":`...)
		dst = AppendString(dst, r.Path, true)
	} else {
		dst = append(dst, `,"start":`...)
		dst = strconv.AppendInt(dst, int64(r.Start), 10)
		dst = append(dst, `,"end":`...)
		dst = strconv.AppendInt(dst, int64(r.End), 10)
		dst = append(dst, `,"line":`...)
		dst = strconv.AppendInt(dst, int64(r.Line), 10)
	}
	dst = append(dst, `,"text":`...)
	dst = AppendString(dst, r.Text, true)
	return append(dst, '}')
}

func appendNullable(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "null"...)
	}
	return AppendString(dst, s, true)
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string, escaped as encoding/json
// escapes it (escapeHTML: <, > and & as \u003c, \u003e, \u0026).
func AppendString(dst []byte, s string, escapeHTML bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && (!escapeHTML || b != '<' && b != '>' && b != '&') {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
