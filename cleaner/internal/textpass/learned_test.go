package textpass

import "testing"

func TestTimeZone(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"GMT", true},
		{"(EST)", true},
		{"UTC+2", true},
		{"CET,", true},
		{"Ann", false},
		{"G", false},
		{"MEGAZONE", false},
		{"gmt", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := timeZone(tt.in); got != tt.want {
			t.Errorf("timeZone(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCapitalStopword(t *testing.T) {
	stop := func(w string) bool { return w == "by" || w == "at" || w == "a" }
	tests := []struct {
		in   string
		want bool
	}{
		{"BY", true},
		{"AT", true},
		{"A,", false}, // an initial: "Colin A, Stannery Bridge"
		{"A", false},
		{"By", false},
		{"GANN", false},
	}
	for _, tt := range tests {
		if got := capitalStopword(tt.in, stop); got != tt.want {
			t.Errorf("capitalStopword(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestRuleLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"━━━━━━━━", true},
		{"* * *", true},
		{"-----", true},
		{"👍", false},
		{"😉", false},
		{"ok", false},
	}
	for _, tt := range tests {
		if got := ruleLine(tt.in); got != tt.want {
			t.Errorf("ruleLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
