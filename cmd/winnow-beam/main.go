// Command winnow-beam cleans a corpus larger than one machine: the same
// cleaner as winnow, run as an Apache Beam pipeline over WARC, WET and
// JSON Lines shards (compressed or not), writing JSON Lines shards.
//
//	winnow-beam --input 'crawl/*.warc.gz' --output out/clean.jsonl.gz
//
// It runs on the in-process prism runner unless --runner says otherwise;
// Beam's standard flags choose a cluster (--runner universal --endpoint
// HOST:PORT for Flink or Spark job servers, --runner dataflow with
// --project, --region and --staging_location). See README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

var (
	input     = flag.String("input", "", "the shards to clean: a file or a glob (WARC, WET or JSON Lines; gzip, zstd or bzip2 by magic number)")
	output    = flag.String("output", "", "the prefix of the output shards: PREFIX-SSSSS-of-NNNNN.jsonl (gzip when PREFIX ends in .gz)")
	shards    = flag.Int("shards", 1, "how many output shards to write")
	textField = flag.String("text_field", "text", "JSON Lines: the field to clean")
	metaField = flag.String("meta_field", "winnow", "JSON Lines: the field to put the metadata in")
	maxSize   = flag.Int64("max_size", 64<<20, "the largest document or line to clean, in bytes")
)

func main() {
	flag.Parse()
	beam.Init()
	if *input == "" || *output == "" || *shards < 1 {
		fmt.Fprintln(os.Stderr, "winnow-beam: --input GLOB and --output PREFIX are needed, and --shards must be at least 1")
		flag.Usage()
		os.Exit(2)
	}
	p := beam.NewPipeline()
	Build(p.Root(), Config{Input: *input, Output: *output, Shards: *shards, TextField: *textField, MetaField: *metaField, MaxSize: *maxSize})
	if err := beamx.Run(context.Background(), p); err != nil {
		fmt.Fprintf(os.Stderr, "winnow-beam: %v\n", err)
		os.Exit(1)
	}
}
