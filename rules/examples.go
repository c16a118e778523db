package rules

import (
	"fmt"
	"strings"
)

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
