package rules

import (
	"regexp"
	"sync"
	"sync/atomic"

	re2 "github.com/wasilibs/go-re2"
)

// A pattern is a rule's compiled regular expression. Packs are written in
// RE2 syntax, which Go's regexp and RE2 itself (github.com/wasilibs/go-re2,
// a WebAssembly build of the C++ library) read alike and match alike. RE2
// matches the lines rules read faster, but it takes a quarter of a second
// to start and a moment to compile each pattern; so a pattern starts on
// Go's regexp and moves to RE2 once it has been asked switchAfter times
// (a corpus, not a file). Measured on the seed records (README): the same
// output, a sixth less time.
type pattern struct {
	expr string
	// load compiles std once, on the first match, for a pattern of a
	// trusted pack (lazyPattern); a checked pattern is compiled already.
	load  sync.Once
	names []string
	// std is Go's compiled program until the pattern moves to RE2, then
	// nil: a hot pattern's program is the larger part of the rules' live
	// heap, and the collector's target is a multiple of that heap.
	std   atomic.Pointer[regexp.Regexp]
	fast  atomic.Pointer[re2.Regexp]
	calls atomic.Int64
	once  sync.Once
}

// switchAfter is how many matches a pattern runs on Go's regexp before it
// moves to RE2. Most patterns run a few times a record (the keyword scan
// gates them), so at 4000 half of all matches were still Go's on the seed
// records; at 500 the run is 6% faster (8.2 s to 7.8 s), at 50 no faster
// again, and a batch of 130 HTML pages takes the same time.
const switchAfter = 500

// matcher is what a pattern asks of its engine.
type matcher interface {
	MatchString(s string) bool
	FindStringIndex(s string) []int
	FindStringSubmatchIndex(s string) []int
}

// compilePattern compiles expr with Go's regexp, which checks the syntax
// and names the error.
func compilePattern(expr string) (*pattern, error) {
	std, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	p := &pattern{expr: expr}
	p.load.Do(func() { p.set(std) })
	return p, nil
}

// lazyPattern is expr, compiled on its first match: the built-in packs'
// patterns are checked by the tests (TestBuiltinPacksChecked), and a run
// that never asks a pattern does not pay for compiling it.
func lazyPattern(expr string) *pattern {
	return &pattern{expr: expr}
}

// compile is load's work for a lazy pattern. A pattern that does not
// compile (which the tests rule out for the built-in packs) never matches.
func (p *pattern) compile() {
	std, err := regexp.Compile(p.expr)
	if err != nil {
		std = neverMatches
	}
	p.set(std)
}

func (p *pattern) set(std *regexp.Regexp) {
	p.names = std.SubexpNames()
	p.std.Store(std)
}

// neverMatches is a program that matches no text: no line's start comes
// after a letter of it.
var neverMatches = regexp.MustCompile(`a\A`)

// engine is the matcher to use now: RE2 once the pattern has been asked
// often enough (and RE2 compiled it), else Go's regexp.
func (p *pattern) engine() matcher {
	if f := p.fast.Load(); f != nil {
		return f
	}
	p.load.Do(p.compile)
	if p.calls.Add(1) >= switchAfter {
		p.once.Do(p.moveToRE2)
	}
	if s := p.std.Load(); s != nil {
		return s
	}
	// moveToRE2 stores fast before it lets std go.
	return p.fast.Load()
}

// moveToRE2 compiles the pattern with RE2 and, when it compiles, lets Go's
// program go; a caller still holding it finishes its match on it.
func (p *pattern) moveToRE2() {
	f, err := re2.Compile(p.expr)
	if err != nil {
		return
	}
	p.fast.Store(f)
	p.std.Store(nil)
}

// MatchString reports whether s holds a match.
func (p *pattern) MatchString(s string) bool { return p.engine().MatchString(s) }

// FindStringIndex is the first match's place in s, or nil.
func (p *pattern) FindStringIndex(s string) []int { return p.engine().FindStringIndex(s) }

// FindStringSubmatchIndex is the first match's place and its groups' in s,
// or nil.
func (p *pattern) FindStringSubmatchIndex(s string) []int {
	return p.engine().FindStringSubmatchIndex(s)
}

// SubexpNames are the pattern's group names.
func (p *pattern) SubexpNames() []string {
	p.load.Do(p.compile)
	return p.names
}

// String is the pattern's source.
func (p *pattern) String() string { return p.expr }
