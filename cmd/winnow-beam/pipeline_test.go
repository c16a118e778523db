package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/klauspost/compress/gzip"
)

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}

// The pipeline on prism writes, over a crawl, a WET file and a JSON Lines
// shard, the lines winnow --jsonl writes for the same inputs.
func TestPipelineMatchesCLI(t *testing.T) {
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "shard.jsonl")
	if err := os.WriteFile(jsonl, []byte(`{"id":1,"text":"The council voted on Monday to extend the night bus network to three new districts.\n\nAdvertisement\n\nBuses will run every twenty minutes from March, officials said on Tuesday."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"../../testdata/crawl/sample.warc.gz", "../../testdata/crawl/sample.wet.gz", jsonl} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, filepath.Base(src)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prefix := filepath.Join(dir, "out", "clean.jsonl.gz")
	if err := os.MkdirAll(filepath.Dir(prefix), 0o755); err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	Build(s, Config{Input: filepath.Join(in, "*"), Output: prefix, Shards: 2, TextField: "text", MetaField: "winnow", MaxSize: 64 << 20})
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	shards, _ := filepath.Glob(filepath.Join(dir, "out", "clean-*-of-00002.jsonl.gz"))
	if len(shards) == 0 {
		t.Fatal("no output shards")
	}
	var got []string
	for _, sh := range shards {
		f, err := os.Open(sh)
		if err != nil {
			t.Fatal(err)
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(z)
		f.Close()
		got = append(got, strings.Split(strings.TrimSpace(b.String()), "\n")...)
	}
	// The CLI, from the root module.
	paths, _ := filepath.Glob(filepath.Join(in, "*"))
	sort.Strings(paths)
	cmd := exec.Command("go", append([]string{"run", "./cmd/winnow", "-q", "--jsonl"}, paths...)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("winnow --jsonl: %v", err)
	}
	want := strings.Split(strings.TrimSpace(string(out)), "\n")
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the pipeline wrote %d lines, the CLI %d; they differ:\npipeline: %.300s\ncli:      %.300s", len(got), len(want), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) != 5 {
		t.Errorf("%d lines, want 5 (3 HTML responses, 1 WET conversion, 1 JSON line)", len(want))
	}
}

func TestShardName(t *testing.T) {
	for _, tc := range []struct {
		prefix string
		want   string
	}{
		{"out/clean", "out/clean-00001-of-00004.jsonl"},
		{"out/clean.jsonl", "out/clean-00001-of-00004.jsonl"},
		{"out/clean.jsonl.gz", "out/clean-00001-of-00004.jsonl.gz"},
		{"gs://bucket/clean.gz", "gs://bucket/clean-00001-of-00004.jsonl.gz"},
	} {
		if got := shardName(tc.prefix, 1, 4); got != tc.want {
			t.Errorf("shardName(%q) = %q, want %q", tc.prefix, got, tc.want)
		}
	}
}
