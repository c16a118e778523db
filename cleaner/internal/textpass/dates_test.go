package textpass

import (
	"strings"
	"testing"

	"github.com/winnow-text/winnow/rules"
)

func TestParseDate(t *testing.T) {
	set := testSet(t)
	for _, c := range []struct{ in, lang, want string }{
		{"Tuesday, March 19, 2024", "", "2024-03-19"},
		{"December 21, 2024", "", "2024-12-21"},
		{"19 March 2024", "", "2024-03-19"},
		{"Mar 19, 2024 10:31 AM", "", "2024-03-19"},
		{"2024-03-19", "", "2024-03-19"},
		{"19.03.2024", "", "2024-03-19"},
		{"03/19/2024", "", "2024-03-19"},
		{"2024/03/19", "", "2024-03-19"},
		{"1st of May 2023", "", "2023-05-01"},
		{"19. März 2024", "", "2024-03-19"},
		{"19 septembre 2024", "", "2024-09-19"},
		{"2018-04-05T06:00:00+02:00", "", "2018-04-05T06:00:00+02:00"},
		{"2018-04-05T06:00:00Z", "", "2018-04-05T06:00:00Z"},
		{"2018-04-05T06:00", "", "2018-04-05"},
		{"February 30, 2024", "", ""},
		{"9 months ago", "", ""},
		{"March 2024", "", ""},
		// A date of figures read either way: month first in English,
		// day first elsewhere.
		{"12/02/2024", "en", "2024-12-02"},
		{"12/02/2024", "es", "2024-02-12"},
		{"12/02/2024", "de", "2024-02-12"},
		{"03/19/2024", "fr", "2024-03-19"},
	} {
		got, ok := ParseDate(c.in, set, c.lang)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("ParseDate(%q, %q) = %q, %v; want %q", c.in, c.lang, got, ok, c.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	set := testSet(t)
	for _, c := range []struct{ in, want string }{
		{"The regional council approved the new flood defences on Tuesday after a debate that lasted most of the afternoon. Engineers said the walls would protect about four thousand homes along the river.", "en"},
		{"Der Stadtrat hat am Montag beschlossen, das Nachtbusnetz auf drei neue Stadtteile auszuweiten, und die Busse fahren dann alle zwanzig Minuten.", "de"},
		{"Le conseil municipal a voté lundi pour étendre le réseau de bus de nuit à trois nouveaux quartiers, et les premières lignes ouvriront en mars.", "fr"},
		{"12 34 56", ""},
		// Thai has no stoplist: its script names it.
		{"ประชาไทรายงานว่าศาลอาญามีคำสั่งให้ประกันตัวผู้ต้องหาทั้งสามคนในวันนี้", "th"},
		{"Prachatai: ประชาไท", "th"},
		{"Prachatai reported on the court's order in Bangkok on Tuesday, and the three were released on bail.", "en"},
		// A dump's menus at the top do not decide: its lines of prose do.
		{strings.Repeat("Home\nA\nO\nV\nS\nZ\nK\nje\nto\nna\nse\n", 200) + "The regional council approved the new flood defences on Tuesday after a debate that lasted most of the afternoon.\nEngineers said the walls would protect about four thousand homes along the river, though work will not start before spring.\nResidents who attended the meeting asked for a public timetable, and the council agreed to publish one within a month.\nThe mayor said the project was the largest the town had undertaken since the bridge was built in the sixties.\nThe vote was six to one, and the opposition said it would not try to stop the work once the contracts were signed.\nThe first section of the wall is due to be finished by the end of next year, the engineers said on Wednesday.\nMost of the money will come from the national flood fund, which pays for two thirds of such projects across the country.\n", "en"},
	} {
		if got := DetectLanguage(set, c.in); got != c.want {
			t.Errorf("DetectLanguage(%.30q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// testSet is the built-in rule set.
func testSet(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set
}
