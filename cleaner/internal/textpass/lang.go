package textpass

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/rules"
)

// DetectLanguage guesses the language of text from the stoplists of the
// rule packs: the language whose stopwords make up the largest share of
// the first words, if that share is clear. It returns "" when unsure.
func DetectLanguage(set *rules.Set, text string) string {
	langs := set.Languages()
	if len(langs) == 0 {
		return ""
	}
	counts := make([]int, len(langs))
	words := 0
	var buf [64]byte
	languageSample(text, func(line string) bool {
		forEachWord(line, func(w string) bool {
			if len(w) > len(buf) {
				return true
			}
			words++
			for set := set.StopwordLanguages(string(appendLower(buf[:0], w))); set != 0; set &= set - 1 {
				counts[bits.TrailingZeros64(set)]++
			}
			return words < 200
		})
		return words < 200
	})
	best, second := -1, 0
	for k, c := range counts {
		if best < 0 || c > counts[best] {
			if best >= 0 {
				second = counts[best]
			}
			best = k
		} else if c > second {
			second = c
		}
	}
	if best < 0 || counts[best] < 4 || counts[best]*10 < words || counts[best]*4 < second*5 {
		var sc scriptCount
		languageSample(text, func(line string) bool {
			sc.add(line)
			return true
		})
		return sc.language()
	}
	return langs[best]
}

// languageSample calls fn with the parts of a text its language is read
// from, until fn returns false: its lines of prose (eight words or more),
// up to 4 KB, so that a page dump's menus and link lists at the top do not
// decide it; the first 4 KB when it has little prose. It copies nothing:
// it runs once a pass, on every document.
func languageSample(text string, fn func(part string) bool) {
	const size = 4 << 10
	prose := func(yield func(string) bool) {
		n := 0
		for rest := text; rest != "" && n < size; {
			line := rest
			if k := strings.IndexByte(rest, '\n'); k >= 0 {
				line, rest = rest[:k], rest[k+1:]
			} else {
				rest = ""
			}
			if strings.Count(strings.TrimSpace(line), " ") >= 7 {
				n += len(line) + 1
				if !yield(line) {
					return
				}
			}
		}
	}
	n := 0
	for line := range prose {
		n += len(line) + 1
	}
	if n >= size/10 {
		prose(fn)
		return
	}
	if len(text) > size {
		text = text[:size]
	}
	fn(text)
}

// scriptCount counts the letters of a text, and those of the scripts
// scriptLanguage knows.
type scriptCount struct {
	letters, thai, lao, khmer, myanmar int
}

func (c *scriptCount) add(text string) {
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		c.letters++
		switch {
		case unicode.Is(unicode.Thai, r):
			c.thai++
		case unicode.Is(unicode.Lao, r):
			c.lao++
		case unicode.Is(unicode.Khmer, r):
			c.khmer++
		case unicode.Is(unicode.Myanmar, r):
			c.myanmar++
		}
	}
}

// language names the language of a text written mostly in a script of one
// language and without spaces between words (Thai, Lao, Khmer, Burmese),
// or "": the packs have no stopwords for them, and how their prose is
// measured depends on it. (Chinese and Japanese have stopwords.)
func (c *scriptCount) language() string {
	share := func(n int) bool { return c.letters > 0 && n*5 >= c.letters*2 } // 40 %
	switch {
	case share(c.thai):
		return "th"
	case share(c.lao):
		return "lo"
	case share(c.khmer):
		return "km"
	case share(c.myanmar):
		return "my"
	}
	return ""
}

// forEachWord calls fn with each word of s: a run of letters (with inner
// apostrophes), or a single Han or kana character, until fn returns false.
func forEachWord(s string, fn func(string) bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				i++
				continue
			}
			j := i + 1
			for j < len(s) && (isASCIILetter(s[j]) || s[j] == '\'') {
				j++
			}
			if j < len(s) && s[j] >= utf8.RuneSelf {
				j = wordEnd(s, j)
			}
			if !fn(s[i:j]) {
				return
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		if isCJK(r) {
			if !fn(s[i : i+size]) {
				return
			}
			i += size
			continue
		}
		j := wordEnd(s, i+size)
		if !fn(s[i:j]) {
			return
		}
		i = j
	}
}

// wordEnd is where the word that goes on at j ends.
func wordEnd(s string, j int) int {
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !isASCIILetter(c) && c != '\'' {
				return j
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !(unicode.IsLetter(r) || r == '’') || isCJK(r) {
			return j
		}
		j += size
	}
	return j
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isCJK reports whether r is a Han or kana character (a word by itself).
func isCJK(r rune) bool {
	return r >= 0x3040 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		// As strings.ToLower does beyond ASCII (strings.Map with
		// unicode.ToLower): an invalid byte becomes U+FFFD.
		r, n := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += n
	}
	return dst
}
