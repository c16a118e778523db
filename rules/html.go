package rules

import (
	"strings"

	"golang.org/x/net/html"
)

// Signature is what the selector prefilter looks at for an element: its
// tag, id, classes and the attributes selectors commonly test (rel, role,
// itemprop, itemtype, data-* names), lower case, space-separated.
func Signature(n *html.Node, buf []byte) []byte {
	buf = append(buf[:0], n.Data...)
	for _, a := range n.Attr {
		switch {
		case a.Key == "id" || a.Key == "class" || a.Key == "rel" || a.Key == "role" || a.Key == "itemprop" || a.Key == "itemtype":
			buf = append(buf, ' ')
			buf = appendLowerASCII(buf, a.Val)
		case strings.HasPrefix(a.Key, "data-"):
			buf = append(buf, ' ')
			buf = append(buf, a.Key...)
		}
	}
	return buf
}

func appendLowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// MatchNode reports whether a selector rule matches the element n.
func (r *Rule) MatchNode(n *html.Node) bool {
	return r.sel != nil && n.Type == html.ElementNode && r.sel.Match(n)
}

// checkSelectorExamples parses each example as HTML: a strip example must
// hold an element the rule matches (with a keyword in its signature), a
// keep example none.
func (s *Set) checkSelectorExamples(r *Rule, fail func(string, ...any) error) error {
	find := func(ex string) (matched bool, withKeyword bool, err error) {
		doc, err := html.Parse(strings.NewReader(ex))
		if err != nil {
			return false, false, err
		}
		var buf []byte
		stack := []*html.Node{doc}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if r.MatchNode(n) {
				matched = true
				buf = Signature(n, buf)
				if s.prefilter.hasKeyword(r, string(buf)) {
					withKeyword = true
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				stack = append(stack, c)
			}
		}
		return matched, withKeyword, nil
	}
	for _, ex := range r.Examples.Strip {
		m, kw, err := find(ex)
		switch {
		case err != nil:
			return fail("strip example %q: %v", ex, err)
		case !m:
			return fail("strip example %q has no element the selector matches", ex)
		case !kw:
			return fail("strip example %q: the matching element's tag, id and classes hold none of the keywords %q", ex, r.Keywords)
		}
	}
	for _, ex := range r.Examples.Keep {
		if m, _, _ := find(ex); m {
			return fail("keep example %q has an element the selector matches", ex)
		}
	}
	return nil
}
