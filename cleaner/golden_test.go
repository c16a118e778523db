package cleaner

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .body.txt and .meta.json files in testdata")

// goldenDir holds text fixtures: NAME.txt with NAME.body.txt and
// NAME.meta.json beside it.
const goldenDir = "../testdata/text"

func goldenNames(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(goldenDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		if !strings.HasSuffix(p, ".body.txt") {
			names = append(names, strings.TrimSuffix(filepath.Base(p), ".txt"))
		}
	}
	return names
}

func goldenInputs(t testing.TB) [][]byte {
	var out [][]byte
	for _, n := range goldenNames(t) {
		if b, err := os.ReadFile(filepath.Join(goldenDir, n+".txt")); err == nil {
			out = append(out, b)
		}
	}
	return out
}

func marshalMeta(t *testing.T, m Meta) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden cleans every fixture and compares the body and the metadata
// with the golden files (go test ./cleaner -update rewrites them; review
// the diff).
func TestGolden(t *testing.T) {
	c := testCleaner(t)
	names := goldenNames(t)
	if len(names) == 0 {
		t.Fatal("no fixtures in " + goldenDir)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			base := filepath.Join(goldenDir, name)
			in, err := os.ReadFile(base + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Clean(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			matchGolden(t, base,
				goldenFile{".body.txt", []byte(res.Body)},
				goldenFile{".meta.json", marshalMeta(t, res.Meta)})
			checkInvariants(t, c, res)
		})
	}
}

// goldenFile is one output of a fixture: the golden file is the
// fixture's base name and ext.
type goldenFile struct {
	ext  string
	data []byte
}

// matchGolden writes the outputs to the golden files with -update, and
// otherwise compares them with those files.
func matchGolden(t *testing.T, base string, files ...goldenFile) {
	t.Helper()
	for _, f := range files {
		if *update {
			if err := os.WriteFile(base+f.ext, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			compareGolden(t, base+f.ext, f.data)
		}
	}
}

// compareGolden fails with the first differing line and its context.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cleaner -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			from := max(0, i-3)
			t.Fatalf("%s differs at line %d:\n  context: %q\n  got:  %q\n  want: %q", filepath.Base(path), i+1, w[from:i], gl, wl)
		}
	}
}
