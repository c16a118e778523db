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
