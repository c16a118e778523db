package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
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

// renderJSON is {"body": …, "meta": {…}}, indented: the bytes a
// json.Encoder without HTML escaping, indenting by two spaces, writes
// (see metaJSON).
func renderJSON(res *cleaner.Result) ([]byte, error) {
	s := jsonScratch.Get().(*jsonBuffers)
	defer s.put()
	compact := append(s.compact[:0], `{"body":`...)
	compact = cleaner.AppendJSONString(compact, res.Body)
	compact = append(res.Meta.AppendJSON(append(compact, `,"meta":`...)), '}')
	s.compact = compact
	return s.indent(compact), nil
}

// metaJSON is the metadata as an indented JSON document: the bytes a
// json.Encoder indenting by two spaces writes (Meta's own encoder, then
// indented), without the encoder's reflection and its second scan of the
// compact form.
func metaJSON(m cleaner.Meta) []byte {
	s := jsonScratch.Get().(*jsonBuffers)
	defer s.put()
	s.compact = m.AppendJSON(s.compact[:0])
	return s.indent(s.compact)
}

// jsonBuffers are the scratch buffers a document's JSON is written in
// before it is copied out at its size: grown from nothing for each page,
// the two buffers were a sixth of all the bytes a batch of HTML pages
// allocated.
type jsonBuffers struct {
	compact  []byte
	indented bytes.Buffer
}

var jsonScratch = sync.Pool{New: func() any { return new(jsonBuffers) }}

// maxJSONScratch is the largest buffer jsonScratch keeps.
const maxJSONScratch = 4 << 20

// indent indents valid compact JSON by two spaces and ends it with a
// newline, in a new slice of its size.
func (s *jsonBuffers) indent(compact []byte) []byte {
	s.indented.Reset()
	_ = json.Indent(&s.indented, compact, "", "  ") // the callers write valid JSON
	s.indented.WriteByte('\n')
	return bytes.Clone(s.indented.Bytes())
}

// put gives the buffers back to the pool, unless one grew too large to
// keep.
func (s *jsonBuffers) put() {
	if cap(s.compact) <= maxJSONScratch && s.indented.Cap() <= maxJSONScratch {
		jsonScratch.Put(s)
	}
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
// category and rule; kept lines have an empty gutter. A line that is
// partly removed (sentences cut off its end, the columns of a page dump
// beside the article's) is printed in its pieces, one a line, each piece
// after the line's first marked "…".
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
	print := func(tag, content string) {
		switch {
		case tag == "":
			fmt.Fprintf(&b, "%*s │ %s\n", width, "", content)
		case color:
			fmt.Fprintf(&b, "\x1b[31m%*s │ %s\x1b[0m\n", width, tag, content)
		default:
			fmt.Fprintf(&b, "%*s │ %s\n", width, tag, content)
		}
	}
	k := 0
	pos := 0
	for _, ln := range strings.SplitAfter(text, "\n") {
		if ln == "" {
			continue
		}
		start := pos
		pos += len(ln)
		content := strings.TrimSuffix(ln, "\n")
		end := start + len(content)
		for k < len(marks) && marks[k].end < start {
			k++
		}
		// The pieces of the line: kept ("" tag) and removed.
		type piece struct {
			from, to int
			tag      string
		}
		var pieces []piece
		at := start
		for m := k; m < len(marks) && marks[m].start < end; m++ {
			from, to := max(marks[m].start, start), min(marks[m].end, end)
			if to <= at {
				continue
			}
			if from > at {
				pieces = append(pieces, piece{at, from, ""})
			}
			pieces = append(pieces, piece{max(from, at), to, marks[m].tag})
			at = to
		}
		if at < end || len(pieces) == 0 {
			pieces = append(pieces, piece{at, end, ""})
		}
		if len(pieces) > 1 {
			// One piece whose text is all the line's: the whole line.
			var real []piece
			for _, p := range pieces {
				if strings.TrimSpace(text[p.from:p.to]) != "" {
					real = append(real, p)
				}
			}
			if len(real) == 1 {
				pieces = []piece{{start, end, real[0].tag}}
			} else {
				pieces = real
			}
		}
		if strings.TrimSpace(content) == "" {
			pieces = []piece{{start, end, ""}}
		}
		for n, p := range pieces {
			s := text[p.from:p.to]
			if n > 0 {
				s = "… " + strings.TrimLeft(s, " ")
			}
			print(p.tag, s)
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
