package cleaner

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkCleanFixtures cleans every text fixture once per iteration.
func BenchmarkCleanFixtures(b *testing.B) {
	c := testCleaner(b)
	inputs := goldenInputs(b)
	size := 0
	for _, in := range inputs {
		size += len(in)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		for _, in := range inputs {
			if _, err := c.Clean(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// benchPages reads the HTML pages under $WINNOW_BENCH_PAGES (every *.html
// file, recursively; the readability corpus has one source.html per
// directory) or, when unset, testdata/html.
func benchPages(b *testing.B) [][]byte {
	b.Helper()
	dir := os.Getenv("WINNOW_BENCH_PAGES")
	if dir == "" {
		dir = htmlGoldenDir
	}
	var pages [][]byte
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "expected.html") {
			return err
		}
		data, err := os.ReadFile(p)
		pages = append(pages, data)
		return err
	})
	if err != nil || len(pages) == 0 {
		b.Fatalf("no pages in %s: %v", dir, err)
	}
	return pages
}

// BenchmarkCleanHTML cleans every page once per iteration, on one
// goroutine; it reports MB/s and pages/s.
func BenchmarkCleanHTML(b *testing.B) {
	pages := benchPages(b)
	c := htmlCleaner(b)
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		for _, p := range pages {
			if _, err := c.Clean(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
}
