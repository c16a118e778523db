package htmlpass

import (
	"strings"

	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
)

// Teaser cards inside the article: a list of stories set among (or after)
// its paragraphs, each a linked headline with a snippet, a kicker or a
// time. They are recognised by their shape, not their words: siblings of
// one kind, each short, each opening (or opening a line) with a headline
// link of three words or more that is an eighth of its letters or more
// and not all of them. A link inside a sentence (an article's list of
// points, an embedded tweet's signature) makes no card.

// minCards is how many cards of one kind make a list; and three in four
// siblings of that kind are cards (one may have a short headline link:
// "Rail news - Fares rise").
const minCards = 3

// maxKicker is how far into a card its headline may start (a kicker, a
// section name or a time before it).
const maxKicker = 60

// maxCardBytes is the most text one card holds.
const maxCardBytes = 500

// dropCards removes the blocks of the article that lie in teaser card
// lists (cardLists) and reads their headlines into related. The heading
// above a list is left to the text rules (a related heading opens a zone
// that reaches further; measured, taking it here lost more than it won).
func (h *htmlDoc) dropCards(kept []hblock, in map[*html.Node]bool) []hblock {
	r := h.set.Rule(rules.IDHTMLCards)
	if r == nil || len(in) == 0 {
		return kept
	}
	cards := map[*html.Node]bool{}
	for n := range in {
		h.cardLists(n, cards)
	}
	if len(cards) == 0 {
		return kept
	}
	total, dropped := 0, 0
	under := func(n *html.Node) *html.Node {
		for a := n; a != nil && !in[a]; a = a.Parent {
			if cards[a] {
				return a
			}
		}
		if cards[n] {
			return n
		}
		return nil
	}
	for _, b := range kept {
		total += b.chars
		if under(b.node) != nil {
			dropped += b.chars
		}
	}
	if dropped*2 > total {
		return kept // most of the article: a page that is a list of stories
	}
	out := kept[:0]
	var last *html.Node
	for _, b := range kept {
		c := under(b.node)
		if c == nil {
			out = append(out, b)
			continue
		}
		if c != last {
			h.meta.Related = append(h.meta.Related, links(c)...)
			last = c
		}
		h.marks = append(h.marks, mark{node: b.node, rule: r, text: b.text})
	}
	return out
}

// cardLists marks, under n, the elements of every list of teaser cards.
func (h *htmlDoc) cardLists(n *html.Node, cards map[*html.Node]bool) {
	bySig := map[string][]*html.Node{}
	var order []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || h.textLen[c] == 0 {
			continue
		}
		h.cardLists(c, cards)
		sig := itemSignature(c)
		if bySig[sig] == nil {
			order = append(order, sig)
		}
		bySig[sig] = append(bySig[sig], c)
	}
	for _, sig := range order {
		kids := bySig[sig]
		if len(kids) < minCards {
			continue
		}
		n := 0
		for _, k := range kids {
			if h.isCard(k) {
				n++
			}
		}
		if n < minCards || n*4 < len(kids)*3 {
			continue
		}
		for _, k := range kids {
			cards[k] = true
		}
	}
}

// isCard reports whether element n reads as a teaser card: short, with a
// headline link of three words or more that is a fifth of its letters or
// more, and other text besides.
func (h *htmlDoc) isCard(n *html.Node) bool {
	if h.textLen[n] > maxCardBytes || h.textLen[n] < 20 || inTable(n) {
		return false
	}
	text := subtreeText(n)
	letters := countLetters(text)
	linked, headline := 0, false
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if isLink(x) {
			t := subtreeText(x)
			linked += countLetters(t)
			if len(strings.Fields(t)) >= 3 {
				// A headline opens its card or a line of it (after a kicker
				// or a time at most); a link inside a sentence is the
				// sentence's.
				if k := strings.Index(text, firstLine(t)); k >= 0 && k <= maxKicker && (k == 0 || text[k-1] == '\n') {
					headline = true
				}
			}
			continue
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	return headline && linked*8 >= letters && linked < letters
}
