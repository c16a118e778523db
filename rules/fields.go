package rules

// Field names a metadata field that a rule fills: from the pattern's
// named group of that name, or (Rule.Field) from the whole line, a zone or
// a marker. The set is closed; see Fields.
type Field string

// The fields. Most are the metadata fields of the schema; link goes with
// read_also and related, the comment fields with a comment header's
// groups, and truncated and edited with comment markers.
const (
	FieldTitle        Field = "title"
	FieldDate         Field = "date"
	FieldAuthors      Field = "authors"
	FieldAuthorBio    Field = "author_bio"
	FieldSource       Field = "source"
	FieldSiteName     Field = "site_name"
	FieldDescription  Field = "description"
	FieldURL          Field = "url"
	FieldReadAlso     Field = "read_also"
	FieldRelated      Field = "related"
	FieldCommentCount Field = "comment_count"
	FieldLink         Field = "link"
	FieldAuthor       Field = "author"
	FieldPosted       Field = "posted"
	FieldReplyTo      Field = "reply_to"
	FieldEdited       Field = "edited"
	FieldTruncated    Field = "truncated"
	FieldComment      Field = "comment"
	FieldText         Field = "text"
)

// Fields returns every field, in a stable order.
func Fields() []Field {
	return []Field{FieldTitle, FieldDate, FieldAuthors, FieldAuthorBio, FieldSource, FieldSiteName,
		FieldDescription, FieldURL, FieldReadAlso, FieldRelated, FieldCommentCount, FieldLink,
		FieldAuthor, FieldPosted, FieldReplyTo, FieldEdited, FieldTruncated, FieldComment, FieldText}
}

// IsField reports whether name is a field a rule may fill.
func IsField(name string) bool { return oneOf(Field(name), Fields()) }

// Groups are the values a match captured, by field.
type Groups map[Field]string
