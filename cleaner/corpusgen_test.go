package cleaner

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnow-text/winnow/internal/benchdata"
)

// genCorpus builds a deterministic corpus of seed-like articles of at
// least size bytes: article paragraphs from the fixtures, with every
// family of noise mixed in (title and date, bylines, ads, read-also
// links, related lists, sources, author boxes and bios, appeals,
// newsletters, share bars, captions, tags, cookie notices, comment
// threads of each layout).
func genCorpus(tb testing.TB, size int) [][]byte {
	tb.Helper()
	var paras, noise, threads []string
	files, err := benchdata.Sources("../testdata")
	if err != nil {
		tb.Fatal(err)
	}
	seeds, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, f := range append(files, seeds...) {
		if strings.HasSuffix(f, ".body.txt") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		name := filepath.Base(f)
		if strings.HasPrefix(name, "thread-") || strings.HasPrefix(name, "003_") {
			threads = append(threads, string(data))
			continue
		}
		for _, p := range strings.Split(string(data), "\n\n") {
			p = strings.TrimSpace(p)
			switch {
			case p == "":
			case len(p) > 200 && !strings.HasPrefix(name, "dump-"):
				paras = append(paras, p)
			case len(p) < 200:
				noise = append(noise, p)
			}
		}
	}
	if len(paras) == 0 || len(noise) == 0 || len(threads) == 0 {
		tb.Fatal("no material for the corpus")
	}
	rng := rand.New(rand.NewSource(1))
	var docs [][]byte
	total := 0
	for total < size {
		var b strings.Builder
		b.WriteString("Tuesday, March 19, 2024\n\nA headline for an article about the city council\n\nBy Jane Doe\n\n")
		for k := 0; k < 6+rng.Intn(6); k++ {
			b.WriteString(paras[rng.Intn(len(paras))])
			b.WriteString("\n\n")
			if rng.Intn(3) == 0 {
				b.WriteString(noise[rng.Intn(len(noise))])
				b.WriteString("\n\n")
			}
		}
		if rng.Intn(4) == 0 {
			b.WriteString(threads[rng.Intn(len(threads))])
		}
		docs = append(docs, []byte(b.String()))
		total += b.Len()
	}
	return docs
}

// BenchmarkCleanText cleans a generated corpus of 50 MB of seed-like
// articles (every noise family, comment threads in a quarter of them), on
// one goroutine.
func BenchmarkCleanText(b *testing.B) {
	benchClean(b, testCleaner(b), genCorpus(b, 50<<20))
}
