package htmlpass

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/winnow-text/winnow/cleaner/internal/doc"
	"github.com/winnow-text/winnow/cleaner/internal/textpass"

	"github.com/winnow-text/winnow/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what the markup says about the article outside its text.
type pageMeta struct {
	title, byline, description, siteName, published, url, lang string
	articleBody                                                string // JSON-LD articleBody, a hint for the container
}

var (
	metaPropertyRE = regexp.MustCompile(`(?i)\s*(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name|url)\s*`)
	metaNameRE     = regexp.MustCompile(`(?i)^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\s*[-.:]\s*)?(author|creator|pub-date|description|title|site_name|application-name|byl)\s*$`)
	titleSepRE     = regexp.MustCompile(` [|\-–—\\/>»] `)
	titleHierRE    = regexp.MustCompile(` [\\/>»] `)
	titleSepsRE    = regexp.MustCompile(`[|\-–—\\/>»]+`)
	articleTypeRE  = regexp.MustCompile(`^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$`)
)

// headNodes are the elements readPageMeta reads, found in one walk of the
// page.
type headNodes struct {
	metas, scripts, times, h1, headings []*html.Node // scripts: JSON-LD; times: <time datetime> outside comments; headings: h1 and h2
	canonical, root, title              *html.Node
}

// findHeadNodes walks the page once for the elements readPageMeta reads.
func findHeadNodes(root *html.Node) headNodes {
	var hn headNodes
	var walk func(n *html.Node, inComment bool)
	walk = func(n *html.Node, inComment bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				hn.metas = append(hn.metas, n)
			case atom.Html:
				if hn.root == nil {
					hn.root = n
				}
			case atom.Title:
				if hn.title == nil {
					hn.title = n
				}
			case atom.Link:
				if hn.canonical == nil && attr(n, "rel") == "canonical" {
					hn.canonical = n
				}
			case atom.Script:
				if attr(n, "type") == "application/ld+json" {
					hn.scripts = append(hn.scripts, n)
				}
			case atom.Time:
				if _, ok := attrOK(n, "datetime"); ok && !inComment {
					hn.times = append(hn.times, n)
				}
			case atom.H1:
				hn.h1 = append(hn.h1, n)
				hn.headings = append(hn.headings, n)
			case atom.H2:
				hn.headings = append(hn.headings, n)
			}
			// (As CSS's [class*=comment], [id*=comment].)
			inComment = inComment || strings.Contains(attr(n, "class"), "comment") || strings.Contains(attr(n, "id"), "comment")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inComment)
		}
	}
	walk(root, false)
	return hn
}

// attrOK is an element's attribute and whether it has it.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// nodeText is the text of n's subtree, its text nodes joined as they are.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// readPageMeta reads JSON-LD, <meta> tags, <title>, the canonical link and
// the document language.
func readPageMeta(root *html.Node) pageMeta {
	hn := findHeadNodes(root)
	var pm pageMeta
	vals := map[string]string{}
	for _, s := range hn.metas {
		content := strings.TrimSpace(attr(s, "content"))
		if content == "" {
			continue
		}
		if prop, ok := attrOK(s, "property"); ok {
			for _, m := range metaPropertyRE.FindAllStringSubmatch(prop, -1) {
				key := strings.ToLower(m[1] + ":" + m[2])
				if _, seen := vals[key]; !seen {
					vals[key] = content
				}
			}
		}
		if name, ok := attrOK(s, "name"); ok {
			if m := metaNameRE.FindStringSubmatch(name); m != nil {
				key := strings.ToLower(strings.NewReplacer(".", ":", " ", "").Replace(strings.TrimSpace(name)))
				if _, seen := vals[key]; !seen {
					vals[key] = content
				}
			}
		}
		if ip, ok := attrOK(s, "itemprop"); ok {
			key := "itemprop:" + strings.ToLower(ip)
			if _, seen := vals[key]; !seen {
				vals[key] = content
			}
		}
	}
	ld := readJSONLD(hn)
	pm.title = first(ld.title, vals["dc:title"], vals["dcterm:title"], vals["og:title"], vals["weibo:article:title"],
		vals["weibo:webpage:title"], vals["title"], vals["twitter:title"], vals["parsely-title"])
	if pm.title == "" {
		pm.title = titleFromTag(hn)
	}
	articleAuthor := vals["article:author"]
	if strings.Contains(articleAuthor, "://") {
		articleAuthor = ""
	}
	pm.byline = first(ld.byline, vals["dc:creator"], vals["dcterm:creator"], vals["author"], vals["parsely-author"], articleAuthor, vals["byl"])
	pm.description = first(ld.description, vals["dc:description"], vals["dcterm:description"], vals["og:description"],
		vals["weibo:article:description"], vals["weibo:webpage:description"], vals["description"], vals["twitter:description"])
	pm.siteName = first(ld.siteName, vals["og:site_name"], vals["application-name"])
	pm.published = first(ld.published, vals["article:published_time"], vals["parsely-pub-date"], vals["itemprop:datepublished"],
		articleTime(hn))
	var canonical, lang string
	if hn.canonical != nil {
		canonical = attr(hn.canonical, "href")
	}
	if hn.root != nil {
		lang = attr(hn.root, "lang")
	}
	pm.url = first(canonical, vals["og:url"], ld.url)
	pm.lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(pm.lang, "-_"); i > 0 {
		pm.lang = pm.lang[:i]
	}
	pm.articleBody = ld.articleBody
	for _, p := range []*string{&pm.title, &pm.byline, &pm.description, &pm.siteName} {
		*p = rules.Normalize(html.UnescapeString(*p))
	}
	return pm
}

// articleTime is the datetime of the first <time> that is not in a
// comment.
func articleTime(hn headNodes) string {
	if len(hn.times) == 0 {
		return ""
	}
	return attr(hn.times[0], "datetime")
}

func first(xs ...string) string {
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}

// jsonLD is what an article's JSON-LD says.
type jsonLD struct {
	title, byline, description, siteName, published, url, articleBody string
}

// readJSONLD reads the first schema.org article object of the page's
// JSON-LD scripts (also inside @graph and arrays).
func readJSONLD(hn headNodes) jsonLD {
	var out jsonLD
	docTitle := strings.TrimSpace(nodeText(hn.title))
	for _, s := range hn.scripts {
		if !out.readScript(s, docTitle) {
			break
		}
	}
	return out
}

// readScript reads one JSON-LD script into out; it reports whether to go
// on with the next (no article object in this one).
func (out *jsonLD) readScript(s *html.Node, docTitle string) bool {
	raw := strings.TrimSpace(nodeText(s))
	raw = strings.TrimSuffix(strings.TrimPrefix(raw, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return true
	}
	obj := findArticle(v, 0)
	if obj == nil {
		return true
	}
	name, headline := str(obj["name"]), str(obj["headline"])
	switch {
	case name != "" && headline != "" && name != headline:
		// The one closer to <title> wins, as in Readability.
		if strings.Contains(docTitle, name) && !strings.Contains(docTitle, headline) {
			out.title = name
		} else {
			out.title = headline
		}
	default:
		out.title = first(headline, name)
	}
	out.byline = names(obj["author"])
	out.description = str(obj["description"])
	if pub, ok := obj["publisher"].(map[string]any); ok {
		out.siteName = str(pub["name"])
	}
	out.published = str(obj["datePublished"])
	out.url = first(str(obj["url"]), idOf(obj["mainEntityOfPage"]))
	out.articleBody = str(obj["articleBody"])
	return false
}

func findArticle(v any, depth int) map[string]any {
	if depth > 8 {
		return nil
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if o := findArticle(e, depth+1); o != nil {
				return o
			}
		}
	case map[string]any:
		if isArticleType(x["@type"]) {
			return x
		}
		if g, ok := x["@graph"]; ok {
			return findArticle(g, depth+1)
		}
	}
	return nil
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypeRE.MatchString(x)
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

func idOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		return str(x["@id"])
	}
	return ""
}

// names reads a JSON-LD author: a name, an object with a name, or a list.
func names(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		return str(x["name"])
	case []any:
		var out []string
		for _, e := range x {
			if n := names(e); n != "" {
				out = append(out, n)
			}
		}
		return strings.Join(out, ", ")
	}
	return ""
}

// titleFromTag is the title from <title>, without the site's name, by
// the separator heuristics Readability uses.
func titleFromTag(hn headNodes) string {
	orig := rules.Normalize(nodeText(hn.title))
	cur := orig
	hierarchical := false
	wordCount := func(s string) int { return len(strings.Fields(s)) }
	switch {
	case titleSepRE.MatchString(cur):
		hierarchical = titleHierRE.MatchString(cur)
		locs := titleSepRE.FindAllStringIndex(orig, -1)
		cur = orig[:locs[len(locs)-1][0]]
		if wordCount(cur) < 3 {
			cur = orig[locs[0][1]:]
		}
	case strings.Contains(cur, ": "):
		match := false
		for _, s := range hn.headings {
			if strings.TrimSpace(nodeText(s)) == strings.TrimSpace(cur) {
				match = true
				break
			}
		}
		if !match {
			cur = orig[strings.LastIndex(orig, ":")+1:]
			if wordCount(cur) < 3 {
				cur = orig[strings.Index(orig, ":")+1:]
			} else if wordCount(orig[:strings.Index(orig, ":")]) > 5 {
				cur = orig
			}
		}
	case len(cur) > 150 || len(cur) < 15:
		if len(hn.h1) == 1 {
			cur = nodeText(hn.h1[0])
		}
	}
	cur = rules.Normalize(cur)
	if n := wordCount(cur); n <= 4 && (!hierarchical || n != wordCount(titleSepsRE.ReplaceAllString(orig, ""))-1) {
		cur = orig
	}
	return cur
}

// apply fills meta from the page's metadata (it takes precedence over what
// the text rules find).
func (pm pageMeta) apply(m *doc.Meta, set *rules.Set, lang string) {
	m.Title = pm.title
	if pm.published != "" {
		if iso, ok := textpass.ParseDate(pm.published, set, lang); ok {
			m.Date, m.DateText = iso, pm.published
		}
	}
	if pm.byline != "" {

		for _, a := range bylineNames(pm.byline, set) {
			if !strings.Contains(a, "://") && len(a) <= 80 && !textpass.IsStopword(set, lang, strings.Fields(a)[0]) {
				m.Authors = doc.AppendUnique(m.Authors, a)
			}
		}
	}
	m.Description = pm.description
	m.SiteName = pm.siteName
	m.URL = pm.url
}

var bylineCutRE = regexp.MustCompile(`\s+(?:[|•·–—]|-\s|\()|\n`)

// bylineNames reads the names in a byline: "By A and B", "A, B and C";
// what follows a separator, a date or a role ("A, Senior Editor") is not
// a name. The prefixes and the joining words are the packs'
// (byline_prefixes, name_joiners).
func bylineNames(s string, set *rules.Set) []string {
	s = strings.TrimSpace(s)
	for _, p := range set.Words(rules.WordsBylinePrefixes) {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) && (s[len(p)] == ' ' || s[len(p)] == '\t') {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	if loc := bylineCutRE.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	s = cutAtWords(s, set.Words(rules.WordsBylineEnds))
	s = strings.Join(strings.Fields(s), " ")
	joiners := set.Words(rules.WordsNameJoiners)
	if !hasJoiner(s, joiners) {
		// Without "and", a comma starts a role or a place.
		s, _, _ = strings.Cut(s, ",")
	}
	return textpass.SplitAuthors(s, joiners)
}

// cutAtWords cuts s before the first of words that follows a space as a
// whole word.
func cutAtWords(s string, words []string) string {
	cut := len(s)
	for _, w := range words {
		for from := 0; ; {
			i := strings.Index(s[from:], " "+w)
			if i < 0 {
				break
			}
			i += from
			end := i + 1 + len(w)
			if end == len(s) || !isWordByte(s[end]) {
				cut = min(cut, i)
				break
			}
			from = i + 1
		}
	}
	return strings.TrimRight(s[:cut], " \t")
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// hasJoiner reports whether s joins two names with one of the joiners.
func hasJoiner(s string, joiners []string) bool {
	lower := strings.ToLower(s)
	for _, j := range joiners {
		if strings.Contains(lower, " "+strings.ToLower(j)+" ") {
			return true
		}
	}
	return false
}
