package cleaner

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchClean cleans every input once per iteration, reporting MB/s over
// their bytes and the allocations.
func benchClean(b *testing.B, c *Cleaner, inputs [][]byte) {
	size := 0
	for _, in := range inputs {
		size += len(in)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			if _, err := c.Clean(b.Context(), in); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCleanFixtures cleans every text fixture once per iteration.
func BenchmarkCleanFixtures(b *testing.B) {
	benchClean(b, testCleaner(b), goldenInputs(b))
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
	benchClean(b, htmlCleaner(b), pages)
	b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
}
