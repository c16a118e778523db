package cleaner

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var spaceRun = regexp.MustCompile(`\s+`)

func normSpace(s string) string {
	return strings.TrimSpace(spaceRun.ReplaceAllString(strings.ReplaceAll(s, "\u00a0", " "), " "))
}

// TestSeeds checks the five documents winnow was created from the way
// score-seeds does: the body (white space folded) and every field the gold
// metadata names; list fields by their titles.
func TestSeeds(t *testing.T) {
	c := testCleaner(t)
	paths, _ := filepath.Glob("../testdata/seeds/*.meta.json")
	if len(paths) == 0 {
		t.Fatal("no seeds")
	}
	for _, mp := range paths {
		base := strings.TrimSuffix(mp, ".meta.json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			in, err := os.ReadFile(base + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			wantBody, _ := os.ReadFile(base + ".body.txt")
			var want map[string]any
			raw, _ := os.ReadFile(mp)
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			res, err := c.Clean(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if normSpace(res.Body) != normSpace(string(wantBody)) {
				t.Errorf("body differs:\n got: %.300s\nwant: %.300s", normSpace(res.Body), normSpace(string(wantBody)))
			}
			var got map[string]any
			b, _ := json.Marshal(res.Meta)
			_ = json.Unmarshal(b, &got)
			for k, w := range want {
				g := got[k]
				if k == "comments" {
					gl, _ := g.([]any)
					wl := w.([]any)
					if len(gl) != len(wl) {
						t.Errorf("comments: got %d, want %d", len(gl), len(wl))
						continue
					}
					for i := range wl {
						for ck, cv := range wl[i].(map[string]any) {
							gv := gl[i].(map[string]any)[ck]
							if s, ok := cv.(string); ok {
								gs, _ := gv.(string)
								if normSpace(gs) != normSpace(s) {
									t.Errorf("comment %d %s: got %q want %q", i+1, ck, gv, cv)
								}
							} else if !reflect.DeepEqual(gv, cv) {
								t.Errorf("comment %d %s: got %v want %v", i+1, ck, gv, cv)
							}
						}
					}
					continue
				}
				if !sameField(g, w) {
					t.Errorf("%s: got %v want %v", k, g, w)
				}
			}
		})
	}
}

func sameField(g, w any) bool {
	switch wv := w.(type) {
	case string:
		gs, ok := g.(string)
		return ok && normSpace(gs) == normSpace(wv)
	case []any:
		gl, _ := g.([]any)
		if len(gl) != len(wv) {
			return false
		}
		for i := range wv {
			if titleOf(gl[i]) != titleOf(wv[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(g, w)
}

func titleOf(x any) string {
	if m, ok := x.(map[string]any); ok {
		s, _ := m["title"].(string)
		return normSpace(s)
	}
	s, _ := x.(string)
	return normSpace(s)
}
