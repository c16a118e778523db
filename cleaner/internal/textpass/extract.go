package textpass

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/winnow-text/winnow/cleaner/internal/doc"

	"github.com/winnow-text/winnow/rules"
)

// extract fills the pass's metadata from the hits of lines that kept the
// label of the rule that hit them, in document order. Reads: hits,
// labels. Writes: meta.
func extract(p *textPass) {
	sort.SliceStable(p.hits, func(a, b int) bool { return p.hits[a].line < p.hits[b].line })
	f := fieldFiller{set: p.set, lang: p.lang, meta: &p.meta}
	for _, h := range p.hits {
		if p.labels[h.line].rule != h.rule {
			continue // the line was taken over (by a comment thread)
		}
		whole := p.lines[h.line].norm
		if col := p.firstColumn(h.line); col != whole {
			// A line laid out in columns: the field is in the first.
			whole = col
			for k, v := range h.groups {
				if strings.HasPrefix(v, col) {
					h.groups[k] = col
				}
			}
		}
		f.fill(h.rule, h.groups, whole)
	}
	dateFromHead(p)
	dateFromDateline(p)
}

// columnGap is the run of spaces that separates columns a text browser
// laid out side by side on one line.
const columnGap = "          "

// firstColumn is the normal form of line i up to a column gap (all of it
// when there is none).
func (p *textPass) firstColumn(i int) string {
	l := &p.lines[i]
	raw := strings.TrimSpace(p.text[l.start:l.end])
	k := strings.Index(raw, columnGap)
	if k < 0 {
		return l.norm
	}
	col := normalLine(raw[:k])
	if col == "" || !strings.HasPrefix(l.norm, col) {
		return l.norm
	}
	return col
}

// fieldFiller writes rule matches into metadata. Scalar fields keep their
// first value; lists collect every value once.
type fieldFiller struct {
	set  *rules.Set
	lang string
	meta *doc.Meta
}

func (f fieldFiller) fill(r *rules.Rule, groups rules.Groups, whole string) {
	// A zone rule's field names what its zone is parsed into, not what
	// its own line holds.
	if r.Field != "" && r.Action != rules.DropToEnd {
		if _, ok := groups[r.Field]; !ok {
			f.set1(r, r.Field, whole, groups)
		}
	}
	// Stable order: the groups of one match do not depend on map order.
	names := make([]rules.Field, 0, len(groups))
	for k := range groups {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		f.set1(r, k, groups[k], groups)
	}
}

func (f fieldFiller) set1(r *rules.Rule, field rules.Field, value string, groups rules.Groups) {
	m := f.meta
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	switch field {
	case rules.FieldTitle:
		doc.SetOnce(&m.Title, value)
	case rules.FieldDate:
		if m.Date == "" {
			if iso, ok := ParseDate(value, f.set, f.lang); ok {
				m.Date, m.DateText = iso, value
			}
		}
	case rules.FieldAuthors:
		names := SplitAuthors(value, f.set.Words(rules.WordsNameJoiners))
		if r.Category == rules.Byline {
			names = bylineNames(f.set, value)
		}
		for _, a := range names {
			if LooksLikeName(f.set, a, f.stopword) && !firstNameOf(a, m.Authors) {
				m.Authors = doc.AppendUnique(m.Authors, a)
			}
		}
	case rules.FieldAuthorBio:
		doc.SetOnce(&m.AuthorBio, StripMarkers(f.set, rules.Author, value))
	case rules.FieldSource:
		doc.SetOnce(&m.Source, strings.TrimRight(value, "."))
	case rules.FieldSiteName:
		doc.SetOnce(&m.SiteName, value)
	case rules.FieldDescription:
		doc.SetOnce(&m.Description, value)
	case rules.FieldURL:
		doc.SetOnce(&m.URL, value)
	case rules.FieldReadAlso:
		m.ReadAlso = append(m.ReadAlso, doc.Link{Title: value, URL: groups[rules.FieldLink]})
	case rules.FieldRelated:
		m.Related = append(m.Related, doc.Related{Title: value, URL: groups[rules.FieldLink]})
	case rules.FieldCommentCount:
		if n, ok := ParseCount(f.set, value); ok && m.CommentCount == nil {
			m.CommentCount = &n
		}
	}
}

// firstNameOf reports whether name is the first name of an author already
// found ("Priya" in an author box after the byline's "Priya
// Venkataraman"), or an author already found without the title before it
// ("Helen Park" after "Dr. Helen Park").
func firstNameOf(name string, authors []string) bool {
	for _, a := range authors {
		if strings.HasPrefix(a, name+" ") {
			return true
		}
		// The name after a title already found ("Helen Park" in a bio
		// after the byline's "Dr. Helen Park").
		if t, ok := strings.CutSuffix(a, " "+name); ok && !strings.Contains(t, " ") && strings.HasSuffix(t, ".") {
			return true
		}
	}
	return false
}

func (f fieldFiller) stopword(w string) bool { return IsStopword(f.set, f.lang, w) }

// IsStopword reports whether w is a stopword of lang (English when lang
// is ""), ignoring case.
func IsStopword(set *rules.Set, lang, w string) bool {
	if lang == "" {
		lang = "en"
	}
	return set.IsStopword(lang, strings.ToLower(w))
}

// StripMarkers removes the end markers of category c's marker rules (a
// bio's "read more") from text.
func StripMarkers(set *rules.Set, c rules.Category, text string) string {
	for _, r := range set.OfKind(rules.KindMarker) {
		if r.Category == c {
			if s, ok := r.StripMarker(text); ok {
				text = strings.TrimSpace(s)
			}
		}
	}
	return text
}

// SplitAuthors splits "A, B and C" into names.
func SplitAuthors(s string, joiners []string) []string {
	s = strings.ReplaceAll(s, ";", ",")
	for _, j := range joiners {
		s = strings.ReplaceAll(s, " "+j+" ", ",")
	}
	var out []string
	for _, a := range strings.Split(s, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// countSeps drops the thousands separators of a declared count ("1,204").
var countSeps = strings.NewReplacer(",", "", ".", "", " ", "")

// ParseCount reads a declared count ("51", "1,204", "1 204"; a word of
// the pack's count_none, "No comments", is 0).
func ParseCount(set *rules.Set, s string) (int, bool) {
	if set.HasWord(rules.WordsCountNone, strings.ToLower(strings.TrimSpace(s))) {
		return 0, true
	}
	n, err := strconv.Atoi(countSeps.Replace(s))
	return n, err == nil
}
