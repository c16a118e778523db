package textpass

import (
	"github.com/winnow-text/winnow/cleaner/internal/doc"
	"sort"
	"strings"
	"unicode"

	"github.com/winnow-text/winnow/rules"
)

// line is one line of a text pass with its features.
type line struct {
	start, end int    // byte offsets of the line in the pass's text, without the newline
	norm       string // normalised text; "" for a blank line
	indent     int    // leading spaces (a tab counts four)
	para       int    // wrapped paragraph the line is in (0: none)
	words      int
	terminal   bool // ends like a sentence
	prose      bool // long enough and sentence-like: a paragraph of article text
}

func (l *line) blank() bool { return l.norm == "" }

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
	groups map[string]string
}

// splitLines returns the [start, end) offsets of every line of text.
func splitLines(text string) [][2]int {
	n := strings.Count(text, "\n") + 1
	out := make([][2]int, 0, n)
	start := 0
	for {
		i := strings.IndexByte(text[start:], '\n')
		if i < 0 {
			out = append(out, [2]int{start, len(text)})
			return out
		}
		out = append(out, [2]int{start, start + i})
		start += i + 1
	}
}

// isProse tells article prose from everything else by shape: a sentence
// of eight words or more, or a long run of words that is not a cut snippet.
func isProse(norm string, words int, terminal bool) bool {
	if terminal {
		return words >= 8
	}
	return words >= 30 && !strings.HasSuffix(norm, "…") && !strings.HasSuffix(norm, "...")
}

// normalLine is the normal form a line is matched in: normalised space
// and punctuation, without reference marks, glued words or decoration.
func normalLine(raw string) string {
	return undecorate(unglue(stripRefs(rules.Normalize(raw))))
}

// proseWords is words as isProse weighs them: in Chinese and Japanese,
// where every character counts as a word, a word is two characters.
func proseWords(words int, lang string) int {
	if unspaced(lang) {
		return words / 2
	}
	return words
}

// unspaced reports whether lang is written without spaces between words.
func unspaced(lang string) bool {
	return lang == "zh" || lang == "ja"
}

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
	hits   []hit
	groups int // last group number handed out

	first, last int // first and last line of article prose (-1: none)
	zones       []zone
	thread      *thread
	meta        doc.Meta

	// For HTML, whose title the markup gives: in the head, headings stay
	// (they are the page's structure) and only the line that repeats the
	// title is taken as the title.
	html       bool
	knownTitle string

	learned Learned // lines the corpus repeats (nil: none)
	paras   int     // wrapped paragraphs found

	merged     [][]int                 // candidates per line, once made
	memo       map[memoKey]memoResult  // pattern results by rule and text
	headerMemo rules.HeaderMemo        // comment-header line matches
	reused     bool                    // a later pass of a fixpoint (see newTextPassFrom)
	kept       map[rules.Category]bool // categories left in the body
}

func newTextPass(set *rules.Set, text string, lang string) *textPass {
	p := &textPass{set: set, text: text, lang: lang, first: -1, last: -1}
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
		l.prose = isProse(l.norm, proseWords(l.words, lang), l.terminal) && (l.terminal || !repeated(l.norm))
	}
	p.markWrapped()
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
	p := &textPass{set: set, text: text, lang: lang, first: -1, last: -1, reused: true}
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
		l.prose = l.norm != "" && isProse(l.norm, proseWords(l.words, lang), l.terminal) && (l.terminal || !repeated(l.norm))
		p.norms[i] = l.norm
	}
	p.markWrapped()
	p.labels = make([]label, len(spans))
	return p
}

// markWrapped finds paragraphs that are hard-wrapped over several lines
// (mail, RFCs, lynx and html2text dumps) and marks every line of one that
// reads as prose as prose: a wrapped line rarely ends a sentence, so line
// by line the paragraph would look like a run of headings. A wrapped
// paragraph is a run of lines as wide as the block's widest (two thirds of
// it or more), not list items, closed by a line that ends a sentence; a
// block may hold several (html2text puts no blank line between them).
func (p *textPass) markWrapped() {
	for i := 0; i < len(p.lines); {
		if p.lines[i].blank() {
			i++
			continue
		}
		j := i
		width := 0
		for j < len(p.lines) && !p.lines[j].blank() {
			width = max(width, len(p.lines[j].norm))
			j++
		}
		if j-i >= 2 && width >= 45 {
			start := i
			for k := i; k < j; k++ {
				l := &p.lines[k]
				wide := len(l.norm)*3 >= width*2 && !isListItem(l.norm)
				switch {
				case l.terminal && k > start && !isListItem(l.norm):
					p.markParagraph(start, k+1)
					start = k + 1
				case !wide:
					start = k + 1
				}
			}
		}
		i = j
	}
}

// markParagraph marks the lines [i, j) as prose if, joined, they are.
func (p *textPass) markParagraph(i, j int) {
	// The words of the joined lines are the lines' words; whether it ends
	// a sentence is whether its last line does.
	words := 0
	for k := i; k < j; k++ {
		words += p.lines[k].words
	}
	last := &p.lines[j-1]
	if isProse(last.norm, proseWords(words, p.lang), last.terminal) {
		p.paras++
		for k := i; k < j; k++ {
			p.lines[k].prose = true
			p.lines[k].para = p.paras
		}
	}
}

// isListItem reports whether a line starts like a list item: a bullet, or
// a number or letter and a dot or parenthesis.
func isListItem(s string) bool {
	if isBullet(s) {
		return true
	}
	k := 0
	for k < len(s) && k < 3 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == 0 && len(s) > 1 && s[0] >= 'a' && s[0] <= 'z' {
		k = 1
	}
	return k > 0 && k+1 < len(s) && (s[k] == '.' || s[k] == ')') && s[k+1] == ' '
}

// undecorate removes the marks html2text and Markdown put around headings
// ("****** Title ******", "## Title ##") from a line's matching form.
func undecorate(s string) string {
	if len(s) < 5 || !strings.ContainsAny(s[:1], "*=#~") {
		return s
	}
	inner := strings.TrimRight(strings.TrimLeft(s, "*=#~"), "*=#~")
	if len(s)-len(inner) < 2 || !strings.ContainsFunc(inner, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return s // a separator, not a decorated heading
	}
	return strings.TrimSpace(inner)
}

// unglue turns underscores that join words ("Skip_to_main_content", as
// html2text writes link text) into spaces in a line's matching form.
func unglue(s string) string {
	if !strings.Contains(s, "_") {
		return s
	}
	fields := strings.Fields(s)
	changed := false
	for k, f := range fields {
		if strings.Count(f, "_") >= 2 && !strings.HasPrefix(f, "_") && !strings.HasSuffix(f, "_") && !strings.Contains(f, "__") {
			fields[k] = strings.ReplaceAll(f, "_", " ")
			changed = true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(fields, " ")
}

// stripRefs removes the link numbers lynx puts before links ("[16]Facebook")
// from a line's matching form.
func stripRefs(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '[' {
			j := i + 1
			for j < len(s) && j-i <= 5 && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j > i+1 && j < len(s)-1 && s[j] == ']' && s[j+1] != ' ' {
				i = j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
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
	groups map[string]string
	ok     bool
}

// memoMatch is r.Match(text), remembered for the document: pages repeat
// lines (a commenter's name, "9 months ago", "Reply"), and a pattern costs
// far more than a lookup.
func (p *textPass) memoMatch(r *rules.Rule, text string) (map[string]string, bool) {
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
func (p *textPass) match(i int, accept func(*rules.Rule) bool) (*rules.Rule, map[string]string) {
	l := &p.lines[i]
	if l.blank() {
		return nil, nil
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
		if r.Kind == rules.KindMarker || r.Kind == rules.KindCommentHeader || r.Kind == rules.KindSelector {
			continue
		}
		if !accept(r) || !r.AppliesTo(rules.TextInput, p.lang) || !r.CheckCounted(l.norm, l.words, l.terminal) {
			continue
		}
		if r.Kind == rules.KindPhrase {
			// Phrase rules only come from the phrase table: they matched.
			if r.CuesMet(l.norm) {
				return r, nil
			}
			continue
		}
		if g, ok := p.memoMatch(r, l.norm); ok && r.CuesMet(l.norm) {
			return r, g
		}
	}
	return nil, nil
}

func (p *textPass) setLabel(i int, r *rules.Rule, groups map[string]string, group int) {
	p.labels[i] = label{rule: r, group: group}
	if groups != nil || r.Field != "" && r.Action != rules.DropToEnd {
		p.hits = append(p.hits, hit{line: i, rule: r, groups: groups})
	}
	if r.Action == rules.DropList {
		p.takeList(i, r, group)
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

// run detects everything in the text and fills labels and meta.
func (p *textPass) run() {
	if p.cands == nil {
		p.scan()
	}
	anywhere := scopeIs(rules.Anywhere)
	if p.reused {
		// A line still in the body matched no "anywhere" rule in the
		// first pass, unless its category is kept.
		anywhere = func(r *rules.Rule) bool { return r.Scope == rules.Anywhere && p.kept[r.Category] }
	}
	for i := range p.lines {
		if p.reused && len(p.kept) == 0 {
			break
		}
		if !p.mayMatch(i) {
			continue
		}
		if r, g := p.match(i, anywhere); r != nil {
			p.setLabel(i, r, g, 0)
		}
	}
	p.applyLearned()
	p.applyRepeated()
	p.applyTeaserCards()
	headers := p.findHeaders()
	var rg region
	dump := !p.html && p.dumpMode(headers)
	if dump {
		before := append([]label(nil), p.labels...)
		p.labelCaptions()
		var ok bool
		if rg, ok = p.findRegion(); ok {
			p.first = p.afterStandfirst(rg, p.afterQuestionHeadline(rg))
		} else {
			// Not a page dump after all: captions were its evidence.
			p.labels = before
			dump = false
		}
	}
	if !dump {
		p.first = p.nextAnchor(0, headers)
	}
	if p.first < 0 {
		// No article prose: nothing is head or tail, only "anywhere"
		// rules apply (a list or a poem is left alone).
		p.extract()
		return
	}
	isTitle := func(r *rules.Rule) bool { return r.Category == rules.Title }
	switch {
	case p.html:
		p.applyRules(0, p.first, func(r *rules.Rule) bool { return r.Scope == rules.Head && !isTitle(r) })
		p.takeKnownTitle()
	case dump:
		// Byline and date first: the headline is chosen next to them.
		p.applyRules(rg.window, p.first, func(r *rules.Rule) bool { return r.Scope == rules.Head && !isTitle(r) })
		titled := p.pickTitle(rg.window, p.first, rg.end)
		p.applyRules(rg.window, p.first, func(r *rules.Rule) bool {
			return r.Scope == rules.Head && isTitle(r) && !(titled && r.ID == "title.heading")
		})
	default:
		p.applyRules(0, p.first, scopeIs(rules.Head))
	}
	p.findZones(headers)
	end := len(p.lines)
	if dump {
		p.endAtComments(&rg)
		end = rg.end + 1
	}
	p.last = p.prevAnchor(end)
	tail := scopeIs(rules.Tail, rules.End)
	p.applyRange(p.last+1, p.tailEnd(), tail)
	for p.last >= 0 {
		r, g := p.match(p.last, scopeIs(rules.End))
		if r == nil {
			break
		}
		p.setLabel(p.last, r, g, 0)
		old := p.last
		p.last = p.prevAnchor(old)
		p.applyRange(p.last+1, old, tail)
	}
	p.parseZones()
	if dump {
		p.labelOutside(rg)
	}
	p.applyOfferBlocks()
	p.extract()
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
	for _, r := range p.set.Rules() {
		if !accept(r) {
			continue
		}
		only := func(x *rules.Rule) bool { return x == r }
		pick, pickGroups, preferred := -1, map[string]string(nil), false
		for i := max(from, 0); i < to && i < len(p.lines); i++ {
			if p.labelled(i) {
				continue
			}
			m, g := p.match(i, only)
			if m == nil {
				continue
			}
			if r.Select == rules.All {
				p.setLabel(i, r, g, 0)
				continue
			}
			better := r.Prefer.Meets(p.lines[i].norm)
			switch {
			case pick < 0, better && !preferred, r.Select == rules.Last && better == preferred:
				pick, pickGroups, preferred = i, g, better
			}
		}
		if pick >= 0 {
			p.setLabel(pick, r, pickGroups, 0)
		}
	}
}

// takeKnownTitle labels the first head line that repeats the known title
// (the same words, or one holding the other) with the headline rule.
func (p *textPass) takeKnownTitle() {
	r := p.set.Rule("title.heading")
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

// applyRepeated takes the lines that say one headline over again (see
// repeated) with related.repeated-headline, the headline as a related
// entry.
func (p *textPass) applyRepeated() {
	r := p.set.Rule("related.repeated-headline")
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
			p.setLabel(i, r, map[string]string{"related": phrase}, 0)
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
// line goes to related.
func (p *textPass) applyTeaserCards() {
	r := p.set.Rule("related.teaser-card")
	if r == nil {
		return
	}
	for i := range p.lines {
		if l := p.labels[i]; l.rule == nil || l.rule.ID != "site.more-link" {
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
		p.setLabel(start, r, map[string]string{"related": p.lines[start].norm}, 0)
		for j := start + 1; j < i; j++ {
			p.setLabel(j, r, nil, 0)
		}
	}
}

// offerGap is how many lines an offer block may have between two lines
// appeal or newsletter rules took.
const offerGap = 4

// applyOfferBlocks takes the short lines between two lines that appeal or
// newsletter rules took, a few lines apart: a subscription offer's plan
// names and blurbs ("Monthly", "$7/month", "A flexible plan you can
// cancel anytime.", "SUBSCRIBE").
func (p *textPass) applyOfferBlocks() {
	r := p.set.Rule("appeal.offer-block")
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
// recurs by chance does not make the paragraph boilerplate.
func (p *textPass) applyLearned() {
	r := p.set.Rule("site.corpus-boilerplate")
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
