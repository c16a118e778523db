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
