package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnow-text/winnow/internal/benchdata"
)

// BenchmarkJSONL runs the --jsonl path end to end (read, parse, clean,
// re-encode, write in input order) over records made from the text
// fixtures, at the default -j.
func BenchmarkJSONL(b *testing.B) {
	files, err := benchdata.Sources("../../testdata")
	if err != nil {
		b.Fatal(err)
	}
	var stream bytes.Buffer
	for stream.Len() < 16<<20 {
		for i, f := range files {
			if strings.HasSuffix(f, ".body.txt") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			line, err := json.Marshal(map[string]any{"id": i, "url": "https://example.com/" + filepath.Base(f), "text": string(data)})
			if err != nil {
				b.Fatal(err)
			}
			stream.Write(line)
			stream.WriteByte('\n')
		}
	}
	in := stream.Bytes()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		var stderr bytes.Buffer
		if code := run(context.Background(), []string{"--jsonl", "-q"}, bytes.NewReader(in), io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}
