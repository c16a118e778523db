package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/andybalholm/cascadia"
	yaml "go.yaml.in/yaml/v3"
)

// Pack is one parsed rule-pack file, before compilation.
type Pack struct {
	File        string
	Name        string
	Description string
	Language    string
	Define      map[string]Macro
	Months      [][]string
	Weekdays    []string
	Stopwords   map[string][]string
	Rules       []*Rule
}

// Macro is a named pattern fragment, used in patterns as {{name}}. A list
// macro is an alternation of literal words.
type Macro struct {
	Pattern string
	Words   []string
	Line    int
}

// Error is a problem in a rule pack: the file, the line, the rule (if any)
// and what is wrong.
type Error struct {
	File string
	Line int
	Rule string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Rule != "" {
		fmt.Fprintf(&b, ": rule %s", e.Rule)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// LoadPath reads a rule-pack file, or every *.yaml and *.yml file in a
// directory (not recursively), in name order.
func LoadPath(path string) ([]*Pack, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("rule pack: %w", err)
	}
	if !st.IsDir() {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("rule pack: %w", err)
		}
		p, err := ParsePack(path, data)
		if err != nil {
			return nil, err
		}
		return []*Pack{p}, nil
	}
	return loadFS(os.DirFS(path), ".", path)
}

// loadFS parses the packs in dir of fsys; names in errors are prefixed
// with display.
func loadFS(fsys fs.FS, dir, display string) ([]*Pack, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("rule packs in %s: %w", display, err)
	}
	var packs []*Pack
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		data, err := fs.ReadFile(fsys, pathJoin(dir, name))
		if err != nil {
			return nil, fmt.Errorf("rule pack %s: %w", name, err)
		}
		p, err := ParsePack(filepath.Join(display, name), data)
		if err != nil {
			return nil, err
		}
		packs = append(packs, p)
	}
	if len(packs) == 0 {
		return nil, fmt.Errorf("rule packs in %s: no .yaml files", display)
	}
	return packs, nil
}

func pathJoin(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return dir + "/" + name
}

// ParsePack decodes one rule-pack file strictly: unknown keys, unknown
// kinds, scopes, actions and categories, and values of the wrong type are
// errors naming the file, line and rule. Patterns are checked when the pack
// is compiled (they may use macros of other packs).
func ParsePack(file string, data []byte) (*Pack, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{File: file, Line: yamlErrLine(err), Msg: "invalid YAML: " + yamlErrMsg(err)}
	}
	p := &Pack{File: file, Name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &Error{File: file, Msg: "empty rule pack"}
	}
	top := doc.Content[0]
	d := decoder{file: file}
	if top.Kind != yaml.MappingNode {
		return nil, d.errf(top, "", "a rule pack is a mapping with keys pack, description, language, define, months, weekdays, stopwords, rules")
	}
	err := d.mapping(top, "", func(key string, v *yaml.Node) error {
		switch key {
		case "pack":
			return d.str(v, "", &p.Name)
		case "description":
			return d.str(v, "", &p.Description)
		case "language":
			return d.str(v, "", &p.Language)
		case "define":
			return d.defines(v, p)
		case "months":
			return d.months(v, p)
		case "weekdays":
			return d.strs(v, "", &p.Weekdays)
		case "stopwords":
			p.Stopwords = map[string][]string{}
			return d.mapping(v, "", func(lang string, w *yaml.Node) error {
				var words []string
				if err := d.strs(w, "", &words); err != nil {
					return err
				}
				p.Stopwords[lang] = append(p.Stopwords[lang], words...)
				return nil
			})
		case "rules":
			if v.Kind != yaml.SequenceNode {
				return d.errf(v, "", "rules must be a list")
			}
			for _, rn := range v.Content {
				r, err := d.rule(rn, p)
				if err != nil {
					return err
				}
				p.Rules = append(p.Rules, r)
			}
			return nil
		}
		return d.errf(v, "", "unknown key %q (known: pack, description, language, define, months, weekdays, stopwords, rules)", key)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

var (
	yamlLineRE       = regexp.MustCompile(`line (\d+)`)
	yamlLinePrefixRE = regexp.MustCompile(`line \d+: `)
)

func yamlErrLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

func yamlErrMsg(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	return yamlLinePrefixRE.ReplaceAllString(msg, "")
}

type decoder struct{ file string }

func (d decoder) errf(n *yaml.Node, rule, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &Error{File: d.file, Line: line, Rule: rule, Msg: fmt.Sprintf(format, args...)}
}

func (d decoder) mapping(n *yaml.Node, rule string, each func(key string, v *yaml.Node) error) error {
	if n.Kind != yaml.MappingNode {
		return d.errf(n, rule, "expected a mapping")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return d.errf(k, rule, "mapping keys must be plain words")
		}
		if err := each(k.Value, v); err != nil {
			return err
		}
	}
	return nil
}

func (d decoder) str(n *yaml.Node, rule string, dst *string) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return d.errf(n, rule, "expected a string")
	}
	*dst = n.Value
	return nil
}

func (d decoder) strs(n *yaml.Node, rule string, dst *[]string) error {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		*dst = append(*dst, n.Value)
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return d.errf(n, rule, "expected a list of strings")
	}
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Tag == "!!null" {
			return d.errf(c, rule, "expected a string")
		}
		*dst = append(*dst, c.Value)
	}
	return nil
}

func (d decoder) integer(n *yaml.Node, rule string, dst *int) error {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return d.errf(n, rule, "expected a whole number")
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil || v < 0 {
		return d.errf(n, rule, "expected a whole number ≥ 0")
	}
	*dst = v
	return nil
}

func (d decoder) boolean(n *yaml.Node, rule string, dst *bool) error {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return d.errf(n, rule, "expected true or false")
	}
	*dst = n.Value == "true"
	return nil
}

func (d decoder) defines(n *yaml.Node, p *Pack) error {
	p.Define = map[string]Macro{}
	return d.mapping(n, "", func(name string, v *yaml.Node) error {
		if !macroNameRE.MatchString(name) {
			return d.errf(v, "", "macro name %q: use letters, digits and _", name)
		}
		m := Macro{Line: v.Line}
		if v.Kind == yaml.SequenceNode {
			if err := d.strs(v, "", &m.Words); err != nil {
				return err
			}
		} else if err := d.str(v, "", &m.Pattern); err != nil {
			return err
		}
		p.Define[name] = m
		return nil
	})
}

func (d decoder) months(n *yaml.Node, p *Pack) error {
	if n.Kind != yaml.SequenceNode || len(n.Content) != 12 {
		return d.errf(n, "", "months must be a list of 12 lists of month names, January first")
	}
	for _, c := range n.Content {
		var names []string
		if err := d.strs(c, "", &names); err != nil {
			return err
		}
		p.Months = append(p.Months, names)
	}
	return nil
}

var (
	idRE        = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)
	macroNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

const ruleKeys = "id, category, kind, description, pattern, phrases, selector, lines, anchor, keywords, scope, action, field, select, when, prefer, cues, languages, input, case_sensitive, examples"

func (d decoder) rule(n *yaml.Node, p *Pack) (*Rule, error) {
	r := &Rule{File: p.File, Line: n.Line, Scope: Anywhere, Action: Drop, Select: All, Input: AnyInput}
	if n.Kind != yaml.MappingNode {
		return nil, d.errf(n, "", "each rule is a mapping with keys %s", ruleKeys)
	}
	// The id first, so that every later error can name the rule.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" {
			if err := d.str(n.Content[i+1], "", &r.ID); err != nil {
				return nil, err
			}
		}
	}
	if r.ID == "" {
		return nil, d.errf(n, "", "rule without an id")
	}
	if !idRE.MatchString(r.ID) {
		return nil, d.errf(n, r.ID, "id must be lower case letters, digits and . _ -")
	}
	id := r.ID
	var kind, category, scope, action, sel, input string
	err := d.mapping(n, id, func(key string, v *yaml.Node) error {
		switch key {
		case "id":
			return nil
		case "category":
			return d.str(v, id, &category)
		case "kind":
			return d.str(v, id, &kind)
		case "description":
			return d.str(v, id, &r.Description)
		case "pattern":
			return d.str(v, id, &r.Pattern)
		case "phrases":
			return d.strs(v, id, &r.Phrases)
		case "selector":
			return d.str(v, id, &r.Selector)
		case "lines":
			return d.headerLines(v, r)
		case "anchor":
			return d.integer(v, id, &r.Anchor)
		case "keywords":
			return d.strs(v, id, &r.Keywords)
		case "scope":
			return d.str(v, id, &scope)
		case "action":
			return d.str(v, id, &action)
		case "field":
			return d.str(v, id, &r.Field)
		case "select":
			return d.str(v, id, &sel)
		case "when":
			return d.conditions(v, r.ID, "when", &r.When)
		case "prefer":
			return d.conditions(v, r.ID, "prefer", &r.Prefer)
		case "cues":
			return d.mapping(v, id, func(k string, cv *yaml.Node) error {
				switch k {
				case "words":
					return d.strs(cv, id, &r.Cues.Words)
				case "min":
					return d.integer(cv, id, &r.Cues.Min)
				}
				return d.errf(cv, id, "cues: unknown key %q (known: words, min)", k)
			})
		case "languages":
			return d.strs(v, id, &r.Languages)
		case "input":
			return d.str(v, id, &input)
		case "case_sensitive":
			return d.boolean(v, id, &r.CaseSensitive)
		case "examples":
			return d.mapping(v, id, func(k string, ev *yaml.Node) error {
				switch k {
				case "strip":
					return d.strs(ev, id, &r.Examples.Strip)
				case "keep":
					return d.strs(ev, id, &r.Examples.Keep)
				}
				return d.errf(ev, id, "examples: unknown key %q (known: strip, keep)", k)
			})
		}
		return d.errf(v, id, "unknown key %q (known: %s)", key, ruleKeys)
	})
	if err != nil {
		return nil, err
	}
	if len(r.Languages) == 0 && p.Language != "" {
		r.Languages = []string{p.Language}
	}
	fail := func(format string, args ...any) (*Rule, error) {
		return nil, d.errf(n, id, format, args...)
	}
	r.Category = Category(category)
	if !ValidCategory(r.Category) {
		return fail("category %q is not one of %s", category, joinCategories())
	}
	r.Kind = Kind(kind)
	switch r.Kind {
	case KindLine, KindMarker:
		if r.Pattern == "" {
			return fail("kind %s needs a pattern", kind)
		}
	case KindPhrase:
		if len(r.Phrases) == 0 {
			return fail("kind phrase needs phrases")
		}
	case KindSelector:
		if r.Selector == "" {
			return fail("kind selector needs a selector")
		}
		if input == "" {
			input = string(HTMLInput)
		}
	case KindCommentHeader:
		if len(r.Lines) == 0 {
			return fail("kind comment_header needs lines")
		}
		if r.Category != Comments {
			return fail("a comment_header rule is in category comments")
		}
		if r.Anchor >= len(r.Lines) || r.Lines[r.Anchor].Same != "" || r.Lines[r.Anchor].Optional {
			return fail("anchor %d must name a required line with a pattern", r.Anchor)
		}
		for i := 0; i < r.Anchor; i++ {
			if r.Lines[i].Optional {
				return fail("optional header lines must come after the anchor line")
			}
		}
	case KindStructure:
	case "":
		return fail("missing kind (one of line, phrase, marker, comment_header, selector, structure)")
	default:
		return fail("unknown kind %q (one of line, phrase, marker, comment_header, selector, structure)", kind)
	}
	if r.Kind != KindLine && r.Kind != KindMarker && r.Pattern != "" {
		return fail("pattern is for kinds line and marker")
	}
	if r.Kind != KindPhrase && len(r.Phrases) > 0 {
		return fail("phrases are for kind phrase")
	}
	if r.Kind != KindSelector && r.Selector != "" {
		return fail("selector is for kind selector")
	}
	if r.Kind != KindCommentHeader && len(r.Lines) > 0 {
		return fail("lines are for kind comment_header")
	}
	if scope != "" {
		r.Scope = Scope(scope)
	}
	switch r.Scope {
	case Anywhere, Head, Tail, End, Thread:
	default:
		return fail("unknown scope %q (one of anywhere, head, tail, end, thread)", scope)
	}
	if action != "" {
		r.Action = Action(action)
	}
	switch r.Action {
	case Drop, DropToEnd, Extract, DropList:
	case StartThread:
		if r.Category != Comments {
			return fail("start_thread is for category comments")
		}
	default:
		return fail("unknown action %q (one of drop, drop_to_end, drop_list, extract, start_thread)", action)
	}
	if sel != "" {
		r.Select = Select(sel)
	}
	switch r.Select {
	case All, First, Last:
	default:
		return fail("unknown select %q (one of all, first, last)", sel)
	}
	if input != "" {
		r.Input = Input(input)
	}
	switch r.Input {
	case AnyInput, TextInput, HTMLInput:
	default:
		return fail("unknown input %q (one of any, text, html)", input)
	}
	if r.Field != "" && !IsField(r.Field) {
		return fail("field %q is not a metadata field (%s)", r.Field, strings.Join(fieldNames, ", "))
	}
	if r.Action == DropToEnd && r.Field != "" && r.Field != "related" && r.Field != "read_also" && r.Field != "author_bio" {
		return fail("drop_to_end parses its zone into related, read_also or author_bio, not %q", r.Field)
	}
	if r.Kind == KindMarker && r.Field == "" {
		return fail("a marker names the field it sets (truncated, edited, author_bio)")
	}
	if (r.Prefer.MinWords != 0 || r.Prefer.MaxWords != 0 || r.Prefer.MaxChars != 0 || r.Prefer.Terminal != nil || len(r.Prefer.Ends) > 0) && r.Select == All {
		return fail("prefer is for select first or last")
	}
	if r.Cues.Min > 0 && len(r.Cues.Words) == 0 || len(r.Cues.Words) > 0 && r.Cues.Min == 0 {
		return fail("cues need both words and min")
	}
	for _, k := range r.Keywords {
		if strings.TrimSpace(k) == "" {
			return fail("empty keyword")
		}
	}
	return r, nil
}

func (d decoder) headerLines(n *yaml.Node, r *Rule) error {
	if n.Kind != yaml.SequenceNode {
		return d.errf(n, r.ID, "lines must be a list of {pattern | same, optional}")
	}
	for _, c := range n.Content {
		var hl HeaderLine
		err := d.mapping(c, r.ID, func(k string, v *yaml.Node) error {
			switch k {
			case "pattern":
				return d.str(v, r.ID, &hl.Pattern)
			case "same":
				return d.str(v, r.ID, &hl.Same)
			case "optional":
				return d.boolean(v, r.ID, &hl.Optional)
			}
			return d.errf(v, r.ID, "lines: unknown key %q (known: pattern, same, optional)", k)
		})
		if err != nil {
			return err
		}
		if (hl.Pattern == "") == (hl.Same == "") {
			return d.errf(c, r.ID, "each header line has either a pattern or same")
		}
		r.Lines = append(r.Lines, hl)
	}
	return nil
}

func (d decoder) conditions(n *yaml.Node, id, key string, c *Conditions) error {
	return d.mapping(n, id, func(k string, v *yaml.Node) error {
		switch k {
		case "min_words":
			return d.integer(v, id, &c.MinWords)
		case "max_words":
			return d.integer(v, id, &c.MaxWords)
		case "max_chars":
			return d.integer(v, id, &c.MaxChars)
		case "terminal":
			var b bool
			if err := d.boolean(v, id, &b); err != nil {
				return err
			}
			c.Terminal = &b
			return nil
		case "ends":
			if err := d.strs(v, id, &c.Ends); err != nil {
				return err
			}
			for i := range c.Ends {
				c.Ends[i] = strings.ToLower(c.Ends[i])
			}
			return nil
		}
		return d.errf(v, id, "%s: unknown key %q (known: min_words, max_words, max_chars, terminal, ends)", key, k)
	})
}

func joinCategories() string {
	var s []string
	for _, c := range Categories() {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}

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
	s := &Set{byID: map[string]*Rule{}, months: map[string]int{}, stopwords: map[string]map[string]bool{}, phrases: map[string][]int{}, words: map[string][]string{}}
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
	all := map[string]*Rule{}
	for _, p := range packs {
		for _, r := range p.Rules {
			if prev, dup := all[r.ID]; dup {
				return nil, &Error{File: r.File, Line: r.Line, Rule: r.ID, Msg: fmt.Sprintf("duplicate id (first defined at %s:%d)", prev.File, prev.Line)}
			}
			all[r.ID] = r
		}
	}
	disable := map[string]bool{}
	for _, x := range opt.Disable {
		if _, isRule := all[x]; !isRule && !ValidCategory(Category(x)) {
			return nil, fmt.Errorf("--disable %s: no rule or category of that name (see --list-rules)", x)
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
			r.When.Ends = expandWords(orig.When.Ends, s.words)
			r.Prefer.Ends = expandWords(orig.Prefer.Ends, s.words)
			if err := compileRule(r, macros); err != nil {
				return nil, err
			}
			r.index = len(s.rules)
			s.rules = append(s.rules, r)
			s.byID[r.ID] = r
		}
	}
	for _, r := range s.rules {
		if r.Kind != KindPhrase {
			continue
		}
		for _, ph := range r.Phrases {
			for _, expanded := range expandPhrase(ph, packs) {
				k := PhraseKey(expanded)
				if k == "" {
					return nil, &Error{File: r.File, Line: r.Line, Rule: r.ID, Msg: fmt.Sprintf("phrase %q is only punctuation", ph)}
				}
				s.phrases[k] = appendUnique(s.phrases[k], r.index)
				if len(k) > s.maxPhrase {
					s.maxPhrase = len(k)
				}
			}
		}
	}
	s.prefilter = newPrefilter(s.rules, KindLine, KindCommentHeader)
	s.selectors = newPrefilter(s.rules, KindSelector)
	for _, r := range s.rules {
		if err := s.checkExamples(r); err != nil {
			return nil, err
		}
	}
	return s, nil
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

func compileRule(r *Rule, macros map[string]string) error {
	fail := func(format string, args ...any) error {
		return &Error{File: r.File, Line: r.Line, Rule: r.ID, Msg: fmt.Sprintf(format, args...)}
	}
	flags := "(?i)"
	if r.CaseSensitive {
		flags = ""
	}
	compile := func(pat, anchor string) (*regexp.Regexp, error) {
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
		re, err := regexp.Compile(full)
		if err != nil {
			return nil, fail("pattern: %v", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		for _, name := range re.SubexpNames() {
			if name != "" && !IsField(name) {
				return nil, fail("named group %q is not a metadata field (%s)", name, strings.Join(fieldNames, ", "))
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
		defined := map[string]bool{}
		for i := range r.Lines {
			hl := &r.Lines[i]
			if hl.Same != "" {
				if !defined[hl.Same] {
					return fail("lines[%d]: same: %q names no group of an earlier line", i, hl.Same)
				}
				continue
			}
			if hl.re, err = compile(hl.Pattern, "line"); err != nil {
				return err
			}
			for _, name := range hl.re.SubexpNames() {
				if name != "" {
					defined[name] = true
				}
			}
		}
		if !defined["author"] {
			return fail("a comment header needs a group named author")
		}
	case KindSelector:
		if r.sel, err = cascadia.ParseGroup(r.Selector); err != nil {
			return fail("selector: %v", err)
		}
	}
	if r.re != nil {
		r.groups = r.re.SubexpNames()
		if r.Action == Extract && r.Field == "" && !hasFieldGroup(r.groups) {
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

// checkExamples verifies a rule against its own examples at the level of
// the rule alone: every strip example must pass the keyword prefilter, the
// conditions and the pattern; no keep example may pass the conditions and
// the pattern. A rule that cannot fire on its own examples is a load error.
func (s *Set) checkExamples(r *Rule) error {
	fail := func(format string, args ...any) error {
		return &Error{File: r.File, Line: r.Line, Rule: r.ID, Msg: fmt.Sprintf(format, args...)}
	}
	switch r.Kind {
	case KindLine, KindPhrase, KindMarker:
		for _, ex := range r.Examples.Strip {
			text := Normalize(ex)
			if r.Kind != KindPhrase && !s.prefilter.hasKeyword(r, text) {
				return fail("strip example %q holds none of the keywords %q: the rule could never fire on it", ex, r.Keywords)
			}
			if !s.matchOne(r, text) {
				return fail("strip example %q does not match", ex)
			}
		}
		for _, ex := range r.Examples.Keep {
			if s.matchOne(r, Normalize(ex)) {
				return fail("keep example %q matches the rule", ex)
			}
		}
	case KindSelector:
		return s.checkSelectorExamples(r, fail)
	case KindCommentHeader:
		for _, ex := range r.Examples.Strip {
			lines := splitExampleLines(ex)
			if !s.prefilter.hasKeyword(r, lines[min(r.Anchor, len(lines)-1)]) {
				return fail("strip example %q: line %d holds none of the keywords %q", ex, r.Anchor+1, r.Keywords)
			}
			if n, _ := r.MatchHeader(lines, nil); n != len(lines) {
				return fail("strip example %q is not a whole header", ex)
			}
		}
		for _, ex := range r.Examples.Keep {
			if n, _ := r.MatchHeader(splitExampleLines(ex), nil); n > 0 {
				return fail("keep example %q matches as a header", ex)
			}
		}
	}
	return nil
}

func (s *Set) matchOne(r *Rule, text string) bool {
	if r.Kind == KindMarker {
		_, ok := r.StripMarker(text)
		return ok
	}
	if !r.Check(text) {
		return false
	}
	if r.Kind == KindPhrase {
		for _, i := range s.phrases[PhraseKey(text)] {
			if i == r.index {
				return r.CuesMet(text)
			}
		}
		return false
	}
	_, ok := r.Match(text)
	return ok && r.CuesMet(text)
}

func splitExampleLines(ex string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(ex, "\n"), "\n") {
		out = append(out, Normalize(l))
	}
	return out
}
