package textpass

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/winnow-text/winnow/rules"
)

var (
	isoDateRE     = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?`)
	numericDateRE = regexp.MustCompile(`(?:^|\D)(\d{1,4})([./-])(\d{1,2})([./-])(\d{1,4})(?:\D|$)`)
	clockRE       = regexp.MustCompile(`\d{1,2}[:.]\d{2}(?:[:.]\d{2})?`)
)

// ParseDate normalises a written date to YYYY-MM-DD, or to RFC 3339 when
// it carries a time and a zone offset. Month names come from the rule
// packs' calendar words, in every loaded language. lang is the language
// of the text the date is written in: a date of figures that may be read
// either way ("12/02/2024") is month first in English (or when lang is
// unknown), as an American page writes it, and day first in every other
// language.
func ParseDate(s string, set *rules.Set, lang string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := isoDateRE.FindStringSubmatch(s); m != nil {
		y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if !validDate(y, mo, d) {
			return "", false
		}
		if m[4] != "" && m[7] != "" {
			t, err := time.Parse(time.RFC3339, fmt.Sprintf("%04d-%02d-%02dT%s:%s:%s%s", y, mo, d, m[4], m[5], or(m[6], "00"), tzOffset(m[7])))
			if err == nil {
				return t.Format(time.RFC3339), true
			}
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
	}
	if m := numericDateRE.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		a, b, c := atoi(m[1]), atoi(m[3]), atoi(m[5])
		var y, mo, d int
		switch {
		case len(m[1]) == 4: // 2024/03/19
			y, mo, d = a, b, c
		case len(m[5]) == 4 && m[2] == "/" && a <= 12 && b > 12: // 03/19/2024
			y, mo, d = c, a, b
		case len(m[5]) == 4 && m[2] == "/" && a <= 12 && b <= 12 && (lang == "" || lang == "en"): // ambiguous: US order
			y, mo, d = c, a, b
		case len(m[5]) == 4: // 19.03.2024, 19-03-2024, 19/03/2024
			y, mo, d = c, b, a
		}
		if validDate(y, mo, d) {
			return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
		}
	}
	// Written dates: a month name, a day and a year in any order, with
	// weekdays, ordinals and a clock time around them.
	s = clockRE.ReplaceAllString(s, " ")
	var y, mo, d int
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch {
		case isDigits(tok) && len(tok) == 4 && y == 0:
			y = atoi(tok)
		case isDigits(tok) && len(tok) <= 2 && d == 0:
			d = atoi(tok)
		case mo == 0 && set.Month(tok) > 0:
			mo = set.Month(tok)
		default:
			if n := ordinal(set, tok); n > 0 && d == 0 {
				d = n
			}
		}
	}
	if validDate(y, mo, d) {
		return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
	}
	return "", false
}

// ordinal reads a day's number with its suffix ("1st", "2e").
func ordinal(set *rules.Set, tok string) int {
	for _, suf := range set.Words(rules.WordsOrdinals) {
		if num, ok := strings.CutSuffix(strings.ToLower(tok), suf); ok && isDigits(num) && len(num) <= 2 {
			return atoi(num)
		}
	}
	return 0
}

func validDate(y, m, d int) bool {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func tzOffset(z string) string {
	if z == "Z" || len(z) == 6 {
		return z
	}
	return z[:3] + ":" + z[3:] // +0200
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dateOnly reports whether a normalised line is a written date (with its
// time) and nothing else: a comment's time under its text, an entry's
// date under its headline.
func (p *textPass) dateOnly(norm string) bool {
	s, e, ok := p.set.FindDate(norm)
	return ok && s == 0 && strings.TrimRight(norm[e:], " .") == ""
}
