package main

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/klauspost/compress/gzip"
	"github.com/winnow-text/winnow/cleaner"
	"github.com/winnow-text/winnow/internal/crawl"
)

// Config is what the pipeline reads, writes and how.
type Config struct {
	Input     string // a file or glob
	Output    string // the prefix of the output shards
	Shards    int
	TextField string
	MetaField string
	MaxSize   int64
}

// Doc is one document read from a shard: a JSON Lines record or the
// document of a WARC record, flat so that Beam can encode it.
type Doc struct {
	Source  string
	Line    int
	Data    []byte
	WARC    bool
	URL     string
	Date    string
	ID      string
	Charset string
	Text    bool // a WET conversion record: read as text
}

func init() {
	register.DoFn3x0[context.Context, fileio.ReadableFile, func(Doc)](&readFn{})
	register.DoFn3x1[context.Context, Doc, func(int, string), error](&cleanFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeFn{})
	register.Emitter1[Doc]()
	register.Emitter2[int, string]()
	register.Iter1[string]()
}

// Build adds the pipeline to scope s: match the input files, read their
// documents, clean each (the cleaner package, as winnow --jsonl does),
// and write the JSON lines into cfg.Shards shards.
func Build(s beam.Scope, cfg Config) {
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, cfg.Input), fileio.ReadUncompressed())
	docs := beam.ParDo(s, &readFn{MaxSize: cfg.MaxSize}, files)
	lines := beam.ParDo(s, &cleanFn{TextField: cfg.TextField, MetaField: cfg.MetaField, Shards: cfg.Shards}, docs)
	beam.ParDo0(s, &writeFn{Prefix: cfg.Output, Shards: cfg.Shards}, beam.GroupByKey(s, lines))
}

// readFn reads the documents of one input file: JSON Lines, WARC or WET,
// compressed or not (see crawl.Each). Records that are no documents are
// counted (skipped_*), unreadable ones too (unreadable_records).
type readFn struct {
	MaxSize int64
}

// ProcessElement reads one file into its documents.
func (f *readFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(Doc)) {
	name := file.Metadata.Path
	r, err := file.Open(ctx)
	if err != nil {
		log.Errorf(ctx, "winnow-beam: %s: %v", name, err)
		beam.NewCounter("winnow", "unreadable_files").Inc(ctx, 1)
		return
	}
	defer r.Close()
	st := crawl.NewStats()
	report := func(err error) { log.Warnf(ctx, "winnow-beam: %v", err) }
	crawl.Each(name, r, f.MaxSize, st, report, func(rec crawl.Record, _ int64) bool {
		d := Doc{Source: rec.Source, Line: rec.Line, Data: rec.Data}
		if w := rec.WARC; w != nil {
			d.WARC, d.URL, d.Date, d.ID, d.Charset = true, w.URL, w.Date, w.ID, w.Hint.Charset
			d.Text = w.Hint.Kind == cleaner.Text
		}
		emit(d)
		return true
	})
	for reason, n := range st.Skipped {
		beam.NewCounter("winnow", "skipped_"+strings.ReplaceAll(reason, " ", "_")).Inc(ctx, int64(n))
	}
	beam.NewCounter("winnow", "unreadable_records").Inc(ctx, int64(st.Errors))
}

// cleanFn cleans one document into its JSON line, keyed by its output
// shard. Counters: documents, errors, and the bytes removed per category
// (removed_bytes_CATEGORY).
type cleanFn struct {
	TextField, MetaField string
	Shards               int

	c *cleaner.Cleaner
}

// Setup loads the rule set once per worker.
func (f *cleanFn) Setup() error {
	c, err := cleaner.New(cleaner.Options{})
	f.c = c
	return err
}

// ProcessElement cleans one document and emits its output line by shard.
func (f *cleanFn) ProcessElement(ctx context.Context, d Doc, emit func(int, string)) error {
	rec := crawl.Record{Source: d.Source, Line: d.Line, Data: d.Data}
	if d.WARC {
		hint := cleaner.Hint{Kind: cleaner.HTML, Charset: d.Charset}
		if d.Text {
			hint.Kind = cleaner.Text
		}
		rec.WARC = &crawl.WARCInfo{URL: d.URL, Date: d.Date, ID: d.ID, Hint: hint}
	}
	out := crawl.Clean(ctx, f.c, rec, crawl.Fields{Text: f.TextField, Meta: f.MetaField})
	if out.Err != nil {
		log.Warnf(ctx, "winnow-beam: %v", out.Err)
		beam.NewCounter("winnow", "errors").Inc(ctx, 1)
	}
	if out.Meta != nil {
		beam.NewCounter("winnow", "documents").Inc(ctx, 1)
		for _, r := range out.Meta.Removed {
			beam.NewCounter("winnow", "removed_bytes_"+r.Category).Inc(ctx, int64(len(r.Text)))
		}
	}
	if out.Out == nil {
		return nil
	}
	h := fnv.New32a()
	h.Write(out.Out)
	emit(int(h.Sum32()%uint32(f.Shards)), string(out.Out))
	return nil
}

// writeFn writes one shard: PREFIX-SSSSS-of-NNNNN.jsonl, gzip-compressed
// when the prefix ends in .gz, through Beam's filesystems (local, gs://,
// s3:// where registered).
type writeFn struct {
	Prefix string
	Shards int
}

// shardName is the file of shard k.
func shardName(prefix string, k, n int) string {
	base, gz := strings.CutSuffix(prefix, ".gz")
	base = strings.TrimSuffix(base, ".jsonl")
	name := fmt.Sprintf("%s-%05d-of-%05d.jsonl", base, k, n)
	if gz {
		name += ".gz"
	}
	return name
}

// ProcessElement writes one shard's lines to its file.
func (f *writeFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool) error {
	name := shardName(f.Prefix, shard, f.Shards)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var out io.Writer = w
	var z *gzip.Writer
	if strings.HasSuffix(name, ".gz") {
		z = gzip.NewWriter(w)
		out = z
	}
	var buf bytes.Buffer
	var line string
	for lines(&line) {
		buf.WriteString(line)
		buf.WriteByte('\n')
		if buf.Len() >= 1<<20 {
			if _, err := out.Write(buf.Bytes()); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			buf.Reset()
		}
	}
	if _, err := out.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if z != nil {
		if err := z.Close(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return w.Close()
}
