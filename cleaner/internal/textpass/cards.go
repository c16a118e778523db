package textpass

import (
	"github.com/winnow-text/winnow/rules"
)

// repeated reports whether a line is one phrase of two words or more said
// over again ("How to Save How to Save How to Save"): a card's headline,
// image text and link run together by a page dump. Only asked of lines
// that do not end a sentence (filler text repeats whole sentences).
func repeated(norm string) bool {
	_, ok := repeatedPhrase(norm)
	return ok
}

// repeatedPhrase returns the phrase a repeated line repeats. norm is
// normal (single spaces), so the line is the phrase and a space, m times,
// without the last space. Only the shape of a card counts: a phrase of a
// headline's length (maxHeadlineWords) said two or three times; a longer
// line that repeats itself is something else (a chant, a test pattern)
// and is never removed by its shape alone.
func repeatedPhrase(norm string) (string, bool) {
	const maxTimes = 3
	if len(norm) > maxTimes*(maxHeadlineWords*maxWordBytes+1) {
		return "", false
	}
	words := 0
	for j := 0; j < len(norm); j++ {
		if norm[j] != ' ' {
			continue
		}
		words++
		phrase := norm[:j]
		if words > maxHeadlineWords {
			break
		}
		if words < 2 || (len(norm)+1)%(j+1) != 0 {
			continue
		}
		m := (len(norm) + 1) / (j + 1)
		if m < 2 {
			break
		}
		same := true
		for k := 1; k < m && same; k++ {
			off := k * (j + 1)
			same = norm[off-1] == ' ' && norm[off:off+j] == phrase
		}
		if same {
			// The shortest phrase the line repeats: said too often, the
			// line is no card.
			if m > maxTimes {
				return "", false
			}
			return phrase, true
		}
	}
	return "", false
}

// applyRepeated takes the lines that say one headline over again (see
// repeated) with related.repeated-headline, the headline as a related
// entry. Reads: lines, labels. Writes: labels, hits.
func applyRepeated(p *textPass) {
	r := p.set.Rule(rules.IDRepeatedHeadline)
	if r == nil {
		return
	}
	for i := range p.lines {
		l := &p.lines[i]
		if l.blank() || l.terminal || l.words < 4 || p.labelled(i) {
			continue
		}
		if phrase, ok := repeatedPhrase(l.norm); ok && digitShare(phrase) <= 0.25 {
			// (A date said twice is a date, not a headline.)
			p.setLabel(i, r, rules.Groups{rules.FieldRelated: phrase}, 0)
		}
	}
}

// teaserCardLines is how many lines a teaser card may have above its
// read-more link.
const teaserCardLines = 4

// applyTeaserCards takes the teaser cards of other stories that a page
// sets among its paragraphs: a block of two to four short lines (the
// headline, often twice over as image text and link, and a snippet) that
// ends with a read-more link on a line of its own ("Read now"). The first
// line goes to related. Reads: the site.more-link labels of stage
// anywhere. Writes: labels, hits.
func applyTeaserCards(p *textPass) {
	r := p.set.Rule(rules.IDTeaserCard)
	if r == nil {
		return
	}
	for i := range p.lines {
		if l := p.labels[i]; l.rule == nil || l.rule.ID != rules.IDMoreLink {
			continue
		}
		if p.headlinesOver(i, r) {
			continue
		}
		start := i
		for start > 0 && !p.lines[start-1].blank() && i-start < teaserCardLines+1 {
			start--
		}
		if i-start < 2 || start > 0 && !p.lines[start-1].blank() {
			// A card has a headline and a snippet at least; a single
			// line above the link may be the article's own paragraph.
			continue
		}
		card := true
		for j := start; j < i && card; j++ {
			card = p.lines[j].words <= 30 && !p.labelled(j)
		}
		if !card {
			continue
		}
		p.setLabel(start, r, rules.Groups{rules.FieldRelated: p.lines[start].norm}, 0)
		for j := start + 1; j < i; j++ {
			p.setLabel(j, r, nil, 0)
		}
	}
}

// headlinesOver takes a list of headlines right above the read-more link
// at line i, however long ("Venezuelan Banks on Notice: Chavez", "Bush
// Aims to Prevent Recession", …, "More..."): minHeadlineItems lines or
// more, each a headline (see isListHeadline), from a blank line or a line
// a rule took (the list before, its own link). Each headline goes to
// related. It reports whether it took them.
func (p *textPass) headlinesOver(i int, r *rules.Rule) bool {
	start := i
	for start > 0 && p.isListHeadline(start-1) {
		start--
	}
	if i-start < minHeadlineItems || start > 0 && !p.lines[start-1].blank() && !p.labelled(start-1) {
		return false
	}
	for j := start; j < i; j++ {
		p.setLabel(j, r, rules.Groups{rules.FieldRelated: p.lines[j].norm}, 0)
	}
	return true
}

// isListHeadline reports whether line i reads as a headline in a list of
// stories: not blank nor taken, two to maxListHeadlineWords words that
// open with a capital and end no sentence.
func (p *textPass) isListHeadline(i int) bool {
	l := &p.lines[i]
	return !l.blank() && !p.labelled(i) && !l.terminal && l.words >= 2 && l.words <= maxListHeadlineWords && capitalised(l.norm)
}

// offerGap is how many lines an offer block may have between two lines
// appeal or newsletter rules took.
const offerGap = 4

// applyOfferBlocks takes the short lines between two lines that appeal or
// newsletter rules took, a few lines apart: a subscription offer's plan
// names and blurbs ("Monthly", "$7/month", "A flexible plan you can
// cancel anytime.", "SUBSCRIBE"). Reads: the appeal and newsletter labels
// of every earlier stage. Writes: labels.
func applyOfferBlocks(p *textPass) {
	r := p.set.Rule(rules.IDOfferBlock)
	if r == nil {
		return
	}
	isOffer := func(i int) bool {
		l := p.labels[i]
		return l.rule != nil && (l.rule.Category == rules.Appeal || l.rule.Category == rules.Newsletter)
	}
	prev := -1 // the last offer line
	for i := range p.lines {
		if !isOffer(i) {
			continue
		}
		if prev >= 0 && i-prev <= 2*offerGap {
			short, gap := true, 0
			for j := prev + 1; j < i; j++ {
				if l := &p.lines[j]; !l.blank() {
					gap++
					short = short && l.words <= 12 && !p.labelled(j)
				}
			}
			if short && gap > 0 && gap <= offerGap {
				for j := prev + 1; j < i; j++ {
					if !p.lines[j].blank() {
						p.setLabel(j, r, nil, 0)
					}
				}
			}
		}
		prev = i
	}
}

// applyLearned removes the lines the corpus repeats. A line of a wrapped
// paragraph only goes with the whole paragraph: a wrapped fragment that
// recurs by chance does not make the paragraph boilerplate. Reads: lines,
// the learned lines. Writes: labels.
func applyLearned(p *textPass) {
	r := p.set.Rule(rules.IDCorpusBoilerplate)
	if r == nil || p.learned == nil || p.learned.Len() == 0 {
		return
	}
	partial := map[int]bool{} // paragraphs with a line the corpus does not repeat
	learned := make([]bool, len(p.lines))
	for i := range p.lines {
		l := &p.lines[i]
		if l.blank() {
			continue
		}
		learned[i] = p.learned.Has(l.norm)
		if !learned[i] && l.para > 0 {
			partial[l.para] = true
		}
	}
	for i, ok := range learned {
		if ok && !p.labelled(i) && !partial[p.lines[i].para] {
			p.setLabel(i, r, nil, 0)
		}
	}
}
