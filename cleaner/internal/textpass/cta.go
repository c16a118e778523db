package textpass

import (
	"regexp"
	"slices"
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
// the whole line when most of its sentences are asks, or the ask has one
// short sentence beside it. Reads: lines, labels. Writes: labels, hits.
func labelCallsToAction(p *textPass) {
	appeal, newsletter := p.set.Rule(rules.IDCallToAction), p.set.Rule(rules.IDNewsletterCTA)
	if appeal == nil && newsletter == nil {
		return
	}
	for i := range p.lines {
		if p.labelled(i) {
			continue
		}
		if r := p.callToAction(i, appeal, newsletter); r != nil {
			p.setLabel(i, r, nil, 0)
			p.continueAsk(i, r)
		}
	}
}

// callToAction reports which of the rules appeal and newsletter takes
// line i as a call to action (see labelCallsToAction), or nil.
func (p *textPass) callToAction(i int, appeal, newsletter *rules.Rule) *rules.Rule {
	l := &p.lines[i]
	if l.blank() || l.words > 3*maxAskWords || l.para > 0 && !p.ownSentences(i) || unicode.IsLower(firstRune(l.norm)) {
		// (A line of a hard-wrapped paragraph is no sentence of its
		// own, unless it starts and ends as one.)
		return nil
	}
	if !p.selects(i, appeal) && !p.selects(i, newsletter) {
		return nil // the keyword scan found no ask on the line
	}
	toks := lowerWords(l.norm)
	if !p.anyPhrase(rules.WordsCTAAsk, toks) {
		return nil
	}
	line := askLine{toks: toks, words: l.words}
	if quotedStart(l.norm) || p.anyPhrase(rules.WordsReported, toks) || strings.ContainsAny(l.norm, "“”„«»") ||
		strings.Contains(l.norm, " read, ") { // "…, the banner read, …"
		return nil
	}
	line.reader = p.anyPhrase(rules.WordsCTAReader, toks)
	// A newsletter's words say whose the ask is as well as "our" does
	// ("in your inbox every Friday? Join …").
	// So does an e-mail address: the publication's inbox ("Send
	// your letters to letters@…").
	line.us = p.anyPhrase(rules.WordsCTAUs, toks) || strings.ContainsAny(l.norm, "€$£") || p.anyPhrase(rules.WordsCTANewsletter, toks) || emailAddress.MatchString(l.norm)
	sentences := splitSentences(l.norm)
	asks, other := 0, ""
	for _, s := range sentences {
		if p.isAsk(lowerWords(s), line) {
			asks++
		} else {
			other = s
		}
	}
	// Most of the line asks, or the ask has one short sentence with
	// it ("Never miss a local story. Get …", "… buy me a coffee. It
	// keeps the lights on.").
	paired := len(sentences) <= 3 && asks >= 1 && shortOthers(sentences, asks, other)
	if asks == 0 || asks*2 <= len(sentences) && !paired {
		return nil
	}
	r := appeal
	if p.anyPhrase(rules.WordsCTANewsletter, toks) && newsletter != nil || r == nil {
		r = newsletter
	}
	return r
}

// shortOthers reports whether the sentences of a line that are not asks
// are short enough to go with them (a lead-in question, "No spam, just
// butter."). other is the last of them.
func shortOthers(sentences []string, asks int, other string) bool {
	if len(sentences)-asks > 2 {
		return false
	}
	n := 0
	for _, s := range sentences {
		n += rules.CountWords(s)
	}
	return rules.CountWords(other) <= maxLeadInWords && n <= maxAskWords
}

// continueAsk labels, with the call to action at line i, the lines right
// under it in its block that open with an ask ("Oder werde Mitglied bei
// …"): the second offer of one appeal.
func (p *textPass) continueAsk(i int, r *rules.Rule) {
	for j := i + 1; j < len(p.lines) && !p.lines[j].blank() && !p.labelled(j); j++ {
		l := &p.lines[j]
		if l.words > maxAskWords || !p.ownSentences(j) {
			return
		}
		toks := lowerWords(l.norm)
		k := p.askStart(toks)
		if p.set.PhraseAt(rules.WordsCTAAsk, toks, k) == 0 {
			return
		}
		p.setLabel(j, r, nil, 0)
	}
}

// ownSentences reports whether line i holds whole sentences: it starts
// with a capital and ends a sentence, and the line before it, if in its
// block, ended one too.
func (p *textPass) ownSentences(i int) bool {
	l := &p.lines[i]
	if !l.terminal || !unicode.IsUpper(firstRune(l.norm)) {
		return false
	}
	return i == 0 || p.lines[i-1].blank() || p.lines[i-1].terminal
}

// askLine is what isAsk needs to know of the line a sentence is in.
type askLine struct {
	toks       []string
	words      int
	reader, us bool // the line addresses the reader; it is about the publication
}

// isAsk reports whether a sentence (its lower-case words) of a line is a
// call to action: it holds an ask, and the line addresses the reader or
// the sentence opens with the ask, and the line is about the
// publication; an imperative addressed to the reader alone only in a
// short line ("Subscribe to the idea that …, and you will …" is an
// argument).
func (p *textPass) isAsk(toks []string, line askLine) bool {
	if len(toks) == 0 || len(toks) > maxAskWords {
		return false
	}
	found, opens, addressed := false, false, false
	start := p.askStart(toks)
	asks := p.set.Phrases(rules.WordsCTAAsk)
	for i := range toks {
		if n := asks.At(toks, i); n > 0 {
			found = true
			// Inside a sentence, an ask is put to the reader when the
			// reader, the publication or a lead word stands just before
			// it or right after it ("you can buy me a coffee", "it's
			// free to join", "send us your thoughts"); not "You see,
			// our family had to join the queue".
			for k := max(start, i-maxAddressGap); k < min(len(toks), i+n+maxAddressAfter) && !addressed; k++ {
				if k >= i && k < i+n {
					continue
				}
				addressed = p.set.HasWord(rules.WordsCTAReader, toks[k]) || p.set.HasWord(rules.WordsCTAUs, toks[k]) || p.set.HasWord(rules.WordsCTALead, toks[k])
			}
			// The ask opens the sentence, or is the means an imperative
			// names ("Keep up with the news by subscribing to …"; not
			// "Our club paid for it by subscribing …": a stopword opens
			// no imperative).
			if i == start || i > start && p.set.HasWord(rules.WordsCTAMeans, toks[i-1]) && !p.isStopword(toks[start]) {
				opens = true
			}
			// An infinitive that ends a sentence led by a lead word is an
			// imperative too, as German and Dutch put it ("Jetzt den
			// kostenlosen Newsletter abonnieren!").
			if start > 0 && i > start && i+n == len(toks) {
				opens = true
			}
		}
	}
	if !found {
		return false
	}
	return line.us && (opens || line.reader && addressed) || opens && line.reader && line.words <= maxShortAsk
}

// maxAddressGap and maxAddressAfter are how many words before an ask
// inside a sentence, and after it, may put it to the reader.
const (
	maxAddressGap   = 3
	maxAddressAfter = 2
)

// askStart is where an imperative ask would start among toks: after the
// words that may stand before it (the pack's cta_lead: "please
// subscribe", "so join us", "bitte").
func (p *textPass) askStart(toks []string) int {
	k := 0
	for k < len(toks) && p.set.HasWord(rules.WordsCTALead, toks[k]) {
		k++
	}
	return k
}

// anyPhrase reports whether one of a word list's words or phrases is
// among the lower-case words toks.
func (p *textPass) anyPhrase(list string, toks []string) bool {
	phrases := p.set.Phrases(list)
	for i := range toks {
		if phrases.At(toks, i) > 0 {
			return true
		}
	}
	return false
}

// lowerWords are the words of s in lower case, punctuation trimmed
// (inner hyphens and apostrophes stay: "abonnez-vous", "you're").
func lowerWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		// Skip the space before a field.
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			i += n
			continue
		}
		// The field runs to the next space.
		j := i
		for j < len(s) {
			c := s[j]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		if f := strings.TrimFunc(s[i:j], notWordRune); f != "" {
			if out == nil {
				out = make([]string, 0, strings.Count(s[i:], " ")+1)
			}
			out = append(out, strings.ToLower(f))
		}
		i = j
	}
	return out
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// notWordRune reports whether r is trimmed from a word's ends by
// lowerWords: not a letter, a digit or a currency sign.
func notWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '$')
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '€' && r != '£'
}

// quotedStart reports whether a line opens with a quotation mark.
func quotedStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("\"“”„«»‘’'", r)
}

// maxLeadInWords is the most words of the sentence beside an ask that
// goes with it.
const maxLeadInWords = 20

// maxShortAsk is the most words of a line whose ask is only an
// imperative addressed to the reader.
const maxShortAsk = 12

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
// one letter, letters in pieces of one or two between dots ("Ph.D",
// "e.g"), or a known title. An e-mail address or a domain ends a
// sentence ("… at news@post.example. Follow us …").
func abbreviationBefore(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] != ' ' {
		j--
	}
	w := s[j:i]
	if utf8.RuneCountInString(w) <= 1 {
		return true
	}
	if strings.Contains(w, ".") {
		if strings.Contains(w, "@") {
			return false
		}
		for _, piece := range strings.Split(w, ".") {
			if utf8.RuneCountInString(piece) > 2 {
				return false
			}
		}
		return true
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt":
		return true
	}
	return false
}

// selects reports whether the keyword scan selected rule r for line i.
func (p *textPass) selects(i int, r *rules.Rule) bool {
	return r != nil && slices.Contains(p.cands[i], r.Index())
}

// closingAsk reads line i, the article's last paragraph, as a call to
// action by its place: at the end of an article, a sentence that opens
// with an ask ("Faites un don pour soutenir l'information locale") is
// one even when it names neither the reader nor the publication. It
// returns the rule to label it with, or nil.
func (p *textPass) closingAsk(i int) *rules.Rule {
	r := p.set.Rule(rules.IDCallToAction)
	l := &p.lines[i]
	if r == nil || l.words > maxAskWords || !l.terminal || quotedStart(l.norm) || strings.ContainsAny(l.norm, "“”„«»") {
		return nil
	}
	toks := lowerWords(l.norm)
	if p.anyPhrase(rules.WordsReported, toks) {
		return nil
	}
	for _, s := range splitSentences(l.norm) {
		st := lowerWords(s)
		k := p.askStart(st)
		if p.set.PhraseAt(rules.WordsCTAAsk, st, k) > 0 {
			if n := p.set.Rule(rules.IDNewsletterCTA); n != nil && p.anyPhrase(rules.WordsCTANewsletter, toks) {
				return n
			}
			return r
		}
	}
	return nil
}

// emailAddress finds an e-mail address in a line.
var emailAddress = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)

// minNoticeSentences is how many sentences of a comment notice must talk
// about commenting or tell the reader what to do before one more that does
// neither may stand among them.
const minNoticeSentences = 3

// commentPolicy returns rule comments.policy when line i is a notice
// about commenting: a sentence talks about commenting (comment_talk), a
// sentence speaks to the reader (cta_reader), opens by telling the reader
// what to do (comment_acts) or states a rule of the comments
// (comment_notice_words), and every sentence does one or the other (a
// sentence of one or two words, "Thanks!", says nothing either way). A
// quote, reported speech or a question is never one.
func (p *textPass) commentPolicy(i int) *rules.Rule {
	r := p.set.Rule(rules.IDCommentPolicy)
	l := &p.lines[i]
	if r == nil || l.blank() || l.words > 2*maxAskWords || quotedStart(l.norm) || strings.ContainsAny(l.norm, "“”„«»?") {
		// (The author's question to the readers, "What do you think?
		// Let us know in the comments", is the article's last word.)
		return nil
	}
	if p.anyPhrase(rules.WordsReported, lowerWords(l.norm)) {
		return nil
	}
	talks, tells := false, false
	said, other := 0, 0
	for _, s := range splitSentences(l.norm) {
		st := lowerWords(s)
		if len(st) <= 2 {
			continue // "Thanks!"
		}
		talk := p.anyPhrase(rules.WordsCommentTalk, st)
		tell := p.anyPhrase(rules.WordsCTAReader, st) || p.set.PhraseAt(rules.WordsCommentActs, st, 0) > 0 || p.anyPhrase(rules.WordsCommentNotice, st)
		if !talk && !tell {
			other++
			continue
		}
		said++
		talks, tells = talks || talk, tells || tell
	}
	if !talks || !tells || other > 0 && (other > 1 || said < minNoticeSentences) {
		// (A notice of three sentences or more may hold one that
		// does neither: "What follows is not our stuff; it comes from
		// other people.")
		return nil
	}
	return r
}
