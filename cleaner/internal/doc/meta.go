package doc

import "encoding/json"

// Meta is everything winnow took out of a document, as structured data.
// Empty strings and nil pointers are written as JSON null; lists are never
// null.
type Meta struct {
	Title        string    `json:"title"`
	Date         string    `json:"date"`      // YYYY-MM-DD, or RFC 3339 when the input gives a time zone
	DateText     string    `json:"date_text"` // the date as the input wrote it
	Authors      []string  `json:"authors"`
	AuthorBio    string    `json:"author_bio"`
	Source       string    `json:"source"`
	SiteName     string    `json:"site_name"`
	Description  string    `json:"description"`
	URL          string    `json:"url"`
	Language     string    `json:"language"`
	ReadAlso     []Link    `json:"read_also"`
	Related      []Related `json:"related"`
	CommentCount *int      `json:"comment_count"` // as the page declares it
	Comments     []Comment `json:"comments"`
	Removed      []Removal `json:"removed"`
}

// Link is a "read also" link.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Related is an entry of a related-articles list.
type Related struct {
	Title   string `json:"title"`
	URL     string `json:"url"`
	Snippet string `json:"snippet"`
}

// Comment is one reader comment.
type Comment struct {
	ID        int    `json:"id"` // 1-based, in document order
	Author    string `json:"author"`
	Posted    string `json:"posted"`
	ReplyTo   string `json:"reply_to"`
	Parent    int    `json:"parent"` // id of the nearest earlier comment by ReplyTo's author; 0: none
	Text      string `json:"text"`
	Truncated bool   `json:"truncated"` // the page cut the comment ("… Read more »")
	Edited    string `json:"edited"`
}

// Removal is one removed block: its category, the rule that removed it, and
// where it was. Text input gives byte offsets (into the input decoded to
// UTF-8) and a 1-based line; HTML input gives a CSS path.
type Removal struct {
	Category string `json:"category"`
	Rule     string `json:"rule"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Line     int    `json:"line"`
	Path     string `json:"path,omitempty"`
	Text     string `json:"text"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON writes empty strings as null and nil lists as [] (see
// AppendJSON).
func (m Meta) MarshalJSON() ([]byte, error) { return m.AppendJSON(nil), nil }

// MarshalJSON writes an empty URL as null.
func (l Link) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Title string  `json:"title"`
		URL   *string `json:"url"`
	}{l.Title, nullable(l.URL)})
}

// MarshalJSON writes empty fields as null.
func (r Related) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Title   string  `json:"title"`
		URL     *string `json:"url"`
		Snippet *string `json:"snippet"`
	}{r.Title, nullable(r.URL), nullable(r.Snippet)})
}

// MarshalJSON writes absent fields as null.
func (c Comment) MarshalJSON() ([]byte, error) {
	var parent *int
	if c.Parent > 0 {
		parent = &c.Parent
	}
	return json.Marshal(struct {
		ID        int     `json:"id"`
		Author    string  `json:"author"`
		Posted    *string `json:"posted"`
		ReplyTo   *string `json:"reply_to"`
		Parent    *int    `json:"parent"`
		Text      string  `json:"text"`
		Truncated bool    `json:"truncated"`
		Edited    *string `json:"edited"`
	}{c.ID, c.Author, nullable(c.Posted), nullable(c.ReplyTo), parent, c.Text, c.Truncated, nullable(c.Edited)})
}

// MarshalJSON writes text removals with offsets and HTML removals with a
// path.
func (r Removal) MarshalJSON() ([]byte, error) {
	if r.Path != "" {
		return json.Marshal(struct {
			Category string `json:"category"`
			Rule     string `json:"rule"`
			Path     string `json:"path"`
			Text     string `json:"text"`
		}{r.Category, r.Rule, r.Path, r.Text})
	}
	return json.Marshal(struct {
		Category string `json:"category"`
		Rule     string `json:"rule"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		Line     int    `json:"line"`
		Text     string `json:"text"`
	}{r.Category, r.Rule, r.Start, r.End, r.Line, r.Text})
}
