package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

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

// ruleKey decodes one key of a rule into it.
type ruleKey struct {
	name   string
	decode func(d decoder, r *Rule, v *yaml.Node) error
}

// ruleKeys are the keys a rule may have, in the order the pack format
// documents them; anything else is an error.
var ruleKeys = []ruleKey{
	{"id", func(d decoder, r *Rule, v *yaml.Node) error { return nil }}, // read first, see rule
	{"category", func(d decoder, r *Rule, v *yaml.Node) error {
		var s string
		if err := d.str(v, r.ID, &s); err != nil {
			return err
		}
		r.Category = Category(s)
		if !ValidCategory(r.Category) {
			return d.errf(v, r.ID, "category %q is not one of %s", s, joinNames(Categories()))
		}
		return nil
	}},
	{"kind", func(d decoder, r *Rule, v *yaml.Node) error { return decodeEnum(d, v, r.ID, "kind", &r.Kind, kinds()) }},
	{"description", func(d decoder, r *Rule, v *yaml.Node) error { return d.str(v, r.ID, &r.Description) }},
	{"pattern", func(d decoder, r *Rule, v *yaml.Node) error { return d.str(v, r.ID, &r.Pattern) }},
	{"phrases", func(d decoder, r *Rule, v *yaml.Node) error { return d.strs(v, r.ID, &r.Phrases) }},
	{"selector", func(d decoder, r *Rule, v *yaml.Node) error { return d.str(v, r.ID, &r.Selector) }},
	{"lines", func(d decoder, r *Rule, v *yaml.Node) error { return d.headerLines(v, r) }},
	{"anchor", func(d decoder, r *Rule, v *yaml.Node) error { return d.integer(v, r.ID, &r.Anchor) }},
	{"keywords", func(d decoder, r *Rule, v *yaml.Node) error { return d.strs(v, r.ID, &r.Keywords) }},
	{"scope", func(d decoder, r *Rule, v *yaml.Node) error { return decodeEnum(d, v, r.ID, "scope", &r.Scope, scopes) }},
	{"action", func(d decoder, r *Rule, v *yaml.Node) error {
		return decodeEnum(d, v, r.ID, "action", &r.Action, actions)
	}},
	{"field", func(d decoder, r *Rule, v *yaml.Node) error {
		var s string
		if err := d.str(v, r.ID, &s); err != nil {
			return err
		}
		if !IsField(s) {
			return d.errf(v, r.ID, "field %q is not a metadata field (%s)", s, joinNames(Fields()))
		}
		r.Field = Field(s)
		return nil
	}},
	{"select", func(d decoder, r *Rule, v *yaml.Node) error {
		return decodeEnum(d, v, r.ID, "select", &r.Select, selects)
	}},
	{"when", func(d decoder, r *Rule, v *yaml.Node) error { return d.conditions(v, r.ID, "when", &r.When) }},
	{"prefer", func(d decoder, r *Rule, v *yaml.Node) error { return d.conditions(v, r.ID, "prefer", &r.Prefer) }},
	{"cues", func(d decoder, r *Rule, v *yaml.Node) error {
		return d.mapping(v, r.ID, func(k string, cv *yaml.Node) error {
			switch k {
			case "words":
				return d.strs(cv, r.ID, &r.Cues.Words)
			case "min":
				return d.integer(cv, r.ID, &r.Cues.Min)
			}
			return d.errf(cv, r.ID, "cues: unknown key %q (known: words, min)", k)
		})
	}},
	{"languages", func(d decoder, r *Rule, v *yaml.Node) error { return d.strs(v, r.ID, &r.Languages) }},
	{"input", func(d decoder, r *Rule, v *yaml.Node) error { return decodeEnum(d, v, r.ID, "input", &r.Input, inputs) }},
	{"case_sensitive", func(d decoder, r *Rule, v *yaml.Node) error { return d.boolean(v, r.ID, &r.CaseSensitive) }},
	{"sentence", func(d decoder, r *Rule, v *yaml.Node) error { return d.boolean(v, r.ID, &r.Sentence) }},
	{"examples", func(d decoder, r *Rule, v *yaml.Node) error {
		return d.mapping(v, r.ID, func(k string, ev *yaml.Node) error {
			switch k {
			case "strip":
				return d.strs(ev, r.ID, &r.Examples.Strip)
			case "keep":
				return d.strs(ev, r.ID, &r.Examples.Keep)
			}
			return d.errf(ev, r.ID, "examples: unknown key %q (known: strip, keep)", k)
		})
	}},
}

func ruleKeyNames() string {
	names := make([]string, len(ruleKeys))
	for i, k := range ruleKeys {
		names[i] = k.name
	}
	return strings.Join(names, ", ")
}

// decodeEnum decodes a value that must be one of all.
func decodeEnum[T ~string](d decoder, n *yaml.Node, rule, key string, dst *T, all []T) error {
	var s string
	if err := d.str(n, rule, &s); err != nil {
		return err
	}
	if !oneOf(T(s), all) {
		return d.errf(n, rule, "unknown %s %q (one of %s)", key, s, joinNames(all))
	}
	*dst = T(s)
	return nil
}

// rule decodes one rule of pack p and checks that its keys fit together
// (checkRule). Patterns are compiled later, with every pack's macros.
func (d decoder) rule(n *yaml.Node, p *Pack) (*Rule, error) {
	r := &Rule{File: p.File, Line: n.Line, Scope: Anywhere, Action: Drop, Select: All}
	if n.Kind != yaml.MappingNode {
		return nil, d.errf(n, "", "each rule is a mapping with keys %s", ruleKeyNames())
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
	err := d.mapping(n, r.ID, func(key string, v *yaml.Node) error {
		for _, k := range ruleKeys {
			if k.name == key {
				return k.decode(d, r, v)
			}
		}
		return d.errf(v, r.ID, "unknown key %q (known: %s)", key, ruleKeyNames())
	})
	if err != nil {
		return nil, err
	}
	if len(r.Languages) == 0 && p.Language != "" {
		r.Languages = []string{p.Language}
	}
	if err := checkRule(r); err != nil {
		return nil, d.errf(n, r.ID, "%v", err)
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
				var s string
				err := d.str(v, r.ID, &s)
				hl.Same = Field(s)
				return err
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
