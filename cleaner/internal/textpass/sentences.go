package textpass

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnow-text/winnow/rules"
)

// A cut removes the end of a line that stays in the body: the sentences
// from byte at of the line on, glued to the article's own ("… what I have
// read this year. If you're enjoying this, The Slow Reader lands in 9,000
// inboxes every Sunday, and it's free to join."). keep is where the kept
// text ends (at, less the spaces before it). Offsets are from the line's
// start.
type cut struct {
	rule     *rules.Rule
	at, keep int
}

// cutSentenceTails cuts, off each line of the article that stays, the
// sentences at its end that are calls to action (isAsk, with the
// sentence's own words as evidence and a stronger word for the
// publication than a price: glued to an article's sentence, "free" alone
// is the article's). At least the line's first sentence stays: a line
// that is all ask is the line detector's. Reads: lines, labels, first,
// last. Writes: cuts.
func cutSentenceTails(p *textPass) {
	appeal, newsletter := p.set.Rule(rules.IDCallToAction), p.set.Rule(rules.IDNewsletterCTA)
	if appeal == nil && newsletter == nil {
		return
	}
	for i := max(p.first, 0); i <= p.last && i < len(p.lines); i++ {
		l := &p.lines[i]
		if l.blank() || p.labelled(i) || !l.terminal || l.words < 8 || l.para > 0 && !p.ownSentences(i) {
			continue
		}
		sentenceRules := p.sentenceRules(i)
		if !p.selects(i, appeal) && !p.selects(i, newsletter) && len(sentenceRules) == 0 {
			continue // no ask on the line
		}
		raw := p.text[l.start:l.end]
		starts := sentenceStarts(raw)
		at := -1
		var rule *rules.Rule
		end := len(raw)
		for k := len(starts) - 1; k >= 1; k-- {
			r := p.gluedAsk(raw[starts[k]:end], appeal, newsletter)
			if r == nil {
				r = gluedSentence(raw[starts[k]:end], sentenceRules)
			}
			if r == nil && at < 0 && k >= 2 && rules.CountWords(raw[starts[k-1]:starts[k]]) <= maxTeaserWords {
				// An ask whose reader or publication the short sentence
				// before it names ("Local news needs you. Become a
				// member of the Courier today."): the two go together.
				if r = p.gluedAskAfter(raw[starts[k]:end], raw[starts[k-1]:starts[k]], appeal, newsletter); r != nil {
					at, rule = starts[k-1], r
					break
				}
			}
			if r == nil {
				if at >= 0 && (leadIn(raw[starts[k]:end]) || p.newsletterTeaser(raw[starts[k]:end])) {
					// "Want the full reading list? …": the question the
					// ask answers goes with it.
					at, end = starts[k], starts[k]
				}
				break
			}
			at, rule, end = starts[k], r, starts[k]
		}
		if at < 0 {
			continue
		}
		if p.cuts == nil {
			p.cuts = map[int]cut{}
		}
		p.cuts[i] = cut{rule: rule, at: at, keep: len(strings.TrimRightFunc(raw[:at], unicode.IsSpace))}
	}
}

// sentenceRules are the rules that may match a sentence glued to line i
// (Rule.Sentence) and that the keyword scan selected for it.
func (p *textPass) sentenceRules(i int) []*rules.Rule {
	var out []*rules.Rule
	all := p.set.Rules()
	for _, idx := range p.cands[i] {
		if r := all[idx]; r.Sentence && r.Kind == rules.KindLine && r.AppliesTo(rules.TextInput, p.lang) && !p.kept[r.Category] {
			out = append(out, r)
		}
	}
	return out
}

// gluedSentence reports which of rs matches a sentence glued to the end
// of an article's line, or nil.
func gluedSentence(s string, rs []*rules.Rule) *rules.Rule {
	norm := rules.Normalize(s)
	for _, r := range rs {
		if r.Check(norm) && r.Matches(norm) {
			return r
		}
	}
	return nil
}

// gluedAsk reports which call-to-action rule a sentence glued to the end
// of an article's line is, or nil.
func (p *textPass) gluedAsk(s string, appeal, newsletter *rules.Rule) *rules.Rule {
	return p.gluedAskAfter(s, "", appeal, newsletter)
}

// gluedAskAfter is gluedAsk with the sentence before it (lead) read for
// who the ask is put to and whose it is; the ask is still the
// sentence's own.
func (p *textPass) gluedAskAfter(s, lead string, appeal, newsletter *rules.Rule) *rules.Rule {
	norm := rules.Normalize(s)
	if quoted(norm) {
		return nil
	}
	toks := lowerWords(norm)
	if len(toks) == 0 || !p.anyPhrase(rules.WordsCTAAsk, toks) || p.anyPhrase(rules.WordsReported, toks) {
		// (Without an ask among its words no clause of it asks: a
		// clause's words are a run of the sentence's.)
		return nil
	}
	evidence, evidenceNorm := toks, norm
	if lead != "" {
		leadNorm := rules.Normalize(lead)
		if quoted(leadNorm) || p.anyPhrase(rules.WordsReported, lowerWords(leadNorm)) {
			return nil
		}
		evidenceNorm = leadNorm + " " + norm
		evidence = lowerWords(evidenceNorm)
	}
	line := askLine{toks: toks, words: len(toks)}
	line.reader = p.anyPhrase(rules.WordsCTAReader, evidence)
	line.us = p.anyPhrase(rules.WordsCTASelf, evidence) || p.anyPhrase(rules.WordsCTANewsletter, evidence) || pricePerPeriod.MatchString(evidenceNorm)
	asks := false
	for _, clause := range clauseSplit.Split(norm, -1) {
		// An ask may open a clause after a dash or a colon ("That's for
		// paid subscribers — upgrade for £5 a month").
		if p.isAsk(lowerWords(clause), line) {
			asks = true
			break
		}
	}
	if !asks {
		return nil
	}
	if p.anyPhrase(rules.WordsCTANewsletter, toks) && newsletter != nil || appeal == nil {
		return newsletter
	}
	return appeal
}

// pricePerPeriod is a price by the week, month or year: what a
// publication asks for ("£5 a month", "$8/month").
var pricePerPeriod = regexp.MustCompile(`[€$£]\s?\d[\d.,]*(?:\s?(?:a|per|/|pro|par|por|al|al mese)\s?(?:week|month|year|mo|yr|monat|jahr|mois|an|mes|año|mese|anno))`)

// clauseSplit cuts a sentence into clauses at a dash or a colon.
var clauseSplit = regexp.MustCompile(` [—–-] |: `)

// maxTeaserWords is the most words of a short sentence that names what a
// newsletter ask offers ("Get weather alerts first.").
const maxTeaserWords = 8

// newsletterTeaser reports whether a sentence right before an ask names
// what the ask offers in a few words: a newsletter word ("alerts",
// "inbox") in a short sentence ("Get weather alerts first. Sign up for
// …"). It goes with the ask.
func (p *textPass) newsletterTeaser(s string) bool {
	s = strings.TrimSpace(s)
	if rules.CountWords(s) > maxTeaserWords || quoted(s) {
		return false
	}
	return p.anyPhrase(rules.WordsCTANewsletter, lowerWords(s))
}

// quoted reports whether a sentence opens with a quotation mark or holds
// one: someone's words, no ask of the publication's.
func quoted(s string) bool {
	return quotedStart(s) || strings.ContainsAny(s, "“”„«»\"")
}

// leadIn reports whether a sentence is the short question that leads to
// an ask ("Want the full spring reading list …?", "Enjoying this?").
func leadIn(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "?") && rules.CountWords(s) <= maxLeadInWords && !quoted(s)
}

// sentenceStarts are the byte offsets in raw where its sentences start
// (see splitSentences): 0, then each capital, digit or quotation mark
// after a sentence end and a space.
func sentenceStarts(raw string) []int {
	starts := []int{0}
	for i := 0; i+2 < len(raw); i++ {
		c := raw[i]
		if (c == '.' || c == '!' || c == '?') && raw[i+1] == ' ' {
			j := i + 1
			for j < len(raw) && raw[j] == ' ' {
				j++
			}
			r, _ := utf8.DecodeRuneInString(raw[j:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“„«‘", r) {
				if c != '.' || !abbreviationBefore(raw, i) {
					starts = append(starts, j)
				}
			}
		}
	}
	return starts
}
