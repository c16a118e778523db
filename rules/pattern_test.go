package rules

import (
	"slices"
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
