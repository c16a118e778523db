package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestPatternEngines checks that a pattern answers alike on Go's regexp
// and, once it has moved, on RE2: matches, places and groups.
func TestPatternEngines(t *testing.T) {
	p, err := compilePattern(`(?i)^(?:(?P<author>[^\s,;]+(?: [^\s,;]+){0,3}?) (?:[-–—|•·] )?(?P<posted>\d+ (?:hours?|days?) ago))$`)
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{"Karl 2 days ago", "Rita K · 5 hours ago", "The vote was held three days ago.", "", "Ünal Özdemir — 3 days ago"}
	type answer struct {
		match      bool
		loc, group []int
	}
	ask := func() []answer {
		var out []answer
		for _, s := range inputs {
			out = append(out, answer{p.MatchString(s), p.FindStringIndex(s), p.FindStringSubmatchIndex(s)})
		}
		return out
	}
	before := ask()
	if p.fast.Load() != nil {
		t.Fatal("the pattern moved to RE2 before it was asked switchAfter times")
	}
	for p.calls.Load() < switchAfter {
		p.MatchString("Karl 2 days ago")
	}
	p.MatchString("Karl 2 days ago")
	if p.fast.Load() == nil {
		t.Fatal("the pattern did not move to RE2")
	}
	if p.std.Load() != nil {
		t.Error("Go's program was kept after the pattern moved to RE2")
	}
	after := ask()
	for k := range before {
		b, a := before[k], after[k]
		if b.match != a.match || !slices.Equal(b.loc, a.loc) || !slices.Equal(b.group, a.group) {
			t.Errorf("%q: Go's regexp %+v, RE2 %+v", inputs[k], b, a)
		}
	}
	if names := p.SubexpNames(); !slices.Contains(names, "author") || !slices.Contains(names, "posted") {
		t.Errorf("SubexpNames() = %v", names)
	}
}

// TestAutomatonScan checks that the keyword automaton finds every
// occurrence a plain search finds, ASCII letters folded, for a small set
// of keywords, a large one and a huge one (more states than 16-bit cells
// hold).
func TestAutomatonScan(t *testing.T) {
	type hit struct{ end, id int }
	naive := func(keywords []string, s string) []hit {
		var out []hit
		// The automaton folds ASCII letters only.
		fold := func(s string) string {
			return strings.Map(func(r rune) rune {
				if 'A' <= r && r <= 'Z' {
					return r + 'a' - 'A'
				}
				return r
			}, s)
		}
		lower := fold(s)
		for end := 1; end <= len(s); end++ {
			for id, k := range keywords {
				if end >= len(k) && lower[end-len(k):end] == fold(k) {
					out = append(out, hit{end, id})
				}
			}
		}
		return out
	}
	scan := func(a *automaton, s string) []hit {
		var out []hit
		a.scan(s, func(end int, ids []int) {
			for _, id := range slices.Sorted(slices.Values(ids)) {
				out = append(out, hit{end, id})
			}
		})
		return out
	}
	small := []string{"read more", "more", "Ads", "über uns", "s"}
	large := slices.Clone(small)
	for i := 0; len(large) < 3000; i++ {
		large = append(large, fmt.Sprintf("kw%05d-tail", i))
	}
	// More than 1<<15 states: the table's cells are 32 bits.
	huge := slices.Clone(small)
	for i := 0; len(huge) < 12000; i++ {
		huge = append(huge, fmt.Sprintf("kw%05d-tail", i))
	}
	text := "READ MORE about ads. Über uns, über uns: kw00042-tail and KW02999-TAIL, kw11999-tail, kw1, bus."
	for _, keywords := range [][]string{small, large, huge} {
		if got, want := scan(newAutomaton(keywords), text), naive(keywords, text); !slices.Equal(got, want) {
			t.Errorf("%d keywords:\n got %v\nwant %v", len(keywords), got, want)
		}
	}
}

// TestPatternMovesUnderLoad checks that goroutines matching one pattern
// while it moves to RE2 (and lets Go's program go) all get the same
// answers (run with -race), a checked pattern and a lazy one, which
// compiles on the first of those matches.
func TestPatternMovesUnderLoad(t *testing.T) {
	checked, err := compilePattern(`(?i)^(?:(?P<author>\pL+) (?P<posted>\d+ days ago))$`)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*pattern{checked, lazyPattern(checked.expr)} {
		patternUnderLoad(t, p)
	}
}

// patternUnderLoad has eight goroutines ask p at once, from its first
// match (a lazy pattern compiles then) until it has moved to RE2.
func patternUnderLoad(t *testing.T, p *pattern) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < switchAfter/2; i++ {
				if !p.MatchString("Karl 2 days ago") || p.MatchString("The vote was held three days ago.") {
					errs <- "wrong answer"
					return
				}
				if loc := p.FindStringSubmatchIndex("Karl 2 days ago"); len(loc) != 6 || loc[2] != 0 || loc[3] != 4 {
					errs <- "wrong groups"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if p.fast.Load() == nil || p.std.Load() != nil {
		t.Error("the pattern did not move to RE2 under load")
	}
}
