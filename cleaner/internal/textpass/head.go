package textpass

import (
	"strings"

	"github.com/winnow-text/winnow/rules"
)

// takeKnownTitle labels the first head line that repeats the known title
// (the same words, or one holding the other) with the headline rule.
func (p *textPass) takeKnownTitle() {
	r := p.set.Rule(rules.IDTitleHeading)
	if r == nil || p.knownTitle == "" {
		return
	}
	want := strings.ToLower(p.knownTitle)
	for i := 0; i < p.first; i++ {
		if p.labelled(i) || p.lines[i].blank() {
			continue
		}
		got := strings.ToLower(p.lines[i].norm)
		if got == want || len(got) >= 12 && strings.Contains(want, got) || len(want) >= 12 && strings.Contains(got, want) {
			p.setLabel(i, r, nil, 0)
			return
		}
	}
}

// afterQuestionHeadline is where the article in region rg starts. A
// headline that asks a question ("How does the brain …?") reads as a
// sentence, so the region may open with it; when the line after it is not
// prose (a dateline, a byline), the article starts at the next prose line
// and the headline is left to the head.
func (p *textPass) afterQuestionHeadline(rg region) int {
	l := &p.lines[rg.start]
	if l.words > 20 || !(strings.HasSuffix(l.norm, "?") || strings.HasSuffix(l.norm, "!")) {
		return rg.start
	}
	j := rg.start + 1
	for j < len(p.lines) && p.lines[j].blank() {
		j++
	}
	if j >= len(p.lines) || p.lines[j].prose {
		return rg.start
	}
	if k := p.nextProse(j, rg.end); k >= 0 {
		return k
	}
	return rg.start
}

// nextProse is the first unlabelled line of prose in [from, to], or -1.
func (p *textPass) nextProse(from, to int) int {
	for k := from; k <= to && k < len(p.lines); k++ {
		if p.lines[k].prose && !p.labelled(k) {
			return k
		}
	}
	return -1
}

// standfirstLines is how many lines at the start of a region may come
// before the byline or date that shows they were the head.
const standfirstLines = 3

// afterStandfirst is where the article in region rg starts when the
// region opens with a standfirst, a sentence under the headline that
// reads as prose: if one of the first lines of the region is a byline or
// a date, the article starts at the prose after it, and the lines above
// are the head.
func (p *textPass) afterStandfirst(rg region, first int) int {
	meta := func(r *rules.Rule) bool {
		return r.Scope == rules.Head && (r.Category == rules.Byline || r.Category == rules.Date)
	}
	last, seen := -1, 0
	for i := first; i <= rg.end && seen <= standfirstLines; i++ {
		if p.lines[i].blank() {
			continue
		}
		seen++
		if !p.labelled(i) && p.mayMatch(i) {
			if r, _ := p.match(i, meta); r != nil {
				last = i
			}
		}
	}
	if last < 0 {
		return first
	}
	if k := p.nextProse(last+1, rg.end); k >= 0 {
		return k
	}
	return first
}

// headLine reports whether line i, a line of prose at the top of the
// text, belongs to the head: a byline or a date line that runs long
// enough to read as prose ("Published: Jul 12, 2024, 10:41 IST |
// Updated: …"), or the headline right above one. A headline is short (of
// headline length, one or two sentences) with no blank line between it
// and the line a head rule takes as a byline or a date; it may end with a
// full stop, its place says what it is.
func (p *textPass) headLine(i int) bool {
	return p.bylineOrDate(i) || p.headlineAboveByline(i)
}

// bylineOrDate reports whether a head rule takes line i as a byline or a
// date.
func (p *textPass) bylineOrDate(i int) bool {
	r, _ := p.match(i, func(r *rules.Rule) bool {
		return r.Scope == rules.Head && (r.Category == rules.Byline || r.Category == rules.Date)
	})
	return r != nil
}

// headlineAboveByline reports whether line i is a headline right above a
// byline or a date line (see headLine).
func (p *textPass) headlineAboveByline(i int) bool {
	l := &p.lines[i]
	if l.words > 30 || len(l.norm) > 250 || i+1 >= len(p.lines) || p.lines[i+1].blank() {
		return false
	}
	return p.bylineOrDate(i + 1)
}

// dateFromHead fills the date, when no rule gave one, from the first date
// written inside a line of the head that a rule took as a byline, a date
// or a heading: a byline's tail ("By NAME | June 3, 2024 at 6:42 p.m."),
// "Published: 14:05, 9 April 2024". A publication date is preferred to an
// update's (a date after one of the date_updated words).
func dateFromHead(p *textPass) {
	if p.meta.Date != "" || p.first <= 0 {
		return
	}
	from := 0
	if p.dump {
		from = p.rg.window
	}
	var updated string
	for i := from; i < p.first; i++ {
		l := p.labels[i].rule
		if l == nil || !(l.Category == rules.Byline || l.Category == rules.Date || l.Category == rules.Title) {
			continue
		}
		text := p.lines[i].norm
		for off := 0; off < len(text); {
			s, e, ok := p.set.FindDate(text[off:])
			if !ok {
				break
			}
			s, e = s+off, e+off
			iso, ok := ParseDate(text[s:e], p.set, p.lang)
			if ok {
				if !p.updateBefore(text[:s]) {
					p.meta.Date, p.meta.DateText = iso, text[s:e]
					return
				}
				if updated == "" {
					updated = iso
					p.meta.DateText = text[s:e]
				}
			}
			off = e
		}
	}
	if updated != "" {
		p.meta.Date = updated
		return
	}
	p.meta.DateText = ""
}

// maxDateline is how far into the article's first line its dateline
// runs: the place and the date before the dash that opens the story.
const maxDateline = 80

// dateFromDateline fills the date, when the head gave none, from the
// dateline that opens the article's first line: a place and a date
// before a dash ("BOSTON, May 2, 2024 /PRNewswire/ -- Northwind …",
// "BERLIN, 3. März 2024 – Die …").
func dateFromDateline(p *textPass) {
	if p.meta.Date != "" || p.first < 0 || p.first >= len(p.lines) {
		return
	}
	text := p.lines[p.first].norm
	k := -1
	for _, dash := range []string{" -- ", " — ", " – ", " - "} {
		if i := strings.Index(text, dash); i > 0 && i <= maxDateline && (k < 0 || i < k) {
			k = i
		}
	}
	if k < 0 {
		return
	}
	line := text[:k]
	if s, e, ok := p.set.FindDate(line); ok {
		if iso, ok := ParseDate(line[s:e], p.set, p.lang); ok {
			p.meta.Date, p.meta.DateText = iso, line[s:e]
		}
	}
}

// updateBefore reports whether the text before a date ends in an update
// note ("Updated", "Mis à jour le"): one of the date_updated words in its
// last few dozen bytes.
func (p *textPass) updateBefore(before string) bool {
	if len(before) > 40 {
		before = before[len(before)-40:]
	}
	lower := strings.ToLower(before)
	for _, w := range p.set.Words(rules.WordsDateUpdated) {
		if strings.Contains(lower, strings.ToLower(w)) {
			return true
		}
	}
	return false
}
