package textpass

import "testing"

func TestHasSentenceBreak(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"A new bill would store metadata for two years. Source: News Corp", true},
		{"Why now? The council explains", true},
		{"Council votes to reopen the old harbour baths", false},
		{"U.S. Senate passes the budget", false},
		{"Dr. Who returns", false},
		{"Mrs. Smith goes to town", false},
		{"It rained all day. The roads flooded", true},
		{"Version 2.0 is out", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hasSentenceBreak(tt.in); got != tt.want {
			t.Errorf("hasSentenceBreak(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsListItemNumbered(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"1. He does the shopping.", true},
		{"12) Mix the flour and the butter", true},
		{"2017 was a good year", false},
		{"1.5 million people", false},
		{"Map 1: Oasis", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isListItem(tt.in); got != tt.want {
			t.Errorf("isListItem(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestHasYear(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"© 2024 The Courier. All rights reserved.", true},
		{"Copyright 1998-2007 Example Ltd", true},
		{"© Harbour Photo Agency", false},
		{"Call 020 12345 678", false},
		{"Item 120245", false},
	} {
		if got := hasYear(tc.s); got != tc.want {
			t.Errorf("hasYear(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
