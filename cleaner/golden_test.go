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
			meta := marshalMeta(t, res.Meta)
			if *update {
				if err := os.WriteFile(base+".body.txt", []byte(res.Body), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(base+".meta.json", meta, 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				compareGolden(t, base+".body.txt", []byte(res.Body))
				compareGolden(t, base+".meta.json", meta)
			}
			checkInvariants(t, c, res)
		})
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
