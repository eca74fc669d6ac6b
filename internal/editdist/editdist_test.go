package editdist

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	long := strings.Repeat("a", 65)
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"Kjøpesum", "Kjøpesum", 0},
		{"Kjøpsum", "Kjøpesum", 1},    // one letter left out
		{"Kjopesum", "Kjøpesum", 1},   // ø counts as one rune
		{"Kjøpesun", "Kjøpesum", 1},   // one letter wrong
		{"Familieid", "FamilieID", 2}, // case counts: callers fold it first
		{"kitten", "sitting", 3},      // the textbook case
		{"Startlån", "Startlån (kr)", 5},
		{long, long, 0},
		{long, long[1:] + "b", Far},
		{long, "a", Far},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}
