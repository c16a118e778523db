package htmlpass

import (
	"strings"

	"github.com/winnow-text/winnow/cleaner/internal/doc"
	"github.com/winnow-text/winnow/cleaner/internal/textpass"

	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
)

// commentRule returns the first comment-system selector rule that fills
// field (comment, author, posted, text).
func (h *htmlDoc) commentRule(field rules.Field) *rules.Rule {
	for _, r := range h.set.OfKind(rules.KindSelector) {
		if r.Category == rules.Comments && r.Field == field {
			return r
		}
	}
	return nil
}

// descendants lists the elements under n (n excluded) that match, in
// document order, not looking inside elements skip stops at.
func descendants(n *html.Node, match, skip func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	stack := []*html.Node{}
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type != html.ElementNode {
			continue
		}
		if match(x) {
			out = append(out, x)
		}
		if skip != nil && skip(x) {
			continue
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return out
}

func (h *htmlDoc) hasCommentItem(n *html.Node) bool {
	item := h.commentRule(rules.FieldComment)
	if item == nil {
		return false
	}
	found := false
	descendants(n, func(x *html.Node) bool {
		if !found && item.MatchNode(x) {
			found = true
		}
		return false
	}, func(*html.Node) bool { return found })
	return found
}

// parseComments reads the comments of a comment section: every element the
// comment item rule matches is one comment; an item inside another is a
// reply to it. Author, time and text come from the other comment rules,
// looking only at the item's own elements (not its replies').
func (h *htmlDoc) parseComments(sec *html.Node, base int) []doc.Comment {
	itemRule := h.commentRule(rules.FieldComment)
	if itemRule == nil {
		return nil
	}
	h.commentCount(sec, itemRule)
	items := descendants(sec, itemRule.MatchNode, nil)
	index := map[*html.Node]int{}
	for k, it := range items {
		index[it] = k
	}
	authorRule, timeRule, textRule := h.commentRule(rules.FieldAuthor), h.commentRule(rules.FieldPosted), h.commentRule(rules.FieldText)
	out := make([]doc.Comment, 0, len(items))
	for k, it := range items {
		c := doc.Comment{ID: base + k + 1}
		for a := it.Parent; a != nil && a != sec; a = a.Parent {
			if j, ok := index[a]; ok {
				c.Parent = base + j + 1
				c.ReplyTo = out[j].Author
				break
			}
		}
		nested := func(x *html.Node) bool { _, isItem := index[x]; return isItem && x != it }
		// own finds the item's first element a rule matches (not inside a
		// reply); innermost takes the deepest match inside it instead
		// (".fn" inside ".comment-author", <time> inside a meta link).
		own := func(r *rules.Rule, innermost bool) *html.Node {
			if r == nil {
				return nil
			}
			ms := descendants(it, func(x *html.Node) bool { return !nested(x) && r.MatchNode(x) }, nested)
			if len(ms) == 0 {
				return nil
			}
			m := ms[0]
			if innermost {
				for _, x := range ms[1:] {
					if isAncestor(m, x) {
						m = x
					}
				}
			}
			return m
		}
		var skip []*html.Node
		if a := own(authorRule, true); a != nil {
			c.Author = firstLine(subtreeText(a))
			skip = append(skip, a)
		}
		if t := own(timeRule, true); t != nil {
			c.Posted = strings.TrimSpace(attr(t, "datetime"))
			if c.Posted == "" {
				c.Posted = firstLine(subtreeText(t))
			}
			skip = append(skip, t)
		}
		var text string
		if t := own(textRule, false); t != nil {
			text = textExcept(t, nested)
		} else {
			text = textExcept(it, func(x *html.Node) bool { return nested(x) || containsNode(skip, x) })
		}
		c.Text, c.Truncated = h.commentText(text)
		out = append(out, c)
	}
	return out
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// textExcept is the text of a subtree without the subtrees skip selects.
func textExcept(n *html.Node, skip func(*html.Node) bool) string {
	clone := cloneWithout(n, skip)
	return subtreeText(clone)
}

// cloneWithout copies a subtree, leaving out the subtrees skip selects.
func cloneWithout(n *html.Node, skip func(*html.Node) bool) *html.Node {
	root := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Attr: n.Attr}
	type pair struct{ src, dst *html.Node }
	stack := []pair{{n, root}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := p.src.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && skip(c) {
				continue
			}
			d := &html.Node{Type: c.Type, DataAtom: c.DataAtom, Data: c.Data, Attr: c.Attr}
			p.dst.AppendChild(d)
			stack = append(stack, pair{c, d})
		}
	}
	return root
}

// commentText drops buttons and chrome lines ("Reply", "Like") from a
// comment's text and strips a cut marker.
func (h *htmlDoc) commentText(text string) (string, bool) {
	var kept []string
	for _, l := range strings.Split(text, "\n") {
		if l = rules.Normalize(l); l != "" && !h.chrome(l) {
			kept = append(kept, l)
		}
	}
	return textpass.StripTruncation(h.set, strings.Join(kept, "\n\n"))
}

// chrome reports whether a line is a comment button or marker (a rule of
// category comments with scope thread).
func (h *htmlDoc) chrome(line string) bool {
	for _, i := range h.set.MatchPhrase(line) {
		if r := h.set.Rules()[i]; r.Category == rules.Comments && r.Scope == rules.Thread {
			return true
		}
	}
	for _, r := range h.set.OfKind(rules.KindLine) {
		if r.Category == rules.Comments && r.Scope == rules.Thread && r.Check(line) {
			if _, ok := r.Match(line); ok {
				return true
			}
		}
	}
	return false
}

// commentCount reads the declared number of comments from a section's
// headings ("51 Comments"), outside the comments themselves.
func (h *htmlDoc) commentCount(sec *html.Node, itemRule *rules.Rule) {
	if h.meta.CommentCount != nil {
		return
	}
	text := textExcept(sec, itemRule.MatchNode)
	for _, l := range strings.Split(text, "\n") {
		l = rules.Normalize(l)
		for _, r := range h.set.OfKind(rules.KindLine) {
			if r.Category != rules.Comments || !r.Check(l) {
				continue
			}
			if g, ok := r.Match(l); ok && g[rules.FieldCommentCount] != "" {
				if n, ok := textpass.ParseCount(g[rules.FieldCommentCount]); ok {
					h.meta.CommentCount = &n
					return
				}
			}
		}
	}
}
