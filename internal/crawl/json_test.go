package crawl

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The direct cut of a JSON object gives what encoding/json's tokens give.
func TestParseObjectMatchesDecoder(t *testing.T) {
	for _, in := range []string{
		`{"id":1,"text":"a\nb \"q\" \u00e9\ud83d\ude00","x":[1,{"y":"}]"}],"z":null}`,
		` { "a" : 1.5e3 , "b":true,"c" :{ "d":[ ] } } `,
		`{"k\u00e9y":"v","e":"","f":"\\"}`,
		`{}`,
		`{"n":-0.1,"s":"caf\u00e9 \ud800 lone"}`,
	} {
		fast, err := parseObject([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		slow, err := parseObjectSlow([]byte(in))
		if err != nil {
			t.Fatalf("%s: slow: %v", in, err)
		}
		if len(fast) != len(slow) {
			t.Fatalf("%s: %d members, want %d", in, len(fast), len(slow))
		}
		for i := range fast {
			if fast[i].key != slow[i].key || string(fast[i].raw) != string(slow[i].raw) {
				t.Errorf("%s: member %d = %q:%s, want %q:%s", in, i, fast[i].key, fast[i].raw, slow[i].key, slow[i].raw)
			}
		}
	}
	for _, bad := range []string{`{"a":}`, `[1,2]`, `{"a":1} x`, `"s"`} {
		if _, err := parseObject([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func FuzzParseObject(f *testing.F) {
	f.Add([]byte(`{"id":1,"text":"a\nb","x":[1,{"y":"}]"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ferr := parseObject(data)
		slow, serr := parseObjectSlow(data)
		if (ferr == nil) != (serr == nil) {
			t.Fatalf("%q: fast error %v, slow error %v", data, ferr, serr)
		}
		if ferr == nil && !reflect.DeepEqual(fast, slow) && !(len(fast) == 0 && len(slow) == 0) {
			t.Fatalf("%q: fast %v, slow %v", data, fast, slow)
		}
	})
}

// unquote decodes as encoding/json does, escapes, surrogates and invalid
// UTF-8 included, and refuses what is not a JSON string.
func TestUnquoteMatchesDecoder(t *testing.T) {
	for _, in := range []string{
		`""`,
		`"plain"`,
		`"a\nb\tc\r\"q\" \\ \/ \b\f"`,
		`"caf\u00e9 \u00E9 \u2019"`,
		`"\ud83d\ude00 pair"`,
		`"\ud800 lone high"`,
		`"\udc00 lone low"`,
		`"\ud800\u0041 high then A"`,
		`"\ud800\ud800\udc00"`,
		"\"bad \xff byte \xe2\x80 cut\"",
		`"end\ud83d"`,
	} {
		got, ok := unquote([]byte(in))
		var want string
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if !ok || got != want {
			t.Errorf("unquote(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{``, `"`, `"a`, `a"`, `"\x"`, `"\u12"`, `"\u12g4"`, "\"a\nb\"", `"a"b"`, `"\"`} {
		if got, ok := unquote([]byte(bad)); ok {
			t.Errorf("unquote(%s) = %q, want not ok", bad, got)
		}
	}
}

func FuzzUnquote(f *testing.F) {
	f.Add([]byte(`"a\nb \u00e9\ud83d\ude00 \ud800"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || data[0] != '"' || data[len(data)-1] != '"' {
			return // Unmarshal reads other values, and spaces around one
		}
		got, ok := unquote(data)
		var want string
		err := json.Unmarshal(data, &want)
		if ok != (err == nil) || ok && got != want {
			t.Fatalf("%q: unquote %q, %v; encoding/json %q, %v", data, got, ok, want, err)
		}
	})
}
