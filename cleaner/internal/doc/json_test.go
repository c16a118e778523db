package doc

import (
	"encoding/json"
	"testing"
)

// AppendJSON writes what encoding/json writes, byte for byte.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	n := 3
	strs := []string{"", "plain", "<b> & \"q\" \\ \n\r\t\b\f\x01\x1f", "caf\xe9 \u2028\u2029 ok", "ünï€😀"}
	for _, s := range strs {
		m := Meta{Title: s, Date: s, Authors: []string{s, "B"}, AuthorBio: s, Source: s, SiteName: s, Description: s, URL: s,
			Language: s, ReadAlso: []Link{{Title: s, URL: s}}, Related: []Related{{Title: s, Snippet: s}}, CommentCount: &n,
			Comments: []Comment{{ID: 1, Author: s, Posted: s, Text: s, Truncated: true}, {ID: 2, Parent: 1, ReplyTo: s, Text: s}},
			Removed:  []Removal{{Category: "ad", Rule: s, Start: 1, End: 2, Line: 3, Text: s}, {Category: "site", Rule: "r", Path: s, Text: s}}}
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("for %q:\n got %s\nwant %s", s, got, want)
		}
		body, _ := json.Marshal(s)
		if got := AppendString(nil, s, true); string(got) != string(body) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, body)
		}
	}
	empty := Meta{}
	if got, want := empty.AppendJSON(nil), must(json.Marshal(empty)); string(got) != string(want) {
		t.Errorf("empty meta:\n got %s\nwant %s", got, want)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// A removal that names its comment writes the comment's id, not its text.
func TestRemovalNamesComment(t *testing.T) {
	r := Removal{Category: "comments", Rule: "comments.header.says", Start: 10, End: 40, Line: 3, Text: "Ann says:\nGood point.", Comment: 2}
	want := `{"category":"comments","rule":"comments.header.says","start":10,"end":40,"line":3,"comment":2}`
	if got := string(r.appendJSON(nil)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// MergeIDs gives each of a later pass's comments its id after the merge:
// renumbered after the earlier ones, or the id of the same comment found
// before.
func TestMergeIDs(t *testing.T) {
	dst := Meta{Comments: []Comment{{ID: 1, Author: "Ann", Text: "First."}}}
	src := Meta{Comments: []Comment{{ID: 1, Author: "Ann", Text: "First."}, {ID: 2, Author: "Bob", Text: "Second."}}}
	ids := MergeIDs(&dst, &src)
	if len(ids) != 2 || ids[0] != 1 || ids[1] != dst.Comments[len(dst.Comments)-1].ID {
		t.Errorf("ids = %v, comments %+v", ids, dst.Comments)
	}
	if len(dst.Comments) != 2 || dst.Comments[1].Author != "Bob" {
		t.Errorf("comments = %+v", dst.Comments)
	}
}
