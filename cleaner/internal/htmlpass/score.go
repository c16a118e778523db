package htmlpass

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// scoring flags, dropped one by one when the article comes out short.
const (
	stripUnlikely = 1 << iota
	weighClasses
)

// candidate is an element that scored as a possible article container.
type candidate struct {
	node             *html.Node
	score            float64
	chars, linkChars int
}

var sentenceEndRE = regexp.MustCompile(`\.( |$)`)

// container chooses the article's elements: the best-scoring container
// and the siblings that belong with it. Paragraphs give points to their
// ancestors (more to the nearer ones); class and id words add or take
// away points; link density discounts. If the result is short, scoring
// runs again with fewer filters, and the longest result wins. It also
// reports whether that result left out "unlikely" elements (whose blocks
// then stay out of the article too). Where the page names its article's
// body (namedBody), the name wins over the score.
func (h *htmlDoc) container() ([]*html.Node, bool) {
	var best []*html.Node
	var bestSc scoring
	bestLen, bestFlags := -1, 0
	for _, flags := range []int{stripUnlikely | weighClasses, weighClasses, 0} {
		nodes, sc := h.score(flags)
		n := 0 // (the round's counts leave out what its flags leave out)
		for _, x := range nodes {
			n += sc.prose[x]
		}
		if n > bestLen {
			best, bestSc, bestLen, bestFlags = nodes, sc, n, flags
		}
		if n >= 500 {
			break
		}
	}
	best = h.namedBody(best, bestSc)
	best = h.underHeadline(best, bestSc)
	return best, bestFlags&stripUnlikely != 0
}

// underHeadline is the container under the page's headline when the one
// chosen is elsewhere and not much bigger: a reader starts at the
// headline, and a short article whose comments or sidebar hold as much
// text (a thread of readers' one-liners under "What you think...")
// is still the article. The headline is the element whose text is the
// page's title (headlineNode); the article under it is the candidate
// holding the first prose after it, taken when it holds half the chosen
// container's prose or more and neither holds the other.
func (h *htmlDoc) underHeadline(best []*html.Node, sc scoring) []*html.Node {
	hd := h.headlineNode()
	if hd == nil || len(best) == 0 || insideAny(best, hd) {
		return best
	}
	var first *html.Node
	for _, b := range h.blocks {
		if h.order[b.node] > h.order[hd] && !isAncestor(hd, b.node) && proseChars(b) >= minHeadlineProse {
			first = b.node
			break
		}
	}
	if first == nil || insideAny(best, first) {
		return best
	}
	var c *candidate
	for a := first; a != nil && c == nil; a = a.Parent {
		c = sc.cands[a]
	}
	if c == nil || c.score <= 0 {
		return best
	}
	bestProse := 0
	for _, x := range best {
		bestProse += sc.prose[x]
		if isAncestor(c.node, x) || isAncestor(x, c.node) {
			return best
		}
	}
	if sc.prose[c.node]*2 < bestProse {
		return best
	}
	return sc.withSiblings(c.node, c.score)
}

// minHeadlineProse is the least prose, in letters, of the block that
// underHeadline reads as the article's first.
const minHeadlineProse = 80

// headlineNode is the first element of the page whose whole text is its
// title's main part (the longest between separators, of three words or
// more): the headline over the article. nil when no element is.
func (h *htmlDoc) headlineNode() *html.Node {
	main := ""
	for _, part := range titleSepRE.Split(h.page.title, -1) {
		if part = strings.TrimSpace(part); len(part) > len(main) {
			main = part
		}
	}
	if len(strings.Fields(main)) < 3 {
		return nil
	}
	want := strings.ToLower(rules.Normalize(main))
	for n := range h.root.Descendants() {
		if l := h.textLen[n]; n.Type != html.ElementNode || n.DataAtom == atom.Title || n.DataAtom == atom.A || l < len(main)/2 || l > 3*len(main) {
			continue
		}
		if strings.ToLower(rules.Normalize(subtreeText(n))) == want {
			return n
		}
	}
	return nil
}

func containsNode(ns []*html.Node, n *html.Node) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// classWeight is ±25 for content and boilerplate words in class and id.
func (h *htmlDoc) classWeight(n *html.Node) float64 {
	w := 0.0
	for _, v := range []string{attr(n, "class"), attr(n, "id")} {
		if v == "" {
			continue
		}
		hits := h.classHas(v, rules.WordsHTMLNegative, rules.WordsHTMLPositive)
		if hits[0] {
			w -= 25
		}
		if hits[1] {
			w += 25
		}
	}
	return w
}

// classVocab is a word list read in class and id values, ready for many
// elements: a value holds one of the words as a word of its own or the
// start of one ("sidebar" in "sidebars-left", "comment" in "CommentList";
// "rail" is not in "trailer"); a word written with a hyphen ("-ad-",
// "com-") is looked for as written. It keeps the words written with a
// hyphen, and a lookup of the others.
type classVocab struct {
	literal        []string
	has            func(string) bool
	minLen, maxLen int
	first          [256]bool // the first bytes of the words
}

// newClassVocab makes a classVocab of words; has looks a word up among
// them (lower case).
func newClassVocab(words []string, has func(string) bool) classVocab {
	v := classVocab{has: has, minLen: 1 << 30}
	for _, w := range words {
		switch {
		case w == "":
		case strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }):
			v.literal = append(v.literal, w)
		default:
			v.minLen, v.maxLen = min(v.minLen, len(w)), max(v.maxLen, len(w))
			v.first[strings.ToLower(w)[0]] = true
		}
	}
	return v
}

// in reports whether a class or id value, lower case and split into its
// words (splitClassWords), holds one of the vocabulary's words.
func (v classVocab) in(lower string, toks []string) bool {
	for _, w := range v.literal {
		if strings.Contains(lower, w) {
			return true
		}
	}
	for _, t := range toks {
		if !v.first[t[0]] {
			continue
		}
		for l := v.minLen; l <= len(t) && l <= v.maxLen; l++ {
			if v.has(t[:l]) {
				return true
			}
		}
	}
	return false
}

// vocab is the pack's word list name as a classVocab.
func (h *htmlDoc) vocab(name string) classVocab {
	if v, ok := h.vocabs[name]; ok {
		return v
	}
	if h.vocabs == nil {
		h.vocabs = map[string]classVocab{}
	}
	v := newClassVocab(h.set.Words(name), func(w string) bool { return h.set.HasWord(name, w) })
	h.vocabs[name] = v
	return v
}

// classHas reports, for each of the pack's word lists names, whether a
// class or id value holds one of its words (see classVocab). The answer
// is reused by the next call.
func (h *htmlDoc) classHas(value string, names ...string) []bool {
	out := h.hits[:0]
	lower, toks := strings.ToLower(value), splitClassWords(value)
	for _, name := range names {
		out = append(out, h.vocab(name).in(lower, toks))
	}
	h.hits = out
	return out
}

func (h *htmlDoc) initialScore(n *html.Node, flags int) float64 {
	s := 0.0
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main:
		s = 5
	case atom.Pre, atom.Td, atom.Blockquote:
		s = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s = -5
	}
	if flags&weighClasses != 0 {
		s += h.classWeight(n)
	}
	return s
}

// scorable blocks are the paragraph-like ones Readability scores.
func scorable(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Td, atom.Div, atom.Section, atom.Article, atom.Main, atom.Blockquote, atom.Dd,
		atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func (h *htmlDoc) score(flags int) ([]*html.Node, scoring) {
	sc := h.scoreBlocks(flags)
	if len(sc.cands) == 0 {
		return nil, sc
	}
	list := sc.ranked(h)
	top := list[0]
	topNode := sc.widen(top.node, list)
	topScore := top.score
	if c := sc.cands[topNode]; c != nil {
		topScore = c.score
	}
	if topNode.Parent == nil {
		return []*html.Node{topNode}, sc
	}
	nodes := sc.withSiblings(topNode, topScore)
	if a := sc.holdingProse(topNode, topScore, nodes); a != nil && !h.linkHeaded(a, nodes) {
		return []*html.Node{a}, sc
	}
	return sc.withNumberedParts(h.root, topNode, topScore, nodes), sc
}

// withNumberedParts adds to the container's nodes the other parts of a
// container whose class is numbered ("story-body-2" after "story-body-1",
// each in a wrapper of its own between figures and ads): elements of the
// same class but for its numbers that score as siblings must, wherever
// they are. The nodes come back in document order.
func (sc scoring) withNumberedParts(root, topNode *html.Node, topScore float64, nodes []*html.Node) []*html.Node {
	class := attr(topNode, "class")
	if !strings.ContainsAny(class, "0123456789") {
		return nodes
	}
	class = withoutDigits(class)
	threshold := max(10, topScore*0.2)
	var parts []*html.Node
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || n == topNode || withoutDigits(attr(n, "class")) != class {
			continue
		}
		if c := sc.cands[n]; c != nil && c.score >= threshold && !containsNode(nodes, n) {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return nodes
	}
	var out []*html.Node
	for n := range root.Descendants() {
		if containsNode(nodes, n) || containsNode(parts, n) {
			if !insideAny(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// insideAny reports whether n is one of ns or inside one of them.
func insideAny(ns []*html.Node, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if containsNode(ns, n) {
			return true
		}
	}
	return false
}

// withoutDigits is s with its digits left out.
func withoutDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if '0' <= r && r <= '9' {
			return -1
		}
		return r
	}, s)
}

// Shares of the page's prose for holdingProse.
const (
	narrowShare = 0.7  // a container with less of the page's prose is one part of it
	wholeShare  = 0.7  // an ancestor with this much holds the page's text
	wholeLinks  = 0.25 // and no more of its letters in links

	minHeadlineWords = 3 // a link of fewer words is a menu's, no teaser's headline
)

// holdingProse is the ancestor of the container to take instead of it
// when the container holds a small part of the page's prose and an
// ancestor holds most of it, with few links: minutes or a report laid
// out as a table of items, each item an element of its own. It returns
// nil when the container stands.
func (sc scoring) holdingProse(top *html.Node, topScore float64, nodes []*html.Node) *html.Node {
	body := top
	for body != nil && body.DataAtom != atom.Body {
		body = body.Parent
	}
	if body == nil || sc.prose[body] == 0 {
		return nil
	}
	total, have := float64(sc.prose[body]), 0.0
	for _, n := range nodes {
		have += float64(sc.prose[n])
	}
	if have >= narrowShare*total {
		return nil
	}
	for a := top.Parent; a != nil && a != body; a = a.Parent {
		if float64(sc.prose[a]) >= wholeShare*total {
			if chars := sc.chars[a]; chars > 0 && float64(sc.linkChars[a]) <= wholeLinks*float64(chars) && sc.peers(a, top, topScore) >= 2 {
				return a
			}
			return nil
		}
	}
	return nil
}

// linkHeaded reports whether half or more of the blocks that a holds
// beside nodes are mostly link text: the headlines of a list of teasers
// between their snippets, not a report's items. Links of a word or two
// (a menu, a section's table of contents) are no headlines and are not
// counted.
func (h *htmlDoc) linkHeaded(a *html.Node, nodes []*html.Node) bool {
	total, linky := 0, 0
	for _, b := range h.blocks {
		if b.chars == 0 || !isAncestor(a, b.node) {
			continue
		}
		inside := false
		for _, n := range nodes {
			if n == b.node || isAncestor(n, b.node) {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		if b.linkChars*2 > b.chars {
			if len(strings.Fields(b.text)) < minHeadlineWords {
				continue
			}
			linky++
		}
		total++
	}
	return linky*2 >= total
}

// peers counts the candidates inside a, outside top, that score a quarter
// of top's score (topScore) or more: the other items of a report, where a list of
// teasers has snippets that score little each.
func (sc scoring) peers(a, top *html.Node, topScore float64) int {
	n := 0
	for x, c := range sc.cands {
		if c.score >= topScore/4 && x != top && !isAncestor(top, x) && !isAncestor(x, top) && isAncestor(a, x) {
			n++
		}
	}
	return n
}

// scoring is one round of content scoring: the candidates (ancestors of
// paragraphs) with their scores, and the text and link letters of every
// element.
type scoring struct {
	cands                   map[*html.Node]*candidate
	chars, linkChars, prose map[*html.Node]int
}

// scoreBlocks lets every paragraph-like block of 25 bytes or more (and
// every list item that reads as prose) give its score (one, a point a
// comma, up to three for its length) to its ancestors: whole to its
// parent, half to the grandparent, a third of the level above that; a
// list's items count from what holds the list. flags say what the round
// leaves out.
func (h *htmlDoc) scoreBlocks(flags int) scoring {
	sc := scoring{cands: map[*html.Node]*candidate{}, chars: map[*html.Node]int{}, linkChars: map[*html.Node]int{}, prose: map[*html.Node]int{}}
	get := func(n *html.Node) *candidate {
		c := sc.cands[n]
		if c == nil {
			c = &candidate{node: n, score: h.initialScore(n, flags)}
			sc.cands[n] = c
		}
		return c
	}
	// Text and link counts of every element (up to 64 levels up).
	for _, b := range h.blocks {
		if flags&stripUnlikely != 0 && b.unlikely {
			continue
		}
		depth := 0
		for a := b.node; a != nil && depth < 64; a, depth = a.Parent, depth+1 {
			sc.chars[a] += b.chars
			sc.linkChars[a] += b.linkChars
			sc.prose[a] += proseChars(b)
		}
	}
	for _, b := range h.blocks {
		if flags&stripUnlikely != 0 && b.unlikely {
			continue
		}
		textLen := len(b.text)
		if textLen < 25 || !scorable(b.node) && !proseItem(b) {
			continue
		}
		s := 1 + float64(b.commas) + float64(min(textLen/100, 3))
		level := 0
		first := b.node.Parent
		if b.node.DataAtom == atom.Li && first != nil && (first.DataAtom == atom.Ul || first.DataAtom == atom.Ol) {
			first = first.Parent // a list's items speak for what holds the list
		}
		for a := first; a != nil && level < 5; a, level = a.Parent, level+1 {
			if a.Type != html.ElementNode || a.DataAtom == atom.Html {
				break
			}
			div := 1.0
			switch {
			case level == 1:
				div = 2
			case level > 1:
				div = float64(level * 3)
			}
			get(a).score += s / div
		}
	}
	return sc
}

// ranked discounts each candidate's score by its link density, its share
// of prose (under half) and its size (under minCandidateChars letters),
// and sorts them, best first (document order breaks ties).
func (sc scoring) ranked(h *htmlDoc) []*candidate {
	list := make([]*candidate, 0, len(sc.cands))
	for n, c := range sc.cands {
		c.chars, c.linkChars = sc.chars[n], sc.linkChars[n]
		if c.chars > 0 {
			c.score *= 1 - float64(c.linkChars)/float64(c.chars)
		}
		if c.chars > 0 {
			// A page's wrapper that holds the article among its menus
			// and lists is mostly not prose: under half prose, the
			// score shrinks with the share.
			if share := float64(sc.prose[n]) / float64(c.chars); share < 0.5 {
				c.score *= 0.5 + share
			}
		}
		if c.chars < minCandidateChars {
			// A class word's bonus on a box of a line or two (a video
			// player's "storytop") is no article.
			c.score *= float64(c.chars) / minCandidateChars
		}
		list = append(list, c)
	}
	sort.Slice(list, func(a, b int) bool {
		if list[a].score != list[b].score {
			return list[a].score > list[b].score
		}
		return h.order[list[a].node] < h.order[list[b].node]
	})
	return list
}

// widen moves from the best candidate to the element that holds the
// whole article: the ancestor of several near-best candidates (an article
// split across them), a parent that scores better, and the parent an only
// child stands for.
func (sc scoring) widen(topNode *html.Node, list []*candidate) *html.Node {
	top := list[0]
	var alts [][]*html.Node
	for _, c := range list[1:min(len(list), 5)] {
		if c.score/top.score >= 0.75 {
			var anc []*html.Node
			for a := c.node.Parent; a != nil; a = a.Parent {
				anc = append(anc, a)
			}
			alts = append(alts, anc)
		}
	}
	if len(alts) >= 3 {
		for p := topNode.Parent; p != nil && p.DataAtom != atom.Body && p.Type == html.ElementNode; p = p.Parent {
			n := 0
			for _, anc := range alts {
				if containsNode(anc, p) {
					n++
				}
			}
			if n >= 3 {
				topNode = p
				break
			}
		}
	}
	if c := sc.cands[topNode]; c != nil {
		last := c.score
		threshold := last / 3
		for p := topNode.Parent; p != nil && p.DataAtom != atom.Body && p.Type == html.ElementNode; p = p.Parent {
			pc := sc.cands[p]
			if pc == nil {
				continue
			}
			if pc.score < threshold {
				break
			}
			if pc.score > last {
				topNode = p
				break
			}
			last = pc.score
		}
	}
	for p := topNode.Parent; p != nil && p.DataAtom != atom.Body && p.Type == html.ElementNode && elementChildren(p) == 1; p = p.Parent {
		topNode = p
	}
	return topNode
}

// withSiblings is the container and the siblings that belong with it:
// those that score well (more with the container's class), and
// paragraphs that read like the article.
func (sc scoring) withSiblings(topNode *html.Node, topScore float64) []*html.Node {
	threshold := max(10, topScore*0.2)
	var out []*html.Node
	topClass := attr(topNode, "class")
	for s := topNode.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode {
			continue
		}
		if s == topNode {
			out = append(out, s)
			continue
		}
		bonus := 0.0
		if topClass != "" && attr(s, "class") == topClass {
			bonus = topScore * 0.2
		}
		if c := scoredWrapper(s, sc.cands); c != nil && c.score+bonus >= threshold {
			out = append(out, s)
			continue
		}
		if s.DataAtom == atom.P {
			chars, links := sc.chars[s], sc.linkChars[s]
			density := 0.0
			if chars > 0 {
				density = float64(links) / float64(chars)
			}
			text := subtreeText(s)
			switch {
			case len(text) > 80 && density < 0.25:
				out = append(out, s)
			case len(text) < 80 && len(text) > 0 && density == 0 && sentenceEndRE.MatchString(text):
				out = append(out, s)
			}
		}
	}
	return out
}

// scoredWrapper is the candidate of n, or of the element that n only
// wraps (an only child, an only child's only child, …): the container
// climbs the same chains, so a sibling is weighed as the container was.
func scoredWrapper(n *html.Node, cands map[*html.Node]*candidate) *candidate {
	for ; n != nil; n = onlyElementChild(n) {
		if c := cands[n]; c != nil {
			return c
		}
	}
	return nil
}

// onlyElementChild is n's element child if it has exactly one, else nil.
func onlyElementChild(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if only != nil {
			return nil
		}
		only = c
	}
	return only
}

func elementChildren(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			k++
		}
	}
	return k
}

// proseChars is what a block adds to a container's worth: its letters
// outside links, when it is a paragraph (40 letters or more); a list of
// links or short labels (a "Most read" box) adds nothing.
func proseChars(b hblock) int {
	if b.chars < 40 {
		return 0
	}
	return b.chars - b.linkChars
}

// proseItem reports whether a list item reads as prose (a guestbook's
// entries, a list of paragraphs): 100 bytes or more, under a quarter of
// its letters in links. Menus and link lists do not score.
func proseItem(b hblock) bool {
	return b.node.DataAtom == atom.Li && len(b.text) >= 100 && b.linkChars*4 < b.chars
}

// minCandidateChars is the text (letters) below which a candidate's score
// shrinks in proportion: a container holds more than a caption.
const minCandidateChars = 140
