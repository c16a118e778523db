package textpass

import (
	"slices"
	"strings"
	"unicode"

	"github.com/winnow-text/winnow/rules"
)

// cutCellTails cuts, off a line of a page dump that stays, the cell at
// its end that a rule dropping chrome takes as a line of its own (cellChrome):
// a text browser prints a table's cells side by side, and an invitation
// to comment, a site's notice or a "more..." link in a row's last cell is
// no part of the article's cell before it ("Majors       • Discuss this
// story on the … message board..."). A cell is text after a gap
// (lineSegments); the line's first cell always stays. Reads: lines,
// labels, keyword candidates. Writes: cuts.
func cutCellTails(p *textPass) {
	if p.html {
		return
	}
	for i := range p.lines {
		l := &p.lines[i]
		if l.blank() || p.labelled(i) {
			continue
		}
		if _, cut := p.cuts[i]; cut {
			continue
		}
		raw := p.text[l.start:l.end]
		if !hasGap(strings.TrimSpace(raw)) {
			continue
		}
		segs := lineSegments(raw)
		if len(segs) < 2 || segs[0].letters == 0 {
			continue
		}
		at := segs[len(segs)-1].from
		r := p.cellRule(p.cands[i], raw[at:], cellChrome)
		if r == nil {
			continue
		}
		if p.cuts == nil {
			p.cuts = map[int]cut{}
		}
		p.cuts[i] = cut{rule: r, at: at, keep: len(strings.TrimRightFunc(raw[:at], unicode.IsSpace))}
	}
}

// cellChrome reports whether rule r may take a row's last cell: a rule
// that drops a line wherever it stands (scope anywhere, the default) and
// nothing more. Rules that read a line's place (head, tail, end, a
// thread), extract from it or take the lines after it do not.
func cellChrome(r *rules.Rule) bool {
	return r.Scope == rules.Anywhere && r.Action == rules.Drop
}

// cellRule is the first line or phrase rule among cands that accept takes and that
// matches cell as a line of its own, or nil.
func (p *textPass) cellRule(cands []int, cell string, accept func(*rules.Rule) bool) *rules.Rule {
	norm := rules.Normalize(cell)
	words := rules.CountWords(norm)
	all := p.set.Rules()
	phrases := p.set.MatchPhrase(norm)
	for _, idx := range append(phrases[:len(phrases):len(phrases)], cands...) {
		r := all[idx]
		if r.Kind != rules.KindLine && r.Kind != rules.KindPhrase || !accept(r) || !p.applies(r) || !r.CheckCounted(norm, words, rules.EndsSentence(norm)) {
			continue
		}
		if r.Kind == rules.KindPhrase {
			if slices.Contains(phrases, idx) && r.CuesMet(norm) {
				return r
			}
			continue
		}
		if _, ok := p.memoMatch(r, norm); ok && r.CuesMet(norm) {
			return r
		}
	}
	return nil
}
