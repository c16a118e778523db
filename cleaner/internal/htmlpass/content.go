package htmlpass

import (
	"strings"

	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// namedBody weighs the body the page names (contentElement) against the
// scored container best, and returns the article's elements:
//   - the named body inside the container: the container held more than
//     the article (the next story, a comment box, a gallery's credits),
//     so the article is the named body and what comes before it in the
//     container and is not mostly links (the headline, the standfirst);
//   - the named body apart from the container: the score chose another
//     text (a sponsored story), the name is the page's own word;
//   - the named body around the container, or none: best stands.
//
// Measured on the dev corpora, taking the named body when it holds the
// container was a loss on three pages for every gain; those stay scored.
// sc is the scoring round that chose best: its counts of prose, letters
// and link letters (without what the round left out) weigh the named body.
func (h *htmlDoc) namedBody(best []*html.Node, sc scoring) []*html.Node {
	if len(best) == 0 || len(h.set.ContentSelectors()) == 0 {
		return best
	}
	body := h.contentElement(sc.prose)
	if body == nil {
		return best
	}
	var holder *html.Node // the element of best that holds body
	for _, x := range best {
		if x == body || isAncestor(body, x) {
			return best
		}
		if isAncestor(x, body) {
			holder = x
		}
	}
	out := []*html.Node{body}
	if holder == nil {
		return out
	}
	wordy := func(n *html.Node) bool { return sc.chars[n] > 0 && sc.linkChars[n]*2 < sc.chars[n] }
	for a := body; a != holder; a = a.Parent {
		for s := a.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.ElementNode && wordy(s) {
				out = append(out, s)
			}
		}
	}
	for _, x := range best {
		if h.order[x] < h.order[holder] && wordy(x) {
			out = append(out, x)
		}
	}
	return out
}

// minContentProse is the prose, in letters, a named body must hold to be
// taken for the article's.
const minContentProse = 250

// contentElement is the element the page names as its article's body:
// the first article, div, main or section that the first possible
// selector group of the pack's html_content matches and that holds
// minContentProse letters of prose, or nil.
func (h *htmlDoc) contentElement(prose map[*html.Node]int) *html.Node {
	groups := h.set.ContentSelectors()
	if len(groups) == 0 {
		return nil
	}
	// One walk: each article, div, main or section under the tier of the
	// first group it matches, in document order.
	tiers := make([][]*html.Node, len(groups))
	stack := []*html.Node{h.root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			if c.Type == html.ElementNode {
				stack = append(stack, c)
			}
		}
		switch n.DataAtom {
		case atom.Div, atom.Main, atom.Section:
			if len(n.Attr) == 0 {
				continue
			}
		case atom.Article:
		default:
			continue
		}
		for t, g := range groups {
			if g.Match(n) {
				tiers[t] = append(tiers[t], n)
				break
			}
		}
	}
	for _, matches := range tiers {
		for _, n := range matches {
			if prose[n] < minContentProse {
				continue
			}
			// An article cut into parts of one kind (div.article-body
			// after div.article-body): the element that holds them all.
			// Not across an article element: the next story of an
			// endless page has parts of the same kind.
			sig := signature(n)
			body := n
			var within *html.Node
			for a := n.Parent; a != nil && within == nil; a = a.Parent {
				if a.DataAtom == atom.Article {
					within = a
				}
			}
			for _, m := range matches {
				if m == n || signature(m) != sig || isAncestor(n, m) || isAncestor(m, n) || within != nil && !isAncestor(within, m) {
					continue
				}
				for !isAncestor(body, m) {
					body = body.Parent
				}
			}
			return body
		}
	}
	return nil
}

// signature is an element's tag and first class word.
func signature(n *html.Node) string {
	class, _, _ := strings.Cut(strings.TrimSpace(attr(n, "class")), " ")
	return n.Data + "." + class
}

// maxIgnoredRules is how many overreaching rules one page may ignore.
const maxIgnoredRules = 2

// overreach finds the selector rule whose hits hold most of the page's
// prose: 40 % or more of its text, in two paragraphs or more (one hit of
// half the page is refused already, by takes), counting paragraphs of 100
// bytes or more with under a quarter of their letters in links. A class
// that marks every paragraph of the article ("paywall", "premium") is
// not boilerplate, whatever its name; a gallery of long captions, taken
// slide by slide, is. It returns the rule and its share in percent, or
// nil.
func (h *htmlDoc) overreach() (*rules.Rule, int) {
	total := h.textLen[h.root]
	if total == 0 {
		return nil, 0
	}
	prose := map[*rules.Rule]int{}
	hits := map[*rules.Rule]int{}
	var worst *rules.Rule
	for _, m := range h.marks {
		r := m.rule
		if r.Kind != rules.KindSelector || r.Category == rules.Comments || r.Action == rules.StartThread || m.node.DataAtom != atom.P {
			continue
		}
		if len(m.text) < 100 || linkLetters(m.node)*4 >= countLetters(m.text) {
			continue
		}
		prose[r] += len(m.text)
		hits[r]++
		if hits[r] >= 2 && prose[r]*10 >= total*4 && (worst == nil || prose[r] > prose[worst]) {
			worst = r
		}
	}
	if worst == nil {
		return nil, 0
	}
	return worst, min(100, prose[worst]*100/total)
}

// linkLetters counts the letters and digits of n's text inside links.
func linkLetters(n *html.Node) int {
	k := 0
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if isLink(x) {
			k += countLetters(subtreeText(x))
			continue
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	return k
}
