package rules

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

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
	// trusted packs are the built-in ones: the tests check their patterns
	// and examples (TestBuiltinPacksChecked), so Compile does not.
	trusted bool
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

// Error is the message with the file and line it concerns.
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
