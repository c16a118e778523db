package cleaner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/rules"
)

// detectLanguage guesses the language of text from the stoplists of the
// rule packs: the language whose stopwords make up the largest share of
// the first words, if that share is clear. It returns "" when unsure.
func detectLanguage(set *rules.Set, text string) string {
	if len(text) > 32<<10 {
		text = text[:32<<10]
	}
	langs := set.Languages()
	if len(langs) == 0 {
		return ""
	}
	counts := make([]int, len(langs))
	words := 0
	var buf []byte
	forEachWord(text, func(w string) {
		if words >= 4000 {
			return
		}
		words++
		buf = appendLower(buf[:0], w)
		for k, l := range langs {
			if set.IsStopword(l, string(buf)) {
				counts[k]++
			}
		}
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
	if best < 0 || counts[best] < 5 || counts[best]*10 < words || counts[best]*4 < second*5 {
		return ""
	}
	return langs[best]
}

// forEachWord calls fn with each word of s: a run of letters (with inner
// apostrophes), or a single Han or kana character.
func forEachWord(s string, fn func(string)) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			fn(s[i : i+size])
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !(unicode.IsLetter(r) || r == '\'' || r == '’') || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				break
			}
			j += size
		}
		fn(s[i:j])
		i = j
	}
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s[i:])...)
		} else if 'A' <= c && c <= 'Z' {
			dst = append(dst, c+'a'-'A')
		} else {
			dst = append(dst, c)
		}
	}
	return dst
}
