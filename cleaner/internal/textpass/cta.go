package textpass

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/rules"
)

// A call to action is found by its features rather than its wording: a
// sentence that holds an ask (the packs' cta_ask: subscribe, donate,
// support us, join, buy me a coffee), is addressed to the reader (cta_reader:
// you, Sie, vous) or opens with the ask as an imperative, and is about the
// publication (cta_us: we, our, this blog, free, a price) or opens with
// the ask. A quote or reported speech is never one.

// maxAskWords is the most words of a sentence that is a call to action.
const maxAskWords = 45

// labelCallsToAction labels the lines that are calls to action (isAsk):
// the whole line when most of its sentences are asks or it is short (three
// sentences at most). Reads: lines, labels. Writes: labels, hits.
func labelCallsToAction(p *textPass) {
	appeal, newsletter := p.set.Rule(rules.IDCallToAction), p.set.Rule(rules.IDNewsletterCTA)
	if appeal == nil && newsletter == nil {
		return
	}
	for i := range p.lines {
		l := &p.lines[i]
		if l.blank() || p.labelled(i) || l.words > 3*maxAskWords || l.para > 0 || unicode.IsLower(firstRune(l.norm)) {
			// (A line of a hard-wrapped paragraph is no sentence of its
			// own.)
			continue
		}
		sentences := splitSentences(l.norm)
		asks, other := 0, ""
		for _, s := range sentences {
			if p.isAsk(s, l.norm) {
				asks++
			} else {
				other = s
			}
		}
		// Most of the line asks, or the ask has one short sentence with
		// it ("Never miss a local story. Get …", "… buy me a coffee. It
		// keeps the lights on.").
		paired := len(sentences) == 2 && asks == 1 && rules.CountWords(other) <= maxLeadInWords
		if asks == 0 || asks*2 <= len(sentences) && !paired {
			continue
		}
		r := appeal
		if p.mentions(strings.ToLower(l.norm), rules.WordsCTANewsletter) && newsletter != nil || r == nil {
			r = newsletter
		}
		p.setLabel(i, r, nil, 0)
	}
}

// isAsk reports whether sentence s of a line is a call to action: it
// holds an ask, is no quote, and the line addresses the reader or the
// sentence opens with the ask, and the line is about the publication;
// an imperative addressed to the reader alone only in a short line
// ("Subscribe to the idea that …, and you will …" is an argument).
func (p *textPass) isAsk(s, line string) bool {
	if rules.CountWords(s) > maxAskWords || quoted(s) || quoted(line) {
		return false
	}
	ask, opens := p.findAsk(strings.ToLower(s))
	if !ask {
		return false
	}
	lower := strings.ToLower(line)
	reader := p.mentions(lower, rules.WordsCTAReader)
	us := p.mentions(lower, rules.WordsCTAUs)
	return us && (opens || reader) || opens && reader && rules.CountWords(line) <= maxShortAsk
}

// maxLeadInWords is the most words of the sentence beside an ask that
// goes with it.
const maxLeadInWords = 16

// maxShortAsk is the most words of a line whose ask is only an
// imperative addressed to the reader.
const maxShortAsk = 12

// findAsk reports whether a lower-case sentence holds an ask, and whether
// it opens with one (after "please", "so", "and").
func (p *textPass) findAsk(lower string) (found, opens bool) {
	start := strings.TrimLeftFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range []string{"please ", "so ", "and ", "now ", "then ", "bitte ", "alors "} {
		start = strings.TrimPrefix(start, w)
	}
	for _, a := range p.set.Words(rules.WordsCTAAsk) {
		if i := wordIndex(lower, a); i >= 0 {
			found = true
			if strings.HasPrefix(start, a) && (len(start) == len(a) || !isLetterByte(start, len(a))) {
				return true, true
			}
		}
	}
	return found, false
}

// mentions reports whether a lower-case text holds one of a word list's
// words as a word ("€" anywhere).
func (p *textPass) mentions(lower, list string) bool {
	for _, w := range p.set.Words(list) {
		if wordIndex(lower, w) >= 0 {
			return true
		}
	}
	return false
}

// wordIndex is the index of w in s where it stands as a word (no letter
// or digit right before or after it), or -1.
func wordIndex(s, w string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if !isWordRune(before) && !isWordRune(after) || !isWordRune(rune(w[0])) {
			return i
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isLetterByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// quoted reports whether a sentence is a quote or reported speech: it
// opens with a quotation mark, or says who said it.
func quoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("\"“”„«»‘’'", r) || strings.ContainsAny(s, "“”„«»") {
		return true
	}
	lower := strings.ToLower(s)
	for _, w := range []string{" said", " says", " told ", " asked ", " read,", " urged", " announced", " added", " wrote", " warned", " according to", " sagte", " a déclaré", " a dit", " dijo", " ha detto"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// splitSentences cuts a normal line into its sentences at a sentence end
// followed by a space and a capital, a digit or a quotation mark.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		c := s[i]
		if (c == '.' || c == '!' || c == '?') && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“„«‘", r) {
				if c != '.' || !abbreviationBefore(s, i) {
					out = append(out, s[start:i+1])
					start = i + 2
				}
			}
		}
	}
	return append(out, s[start:])
}

// abbreviationBefore reports whether the period at s[i] ends an
// abbreviation or an initial ("Dr.", "U.S.", "J."): the word before it is
// one letter, or a known title.
func abbreviationBefore(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] != ' ' {
		j--
	}
	w := s[j:i]
	if utf8.RuneCountInString(w) <= 1 || strings.Contains(w, ".") {
		return true
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt":
		return true
	}
	return false
}
