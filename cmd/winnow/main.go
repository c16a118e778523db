// Command winnow strips boilerplate and comment noise from scraped
// articles: it prints the clean article body and can write everything it
// took out (title, date, authors, links, the comment thread, an audit of
// every removal) as JSON metadata.
//
// Usage:
//
//	winnow [flags] [PATH ...]
//
// With no PATH, or "-", it reads stdin and writes stdout. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/pflag"
	"github.com/winnow-text/winnow/cleaner"
	"github.com/winnow-text/winnow/rules"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK      = 0
	exitChanged = 1 // -l found files that would change
	exitError   = 2 // usage error, or an input that could not be processed
)

// options are the parsed command line.
type options struct {
	format    string
	metaFile  string
	input     string
	explain   bool
	stats     bool
	rulePaths []string
	disable   []string
	keep      []string
	listRules bool
	quiet     bool
	version   bool
	maxSize   int64
	paths     []string
}

func newFlagSet(o *options, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet("winnow", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.StringVarP(&o.format, "format", "f", "text", "output `format`: text (the body), json ({\"body\", \"meta\"}) or markdown (YAML front matter and the body)")
	fs.StringVarP(&o.metaFile, "meta", "m", "", "also write the metadata JSON to `FILE`")
	fs.StringVar(&o.input, "input", "auto", "input `kind`: auto, text or html")
	fs.BoolVar(&o.explain, "explain", false, "print the input with every removed block marked by category and rule id")
	fs.BoolVar(&o.stats, "stats", false, "print per-category counts of what was removed, on stderr")
	fs.StringArrayVar(&o.rulePaths, "rules", nil, "add a rule pack `PATH` (a YAML file or a directory of them); repeatable")
	fs.StringArrayVar(&o.disable, "disable", nil, "turn off a rule `ID` or a whole CATEGORY; repeatable")
	fs.StringArrayVar(&o.keep, "keep", nil, "keep `CATEGORY` in the body, still reporting it in the metadata; repeatable")
	fs.BoolVar(&o.listRules, "list-rules", false, "print the rules in force: id, category, kind, scope, action, source file")
	fs.Int64Var(&o.maxSize, "max-size", 64<<20, "refuse inputs larger than this many `bytes` (64 MiB unless set)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "do not print warnings")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: winnow [flags] [PATH ...]\n\n"+
			"winnow strips boilerplate and comment noise from scraped articles: it prints\n"+
			"the clean body and can write what it took out as JSON metadata.\n"+
			"With no PATH, or \"-\", it reads stdin and writes stdout.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	return fs
}

// run is the whole command; main only wires it to the process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o options
	fs := newFlagSet(&o, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "winnow: %v\nRun 'winnow -h' for usage.\n", err)
		return exitError
	}
	o.paths = fs.Args()
	if o.version {
		fmt.Fprintf(stdout, "winnow %s\n", version)
		return exitOK
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "winnow: "+format+"\nRun 'winnow -h' for usage.\n", a...)
		return exitError
	}
	switch o.format {
	case "text", "json", "markdown":
	default:
		return usage("--format must be text, json or markdown, not %q", o.format)
	}
	kind, err := cleaner.ParseInputKind(o.input)
	if err != nil {
		return usage("--input: %v", err)
	}
	set, err := loadRules(o.rulePaths, o.disable)
	if err != nil {
		fmt.Fprintf(stderr, "winnow: %v\n", err)
		return exitError
	}
	if o.listRules {
		listRules(stdout, set)
		return exitOK
	}
	var keep []rules.Category
	for _, k := range o.keep {
		if !rules.ValidCategory(rules.Category(k)) {
			return usage("--keep %s: not a category (one of %s)", k, categoryList())
		}
		keep = append(keep, rules.Category(k))
	}
	c, err := cleaner.New(cleaner.Options{Rules: set, Input: kind, Keep: keep})
	if err != nil {
		fmt.Fprintf(stderr, "winnow: %v\n", err)
		return exitError
	}
	if len(o.paths) > 1 {
		return usage("more than one PATH needs -o DIR, -w or -l")
	}
	name := "-"
	if len(o.paths) == 1 {
		name = o.paths[0]
	}
	return cleanOne(ctx, c, &o, name, stdin, stdout, stderr)
}

// cleanOne cleans one input (a file, or stdin for "-") to stdout.
func cleanOne(ctx context.Context, c *cleaner.Cleaner, o *options, name string, stdin io.Reader, stdout, stderr io.Writer) int {
	data, err := readInput(name, stdin, o.maxSize)
	if err != nil {
		fmt.Fprintf(stderr, "winnow: %v\n", err)
		return exitError
	}
	res, err := c.Clean(ctx, data)
	if err != nil {
		fmt.Fprintf(stderr, "winnow: %s: %v\n", displayName(name), err)
		return exitError
	}
	if !o.quiet {
		for _, w := range res.Warnings {
			fmt.Fprintf(stderr, "winnow: %s: warning: %s\n", displayName(name), w)
		}
	}
	if o.metaFile != "" {
		if err := writeFileAtomic(o.metaFile, metaJSON(res.Meta), 0o644); err != nil {
			fmt.Fprintf(stderr, "winnow: --meta %s: %v\n", o.metaFile, err)
			return exitError
		}
	}
	var out []byte
	switch {
	case o.explain:
		out = explain(res, useColor(stdout))
	default:
		out, err = render(o.format, res)
		if err != nil {
			fmt.Fprintf(stderr, "winnow: %s: %v\n", displayName(name), err)
			return exitError
		}
	}
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "winnow: writing output: %v\n", err)
		return exitError
	}
	if o.stats {
		printStats(stderr, []cleaner.Meta{res.Meta})
	}
	return exitOK
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// readInput reads a file or stdin, refusing more than max bytes.
func readInput(name string, stdin io.Reader, max int64) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			return nil, fmt.Errorf("%s: is a directory (give -o DIR, -w or -l to clean a tree)", name)
		}
		if st.Size() > max {
			return nil, fmt.Errorf("%s: %d bytes is over --max-size (%d); raise --max-size to clean it", name, st.Size(), max)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(name), err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: input is over --max-size (%d bytes); raise --max-size to clean it", displayName(name), max)
	}
	return data, nil
}

// loadRules compiles the built-in packs, then the user's packs, with the
// disabled rules left out.
func loadRules(paths, disable []string) (*rules.Set, error) {
	packs, err := rules.BuiltinPacks()
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		more, err := rules.LoadPath(p)
		if err != nil {
			return nil, err
		}
		packs = append(packs, more...)
	}
	return rules.Compile(packs, rules.CompileOptions{Disable: disable})
}

func categoryList() string {
	var s []string
	for _, c := range rules.Categories() {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}
