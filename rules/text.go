package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize trims s and folds every run of white space (including
// non-breaking and other Unicode spaces) to one ASCII space. Patterns and
// phrases are matched against normalised text. It does not allocate when s
// is already normal.
func Normalize(s string) string {
	if isNormal(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func isNormal(s string) bool {
	prevSpace := true // no space at the start
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c < ' ' || c == 0x7f:
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpaceOrControl(r) {
			return false
		}
		prevSpace = false
		i += n
	}
	return !prevSpace || s == ""
}

// IsBlank reports whether s holds nothing but white space, that is
// whether Normalize(s) is empty, without building the normal form.
func IsBlank(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			return false
		}
		i += n
	}
	return true
}

// isSpaceOrControl is unicode.IsSpace or IsControl (and the zero-width
// space and BOM), with the common non-ASCII letters and punctuation of
// articles answered without a table lookup.
func isSpaceOrControl(r rune) bool {
	switch {
	case r >= 0xA1 && r < 0x1680, r > 0x3000 && r != 0xFEFF:
		return false
	case r >= 0x2010 && r <= 0x2027: // dashes, quotes, bullets, ellipsis
		return false
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff'
}

// edgePunct is trimmed from both ends of a phrase key.
const edgePunct = ":;.,!?…-–—|*•·›»«→←>#()[]{}\"'“”‘’/\\_=+~^ 【】「」『』〈〉《》：＞＜｜"

// PhraseKey is the form phrases are compared in: normalised, lower case,
// without punctuation or symbols at either end, and without the
// separators between its words (innerSeparators).
func PhraseKey(s string) string {
	s = innerSeparators(strings.Trim(Normalize(s), edgePunct))
	if hasUpper(s) {
		s = strings.ToLower(s)
	}
	return s
}

// separators part the words of a widget's label or a bar of links.
const separators = ":|·•-–—/"

// innerSeparators drops the separators between the words of a
// normalised phrase: a word of separators only ("Share · Tweet", "Print |
// Email") and a colon that ends a word ("Sort by: Newest"), so that a
// phrase matches whatever a site sets between its words. A hyphen inside
// a word ("e-mail") stays.
func innerSeparators(s string) string {
	if !strings.ContainsAny(s, separators) || !hasInnerSeparator(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for f := range strings.SplitSeq(s, " ") {
		if strings.Trim(f, separators) == "" {
			continue
		}
		if len(f) > 1 && f[len(f)-1] == ':' {
			f = f[:len(f)-1]
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// hasInnerSeparator reports whether innerSeparators would change s: a
// word of separators only, a word that ends with a colon, or an empty
// word (two spaces).
func hasInnerSeparator(s string) bool {
	for len(s) > 0 {
		f := s
		if k := strings.IndexByte(s, ' '); k >= 0 {
			f, s = s[:k], s[k+1:]
		} else {
			s = ""
		}
		if f == "" || f[len(f)-1] == ':' && len(f) > 1 || strings.Trim(f, separators) == "" {
			return true
		}
	}
	return false
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s) != s
		}
		if 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// CountWords counts runs of letters and digits; in scripts written
// without spaces (Han, kana) every character counts as a word.
func CountWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		var word bool
		if c < utf8.RuneSelf {
			word = asciiWord[c] || c == '\'' && in
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				n++
				in = false
				continue
			}
			word = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || (r == '’' && in)
		}
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

// asciiWord marks the ASCII bytes that are part of a word.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// EndsSentence reports whether s ends like a sentence: with a full stop,
// a question or an exclamation mark of any script (possibly followed by
// closing quotes or brackets), but not with an ellipsis, which marks a cut
// snippet.
func EndsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]*`, r)
	})
	if s == "" {
		return false
	}
	if strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…") {
		return false
	}
	// Any script's full stop, question or exclamation mark (Unicode's
	// Sentence_Terminal: ".", "。", "।", "။", "؟", "۔", …).
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.Is(unicode.Sentence_Terminal, r)
}
