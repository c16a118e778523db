package cleaner

import "github.com/winnow-text/winnow/cleaner/internal/doc"

// Meta is everything winnow took out of a document, as structured data.
// Empty strings and nil pointers are written as JSON null; lists are never
// null.
type Meta = doc.Meta

// Link is a "read also" link.
type Link = doc.Link

// Related is an entry of a related-articles list.
type Related = doc.Related

// Comment is one reader comment.
type Comment = doc.Comment

// Removal is one removed block: its category, the rule that removed it,
// and where it was. Text input gives byte offsets (into the input decoded
// to UTF-8) and a 1-based line; HTML input gives a CSS path.
type Removal = doc.Removal

// AppendJSONString appends s as a JSON string, escaped as an
// encoding/json Encoder with SetEscapeHTML(false) writes it.
func AppendJSONString(dst []byte, s string) []byte { return doc.AppendString(dst, s, false) }
