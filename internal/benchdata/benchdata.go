// Package benchdata names the fixtures the benchmarks are built from.
//
// The list is frozen in testdata/bench-corpus.txt so that a benchmark
// measures the same input when fixtures are added: figures from different
// commits stay comparable.
package benchdata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Sources returns the paths of the benchmark fixtures, given the path of
// the repository's testdata directory.
func Sources(testdata string) ([]string, error) {
	list := filepath.Join(testdata, "bench-corpus.txt")
	data, err := os.ReadFile(list)
	if err != nil {
		return nil, fmt.Errorf("reading the benchmark corpus list: %w", err)
	}
	var files []string
	for _, name := range strings.Split(string(data), "\n") {
		name = strings.TrimSpace(name)
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		files = append(files, filepath.Join(testdata, "text", name))
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s lists no fixtures", list)
	}
	return files, nil
}
