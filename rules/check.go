package rules

import (
	"errors"
	"fmt"
	"strings"
)

// The closed vocabularies of a rule's keys, in the order messages list
// them.
var (
	scopes  = []Scope{Anywhere, Head, Tail, End, Thread}
	actions = []Action{Drop, DropToEnd, DropList, DropBlock, Extract, StartThread}
	selects = []Select{All, First, Last}
	inputs  = []Input{AnyInput, TextInput, HTMLInput}
)

// kindSpec is what a rule of one kind is made of.
type kindSpec struct {
	pattern, phrases, selector, lines bool // which of them the kind needs (and alone may have)
	input                             Input
}

// kindSpecs gives every kind's needs; a kind not here does not exist.
var kindSpecs = []struct {
	kind Kind
	spec kindSpec
}{
	{KindLine, kindSpec{pattern: true}},
	{KindPhrase, kindSpec{phrases: true}},
	{KindMarker, kindSpec{pattern: true}},
	{KindCommentHeader, kindSpec{lines: true}},
	{KindSelector, kindSpec{selector: true, input: HTMLInput}},
	{KindStructure, kindSpec{}},
}

func kinds() []Kind {
	out := make([]Kind, len(kindSpecs))
	for i, k := range kindSpecs {
		out[i] = k.kind
	}
	return out
}

func specOf(k Kind) (kindSpec, bool) {
	for _, ks := range kindSpecs {
		if ks.kind == k {
			return ks.spec, true
		}
	}
	return kindSpec{}, false
}

// kindsWith lists the kinds whose spec has a part, for messages.
func kindsWith(part func(kindSpec) bool) string {
	var out []Kind
	for _, ks := range kindSpecs {
		if part(ks.spec) {
			out = append(out, ks.kind)
		}
	}
	return joinNames(out)
}

// zoneFields are the fields a drop_to_end zone can be parsed into.
var zoneFields = []Field{FieldRelated, FieldReadAlso, FieldAuthorBio}

// checkRule checks that a decoded rule's keys fit together: what its kind
// needs and allows, and which actions, fields and options go with which.
func checkRule(r *Rule) error {
	if r.Kind == "" {
		return fmt.Errorf("missing kind (one of %s)", joinNames(kinds()))
	}
	spec, _ := specOf(r.Kind) // decoding let only known kinds through
	for _, part := range []struct {
		name   string
		has    bool
		needed func(kindSpec) bool
	}{
		{"pattern", r.Pattern != "", func(s kindSpec) bool { return s.pattern }},
		{"phrases", len(r.Phrases) > 0, func(s kindSpec) bool { return s.phrases }},
		{"selector", r.Selector != "", func(s kindSpec) bool { return s.selector }},
		{"lines", len(r.Lines) > 0, func(s kindSpec) bool { return s.lines }},
	} {
		switch need := part.needed(spec); {
		case need && !part.has:
			return fmt.Errorf("kind %s needs %s", r.Kind, part.name)
		case !need && part.has:
			return fmt.Errorf("%s is for kind %s", part.name, kindsWith(part.needed))
		}
	}
	if r.Input == "" {
		r.Input = AnyInput
		if spec.input != "" {
			r.Input = spec.input
		}
	}
	if r.Kind == KindCommentHeader {
		if err := checkHeader(r); err != nil {
			return err
		}
	}
	switch {
	case r.Action == StartThread && r.Category != Comments:
		return errors.New("start_thread is for category comments")
	case r.Action == DropToEnd && r.Field != "" && !oneOf(r.Field, zoneFields):
		return fmt.Errorf("drop_to_end parses its zone into %s, not %q", joinNames(zoneFields), r.Field)
	case r.Kind == KindMarker && r.Field == "":
		return errors.New("a marker names the field it sets (truncated, edited, author_bio)")
	case !r.Prefer.empty() && r.Select == All:
		return errors.New("prefer is for select first or last")
	case (r.Cues.Min > 0) != (len(r.Cues.Words) > 0):
		return errors.New("cues need both words and min")
	}
	for _, k := range r.Keywords {
		if strings.TrimSpace(k) == "" {
			return errors.New("empty keyword")
		}
	}
	return nil
}

// checkHeader checks a comment_header rule's category and anchor.
func checkHeader(r *Rule) error {
	if r.Category != Comments {
		return errors.New("a comment_header rule is in category comments")
	}
	if r.Anchor >= len(r.Lines) || r.Lines[r.Anchor].Same != "" || r.Lines[r.Anchor].Optional {
		return fmt.Errorf("anchor %d must name a required line with a pattern", r.Anchor)
	}
	for i := 0; i < r.Anchor; i++ {
		if r.Lines[i].Optional {
			return errors.New("optional header lines must come after the anchor line")
		}
	}
	return nil
}

func (c *Conditions) empty() bool {
	return c.MinWords == 0 && c.MaxWords == 0 && c.MaxChars == 0 && c.Terminal == nil && len(c.Ends) == 0
}

// oneOf reports whether v is in all.
func oneOf[T comparable](v T, all []T) bool {
	for _, x := range all {
		if x == v {
			return true
		}
	}
	return false
}

// joinNames lists names for a message: "a, b, c".
func joinNames[T ~string](all []T) string {
	s := make([]string, len(all))
	for i, x := range all {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}
