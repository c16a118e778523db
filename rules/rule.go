// Package rules holds winnow's rule model, the strict loader for rule packs
// and the built-in packs (embedded with go:embed).
//
// A rule pack is a YAML document: macros under "define", language vocabulary
// ("months", "weekdays", "stopwords") and a list of rules. Each rule labels
// the lines (or HTML blocks) it matches with a category and its id; the
// cleaner package decides what happens to labelled lines. Packs are data:
// adding a pattern never needs a change to Go code.
package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
)

// Category is what a removed block was. The set is fixed; see Categories.
type Category string

// The categories of the metadata schema.
const (
	Title      Category = "title"
	Date       Category = "date"
	Byline     Category = "byline"
	Author     Category = "author"
	Source     Category = "source"
	Ad         Category = "ad"
	ReadAlso   Category = "read_also"
	Related    Category = "related"
	Comments   Category = "comments"
	Newsletter Category = "newsletter"
	Appeal     Category = "appeal"
	Share      Category = "share"
	Site       Category = "site"
)

// Categories returns the fixed category vocabulary in a stable order.
func Categories() []Category {
	return []Category{Title, Date, Byline, Author, Source, Ad, ReadAlso, Related,
		Comments, Newsletter, Appeal, Share, Site}
}

// ValidCategory reports whether c is one of Categories.
func ValidCategory(c Category) bool {
	for _, k := range Categories() {
		if k == c {
			return true
		}
	}
	return false
}

// Kind says how a rule matches. The set is closed.
type Kind string

// The rule kinds.
const (
	// KindLine matches a whole line (or block text) against an RE2 pattern.
	KindLine Kind = "line"
	// KindPhrase matches a whole line against a list of phrases, ignoring
	// case, surrounding punctuation and runs of spaces.
	KindPhrase Kind = "phrase"
	// KindMarker is a pattern matched at the end of a text by a mechanism
	// (a comment's "Read more »", a bio's "read more") and stripped from it.
	KindMarker Kind = "marker"
	// KindCommentHeader is a sequence of line patterns that starts one
	// comment of a thread (author, time, reply-to).
	KindCommentHeader Kind = "comment_header"
	// KindSelector is a CSS selector for HTML input.
	KindSelector Kind = "selector"
	// KindStructure names a mechanism of package cleaner (it has no
	// pattern), so that it is listed and can be disabled like a rule.
	KindStructure Kind = "structure"
)

// Scope says where in a document a rule may match.
type Scope string

// The scopes.
const (
	// Anywhere: any line outside a comment thread.
	Anywhere Scope = "anywhere"
	// Head: lines before the first line of article prose.
	Head Scope = "head"
	// Tail: lines after the last line of article prose. For rules that
	// start a zone (drop_to_end, start_thread) it means "not in the head":
	// the zone they start is what makes the tail.
	Tail Scope = "tail"
	// End: the tail, and article paragraphs peeled off its end one at a time
	// while they match (an author bio written as a paragraph).
	End Scope = "end"
	// Thread: lines inside a comment thread (reply buttons, vote counts).
	Thread Scope = "thread"
)

// Action says what happens to a matched line.
type Action string

// The actions.
const (
	// Drop removes the line.
	Drop Action = "drop"
	// DropToEnd removes the line and starts a zone that runs to the next
	// zone, the end of the document, or the next paragraph of prose. With
	// a Field (related, read_also, author_bio) the zone's lines are parsed
	// into that field.
	DropToEnd Action = "drop_to_end"
	// Extract removes the line and fills metadata fields from the
	// pattern's named groups (or Field from the whole line).
	Extract Action = "extract"
	// StartThread removes the line and starts a comment-thread zone that
	// runs to the end of the document.
	StartThread Action = "start_thread"
	// DropList removes the line and the list right after it (a table of
	// contents under "Contents"): the next block of list items.
	DropList Action = "drop_list"
	// DropBlock removes the line and the short lines under it, up to a
	// blank line or a sentence of prose: the teasers under a "Sponsored"
	// label.
	DropBlock Action = "drop_block"
)

// Select picks which of a rule's matches in its scope count.
type Select string

// The selections.
const (
	All   Select = "all"
	First Select = "first"
	Last  Select = "last"
)

// Input restricts a rule to one input kind. A line rule for text input
// does not apply to the lines of an HTML page either.
type Input string

// The input kinds a rule can be restricted to.
const (
	AnyInput  Input = "any"
	TextInput Input = "text"
	HTMLInput Input = "html"
)

// Conditions are cheap line features checked before any pattern runs.
type Conditions struct {
	MinWords int      // at least this many words (0: no limit)
	MaxWords int      // at most this many words (0: no limit)
	MaxChars int      // at most this many bytes (0: no limit)
	Terminal *bool    // the line ends (true) or does not end (false) a sentence
	Ends     []string // the line ends with one of these (lower case; ignoring closing punctuation)
}

// Cues require evidence words in the matched text: at least Min of Words
// (matched case-insensitively at word boundaries) must occur.
type Cues struct {
	Words []string
	Min   int
	lower []string // Words, lower case
}

// Met reports whether at least Min distinct cue words occur in text.
func (c *Cues) Met(text string) bool {
	if c.Min == 0 {
		return true
	}
	lower := strings.ToLower(text)
	n := 0
	for _, w := range c.lower {
		if ContainsWord(lower, w) {
			if n++; n >= c.Min {
				return true
			}
		}
	}
	return false
}

// ContainsWord reports whether w occurs in s as a word: with no letter or
// digit right before or after it.
func ContainsWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (i == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return true
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// HeaderLine is one line of a comment header.
type HeaderLine struct {
	Pattern  string // RE2, anchored to the whole line
	Same     Field  // instead of a pattern: the line equals this group's value
	Optional bool   // the line may be absent
	re       *pattern
}

// Examples are texts a rule must strip and texts it must keep; go test runs
// them through the pattern and through the whole cleaner.
type Examples struct {
	Strip []string
	Keep  []string
}

// Rule is one compiled rule.
type Rule struct {
	ID            string
	Category      Category
	Kind          Kind
	Description   string
	Pattern       string
	Phrases       []string
	Selector      string
	Lines         []HeaderLine
	Anchor        int // comment_header: index of the line the keywords are in
	Keywords      []string
	Scope         Scope
	Action        Action
	Field         Field
	Select        Select
	When          Conditions
	Prefer        Conditions // select first|last: prefer matches that also meet these
	Cues          Cues
	Languages     []string
	Input         Input
	CaseSensitive bool
	// Sentence says the pattern may also match one sentence glued to the
	// end of a line of the article ("… on our site." after an article's
	// own sentences): that sentence is cut off the line, which stays.
	Sentence bool
	Examples Examples

	File string // pack file the rule came from
	Line int    // line of the rule in that file

	index   int
	re      *pattern
	sel     cascadia.SelectorGroup
	trusted bool // from a built-in pack: see Pack
}

// Index is the rule's position in its Set.
func (r *Rule) Index() int { return r.index }

// CSS is the compiled selector group of a selector rule (nil otherwise).
func (r *Rule) CSS() cascadia.SelectorGroup { return r.sel }

// StartsZone reports whether the rule's action opens a zone.
func (r *Rule) StartsZone() bool { return r.Action == DropToEnd || r.Action == StartThread }

// AppliesTo reports whether the rule runs on the given input kind and
// document language ("" when unknown).
func (r *Rule) AppliesTo(in Input, lang string) bool {
	if r.Input != AnyInput && r.Input != in {
		return false
	}
	if lang == "" || len(r.Languages) == 0 {
		return true
	}
	for _, l := range r.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Check reports whether text (a normalised line: trimmed, runs of white
// space folded to one space) meets the rule's conditions: a cheap test to
// run before the pattern. Cues are checked after it (CuesMet). For a
// comment_header rule, the conditions are on its anchor line.
func (r *Rule) Check(text string) bool { return r.When.Meets(text) }

// CheckCounted is Check for a line whose words were counted already
// (CountWords) and whose sentence end is known.
func (r *Rule) CheckCounted(text string, words int, terminal bool) bool {
	w := r.When
	if w.MaxChars > 0 && len(text) > w.MaxChars {
		return false
	}
	if words < w.MinWords || w.MaxWords > 0 && words > w.MaxWords {
		return false
	}
	return w.terminalOK(text, terminal) && w.endsWell(text)
}

// terminalOK reports whether a line's sentence end (terminal) meets the
// Terminal condition. A line that ends with a clock's "p.m." ends no
// sentence for a rule that wants none ("Sept. 18, 2024 at 6:05 p.m."):
// the full stop is the abbreviation's.
func (w Conditions) terminalOK(text string, terminal bool) bool {
	if w.Terminal == nil || terminal == *w.Terminal {
		return true
	}
	return !*w.Terminal && endsWithMeridiem(text)
}

// endsWithMeridiem reports whether text ends with a time's "a.m." or
// "p.m." after a figure ("6:05 p.m.", "9 a.m.").
func endsWithMeridiem(text string) bool {
	t := strings.TrimRight(text, " ")
	if len(t) < 5 {
		return false
	}
	tail := strings.ToLower(t[len(t)-4:])
	if tail != "a.m." && tail != "p.m." {
		return false
	}
	t = strings.TrimRight(t[:len(t)-4], " ")
	return t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9'
}

// endsWell reports whether text ends with one of Ends (or Ends is empty),
// ignoring case and closing punctuation.
func (w Conditions) endsWell(text string) bool {
	if len(w.Ends) == 0 {
		return true
	}
	t := strings.TrimRight(text, " .,;:!?\"'”’)]»›→*")
	for _, e := range w.Ends {
		if len(t) >= len(e) && strings.EqualFold(t[len(t)-len(e):], e) {
			return true
		}
		if e == ")" || e == "]" || e == "»" || e == "›" || e == "→" {
			if strings.HasSuffix(strings.TrimRight(text, " ."), e) {
				return true
			}
		}
	}
	return false
}

// CuesMet reports whether text holds enough of the rule's cue words.
func (r *Rule) CuesMet(text string) bool { return r.Cues.Met(text) }

// Meets reports whether text meets the conditions.
func (w Conditions) Meets(text string) bool {
	if w.MaxChars > 0 && len(text) > w.MaxChars {
		return false
	}
	if w.MinWords > 0 || w.MaxWords > 0 {
		n := CountWords(text)
		if n < w.MinWords || (w.MaxWords > 0 && n > w.MaxWords) {
			return false
		}
	}
	return w.terminalOK(text, EndsSentence(text)) && w.endsWell(text)
}

// Match runs a line rule's pattern on a normalised line (after Check) and
// returns the named groups that matched, or ok=false. Phrase rules match
// through the Set's phrase table; use Set.MatchPhrase.
func (r *Rule) Match(text string) (groups Groups, ok bool) {
	if r.re == nil {
		return nil, false
	}
	names := r.re.SubexpNames()
	if len(names) <= 1 || !r.re.MatchString(text) {
		// No groups to read, or no match: the cheaper test decides.
		return nil, len(names) <= 1 && r.re.MatchString(text)
	}
	loc := r.re.FindStringSubmatchIndex(text)
	if loc == nil {
		return nil, false
	}
	for i, name := range names {
		if name == "" || loc[2*i] < 0 {
			continue
		}
		if groups == nil {
			groups = make(Groups, 2)
		}
		if _, seen := groups[Field(name)]; !seen {
			groups[Field(name)] = text[loc[2*i]:loc[2*i+1]]
		}
	}
	return groups, true
}

// Matches reports whether the rule's pattern matches text, as Match
// does, without reading its groups.
func (r *Rule) Matches(text string) bool {
	return r.re != nil && r.re.MatchString(text)
}

// HeaderMemo remembers header-line matches for one document: threads
// repeat commenters' names and times ("9 months ago").
type HeaderMemo map[headerMemoKey][]int

type headerMemoKey struct {
	rule, line int
	text       string
}

// MatchHeader matches a comment_header rule at lines[0:]: it returns how
// many lines the header takes and its groups, or n=0. lines are
// normalised. memo may be nil.
func (r *Rule) MatchHeader(lines []string, memo HeaderMemo) (n int, groups Groups) {
	groups = Groups{}
	for k, hl := range r.Lines {
		ok := false
		if n < len(lines) {
			if hl.Same != "" {
				ok = groups[hl.Same] != "" && lines[n] == groups[hl.Same]
			} else if loc := hl.find(r.index, k, lines[n], memo); loc != nil {
				ok = true
				for i, name := range hl.re.SubexpNames() {
					if name != "" && loc[2*i] >= 0 && groups[Field(name)] == "" {
						groups[Field(name)] = lines[n][loc[2*i]:loc[2*i+1]]
					}
				}
			}
		}
		switch {
		case ok:
			n++
		case !hl.Optional:
			return 0, nil
		}
	}
	return n, groups
}

func (hl *HeaderLine) find(rule, line int, text string, memo HeaderMemo) []int {
	if memo == nil {
		return hl.re.FindStringSubmatchIndex(text)
	}
	k := headerMemoKey{rule, line, text}
	if loc, ok := memo[k]; ok {
		return loc
	}
	var loc []int
	if hl.re.MatchString(text) {
		loc = hl.re.FindStringSubmatchIndex(text)
	}
	memo[k] = loc
	return loc
}

// markerWindow is how much of a text's end a marker is looked for in:
// markers are short, and an end-anchored pattern would otherwise be tried
// at every position of a long text.
const markerWindow = 64

// StripMarker removes a marker rule's match from the end of text and
// reports whether there was one.
func (r *Rule) StripMarker(text string) (string, bool) {
	if r.re == nil {
		return text, false
	}
	from := 0
	if len(text) > markerWindow {
		from = len(text) - markerWindow
		for from < len(text) && !utf8.RuneStart(text[from]) {
			from++
		}
	}
	tail := text[from:]
	if len(r.Keywords) > 0 {
		lower := strings.ToLower(tail)
		found := false
		for _, k := range r.Keywords {
			if strings.Contains(lower, strings.ToLower(k)) {
				found = true
				break
			}
		}
		if !found {
			return text, false
		}
	}
	loc := r.re.FindStringIndex(tail)
	if loc == nil {
		return text, false
	}
	return text[:from+loc[0]], true
}
