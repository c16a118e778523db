package cleaner

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/winnow-text/winnow/rules"
)

var (
	defaultOnce    sync.Once
	defaultCleaner *Cleaner
	defaultErr     error
)

// testCleaner is a Cleaner with the built-in rules, shared by the tests
// (a Cleaner is safe for concurrent use).
func testCleaner(t testing.TB) *Cleaner {
	t.Helper()
	defaultOnce.Do(func() { defaultCleaner, defaultErr = New(Options{Input: Text}) })
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultCleaner
}

// checkInvariants checks what must hold for every input:
//   - body lines are input lines (or what a cut at a sentence boundary
//     left of one), in order, and every non-blank line of the input is
//     either in the body or in exactly one removed span, or split between
//     the two at a removal that runs to the line's end;
//   - removed spans hold exactly the text at their offsets;
//   - the body has no leading, trailing or doubled blank lines and ends
//     with one newline;
//   - cleaning the body again changes nothing.
func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func checkInvariants(t *testing.T, c *Cleaner, res *Result) {
	t.Helper()
	text := res.Text
	for _, r := range res.Meta.Removed {
		if r.Start < 0 || r.End > len(text) || r.Start > r.End {
			t.Fatalf("removal %+v out of range", r)
		}
		if text[r.Start:r.End] != r.Text {
			t.Fatalf("removal %s at %d: text %q is not the input's %q", r.Rule, r.Start, r.Text, text[r.Start:r.End])
		}
		if !rules.ValidCategory(rules.Category(r.Category)) {
			t.Fatalf("removal with unknown category %q", r.Category)
		}
	}
	// Every byte is in at most one removal.
	cover := make([]int8, len(text))
	for _, r := range res.Meta.Removed {
		for k := r.Start; k < r.End; k++ {
			if cover[k]++; cover[k] > 1 && !isSpaceByte(text[k]) {
				t.Fatalf("byte %d (%q) is in two removals", k, text[k])
			}
		}
	}
	body := strings.Split(strings.TrimSuffix(res.Body, "\n"), "\n")
	if res.Body == "" {
		body = nil
	}
	// What no removal holds of each line: the body line it gives, if any.
	type line struct{ start, end int }
	var lines []line
	pos := 0
	for _, ln := range strings.Split(text, "\n") {
		lines = append(lines, line{pos, pos + len(ln)})
		pos += len(ln) + 1
	}
	from := res.BodyLines()
	if len(from) != len(body) {
		t.Fatalf("%d body lines but %d sources", len(body), len(from))
	}
	inBody := map[int]string{}
	for k, i := range from {
		if body[k] == "" {
			continue
		}
		l := lines[i]
		if !strings.Contains(text[l.start:l.end], body[k]) {
			t.Fatalf("body line %q is not part of input line %d %q", body[k], i+1, text[l.start:l.end])
		}
		inBody[i] = body[k]
		if k > 0 && from[k-1] >= i {
			t.Fatalf("body line %q is out of order", body[k])
		}
	}
	for i, l := range lines {
		var rest strings.Builder
		for k := l.start; k < l.end; k++ {
			if cover[k] == 0 {
				rest.WriteByte(text[k])
			}
		}
		left := strings.TrimSpace(rest.String())
		if rules.IsBlank(left) {
			left = "" // (a zero-width space or a BOM character is blank, as the cleaner reads it)
		}
		got, kept := inBody[i]
		switch {
		case left == "" && kept:
			t.Fatalf("input line %d is both removed and in the body as %q", i+1, got)
		case left != "" && !kept:
			t.Fatalf("input line %d: %q is neither removed nor in the body", i+1, left)
		case kept && strings.Join(strings.Fields(left), " ") != strings.Join(strings.Fields(got), " "):
			t.Fatalf("input line %d: the body holds %q, but what no removal holds is %q", i+1, got, left)
		}
	}
	if res.Body != "" {
		if !strings.HasSuffix(res.Body, "\n") || strings.HasSuffix(res.Body, "\n\n") {
			t.Fatalf("body does not end with exactly one newline: %q", tail(res.Body))
		}
		if strings.HasPrefix(res.Body, "\n") || strings.Contains(res.Body, "\n\n\n") {
			t.Fatalf("body has a leading or doubled blank line")
		}
	}
	again, err := c.Clean(context.Background(), []byte(res.Body))
	if err != nil {
		t.Fatalf("cleaning the body again: %v", err)
	}
	if again.Body != res.Body {
		if len(again.Meta.Removed) == 0 {
			t.Fatalf("not idempotent: cleaning the body again changed it without a removal: %q -> %q", tail(res.Body), tail(again.Body))
		}
		t.Fatalf("not idempotent: cleaning the body again removed %d blocks, first %+v", len(again.Meta.Removed), again.Meta.Removed[0])
	}
}

func tail(s string) string {
	if len(s) > 40 {
		return s[len(s)-40:]
	}
	return s
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"", "\n", "a", "Title line\n\nA sentence of prose that is long enough to count as the article.\n",
		"Advertisement\n", "51 Comments\n\nA\nA\n2 days ago\n\ntext\n",
		"\xff\xfe", "a\r\nb\rc", "READ ALSO:x", "caf\xe9\r\n\r\nAdvertisement\r\n", "\xef\xbb\xbf\xef\xbb\xbfa\x00b\r",
		"\xfe\xff\x00a\x00\r\x00\n\xd8\x00", "\xff\xfea\x00\n\x00", "By Jane Doe\n\n" + strings.Repeat("word ", 40) + ".\n",
	} {
		f.Add([]byte(s))
	}
	for _, in := range goldenInputs(f) {
		f.Add(in)
	}
	c := testCleaner(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := c.Clean(context.Background(), data)
		if errors.Is(err, ErrBinary) {
			return
		}
		if err != nil {
			t.Fatalf("Clean: %v", err)
		}
		checkInvariants(t, c, res)
		checkRawBody(t, c, data, res)
	})
}

// checkRawBody checks the body as a file rewrite writes it: it reads back
// as Body, it keeps the input's byte order mark, and cleaning it again
// gives the same bytes.
func checkRawBody(t *testing.T, c *Cleaner, input []byte, res *Result) {
	t.Helper()
	raw := res.RawBody()
	d, err := decode(raw, c.input)
	if err != nil {
		t.Fatalf("decoding RawBody: %v", err)
	}
	utf16 := bytes.HasPrefix(input, []byte{0xFF, 0xFE}) || bytes.HasPrefix(input, []byte{0xFE, 0xFF})
	cutUTF16 := utf16 && len(input)%2 == 1
	if d.text != res.Body && !(cutUTF16 && d.text+"\n" == res.Body) {
		t.Fatalf("RawBody reads back as %q, not the body %q", tail(d.text), tail(res.Body))
	}
	again, err := c.Clean(context.Background(), raw)
	if err != nil {
		t.Fatalf("cleaning RawBody again: %v", err)
	}
	if !bytes.Equal(again.RawBody(), raw) {
		t.Fatalf("not idempotent on the input's bytes: %q -> %q", raw, again.RawBody())
	}
	if len(raw) > 0 && utf16 && raw[0] != input[0] {
		t.Fatalf("the byte order mark was lost: %q", raw)
	}
}
