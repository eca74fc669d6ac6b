package data

import "testing"

func TestDaysUntil(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from, to Date
		want     int
	}{
		{NewDate(2024, 9, 30), NewDate(2024, 9, 30), 0},
		{NewDate(2024, 2, 28), NewDate(2024, 3, 1), 2},
		{NewDate(2024, 3, 1), NewDate(2024, 2, 28), -2},
		{NewDate(1899, 12, 30), NewDate(2024, 9, 30), 45565},
		// Longer than time.Duration reaches (292 years).
		{NewDate(1899, 12, 30), NewDate(9999, 12, 31), 2958465},
		{NewDate(9999, 12, 31), NewDate(1, 1, 1), -3652058},
	}
	for _, tt := range tests {
		if got := tt.from.DaysUntil(tt.to); got != tt.want {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}
