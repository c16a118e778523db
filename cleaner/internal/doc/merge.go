package doc

import "strings"

// Merge adds to dst what a later pass found: scalar fields it did not have,
// list entries it did not have, and comments, renumbered after its own.
func Merge(dst, src *Meta) {
	SetOnce(&dst.Title, src.Title)
	if dst.Date == "" {
		dst.Date, dst.DateText = src.Date, src.DateText
	}
	dst.Authors = AppendUniques(dst.Authors, src.Authors)
	SetOnce(&dst.AuthorBio, src.AuthorBio)
	SetOnce(&dst.Source, src.Source)
	SetOnce(&dst.SiteName, src.SiteName)
	SetOnce(&dst.Description, src.Description)
	SetOnce(&dst.URL, src.URL)
	SetOnce(&dst.Language, src.Language)
	for _, l := range src.ReadAlso {
		if !containsLink(dst.ReadAlso, l) {
			dst.ReadAlso = append(dst.ReadAlso, l)
		}
	}
	for _, r := range src.Related {
		if !containsRelated(dst.Related, r) {
			dst.Related = append(dst.Related, r)
		}
	}
	if dst.CommentCount == nil {
		dst.CommentCount = src.CommentCount
	}
	offset := len(dst.Comments)
	for _, c := range src.Comments {
		if containsComment(dst.Comments[:offset], c) {
			continue
		}
		c.ID += offset
		if c.Parent > 0 {
			c.Parent += offset
		}
		dst.Comments = append(dst.Comments, c)
	}
}

func containsLink(ls []Link, l Link) bool {
	for _, x := range ls {
		if x.Title == l.Title {
			return true
		}
	}
	return false
}

func containsRelated(rs []Related, r Related) bool {
	for _, x := range rs {
		if x.Title == r.Title {
			return true
		}
	}
	return false
}

func containsComment(cs []Comment, c Comment) bool {
	for _, x := range cs {
		if x.Author == c.Author && x.Text == c.Text {
			return true
		}
	}
	return false
}

// SetOnce sets *dst to v unless it is set.
func SetOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// AppendUnique appends x unless xs holds it (ignoring case).
func AppendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if strings.EqualFold(y, x) {
			return xs
		}
	}
	return append(xs, x)
}

// AppendUniques appends each of ys that xs does not hold.
func AppendUniques(xs, ys []string) []string {
	for _, y := range ys {
		xs = AppendUnique(xs, y)
	}
	return xs
}
