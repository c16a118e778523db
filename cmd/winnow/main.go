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
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/winnow-text/winnow/cleaner"
	"github.com/winnow-text/winnow/internal/crawl"
	"github.com/winnow-text/winnow/rules"
	"golang.org/x/term"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() { os.Exit(runMain()) }

// runMain runs the command on the process's arguments and standard
// streams; SIGINT cancels the run, which stops after the inputs in flight.
func runMain() int {
	if os.Getenv("GOGC") == "" {
		// The live heap is small (the documents in flight) and the garbage
		// is plenty: collecting half as often costs a few MB of memory and
		// saves CPU the workers want (about 12 % at -j 2 on --jsonl).
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// gcPercent is the garbage collector's target unless GOGC is set.
const gcPercent = 200

// Exit statuses.
const (
	exitOK          = 0
	exitChanged     = 1   // -l found files that would change
	exitError       = 2   // usage error, or an input that could not be processed
	exitInterrupted = 130 // stopped by SIGINT after the files in flight
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

	outDir       string
	write        bool
	list         bool
	diff         bool
	jsonl        bool
	textField    string
	metaField    string
	jsonlDropBad bool
	jobs         int
	filesFrom    string
	nul          bool
	exts         string
	learn        bool
	learnMin     int
}

func newFlagSet(o *options, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet("winnow", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.StringVarP(&o.format, "format", "f", "text", "output `format`: text (the body), json ({\"body\", \"meta\"}) or markdown (YAML front matter and the body)")
	fs.StringVarP(&o.metaFile, "meta", "m", "", "also write the metadata JSON to `FILE`")
	fs.StringVar(&o.input, "input", "auto", "input `kind`: auto, text or html")
	fs.StringVarP(&o.outDir, "out", "o", "", "batch: write `DIR`/<rel>.txt and DIR/<rel>.meta.json for each input")
	fs.BoolVarP(&o.write, "write", "w", false, "rewrite text files in place (atomically) with their body; metadata to <name>.meta.json beside")
	fs.BoolVarP(&o.list, "list", "l", false, "list files that would change; exit 1 if any")
	fs.BoolVarP(&o.diff, "diff", "d", false, "print a unified diff of what would be removed, each hunk naming its rules")
	fs.BoolVar(&o.explain, "explain", false, "print the input with every removed block marked by category and rule id")
	fs.BoolVar(&o.stats, "stats", false, "print per-category counts of what was removed, on stderr")
	fs.StringArrayVar(&o.rulePaths, "rules", nil, "add a rule pack `PATH` (a YAML file or a directory of them); repeatable")
	fs.StringArrayVar(&o.disable, "disable", nil, "turn off a rule `ID` or a whole CATEGORY; repeatable")
	fs.StringArrayVar(&o.keep, "keep", nil, "keep `CATEGORY` in the body, still reporting it in the metadata; repeatable")
	fs.BoolVar(&o.listRules, "list-rules", false, "print the rules in force: id, category, kind, scope, action, source file")
	fs.BoolVar(&o.jsonl, "jsonl", false, "JSON Lines on stdin (or PATHs) to stdout: clean each record's text field, add the metadata")
	fs.StringVar(&o.textField, "text-field", "text", "--jsonl: the `field` to clean")
	fs.StringVar(&o.metaField, "meta-field", "winnow", "--jsonl: the `field` to put the metadata in")
	fs.BoolVar(&o.jsonlDropBad, "jsonl-drop-bad", false, "--jsonl: drop malformed lines instead of passing them through")
	fs.IntVarP(&o.jobs, "jobs", "j", defaultJobs(), "parallel workers (all cores unless set)")
	fs.StringVar(&o.filesFrom, "files-from", "", "batch: read the paths to clean from `FILE` (\"-\": stdin), one a line")
	fs.BoolVarP(&o.nul, "null", "0", false, "--files-from: paths are separated by NUL bytes")
	fs.StringVar(&o.exts, "ext", "txt,text,html,htm", "file `extensions` a directory walk takes, comma-separated")
	fs.BoolVar(&o.learn, "learn", false, "batch: read the inputs twice; lines that recur in many documents (a site's template) are removed everywhere")
	fs.IntVar(&o.learnMin, "learn-min", 5, "--learn: a line is boilerplate when it occurs in at least `N` documents")
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
	if err := o.check(); err != nil {
		fmt.Fprintf(stderr, "winnow: %v\nRun 'winnow -h' for usage.\n", err)
		return exitError
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
	c, err := newCleaner(ctx, &o, set, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "winnow: %v\n", err)
		return exitError
	}
	switch {
	case o.jsonl:
		return runJSONL(ctx, c, &o, stdin, stdout, stderr)
	case o.batch():
		return runBatch(ctx, c, &o, stdin, stdout, stderr)
	}
	name := "-"
	if len(o.paths) == 1 {
		name = o.paths[0]
	}
	// A crawl (WARC or WET, compressed or not) becomes JSON Lines.
	if name != "-" && crawl.IsWARC(name) {
		o.jsonl = true
		return runJSONL(ctx, c, &o, stdin, stdout, stderr)
	}
	if name == "-" {
		if f, ok := stdin.(*os.File); ok && !o.quiet && term.IsTerminal(int(f.Fd())) {
			fmt.Fprintln(stderr, "winnow: reading the text to clean from the terminal; end it with Ctrl-D (winnow -h for usage)")
		}
		if d, _, err := crawl.Decompress(stdin); err == nil {
			br := bufio.NewReaderSize(d, 64<<10)
			if head, _ := br.Peek(len(crawl.Magic)); bytes.Equal(head, crawl.Magic) {
				o.jsonl = true
				return runJSONL(ctx, c, &o, br, stdout, stderr)
			}
			stdin = br
		}
	}
	return cleanOne(ctx, c, &o, name, stdin, stdout, stderr)
}

// fromStdin reports whether the input is stdin (no PATH, or "-").
func (o *options) fromStdin() bool {
	return len(o.paths) == 0 && o.filesFrom == "" || len(o.paths) == 1 && o.paths[0] == "-"
}

// batchMode reports whether a mode of many files (-o, -w, -l, -d) is on.
func (o *options) batchMode() bool { return o.outDir != "" || o.write || o.list || o.diff }

// batch reports whether the run cleans files as a batch (a batch mode
// over PATHs) rather than one input to stdout.
func (o *options) batch() bool { return o.batchMode() && !o.fromStdin() }

// check reports the usage errors of the command line: values out of
// range and flags that do not combine.
func (o *options) check() error {
	if renderers[o.format] == nil {
		return fmt.Errorf("--format must be %s, not %q", formatNames, o.format)
	}
	if _, err := cleaner.ParseInputKind(o.input); err != nil {
		return fmt.Errorf("--input: %w", err)
	}
	for _, k := range o.keep {
		if !rules.ValidCategory(rules.Category(k)) {
			return fmt.Errorf("--keep %s: not a category (one of %s)", k, categoryList())
		}
	}
	if o.jobs < 1 {
		return errors.New("--jobs must be at least 1")
	}
	if o.learn {
		if o.fromStdin() || o.filesFrom == "-" || slices.Contains(o.paths, "-") {
			return errors.New("--learn reads its inputs twice: name files or directories (not stdin)")
		}
		if o.learnMin < 2 {
			return errors.New("--learn-min must be at least 2")
		}
	}
	batchMode := o.batchMode()
	if o.jsonl {
		if batchMode || o.explain || o.metaFile != "" || o.filesFrom != "" {
			return errors.New("--jsonl writes JSON Lines to stdout; it does not combine with -o, -w, -l, -d, --explain, --meta or --files-from")
		}
		return nil
	}
	fromStdin := o.fromStdin()
	switch {
	case o.write && fromStdin:
		return errors.New("-w rewrites files; it cannot rewrite stdin (name the files, or drop -w)")
	case o.outDir != "" && fromStdin:
		return errors.New("-o DIR needs PATHs (or --files-from) to clean")
	case o.outDir != "" && o.write:
		return errors.New("-o and -w do not combine: -o writes copies, -w rewrites in place")
	case batchMode && o.metaFile != "":
		return errors.New("--meta is for one input; batch modes write a .meta.json beside each output")
	case batchMode && o.format != "text":
		return errors.New("--format is for one input; batch modes write the body as text and the metadata as JSON")
	case !batchMode && (len(o.paths) > 1 || o.filesFrom != ""):
		return errors.New("more than one input needs -o DIR, -w, -l or -d")
	case len(o.paths) > 1 && slices.Contains(o.paths, "-"):
		return errors.New("\"-\" (stdin) cannot be mixed with other PATHs")
	}
	return nil
}

// newCleaner makes the cleaner the options ask for; with --learn it reads
// the inputs once first to learn their boilerplate.
func newCleaner(ctx context.Context, o *options, set *rules.Set, stderr io.Writer) (*cleaner.Cleaner, error) {
	kind, _ := cleaner.ParseInputKind(o.input) // checked
	var keep []rules.Category
	for _, k := range o.keep {
		keep = append(keep, rules.Category(k))
	}
	copts := cleaner.Options{Rules: set, Input: kind, Keep: keep, SkipMarkdown: o.format != "markdown"}
	c, err := cleaner.New(copts)
	if err != nil || !o.learn {
		return c, err
	}
	b, err := learn(ctx, c, o, stderr)
	if err != nil {
		return nil, fmt.Errorf("--learn: %w", err)
	}
	copts.Boilerplate = b
	return cleaner.New(copts)
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
	if o.list || o.diff {
		if bytes.Equal(res.RawBody(), data) {
			return exitOK
		}
		if o.list {
			fmt.Fprintln(stdout, displayName(name))
		}
		if o.diff {
			stdout.Write(unifiedDiff(displayName(name), res, useColor(stdout)))
		}
		if o.list {
			return exitChanged
		}
		return exitOK
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
		var st stats
		st.add(res.Meta)
		printStats(stderr, st)
	}
	return exitOK
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
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
