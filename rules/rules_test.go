package rules

import (
	"strings"
	"testing"
)

func TestDefaultCompiles(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rules()) < 20 {
		t.Fatalf("only %d rules", len(s.Rules()))
	}
}

// The built-in packs pass every check Compile makes of a pack it does not
// trust: each pattern compiles and names only fields, each rule passes its
// own examples. (Compile trusts them, so that no run pays for this.)
func TestBuiltinPacksChecked(t *testing.T) {
	packs, err := BuiltinPacks()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packs {
		if !p.trusted {
			t.Errorf("%s: a built-in pack is not trusted", p.File)
		}
		p.trusted = false
	}
	s, err := Compile(packs, CompileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Rules() {
		if r.trusted {
			t.Errorf("%s: compiled as trusted", r.ID)
		}
	}
}

// A trusted pack's pattern compiles on its first match and matches as a
// checked one does; one that does not compile never matches.
func TestLazyPattern(t *testing.T) {
	p := lazyPattern(`(?i)^by (?P<author>\w+)$`)
	if p.std.Load() != nil {
		t.Fatal("compiled before its first match")
	}
	if !p.MatchString("By Anna") || p.MatchString("By Anna Smith") {
		t.Error("lazy pattern matches differently")
	}
	if names := p.SubexpNames(); len(names) != 2 || names[1] != "author" {
		t.Errorf("SubexpNames() = %q", names)
	}
	bad := lazyPattern(`(unclosed`)
	if bad.MatchString("(unclosed") || bad.MatchString("") {
		t.Error("a pattern that does not compile matched")
	}
}

// Every built-in line, phrase and marker rule has examples on both sides.
func TestBuiltinRulesHaveExamples(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Rules() {
		if r.Kind == KindStructure {
			continue // a mechanism: tested in package cleaner
		}
		if len(r.Examples.Strip) == 0 || len(r.Examples.Keep) == 0 {
			t.Errorf("%s (%s:%d): needs at least one strip and one keep example", r.ID, r.File, r.Line)
		}
		if r.Description == "" && r.Kind != KindPhrase {
			t.Logf("%s: no description", r.ID)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"abc":              "abc",
		"  a  b ":          "a b",
		"Reply to\u00a0 X": "Reply to X",
		"a\tb":             "a b",
		"é  ü":             "é ü",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPhraseKey(t *testing.T) {
	for in, want := range map[string]string{
		"About author:":         "about author",
		"— Share this: —":       "share this",
		"YOU MIGHT ALSO LIKE":   "you might also like",
		"Sort by: Newest":       "sort by newest",
		"Share · Tweet | Email": "share tweet email",
		"Print - E-mail":        "print e-mail",
		"Time: 10:35":           "time 10:35",
	} {
		if got := PhraseKey(in); got != want {
			t.Errorf("PhraseKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"unknown key", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    patern: x\n", "x.yaml:5: rule a.b: unknown key \"patern\""},
		{"unknown kind", "rules:\n  - id: a.b\n    category: ad\n    kind: regex\n", "rule a.b: unknown kind \"regex\""},
		{"bad category", "rules:\n  - id: a.b\n    category: ads\n    kind: line\n    pattern: x\n", "category \"ads\" is not one of"},
		{"no id", "rules:\n  - category: ad\n", "x.yaml:2: rule without an id"},
		{"bad yaml", "rules: [\n", "invalid YAML: did not find expected node content"},
		{"top key", "rulez: []\n", "unknown key \"rulez\""},
		{"wrong type", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: [x]\n", "x.yaml:5: rule a.b: expected a string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParsePack("x.yaml", []byte(c.yaml))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"bad regex", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: 'a(b'\n", "x.yaml:2: rule a.b: pattern: missing closing )"},
		{"unknown macro", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: '{{nope}}'\n", "unknown macro {{nope}}"},
		{"strip fails", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: 'abc'\n    keywords: [xyz]\n    examples: {strip: [abd]}\n", "strip example \"abd\" holds none of the keywords"},
		{"strip no match", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: 'abc'\n    keywords: [ab]\n    examples: {strip: [abd]}\n", "strip example \"abd\" does not match"},
		{"keep matches", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: 'abc'\n    examples: {keep: [ABC]}\n", "keep example \"ABC\" matches"},
		{"group not a field", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: '(?P<foo>x)'\n", "named group \"foo\" is not a metadata field"},
		{"dup id", "rules:\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: x\n  - id: a.b\n    category: ad\n    kind: line\n    pattern: y\n", "x.yaml:6: rule a.b: duplicate id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParsePack("x.yaml", []byte(c.yaml))
			if err == nil {
				_, err = Compile([]*Pack{p}, CompileOptions{})
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestDisable(t *testing.T) {
	packs, err := BuiltinPacks()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(packs, CompileOptions{Disable: []string{"ad", "read_also.label"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Rules() {
		if r.Category == Ad || r.ID == "read_also.label" {
			t.Errorf("%s still enabled", r.ID)
		}
	}
	if _, err := Compile(packs, CompileOptions{Disable: []string{"no.such"}}); err == nil {
		t.Error("disabling an unknown id should fail")
	}
	// The packs are not changed by compiling them.
	full, err := Compile(packs, CompileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if full.Rule("read_also.label") == nil {
		t.Error("compiling with Disable changed the packs")
	}
}

// The built-in packs hold every rule and word list the code looks up by
// name: renaming one in a pack must fail here, not silently turn a
// mechanism off.
func TestCodeRolesInPacks(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range CodeRules {
		if set.Rule(id) == nil {
			t.Errorf("no built-in rule %s, which the code looks up", id)
		}
	}
	for _, name := range CodeWords {
		if len(set.Words(name)) == 0 {
			t.Errorf("no built-in word list %s, which the code reads", name)
		}
	}
}

// PhraseAt answers 0 for an index outside the words, as a caller that
// skipped lead words to the end of a sentence may ask.
func TestPhraseAtOutOfRange(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	toks := []string{"so", "now"}
	for _, i := range []int{-1, 2, 3} {
		if n := set.PhraseAt(WordsCTAAsk, toks, i); n != 0 {
			t.Errorf("PhraseAt(%d) = %d, want 0", i, n)
		}
	}
	if n := set.PhraseAt(WordsCTAAsk, []string{"subscribe", "now"}, 0); n != 1 {
		t.Errorf("PhraseAt(subscribe) = %d, want 1", n)
	}
}

// EndsSentence knows any script's sentence end, and an ellipsis is none.
func TestEndsSentence(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"The ferry was late.", true},
		{"Was it late?”", true},
		{"It came!)", true},
		{"渡轮晚点了。", true},
		{"नौका देर से आई।", true},
		{"သင်္ဘော နောက်ကျပါတယ်။", true},
		{"هل تأخرت العبارة؟", true},
		{"کشتی دیر آئی۔", true},
		{"Read more...", false},
		{"Read more…", false},
		{"The ferry was late", false},
		{"Timetable:", false},
		{"", false},
	} {
		if got := EndsSentence(tc.in); got != tc.want {
			t.Errorf("EndsSentence(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
