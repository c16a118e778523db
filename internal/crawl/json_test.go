package crawl

import (
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
