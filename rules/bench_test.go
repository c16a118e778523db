package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/winnow-text/winnow/internal/benchdata"
)

// benchText is the benchmark fixtures (internal/benchdata), repeated to about
// size bytes.
func benchText(tb testing.TB, size int) string {
	tb.Helper()
	files, err := benchdata.Sources("../testdata")
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for b.Len() < size {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			b.Write(data)
		}
	}
	return b.String()
}

// BenchmarkPrefilter is the keyword automaton alone: one scan of the text
// for every keyword of every rule, the step that decides which lines a
// rule's pattern is tried on.
func BenchmarkPrefilter(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(b, 8<<20)
	pf := s.Prefilter()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	hits := 0
	for b.Loop() {
		pf.Scan(text, func(int, []int) { hits++ })
	}
	if hits == 0 {
		b.Fatal("no keyword found")
	}
}

// BenchmarkNormalize is the normal form every line is matched in.
func BenchmarkNormalize(b *testing.B) {
	lines := strings.Split(benchText(b, 1<<20), "\n")
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			_ = CountWords(Normalize(l))
		}
	}
}

// BenchmarkDefault is loading the built-in packs: parsing, compiling every
// pattern and building the keyword automaton, the fixed cost of every run
// of the command.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
