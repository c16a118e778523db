package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	bobu "github.com/BobuSumisu/aho-corasick"
)

func benchText(b *testing.B) string {
	var sb strings.Builder
	files, _ := filepath.Glob("../testdata/text/*.txt")
	for sb.Len() < 20<<20 {
		for _, f := range files {
			d, _ := os.ReadFile(f)
			sb.Write(d)
		}
	}
	return sb.String()
}

func keywordsOf(s *Set) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range s.Rules() {
		for _, k := range r.Keywords {
			k = strings.ToLower(k)
			if !seen[k] { seen[k] = true; out = append(out, k) }
		}
	}
	return out
}

func BenchmarkACOwn(b *testing.B) {
	s, _ := Default(); text := benchText(b)
	b.SetBytes(int64(len(text))); b.ResetTimer()
	n := 0
	for b.Loop() { s.Prefilter().Scan(text, func(int, []int) { n++ }) }
	b.ReportMetric(float64(n)/float64(b.N), "matches/op")
}

func BenchmarkACBobu(b *testing.B) {
	s, _ := Default(); text := strings.ToLower(benchText(b))
	t := bobu.NewTrieBuilder().AddStrings(keywordsOf(s)).Build()
	b.SetBytes(int64(len(text))); b.ResetTimer()
	for b.Loop() { _ = t.MatchString(text) }
}

func TestZZKeywordFreq(t *testing.T) {
	s, _ := Default()
	var sb strings.Builder
	files, _ := filepath.Glob("../testdata/text/*.txt")
	for _, f := range files { d, _ := os.ReadFile(f); sb.Write(d) }
	text := strings.ToLower(sb.String())
	type kc struct{ k string; n int; rules []string }
	var out []kc
	for _, r := range s.Rules() {
		for _, k := range r.Keywords {
			out = append(out, kc{k, strings.Count(text, strings.ToLower(k)), []string{r.ID}})
		}
	}
	for i := range out { for j := i+1; j < len(out); j++ { if out[j].n > out[i].n { out[i], out[j] = out[j], out[i] } } }
	for _, x := range out[:30] { t.Logf("%6d %-14q %v", x.n, x.k, x.rules) }
	t.Logf("text %d bytes", len(text))
}

func BenchmarkACRaw(b *testing.B) {
	s, _ := Default(); text := benchText(b)
	a := s.Prefilter().ac
	b.Logf("states %d classes %d table %d KB", len(a.out), a.classes, len(a.delta)*4/1024)
	b.SetBytes(int64(len(text))); b.ResetTimer()
	n := 0
	for b.Loop() { a.scan(text, func(int, []int) { n++ }) }
}
