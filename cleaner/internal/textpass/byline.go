package textpass

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/winnow-text/winnow/rules"
)

// bylineNames reads the names of a byline rule's authors group: split on
// commas and joiners ("A, B and C"), where a comma list only counts when a
// joiner closes it (after "Jane Doe, " come a role, an outlet or a place
// more often than a second name), and each name ends before a role noun
// ("Kendra Loewen Reporter" is Kendra Loewen).
func bylineNames(set *rules.Set, value string) []string {
	joiners := set.Words(rules.WordsNameJoiners)
	if !hasJoiner(value, joiners) {
		if k := strings.IndexAny(value, ",;"); k >= 0 {
			value = value[:k]
		}
	}
	names := SplitAuthors(value, joiners)
	for k, n := range names {
		words := strings.Fields(n)
		for w := 1; w < len(words); w++ {
			if set.HasWord(rules.WordsRoleNouns, strings.ToLower(words[w])) {
				names[k] = strings.Join(words[:w], " ")
				break
			}
		}
	}
	return slices.DeleteFunc(names, func(n string) bool { return isOrgName(set, n) })
}

// isOrgName reports whether a capitalised name holds one of the words of
// an organisation's name.
func isOrgName(set *rules.Set, name string) bool {
	for _, w := range strings.Fields(name) {
		if set.HasWord(rules.WordsOrgWords, strings.ToLower(strings.Trim(w, ".,"))) {
			return true
		}
	}
	return false
}

func hasJoiner(s string, joiners []string) bool {
	for _, j := range joiners {
		if strings.Contains(s, " "+j+" ") {
			return true
		}
	}
	return false
}

// bylineSeparator splits a head line into its parts: the separators of a
// byline ("|", "·", "•", dashes, a comma) and the runs of spaces a page's
// columns leave.
var bylineSeparator = regexp.MustCompile(` *[|·•–—/] *|, | {2,}| - `)

// labelPlacedBylines takes the bylines that no rule names: in the head, a
// line that starts with one or two person's names (after a label such as
// "Texte:" or a byline prefix) and is placed as a byline is: right above
// the date line, or followed on the line by a date ("Imogen Hartley-Baird
// · 10 Mar 2024", "Pranav Deshmukh, Nagpur" above "Published: …",
// "Texte: Nathalie Jaquet et Sami Rochat"). The names go to authors under
// the byline.placed rule.
func (p *textPass) labelPlacedBylines(from, to int) {
	r := p.set.Rule(rules.IDBylinePlaced)
	if r == nil {
		return
	}
	for i := max(from, 0); i < to && i < len(p.lines); i++ {
		l := &p.lines[i]
		if l.blank() || l.words > 16 {
			continue
		}
		if lb := p.labels[i].rule; lb != nil && !(lb.Category == rules.Title && lb.ID != rules.IDTitleHeading) {
			continue
		}
		raw := strings.TrimSpace(p.text[l.start:l.end])
		parts := bylineSeparator.Split(raw, -1)
		if len(parts) == 0 {
			continue
		}
		dated := false
		for _, part := range parts[1:] {
			if _, _, ok := p.set.FindDate(part); ok {
				dated = true
			}
		}
		if !dated && !(dumpPage{p}).nextLabelled(i, rules.Date) {
			continue
		}
		names := p.placedNames(parts[0])
		if len(names) == 0 {
			continue
		}
		p.setLabel(i, r, rules.Groups{rules.FieldAuthors: strings.Join(names, " & ")}, 0)
	}
}

// placedNames reads the names at the start of a line placed as a byline:
// after an optional label ("Texte:", "By"), one to three names of two to
// four words joined by commas or joiners, and nothing else.
func (p *textPass) placedNames(s string) []string {
	s = strings.TrimSpace(s)
	if k := strings.IndexByte(s, ':'); k > 0 && k < 20 && !strings.ContainsFunc(s[:k], unicode.IsDigit) && len(strings.Fields(s[:k])) <= 2 {
		s = strings.TrimSpace(s[k+1:])
	} else if rest, ok := p.afterBylinePrefix(s); ok {
		s = rest
	}
	names := SplitAuthors(s, p.set.Words(rules.WordsNameJoiners))
	if len(names) == 0 || len(names) > 3 {
		return nil
	}
	for _, n := range names {
		if w := len(strings.Fields(n)); w < 2 || w > 4 || !p.isPersonName(n) || strings.ToUpper(n) == n || isOrgName(p.set, n) {
			return nil
		}
	}
	return names
}

// bylineBio reads line i, a last paragraph, as the bio of an author the
// byline named: it opens with the author's name (or surname) and a word
// in lower case ("Ruth Adeyemi is a retired school librarian …"). The bio
// rule's cue words are not needed: the name is the evidence. A line above
// it that is the name alone goes with it. It returns the bio rule and the
// bio, or nil.
func (p *textPass) bylineBio(i int) (*rules.Rule, rules.Groups) {
	r := p.set.Rule(rules.IDBioThirdPerson)
	l := &p.lines[i]
	if r == nil || l.words < minBylineBioWords || l.words > 150 || !l.terminal {
		return nil, nil
	}
	for _, name := range p.bylineAuthors() {
		rest, ok := strings.CutPrefix(l.norm, name+" ")
		if !ok || !unicode.IsLower(firstRune(rest)) {
			continue
		}
		p.bioName(i, r)
		return r, rules.Groups{rules.FieldAuthorBio: l.norm}
	}
	return nil, nil
}

// bioName labels with the bio rule r the line right above the bio at
// line i when it is the name the bio opens with, alone ("Ingrid Solheim"
// over "Ingrid Solheim is senior editor at …"): an author box's name.
func (p *textPass) bioName(i int, r *rules.Rule) {
	j := i - 1
	if j < 0 || p.labelled(j) || p.lines[j].blank() {
		return
	}
	name := p.lines[j].norm
	if rest, ok := strings.CutPrefix(p.lines[i].norm, name+" "); ok && unicode.IsLower(firstRune(rest)) && p.isPersonName(name) {
		p.setLabel(j, r, rules.Groups{rules.FieldAuthors: name, rules.FieldAuthorBio: ""}, 0)
	}
}

// minBylineBioWords is the fewest words of a bio that bylineBio reads
// by its author's name ("Jonas Berger ist Redakteur im Ressort
// Wirtschaft.").
const minBylineBioWords = 6

// bylineAuthors are the names the byline rules' hits hold so far.
func (p *textPass) bylineAuthors() []string {
	var out []string
	for _, h := range p.hits {
		if h.rule.Category != rules.Byline || p.labels[h.line].rule != h.rule {
			continue
		}
		if v := h.groups[rules.FieldAuthors]; v != "" {
			out = append(out, bylineNames(p.set, v)...)
		}
	}
	return out
}
