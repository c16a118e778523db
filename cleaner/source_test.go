package cleaner

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

const (
	proseA = "The council voted on Monday to extend the night bus network to three new districts after a long campaign."
	proseB = "Transport officials said the first routes would open in March, with buses every twenty minutes."
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string) []byte {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// TestRawBody checks that the body written back to a file is the kept
// lines' own bytes: encoding, line ends and invalid bytes as they were.
func TestRawBody(t *testing.T) {
	c := testCleaner(t)
	for _, tc := range []struct {
		name     string
		in, want []byte
		body     string // the decoded body, when it is worth saying
	}{
		{
			name: "utf8 with one stray byte stays utf8",
			in:   []byte("Le café était plein \x96 ce matin-là, et tout le monde parlait du nouveau maire de la ville.\n\nAdvertisement\n\n" + proseB + "\n"),
			want: []byte("Le café était plein \x96 ce matin-là, et tout le monde parlait du nouveau maire de la ville.\n\n" + proseB + "\n"),
			body: "Le café était plein – ce matin-là, et tout le monde parlait du nouveau maire de la ville.\n\n" + proseB + "\n",
		},
		{
			name: "a byte order mark at a line's start stays in the file, not in the text",
			in:   []byte("Advertisement\n\xef\xbb\xbf" + proseA + "\n\n\xef\xbb\xbf" + proseB + "\n"),
			want: []byte("\xef\xbb\xbf" + proseA + "\n\n\xef\xbb\xbf" + proseB + "\n"),
			body: proseA + "\n\n" + proseB + "\n",
		},
		{
			name: "crlf stays crlf",
			in:   []byte(proseA + "\r\n\r\nAdvertisement\r\n\r\n" + proseB + "\r\n"),
			want: []byte(proseA + "\r\n\r\n" + proseB + "\r\n"),
		},
		{
			name: "mixed line ends each kept",
			in:   []byte(proseA + "\r\n\nAdvertisement\n\n" + proseB + "\r"),
			want: []byte(proseA + "\r\n\n" + proseB + "\r"),
		},
		{
			name: "no final newline gets the file's own",
			in:   []byte(proseA + "\r\n\r\nAdvertisement\r\n\r\n" + proseB),
			want: []byte(proseA + "\r\n\r\n" + proseB + "\r\n"),
		},
		{
			name: "windows-1252 file stays windows-1252",
			in:   []byte("Caf\xe9 owners said the new rules were \x93unfair\x94 and would cost them customers this summer.\n\nAdvertisement\n\n" + proseB + "\n"),
			want: []byte("Caf\xe9 owners said the new rules were \x93unfair\x94 and would cost them customers this summer.\n\n" + proseB + "\n"),
		},
		{
			name: "utf-8 byte order mark kept",
			in:   []byte("\xef\xbb\xbf" + proseA + "\n\nAdvertisement\n\n" + proseB + "\n"),
			want: []byte("\xef\xbb\xbf" + proseA + "\n\n" + proseB + "\n"),
		},
		{
			name: "utf-16le with crlf",
			in:   utf16le(proseA+"\r\n\r\nAdvertisement\r\n\r\n"+proseB+"\r\n", true),
			want: utf16le(proseA+"\r\n\r\n"+proseB+"\r\n", true),
		},
		{
			name: "utf-16be",
			in:   utf16be(proseA + "\n\nAdvertisement\n\n" + proseB + "\n"),
			want: utf16be(proseA + "\n\n" + proseB + "\n"),
		},
		{
			name: "blank lines of spaces fold to a line end",
			in:   []byte(proseA + "\r\n  \r\n\t\r\n" + proseB + "\r\n"),
			want: []byte(proseA + "\r\n\r\n" + proseB + "\r\n"),
		},
		{
			name: "a stray NUL is text",
			in:   []byte("The council\x00 voted on Monday to extend the night bus network to three new districts.\n\nAdvertisement\n\n" + proseB + "\n"),
			want: []byte("The council\x00 voted on Monday to extend the night bus network to three new districts.\n\n" + proseB + "\n"),
		},
		{
			name: "everything removed",
			in:   []byte("Advertisement\r\n"),
			want: []byte{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Clean(context.Background(), tc.in)
			if err != nil {
				t.Fatal(err)
			}
			got := res.RawBody()
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("RawBody\n got %q\nwant %q", got, tc.want)
			}
			if tc.body != "" && res.Body != tc.body {
				t.Fatalf("Body\n got %q\nwant %q", res.Body, tc.body)
			}
			again, err := c.Clean(context.Background(), got)
			if err != nil {
				t.Fatal(err)
			}
			if g2 := again.RawBody(); !bytes.Equal(g2, got) {
				t.Fatalf("cleaning RawBody again changed it:\n%q\n%q", got, g2)
			}
		})
	}
}

// TestBinary checks that binary formats are refused with their name, and
// that text with a stray control byte is not.
func TestBinary(t *testing.T) {
	c := testCleaner(t)
	for _, tc := range []struct {
		in   string
		what string // "": text
	}{
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"},
		{"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"},
		{"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"},
		{"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data"},
		{"\x7fELF\x02\x01\x01\x00", "an ELF executable"},
		{string(make([]byte, 400)) + "abc", "mostly NUL bytes"},
		{"\x01\x02\x03\x04\x05\x06\x07\x08abcdefghijkl", "mostly control bytes"},
		{proseA + "\x00\n", ""},
		{"<html><body><p>" + proseA + "\x00</p></body></html>", ""},
		{"\x1b[1m" + proseA + "\x1b[0m\n", ""},
	} {
		_, err := c.Clean(context.Background(), []byte(tc.in))
		var be *BinaryError
		switch {
		case tc.what == "" && err != nil:
			t.Errorf("%q: %v, want text", tc.in[:10], err)
		case tc.what != "" && !errors.As(err, &be):
			t.Errorf("%q: %v, want a BinaryError", tc.in[:10], err)
		case tc.what != "" && !bytes.HasPrefix([]byte(be.What), []byte(tc.what)):
			t.Errorf("%q: looks like %q, want %q", tc.in[:10], be.What, tc.what)
		case tc.what != "" && !errors.Is(err, ErrBinary):
			t.Errorf("%q: not ErrBinary", tc.in[:10])
		}
	}
}

// A long line that says one phrase over and over is not removed whole by
// its shape (it once emptied a 200 MB file).
func TestRepeatedLongLineStays(t *testing.T) {
	line := strings.TrimSpace(strings.Repeat("all work and no play makes a dull day ", 20000))
	res, err := testCleaner(t).Clean(context.Background(), []byte(line+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Body != line+"\n" {
		t.Fatalf("the line was removed: %s", describeRemovals(res))
	}
}
