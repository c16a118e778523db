package rules

import (
	"embed"

	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
)

//go:embed packs/*.yaml
var builtin embed.FS

// BuiltinPacks parses the packs embedded in the binary.
func BuiltinPacks() ([]*Pack, error) {
	packs, err := loadFS(builtin, "packs", "rules/packs")
	for _, p := range packs {
		p.trusted = true
	}
	return packs, err
}

// Default compiles the built-in packs with no rule disabled.
func Default() (*Set, error) {
	packs, err := BuiltinPacks()
	if err != nil {
		return nil, err
	}
	return Compile(packs, CompileOptions{})
}

// Set is a compiled, immutable collection of rules with their shared
// vocabulary. It is safe for concurrent use.
type Set struct {
	stopLangs  map[string]uint64                // stopword → bit per language (index in Languages)
	langs      []string                         // languages with stoplists, sorted
	words      map[string][]string              // list macros, for mechanisms
	wordSets   map[string]map[string]bool       // the same, lower case, for lookups
	phrases1   map[string]map[string][][]string // list → first word → the list's phrases starting with it, as words
	selectors  *Prefilter                       // keywords of selector rules, over element signatures
	rules      []*Rule
	byID       map[string]*Rule
	byKind     map[Kind][]*Rule
	months     map[string]int
	weekdays   map[string]bool
	stopwords  map[string]map[string]bool
	phrases    map[string][]int
	maxPhrase  int
	prefilter  *Prefilter
	dateRE     *regexp.Regexp           // the date macro, found anywhere in a line
	contentSel []cascadia.SelectorGroup // html_content, in order
}

// ContentSelectors returns the selectors of list html_content, in the
// pack's order: the tiers of class, id and attribute names that mark an
// article's body, the most specific first.
func (s *Set) ContentSelectors() []cascadia.SelectorGroup { return s.contentSel }

// IsWeekday reports whether word (lower case) is a weekday's name or
// abbreviation in any pack's language.
func (s *Set) IsWeekday(word string) bool { return s.weekdays[word] }

// FindDate returns where the first written date (the packs' date
// macro, with its time) lies in text, or ok false.
func (s *Set) FindDate(text string) (start, end int, ok bool) {
	if s.dateRE == nil {
		return 0, 0, false
	}
	m := s.dateRE.FindStringSubmatchIndex(text)
	if m == nil {
		return 0, 0, false
	}
	return m[2], m[3], true
}

// Rules returns the rules in load order. The caller must not modify them.
func (s *Set) Rules() []*Rule { return s.rules }

// OfKind returns the rules of one kind in load order: the index that the
// mechanisms use to dispatch on kind.
func (s *Set) OfKind(k Kind) []*Rule { return s.byKind[k] }

// Rule returns the rule with the given id, or nil.
func (s *Set) Rule(id string) *Rule { return s.byID[id] }

// Month returns the month number (1-12) of a month name or abbreviation
// in any loaded language, or 0.
func (s *Set) Month(word string) int {
	return s.months[strings.ToLower(strings.TrimSuffix(word, "."))]
}

// Languages returns the languages that have stopword lists, sorted.
func (s *Set) Languages() []string { return s.langs }

// StopwordLanguages returns a bit set of the languages (by their index in
// Languages) that have the lower-case word as a stopword.
func (s *Set) StopwordLanguages(word string) uint64 { return s.stopLangs[word] }

// IsStopword reports whether the lower-case word is a stopword of lang.
func (s *Set) IsStopword(lang, word string) bool { return s.stopwords[lang][word] }

// HasStopwords reports whether the packs give lang a list of stopwords.
func (s *Set) HasStopwords(lang string) bool { return len(s.stopwords[lang]) > 0 }

// MatchPhrase returns the indexes of phrase rules whose phrase equals the
// line (compared with PhraseKey), or nil. Lines longer than every phrase
// are rejected without work.
func (s *Set) MatchPhrase(line string) []int {
	if len(line) > s.maxPhrase+16 || len(s.phrases) == 0 {
		return nil
	}
	return s.phrases[PhraseKey(line)]
}

// Words returns the words of a list macro ("define: {name: [...]}"), for
// mechanisms that take their vocabulary from the packs; nil if undefined.
func (s *Set) Words(name string) []string { return s.words[name] }

// PhraseAt is the length in words of the longest phrase of list macro
// name that starts at toks[i] (lower-case words), or 0 (also when i is
// not an index of toks).
func (s *Set) PhraseAt(name string, toks []string, i int) int {
	return s.Phrases(name).At(toks, i)
}

// Phrases is the phrase list of macro name, for a mechanism that looks
// for its phrases at every word of a line (see PhraseAt).
func (s *Set) Phrases(name string) PhraseList { return PhraseList{s.phrases1[name]} }

// PhraseList is one list macro's phrases, by their first word.
type PhraseList struct{ byFirst map[string][][]string }

// At is PhraseAt on this list: the length in words of the longest phrase
// of the list that starts at toks[i], 0 if none.
func (l PhraseList) At(toks []string, i int) int {
	if i < 0 || i >= len(toks) || l.byFirst == nil {
		return 0
	}
	best := 0
	for _, ph := range l.byFirst[toks[i]] {
		if len(ph) <= best || i+len(ph) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(ph) && ok; k++ {
			ok = toks[i+k] == ph[k]
		}
		if ok {
			best = len(ph)
		}
	}
	return best
}

// HasWord reports whether w (lower case) is one of the words of list
// macro name, ignoring case: a map lookup, for mechanisms that test
// every word of a line.
func (s *Set) HasWord(name, w string) bool { return s.wordSets[name][w] }

// SelectorPrefilter finds the selector rules worth trying on an element,
// by their keywords in the element's signature (tag, id, classes and a few
// attributes, lower case).
func (s *Set) SelectorPrefilter() *Prefilter { return s.selectors }

// AlwaysAnywhere reports whether a rule without keywords runs anywhere:
// then no line can be skipped for lack of keywords.
func (s *Set) AlwaysAnywhere() bool {
	for _, i := range s.prefilter.always {
		if r := s.rules[i]; r.Scope == Anywhere && r.Kind == KindLine {
			return true
		}
	}
	return false
}

// Prefilter returns the keyword prefilter of the set.
func (s *Set) Prefilter() *Prefilter { return s.prefilter }

// Prefilter finds, in one pass over a text, every keyword of every rule:
// a rule with keywords is only tried on a line that holds one of them.
type Prefilter struct {
	ac     *automaton
	hits   [][]int // keyword → rule indexes
	always []int   // rules without keywords (pattern kinds only)
	empty  bool
}

func newPrefilter(rs []*Rule, kinds ...Kind) *Prefilter {
	p := &Prefilter{}
	index := map[string]int{}
	var patterns []string
	add := func(kw string, rule int) {
		i, ok := index[kw]
		if !ok {
			i = len(patterns)
			index[kw] = i
			patterns = append(patterns, kw)
			p.hits = append(p.hits, nil)
		}
		p.hits[i] = appendUnique(p.hits[i], rule)
	}
	for _, r := range rs {
		if !hasKind(kinds, r.Kind) {
			continue
		}
		if len(r.Keywords) == 0 {
			if r.Kind != KindStructure { // a mechanism without keywords looks itself
				p.always = append(p.always, r.index)
			}
			continue
		}
		for _, kw := range r.Keywords {
			lower := strings.ToLower(kw)
			add(lower, r.index)
			if !isASCII(lower) {
				// ASCII case folding does not reach these letters.
				add(strings.ToUpper(lower), r.index)
				add(titleCase(lower), r.index)
			}
		}
	}
	p.empty = len(patterns) == 0
	p.ac = newAutomaton(patterns)
	return p
}

// Always returns the rules that have no keywords: they are tried on every
// line in their scope.
func (p *Prefilter) Always() []int { return p.always }

// Scan reports each keyword occurrence in text, in order of its end
// offset, with the rules that keyword belongs to.
func (p *Prefilter) Scan(text string, fn func(end int, rules []int)) {
	if p.empty {
		return
	}
	p.ac.scan(text, func(end int, ids []int) {
		for _, id := range ids {
			fn(end, p.hits[id])
		}
	})
}

// hasKeyword reports whether text holds one of r's keywords (or r has none).
func (p *Prefilter) hasKeyword(r *Rule, text string) bool {
	if len(r.Keywords) == 0 {
		return true
	}
	lower := strings.ToLower(text)
	for _, kw := range r.Keywords {
		if strings.Contains(lower, strings.ToLower(kw)) {
			return true
		}
	}
	return false
}

func hasKind(kinds []Kind, k Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func titleCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
