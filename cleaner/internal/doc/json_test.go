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
