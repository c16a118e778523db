package textpass

import (
	"slices"
	"sort"
	"strings"

	"github.com/winnow-text/winnow/cleaner/internal/doc"

	"github.com/winnow-text/winnow/rules"
)

// label is what detection decided about a line: removed by rule, in group
// (lines of one comment or one zone share a group so that spans split
// between them).
type label struct {
	rule  *rules.Rule
	group int
}

// hit is a rule match with the named groups it captured.
type hit struct {
	line   int
	rule   *rules.Rule
	groups rules.Groups
}

// textPass is the state of one detection pass over one text. It is created
// per document and per pass, never shared.
type textPass struct {
	set    *rules.Set
	text   string
	lines  []line
	norms  []string
	lang   string
	cands  [][]int // keyword-prefiltered rule indexes per line (nil: none)
	labels []label
	cuts   map[int]cut // sentences cut off the end of kept lines
	hits   []hit
	groups int // last group number handed out

	first, last int           // first and last line of article prose (-1: none)
	headers     []headerMatch // comment headers of every layout (stage headers)
	dump        bool          // the text is a page dump (stage article)
	rg          region        // a dump's article region (stage article)
	zones       []zone
	thread      *thread
	meta        doc.Meta

	// For HTML, whose title the markup gives: in the head, headings stay
	// (they are the page's structure) and only the line that repeats the
	// title is taken as the title.
	html       bool
	knownTitle string

	learned  Learned // lines the corpus repeats (nil: none)
	unspaced bool    // lang is written without spaces (see unspaced)
	paras    int     // wrapped paragraphs found

	merged     [][]int                 // candidates per line, once made
	memo       map[memoKey]memoResult  // pattern results by rule and text
	headerMemo rules.HeaderMemo        // comment-header line matches
	reused     bool                    // a later pass of a fixpoint (see newTextPassFrom)
	kept       map[rules.Category]bool // categories left in the body
}

func newTextPass(set *rules.Set, text string, lang string) *textPass {
	p := &textPass{set: set, text: text, lang: lang, first: -1, last: -1, unspaced: unspaced(set, lang)}
	spans := splitLines(text)
	p.lines = make([]line, len(spans))
	p.norms = make([]string, len(spans))
	for i, sp := range spans {
		l := &p.lines[i]
		l.start, l.end = sp[0], sp[1]
		raw := text[sp[0]:sp[1]]
		l.norm = normalLine(raw)
		for k := 0; k < len(raw) && (raw[k] == ' ' || raw[k] == '\t'); k++ {
			l.indent++
			if raw[k] == '\t' {
				l.indent += 3
			}
		}
		p.norms[i] = l.norm
		if l.norm == "" {
			continue
		}
		l.words = rules.CountWords(l.norm)
		l.terminal = rules.EndsSentence(l.norm)
		l.textual = mostlyLetters(l.norm)
		l.prose = isProse(l.norm, proseWordsOf(l.norm, l.words, p.unspaced), l.terminal) && (l.terminal || !repeated(l.norm))
	}
	p.markWrapped()
	p.markIconItems(spans)
	p.labels = make([]label, len(spans))
	return p
}

// lineCache keeps what the first pass of a fixpoint learned about each
// line of the input that cannot change in later passes: its normal form
// and counts, and the rules its keywords select.
type lineCache struct {
	lines []line
	cands [][]int
}

// newTextPassFrom makes a later pass of a fixpoint over text, the body of
// the earlier passes: mapping gives each of its lines' input line (-1 for
// a folded blank line), whose facts come from the cache.
func newTextPassFrom(set *rules.Set, text, lang string, mapping []int, cache *lineCache) *textPass {
	p := &textPass{set: set, text: text, lang: lang, first: -1, last: -1, reused: true, unspaced: unspaced(set, lang)}
	spans := splitLines(text)
	p.lines = make([]line, len(spans))
	p.norms = make([]string, len(spans))
	p.cands = make([][]int, len(spans))
	for i, sp := range spans {
		if i < len(mapping) && mapping[i] >= 0 {
			orig := mapping[i]
			p.lines[i] = cache.lines[orig]
			p.cands[i] = cache.cands[orig]
		} else {
			p.lines[i] = line{}
		}
		l := &p.lines[i]
		l.start, l.end = sp[0], sp[1]
		l.para = 0
		l.prose = l.norm != "" && isProse(l.norm, proseWordsOf(l.norm, l.words, p.unspaced), l.terminal) && (l.terminal || !repeated(l.norm))
		p.norms[i] = l.norm
	}
	p.markWrapped()
	p.labels = make([]label, len(spans))
	return p
}

// scan runs the keyword prefilter once over the whole text and records,
// per line, the rules whose keywords occur in it.
func (p *textPass) scan() {
	p.cands = make([][]int, len(p.lines))
	li := 0
	p.set.Prefilter().Scan(p.text, func(end int, rs []int) {
		pos := end - 1
		for li < len(p.lines)-1 && pos >= p.lines[li].end {
			li++
		}
		for li > 0 && pos < p.lines[li].start {
			li--
		}
		for _, r := range rs {
			p.cands[li] = appendUniqueInt(p.cands[li], r)
		}
	})
}

func appendUniqueInt(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// mayMatch reports whether any rule that runs on every line in its scope
// could match line i: one of its keywords is there, or it is a phrase.
// (Rules without keywords only run in the head, the tail and threads.)
func (p *textPass) mayMatch(i int) bool {
	return !p.lines[i].blank() && (len(p.cands[i]) > 0 || p.set.MatchPhrase(p.lines[i].norm) != nil || p.set.AlwaysAnywhere())
}

// memoKey is a rule tried on a line's text.
type memoKey struct {
	rule int
	text string
}

type memoResult struct {
	groups rules.Groups
	ok     bool
}

// maxMemoText is the longest text memoMatch remembers: the lines a page
// repeats are short, and a sentence is seldom matched twice.
const maxMemoText = 64

// memoMatch is r.Match(text), remembered for the document: pages repeat
// lines (a commenter's name, "9 months ago", "Reply"), and a pattern costs
// far more than a lookup.
func (p *textPass) memoMatch(r *rules.Rule, text string) (rules.Groups, bool) {
	if len(text) > maxMemoText {
		return r.Match(text)
	}
	if p.memo == nil {
		p.memo = map[memoKey]memoResult{}
	}
	k := memoKey{r.Index(), text}
	if m, ok := p.memo[k]; ok {
		return m.groups, m.ok
	}
	g, ok := r.Match(text)
	p.memo[k] = memoResult{g, ok}
	return g, ok
}

// candidates returns the rules line i selects, in set order: phrase rules
// whose phrase it is and rules whose keywords it holds. (Rules without
// keywords, Prefilter.Always, are tried besides.) The list is made once per
// line and pass.
func (p *textPass) candidates(i int) []int {
	if p.merged == nil {
		p.merged = make([][]int, len(p.lines))
	}
	if c := p.merged[i]; c != nil {
		return c
	}
	c := p.cands[i]
	if phr := p.set.MatchPhrase(p.lines[i].norm); len(phr) > 0 {
		c = append(append(make([]int, 0, len(phr)+len(c)), phr...), c...)
	}
	if !sort.IntsAreSorted(c) {
		sort.Ints(c) // p.cands[i] in place: its order does not matter
	}
	if c == nil {
		c = []int{}
	}
	p.merged[i] = c
	return c
}

// match returns the first rule (in set order) that accept allows and that
// matches line i, with its groups.
func (p *textPass) match(i int, accept func(*rules.Rule) bool) (*rules.Rule, rules.Groups) {
	var found *rules.Rule
	var groups rules.Groups
	p.matchEach(i, accept, func(r *rules.Rule, g rules.Groups) bool {
		found, groups = r, g
		return false
	})
	return found, groups
}

// applies reports whether line rule r applies to this pass's lines: to
// its language, and to its input (a rule for plain text, "input: text",
// not to the text of an HTML page, whose markup says what it marks).
func (p *textPass) applies(r *rules.Rule) bool {
	return r.AppliesTo(rules.TextInput, p.lang) && !(p.html && r.Input == rules.TextInput)
}

// readsLines reports whether rule r is matched against lines one at a
// time: not a marker, a comment header (findHeaders), a selector or a
// structure rule.
func readsLines(r *rules.Rule) bool {
	switch r.Kind {
	case rules.KindMarker, rules.KindCommentHeader, rules.KindSelector, rules.KindStructure:
		return false
	}
	return true
}

// nextNonBlank is the first line after line i that is not blank, or
// len(p.lines).
func (p *textPass) nextNonBlank(i int) int {
	for i++; i < len(p.lines) && p.lines[i].blank(); i++ {
	}
	return i
}

// matches reports whether rule r matches line i, as match with an accept
// that takes r alone would find, without reading the rule's groups (a
// pattern's submatches cost more than the match).
func (p *textPass) matches(i int, r *rules.Rule) bool {
	l := &p.lines[i]
	if l.blank() || !readsLines(r) {
		return false
	}
	if !slices.Contains(p.candidates(i), r.Index()) && !slices.Contains(p.set.Prefilter().Always(), r.Index()) {
		return false
	}
	if !p.applies(r) || !r.CheckCounted(l.norm, l.words, l.terminal) {
		return false
	}
	if r.Kind != rules.KindPhrase {
		m, ok := p.memo[memoKey{r.Index(), l.norm}]
		if !ok {
			m.ok = r.Matches(l.norm)
		}
		if !m.ok {
			return false
		}
	}
	return r.CuesMet(l.norm)
}

// matchEach calls yield with every rule (in set order) that accept allows
// and that matches line i, with its groups, until yield returns false.
func (p *textPass) matchEach(i int, accept func(*rules.Rule) bool, yield func(*rules.Rule, rules.Groups) bool) {
	l := &p.lines[i]
	if l.blank() {
		return
	}
	all := p.set.Rules()
	sel, always := p.candidates(i), p.set.Prefilter().Always()
	prev := -1
	for len(sel) > 0 || len(always) > 0 {
		// The next of the two sorted lists.
		var idx int
		if len(always) == 0 || len(sel) > 0 && sel[0] < always[0] {
			idx, sel = sel[0], sel[1:]
		} else {
			idx, always = always[0], always[1:]
		}
		if idx == prev {
			continue
		}
		prev = idx
		r := all[idx]
		if !readsLines(r) {
			continue
		}
		if !accept(r) || !p.applies(r) || !r.CheckCounted(l.norm, l.words, l.terminal) {
			continue
		}
		if r.Kind == rules.KindPhrase {
			// Phrase rules only come from the phrase table: they matched.
			if r.CuesMet(l.norm) && !yield(r, nil) {
				return
			}
			continue
		}
		if g, ok := p.memoMatch(r, l.norm); ok && r.CuesMet(l.norm) && !yield(r, g) {
			return
		}
	}
}

func (p *textPass) setLabel(i int, r *rules.Rule, groups rules.Groups, group int) {
	p.labels[i] = label{rule: r, group: group}
	if groups != nil || r.Field != "" && r.Action != rules.DropToEnd {
		p.hits = append(p.hits, hit{line: i, rule: r, groups: groups})
	}
	switch r.Action {
	case rules.DropList:
		p.takeList(i, r, group)
	case rules.DropBlock:
		p.takeBlock(i, r, group)
	}
}

// maxBlockLines and maxBlockWords bound the block a drop_block label
// takes: a few short lines.
const (
	maxBlockLines = 8
	maxBlockWords = 20
)

// takeBlock labels the short lines under a drop_block label at line i, up
// to a blank line or a line that is a sentence of prose: teaser headlines
// and their sponsors' names, the styles under "Cite this page", not the
// article's next paragraph.
func (p *textPass) takeBlock(i int, r *rules.Rule, group int) {
	k := i + 1
	for k < len(p.lines) && !p.lines[k].blank() && k-i <= maxBlockLines {
		l := &p.lines[k]
		if l.words > maxBlockWords || l.terminal && l.words > 6 {
			break
		}
		k++
	}
	for j := i + 1; j < k; j++ {
		if !p.labelled(j) {
			p.labels[j] = label{rule: r, group: group}
		}
	}
}

// takeList labels the list that follows a drop_list heading at line i:
// after at most two blank lines, a block of two or more list items (sub
// items indented under them included).
func (p *textPass) takeList(i int, r *rules.Rule, group int) {
	j := i + 1
	for blanks := 0; j < len(p.lines) && p.lines[j].blank() && blanks < 2; blanks++ {
		j++
	}
	k := j
	for k < len(p.lines) && !p.lines[k].blank() && isListItem(p.lines[k].norm) && !p.lines[k].prose {
		k++
	}
	if k-j < 2 || k < len(p.lines) && !p.lines[k].blank() {
		return // no list, or a list that runs on into other lines
	}
	for ; j < k; j++ {
		if !p.labelled(j) {
			p.labels[j] = label{rule: r, group: group}
		}
	}
}

func (p *textPass) labelled(i int) bool { return p.labels[i].rule != nil }

func (p *textPass) newGroup() int {
	p.groups++
	return p.groups
}

func scopeIs(scopes ...rules.Scope) func(*rules.Rule) bool {
	return func(r *rules.Rule) bool {
		for _, s := range scopes {
			if r.Scope == s {
				return true
			}
		}
		return false
	}
}

// nextAnchor returns the first line of article prose at or after from that
// is not labelled and not a comment header, or -1.
func (p *textPass) nextAnchor(from int, headers []headerMatch) int {
	h := 0
	for i := from; i < len(p.lines); i++ {
		for h < len(headers) && headers[h].start+headers[h].n <= i {
			h++
		}
		if h < len(headers) && headers[h].start <= i {
			continue
		}
		if p.lines[i].prose && !p.labelled(i) {
			return i
		}
	}
	return -1
}

// prevAnchor returns the last line of article prose before line before
// that is not labelled and not in a zone, or -1.
func (p *textPass) prevAnchor(before int) int {
	for i := before - 1; i >= 0; i-- {
		if p.lines[i].prose && !p.labelled(i) && p.zoneAt(i) == nil {
			return i
		}
	}
	return -1
}

// tailEnd is where the lines that tail rules may see end: the first
// comment of a thread (comments own their lines).
func (p *textPass) tailEnd() int {
	if p.thread != nil {
		return p.thread.firstHeader
	}
	return len(p.lines)
}

// applyRange labels unlabelled lines in [from, to) with the first rule
// accept allows.
func (p *textPass) applyRange(from, to int, accept func(*rules.Rule) bool) {
	for i := max(from, 0); i < to && i < len(p.lines); i++ {
		if p.labelled(i) {
			continue
		}
		if r, g := p.match(i, accept); r != nil {
			p.setLabel(i, r, g, 0)
		}
	}
}

// applyRules applies the rules accept allows to the unlabelled lines of
// [from, to), one rule at a time in set order: a rule with "select: all"
// labels every line it matches; "first" or "last" labels one of its
// matches, the first (or last) that meets its "prefer" conditions if any
// does.
func (p *textPass) applyRules(from, to int, accept func(*rules.Rule) bool) {
	// Every line is tried once with the rules its keywords select; the
	// rules then take their matches in set order.
	type match struct {
		line   int
		groups rules.Groups
	}
	var byRule map[*rules.Rule][]match
	for i := max(from, 0); i < to && i < len(p.lines); i++ {
		if p.labelled(i) {
			continue
		}
		p.matchEach(i, accept, func(r *rules.Rule, g rules.Groups) bool {
			if byRule == nil {
				byRule = map[*rules.Rule][]match{}
			}
			byRule[r] = append(byRule[r], match{i, g})
			return true
		})
	}
	if byRule == nil {
		return
	}
	for _, r := range p.set.Rules() {
		ms := byRule[r]
		pick, pickGroups, preferred := -1, rules.Groups(nil), false
		for _, m := range ms {
			i := m.line
			if p.labelled(i) {
				continue
			}
			if r.Select == rules.All {
				p.setLabel(i, r, m.groups, 0)
				continue
			}
			better := r.Prefer.Meets(p.lines[i].norm)
			switch {
			case pick < 0, better && !preferred, r.Select == rules.Last && better == preferred:
				pick, pickGroups, preferred = i, m.groups, better
			}
		}
		if pick >= 0 {
			p.setLabel(pick, r, pickGroups, 0)
		}
	}
}

func (p *textPass) zoneAt(i int) *zone {
	for k := range p.zones {
		if z := &p.zones[k]; z.start <= i && i < z.end {
			return z
		}
	}
	return nil
}

// isPersonName reports whether s looks like a person's name: one to five
// words, each capitalised (or a name particle), no digits, and not
// starting with a stopword of the document's language.
func (p *textPass) isPersonName(s string) bool {
	return LooksLikeName(p.set, s, func(w string) bool { return p.isStopword(w) })
}

func (p *textPass) isStopword(w string) bool {
	w = strings.ToLower(w)
	if p.lang != "" {
		return p.set.IsStopword(p.lang, w)
	}
	return p.set.IsStopword("en", w)
}
