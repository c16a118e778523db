package cleaner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnow-text/winnow/rules"
)

const htmlGoldenDir = "../testdata/html"

func htmlCleaner(t testing.TB) *Cleaner {
	t.Helper()
	c, err := New(Options{Rules: testCleaner(t).Rules(), Input: HTML})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestGoldenHTML cleans every page in testdata/html and compares the body,
// the metadata and the Markdown with the golden files (-update rewrites
// them).
func TestGoldenHTML(t *testing.T) {
	c := htmlCleaner(t)
	paths, _ := filepath.Glob(filepath.Join(htmlGoldenDir, "*.html"))
	if len(paths) == 0 {
		t.Fatal("no HTML fixtures")
	}
	for _, p := range paths {
		base := strings.TrimSuffix(p, ".html")
		t.Run(filepath.Base(base), func(t *testing.T) {
			in, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Clean(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			matchGolden(t, base,
				goldenFile{".body.txt", []byte(res.Body)},
				goldenFile{".meta.json", marshalMeta(t, res.Meta)},
				goldenFile{".md", []byte(res.Markdown)})
			checkHTMLInvariants(t, res)
		})
	}
}

// checkHTMLInvariants checks what must hold for any HTML input: the body
// is well formed, every removal names a valid category, a rule and where
// it was (a CSS path, or offsets for pages cleaned as text).
func checkHTMLInvariants(t *testing.T, res *Result) {
	t.Helper()
	if res.Body != "" {
		if !strings.HasSuffix(res.Body, "\n") || strings.HasSuffix(res.Body, "\n\n") ||
			strings.HasPrefix(res.Body, "\n") || strings.Contains(res.Body, "\n\n\n") {
			t.Fatalf("body is not well formed: %q", tail(res.Body))
		}
	}
	for _, r := range res.Meta.Removed {
		if !rules.ValidCategory(rules.Category(r.Category)) || r.Rule == "" {
			t.Fatalf("removal %+v", r)
		}
		if r.Path == "" && r.Start == r.End {
			t.Fatalf("removal %s has neither a path nor offsets", r.Rule)
		}
	}
	for _, c := range res.Meta.Comments {
		if c.Parent >= c.ID {
			t.Fatalf("comment %d has parent %d", c.ID, c.Parent)
		}
	}
}

func TestHTMLDetection(t *testing.T) {
	c := testCleaner(t)
	auto, err := New(Options{Rules: c.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]InputKind{
		"<!DOCTYPE html><html><body><p>x</p></body></html>": HTML,
		"  <html><p>x</p></html>":                           HTML,
		"<div><p>a</p><p>b</p><p>c</p></div>":               HTML,
		"Plain text with a <b> in it.\n":                    Text,
		"<b>x</b> and then a long sentence of plain text.":  Text,
		// A page cut off at its start, dense with tags.
		"<!D&amp;c2=\" width=\"1\" />\n</noscript>\n<!--/hbx-->\n<span id=\"a\"><a href=\"/\">Home</a></span>\n<img src=\"x.gif\" />\n": HTML,
		"<tag> is how the manual writes a placeholder; type your own name there.\n":                                                     Text,
	} {
		res, err := auto.Clean(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if res.Kind != want {
			t.Errorf("%q read as %v, want %v", in, res.Kind, want)
		}
	}
}

func FuzzCleanHTML(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(htmlGoldenDir, "*.html"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte("<html><body><div><p>x</div></p><table><td>y"))
	f.Add([]byte(strings.Repeat("<div>", 600) + "deep"))
	c := htmlCleaner(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := c.Clean(context.Background(), data)
		if errors.Is(err, ErrBinary) {
			return
		}
		if err != nil {
			t.Fatalf("Clean: %v", err)
		}
		checkHTMLInvariants(t, res)
	})
}
