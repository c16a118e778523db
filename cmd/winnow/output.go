package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/winnow-text/winnow/cleaner"
	"github.com/winnow-text/winnow/rules"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/term"
)

// renderers turn a result into the output of each --format.
var renderers = map[string]func(*cleaner.Result) ([]byte, error){
	"text":     func(res *cleaner.Result) ([]byte, error) { return []byte(res.Body), nil },
	"json":     renderJSON,
	"markdown": markdown,
}

// formatNames lists the formats for messages.
const formatNames = "text, json or markdown"

// render formats a result as --format asks.
func render(format string, res *cleaner.Result) ([]byte, error) {
	return renderers[format](res)
}

// renderJSON is {"body": …, "meta": {…}}, indented.
func renderJSON(res *cleaner.Result) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(struct {
		Body string       `json:"body"`
		Meta cleaner.Meta `json:"meta"`
	}{res.Body, res.Meta}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// metaJSON is the metadata as an indented JSON document.
func metaJSON(m cleaner.Meta) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(m) // Meta always encodes
	return b.Bytes()
}

// markdown is YAML front matter with the article's fields, then the body.
func markdown(res *cleaner.Result) ([]byte, error) {
	m := res.Meta
	fm := struct {
		Title        string   `yaml:"title,omitempty"`
		Date         string   `yaml:"date,omitempty"`
		Authors      []string `yaml:"authors,omitempty"`
		Source       string   `yaml:"source,omitempty"`
		SiteName     string   `yaml:"site_name,omitempty"`
		URL          string   `yaml:"url,omitempty"`
		Description  string   `yaml:"description,omitempty"`
		Language     string   `yaml:"language,omitempty"`
		CommentCount *int     `yaml:"comment_count,omitempty"`
	}{m.Title, m.Date, m.Authors, m.Source, m.SiteName, m.URL, m.Description, m.Language, m.CommentCount}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	if string(head) != "{}\n" {
		b.Write(head)
	}
	b.WriteString("---\n\n")
	b.WriteString(res.Markdown)
	return b.Bytes(), nil
}

// explain prints the input with a gutter on every removed line naming its
// category and rule; kept lines have an empty gutter.
func explain(res *cleaner.Result, color bool) []byte {
	text := res.Text
	type mark struct {
		start, end int
		tag        string
	}
	var marks []mark
	width := 0
	for _, r := range res.Meta.Removed {
		tag := r.Category + " " + r.Rule
		if r.Path != "" {
			continue
		}
		marks = append(marks, mark{r.Start, r.End, tag})
		width = max(width, len(tag))
	}
	var b bytes.Buffer
	k := 0
	pos := 0
	for _, ln := range strings.SplitAfter(text, "\n") {
		if ln == "" {
			continue
		}
		start := pos
		pos += len(ln)
		content := strings.TrimSuffix(ln, "\n")
		for k < len(marks) && marks[k].end < start {
			k++
		}
		tag := ""
		if k < len(marks) && marks[k].start <= start && start <= marks[k].end && strings.TrimSpace(content) != "" {
			tag = marks[k].tag
		}
		if tag == "" && k < len(marks) && start < marks[k].start && marks[k].start < start+len(content) {
			// Sentences cut off the end of a kept line: the kept part,
			// then the cut one on a line of its own.
			at := marks[k].start - start
			fmt.Fprintf(&b, "%*s │ %s\n", width, "", content[:at])
			tag, content = marks[k].tag, "… "+content[at:]
		}
		if tag == "" {
			fmt.Fprintf(&b, "%*s │ %s\n", width, "", content)
			continue
		}
		if color {
			fmt.Fprintf(&b, "\x1b[31m%*s │ %s\x1b[0m\n", width, tag, content)
		} else {
			fmt.Fprintf(&b, "%*s │ %s\n", width, tag, content)
		}
	}
	return b.Bytes()
}

// printStats prints, per category, how many blocks, lines and bytes were
// removed, and the totals.
func printStats(w io.Writer, s stats) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "category\tblocks\tlines\tbytes\t\n")
	var total count
	for _, c := range rules.Categories() {
		if x := s.per[string(c)]; x != nil {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", c, x.blocks, x.lines, x.bytes)
			total.blocks += x.blocks
			total.lines += x.lines
			total.bytes += x.bytes
		}
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t\n", total.blocks, total.lines, total.bytes)
	if s.files > 1 {
		fmt.Fprintf(tw, "documents\t%d\t\t\t\n", s.files)
	}
	tw.Flush()
}

// listRules prints the rules in force.
func listRules(w io.Writer, set *rules.Set) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tCATEGORY\tKIND\tSCOPE\tACTION\tSOURCE\n")
	rs := append([]*rules.Rule(nil), set.Rules()...)
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].ID < rs[b].ID })
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s:%d\n", r.ID, r.Category, r.Kind, r.Scope, r.Action, r.File, r.Line)
	}
	tw.Flush()
}

// useColor follows FORCE_COLOR, then NO_COLOR and TERM=dumb, then whether
// w is a terminal.
func useColor(w io.Writer) bool {
	if v := os.Getenv("FORCE_COLOR"); v != "" && v != "0" {
		return true
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
