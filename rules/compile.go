package rules

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/andybalholm/cascadia"
)

// CompileOptions adjust which rules a Set holds.
type CompileOptions struct {
	// Disable lists rule ids and categories to leave out. An entry that
	// names neither is an error.
	Disable []string
}

// Compile checks and compiles packs (in order; later packs may use macros
// of earlier ones) into a Set. Every error names the file, the line and the
// rule.
func Compile(packs []*Pack, opt CompileOptions) (*Set, error) {
	s := &Set{byID: map[string]*Rule{}, byKind: map[Kind][]*Rule{}, months: map[string]int{}, weekdays: map[string]bool{}, stopwords: map[string]map[string]bool{}, phrases: map[string][]int{}, words: map[string][]string{}, wordSets: map[string]map[string]bool{}, phrases1: map[string]map[string][][]string{}}
	macros, err := s.addVocabulary(packs)
	if err != nil {
		return nil, err
	}
	if err := s.addRules(packs, opt, macros); err != nil {
		return nil, err
	}
	if pat, ok := macros[MacroDate]; ok {
		exp, err := expandMacros(pat, macros)
		if err == nil {
			s.dateRE, err = regexp.Compile(`(?i)(?:^|[^\p{L}\p{N}])(` + exp + `)(?:$|[^\p{L}\p{N}])`)
		}
		if err != nil {
			return nil, fmt.Errorf("rule packs: macro %q: %w", MacroDate, err)
		}
	}
	if err := s.indexPhrases(packs); err != nil {
		return nil, err
	}
	s.prefilter = newPrefilter(s.rules, KindLine, KindCommentHeader, KindStructure)
	s.selectors = newPrefilter(s.rules, KindSelector)
	for _, r := range s.rules {
		if r.trusted {
			continue // checked by the tests
		}
		if err := s.checkExamples(r); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// addVocabulary collects the packs' macros, word lists, months, weekdays
// and stoplists, and returns the macros patterns may use.
func (s *Set) addVocabulary(packs []*Pack) (map[string]string, error) {
	macros := map[string]string{}
	macroFile := map[string]string{}
	var monthWords, weekdayWords []string
	for _, p := range packs {
		for name, m := range p.Define {
			if prev, dup := macroFile[name]; dup {
				return nil, &Error{File: p.File, Line: m.Line, Msg: fmt.Sprintf("macro %q is already defined in %s", name, prev)}
			}
			macroFile[name] = p.File
			if m.Words != nil {
				s.words[name] = m.Words
				if name == WordsHTMLContent {
					for _, w := range m.Words {
						g, err := cascadia.ParseGroup(w)
						if err != nil {
							return nil, &Error{File: p.File, Line: m.Line, Msg: fmt.Sprintf("%s: selector %q: %v", name, w, err)}
						}
						s.contentSel = append(s.contentSel, g)
					}
				}
				set := make(map[string]bool, len(m.Words))
				for _, w := range m.Words {
					set[strings.ToLower(w)] = true
				}
				s.wordSets[name] = set
				byFirst := map[string][][]string{}
				for w := range set {
					if f := strings.Fields(w); len(f) > 0 {
						byFirst[f[0]] = append(byFirst[f[0]], f)
					}
				}
				s.phrases1[name] = byFirst
				macros[name] = wordAlternation(m.Words)
			} else {
				macros[name] = m.Pattern
			}
		}
		for i, names := range p.Months {
			for _, w := range names {
				s.months[strings.ToLower(w)] = i + 1
				monthWords = append(monthWords, w)
			}
		}
		weekdayWords = append(weekdayWords, p.Weekdays...)
		for _, w := range p.Weekdays {
			s.weekdays[strings.ToLower(w)] = true
		}
		for lang, words := range p.Stopwords {
			set := s.stopwords[lang]
			if set == nil {
				set = map[string]bool{}
				s.stopwords[lang] = set
			}
			for _, w := range words {
				set[strings.ToLower(w)] = true
			}
		}
	}
	for l := range s.stopwords {
		s.langs = append(s.langs, l)
	}
	sort.Strings(s.langs)
	if len(s.langs) > 64 {
		return nil, fmt.Errorf("rule packs: stoplists for %d languages; at most 64", len(s.langs))
	}
	s.stopLangs = map[string]uint64{}
	for k, l := range s.langs {
		for w := range s.stopwords[l] {
			s.stopLangs[w] |= 1 << k
		}
	}
	if _, ok := macros["month"]; !ok && len(monthWords) > 0 {
		macros["month"] = wordAlternation(monthWords)
	}
	if _, ok := macros["weekday"]; !ok && len(weekdayWords) > 0 {
		macros["weekday"] = wordAlternation(weekdayWords)
	}
	return macros, nil
}

// addRules compiles a copy of every rule that is not disabled, in pack
// order.
func (s *Set) addRules(packs []*Pack, opt CompileOptions, macros map[string]string) error {
	all := map[string]*Rule{}
	for _, p := range packs {
		for _, r := range p.Rules {
			if prev, dup := all[r.ID]; dup {
				return &Error{File: r.File, Line: r.Line, Rule: r.ID, Msg: fmt.Sprintf("duplicate id (first defined at %s:%d)", prev.File, prev.Line)}
			}
			all[r.ID] = r
		}
	}
	disable := map[string]bool{}
	for _, x := range opt.Disable {
		if _, isRule := all[x]; !isRule && !ValidCategory(Category(x)) {
			return fmt.Errorf("--disable %s: no rule or category of that name (see --list-rules)", x)
		}
		disable[x] = true
	}
	for _, p := range packs {
		for _, orig := range p.Rules {
			if disable[orig.ID] || disable[string(orig.Category)] {
				continue
			}
			// Packs can be compiled into several sets: compile a copy.
			r := new(Rule)
			*r = *orig
			r.Lines = append([]HeaderLine(nil), orig.Lines...)
			r.Keywords = expandWords(orig.Keywords, s.words)
			r.When.Ends = expandWords(orig.When.Ends, s.words)
			r.Prefer.Ends = expandWords(orig.Prefer.Ends, s.words)
			r.Cues.Words = expandWords(orig.Cues.Words, s.words)
			if err := compileRule(r, macros, p.trusted); err != nil {
				return err
			}
			r.trusted = p.trusted
			r.index = len(s.rules)
			s.rules = append(s.rules, r)
			s.byID[r.ID] = r
			s.byKind[r.Kind] = append(s.byKind[r.Kind], r)
		}
	}
	return nil
}

// indexPhrases builds the table that phrase rules match through.
func (s *Set) indexPhrases(packs []*Pack) error {
	for _, r := range s.OfKind(KindPhrase) {
		for _, ph := range r.Phrases {
			for _, expanded := range expandPhrase(ph, packs) {
				k := PhraseKey(expanded)
				if k == "" {
					return &Error{File: r.File, Line: r.Line, Rule: r.ID, Msg: fmt.Sprintf("phrase %q is only punctuation", ph)}
				}
				s.phrases[k] = appendUnique(s.phrases[k], r.index)
				if len(k) > s.maxPhrase {
					s.maxPhrase = len(k)
				}
			}
		}
	}
	return nil
}

func appendUnique(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// expandWords replaces entries that are just "{{name}}" of a list macro by
// that list's words (lower case).
func expandWords(list []string, words map[string][]string) []string {
	var out []string
	for _, w := range list {
		if m := macroRefRE.FindStringSubmatch(w); m != nil && m[0] == strings.TrimSpace(w) && words[m[1]] != nil {
			for _, x := range words[m[1]] {
				out = append(out, strings.ToLower(x))
			}
			continue
		}
		out = append(out, w)
	}
	return out
}

// expandPhrase turns a phrase that is just "{{name}}" of a list macro into
// that list's words.
func expandPhrase(ph string, packs []*Pack) []string {
	if m := macroRefRE.FindStringSubmatch(ph); m != nil && m[0] == strings.TrimSpace(ph) {
		for _, p := range packs {
			if mac, ok := p.Define[m[1]]; ok && mac.Words != nil {
				return mac.Words
			}
		}
	}
	return []string{ph}
}

var macroRefRE = regexp.MustCompile(`\{\{([A-Za-z][A-Za-z0-9_]*)\}\}`)

// expandMacros replaces {{name}} references, recursively (to a depth of 8).
func expandMacros(pat string, macros map[string]string) (string, error) {
	for depth := 0; strings.Contains(pat, "{{"); depth++ {
		if depth > 8 {
			return "", errors.New("macros nest too deep (a macro that uses itself?)")
		}
		var missing string
		pat = macroRefRE.ReplaceAllStringFunc(pat, func(ref string) string {
			name := ref[2 : len(ref)-2]
			m, ok := macros[name]
			if !ok {
				missing = name
				return ref
			}
			return "(?:" + m + ")"
		})
		if missing != "" {
			return "", fmt.Errorf("unknown macro {{%s}}", missing)
		}
	}
	return pat, nil
}

// wordAlternation is a regexp matching any of words literally, with
// spaces matching any run of spaces. The words are sorted so that those
// sharing a beginning are neighbours: the regexp parser then factors the
// list into a tree, and matching it costs the length of a word rather
// than the number of words.
func wordAlternation(words []string) string {
	var ws []string
	seen := map[string]bool{}
	for _, w := range words {
		w = strings.TrimSpace(w)
		if w != "" && !seen[strings.ToLower(w)] {
			seen[strings.ToLower(w)] = true
			ws = append(ws, strings.ToLower(w))
		}
	}
	sort.Strings(ws)
	parts := make([]string, 0, len(ws))
	for _, w := range ws {
		parts = append(parts, strings.ReplaceAll(regexp.QuoteMeta(w), " ", ` +`))
	}
	return strings.Join(parts, "|")
}

// compileRule compiles r's patterns and selector. A trusted rule's
// patterns compile on their first match, unchecked (the tests check the
// built-in packs); any other's are checked here.
func compileRule(r *Rule, macros map[string]string, trusted bool) error {
	fail := func(format string, args ...any) error {
		return &Error{File: r.File, Line: r.Line, Rule: r.ID, Msg: fmt.Sprintf(format, args...)}
	}
	flags := "(?i)"
	if r.CaseSensitive {
		flags = ""
	}
	compile := func(pat, anchor string) (*pattern, error) {
		exp, err := expandMacros(pat, macros)
		if err != nil {
			return nil, fail("%v", err)
		}
		var full string
		switch anchor {
		case "line":
			full = flags + `^(?:` + exp + `)$`
		case "suffix":
			full = flags + `(?:` + exp + `)$`
		default:
			full = flags + exp
		}
		if trusted {
			return lazyPattern(full), nil
		}
		re, err := compilePattern(full)
		if err != nil {
			return nil, fail("pattern: %v", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		for _, name := range re.SubexpNames() {
			if name != "" && !IsField(name) {
				return nil, fail("named group %q is not a metadata field (%s)", name, joinNames(Fields()))
			}
		}
		return re, nil
	}
	var err error
	switch r.Kind {
	case KindLine:
		if r.re, err = compile(r.Pattern, "line"); err != nil {
			return err
		}
	case KindMarker:
		if r.re, err = compile(r.Pattern, "suffix"); err != nil {
			return err
		}
	case KindCommentHeader:
		defined := map[Field]bool{}
		for i := range r.Lines {
			hl := &r.Lines[i]
			if hl.Same != "" {
				if !trusted && !defined[hl.Same] {
					return fail("lines[%d]: same: %q names no group of an earlier line", i, hl.Same)
				}
				continue
			}
			if hl.re, err = compile(hl.Pattern, "line"); err != nil {
				return err
			}
			if trusted {
				continue
			}
			for _, name := range hl.re.SubexpNames() {
				if name != "" {
					defined[Field(name)] = true
				}
			}
		}
		if !trusted && !defined["author"] {
			return fail("a comment header needs a group named author")
		}
	case KindSelector:
		if r.sel, err = cascadia.ParseGroup(r.Selector); err != nil {
			return fail("selector: %v", err)
		}
	}
	if r.re != nil && !trusted {
		if r.Action == Extract && r.Field == "" && !hasFieldGroup(r.re.SubexpNames()) {
			return fail("action extract needs named groups or a field")
		}
	}
	if r.Action == Extract && r.Kind == KindPhrase && r.Field == "" {
		return fail("action extract on a phrase rule needs a field")
	}
	r.Cues.lower = nil
	for _, w := range r.Cues.Words {
		r.Cues.lower = append(r.Cues.lower, strings.ToLower(strings.Join(strings.Fields(w), " ")))
	}
	return nil
}

func hasFieldGroup(groups []string) bool {
	for _, g := range groups {
		if g != "" {
			return true
		}
	}
	return false
}
