package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/winnow-text/winnow/cleaner"
)

// metaJSON and renderJSON write what a json.Encoder indenting by two spaces writes.
func TestMetaJSONAsEncoder(t *testing.T) {
	count := 2
	metas := []cleaner.Meta{
		{},
		{
			Title:        "Q&A: <b>tags</b> \"quoted\"\u2028",
			Authors:      []string{"Ann", "Bob"},
			CommentCount: &count,
			Comments: []cleaner.Comment{
				{ID: 1, Author: "Cy", Text: "first\nsecond"},
				{ID: 2, Author: "Di", Parent: 1, ReplyTo: "Cy", Text: "ok & \x01"},
			},
			Removed: []cleaner.Removal{{Category: "ads", Rule: "ads.marker", Start: 3, End: 9, Line: 1, Text: "Ad\t"}},
		},
	}
	for _, m := range metas {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if got := metaJSON(m); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("metaJSON:\n%s\nencoder:\n%s", got, want.Bytes())
		}
		res := &cleaner.Result{Body: "a <b> & \"c\"\n\x7f", Meta: m}
		want.Reset()
		if err := enc.Encode(struct {
			Body string       `json:"body"`
			Meta cleaner.Meta `json:"meta"`
		}{res.Body, res.Meta}); err != nil {
			t.Fatal(err)
		}
		if got, _ := renderJSON(res); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("renderJSON:\n%s\nencoder:\n%s", got, want.Bytes())
		}
	}
}
