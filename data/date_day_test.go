package data

import (
	"math/rand/v2"
	"testing"
	"time"
)

// checkDay fails when DayOf(d) does not give back the normalised d, or
// when the Day's methods differ from the Date's.
func checkDay(t *testing.T, d, other Date) {
	t.Helper()
	want := d
	if !d.IsZero() {
		want = NewDate(d.Year, d.Month, d.Day)
	}
	p := DayOf(d)
	if got := p.Date(); got != want {
		t.Fatalf("DayOf(%+v).Date() = %+v, want %+v", d, got, want)
	}
	if p.IsZero() != want.IsZero() || p.Year() != want.Year || p.String() != want.String() || p.Norwegian() != want.Norwegian() {
		t.Errorf("DayOf(%+v): IsZero %v, Year %d, String %q, Norwegian %q; want %v, %d, %q, %q", d,
			p.IsZero(), p.Year(), p.String(), p.Norwegian(), want.IsZero(), want.Year, want.String(), want.Norwegian())
	}
	if p.Before(other) != want.Before(other) || p.After(other) != want.After(other) {
		t.Errorf("DayOf(%+v) against %+v: Before %v, After %v", d, other, p.Before(other), p.After(other))
	}
	if !want.IsZero() && !other.IsZero() && p.DaysUntil(other) != want.DaysUntil(other) {
		t.Errorf("DayOf(%+v).DaysUntil(%+v) = %d, want %d", d, other, p.DaysUntil(other), want.DaysUntil(other))
	}
	// Days order as their integers, as the dates do (the zero date too).
	q := DayOf(other)
	if got, wantCmp := cmpInt(int(p), int(q)), want.Compare(q.Date()); got != wantCmp {
		t.Errorf("DayOf(%+v) vs DayOf(%+v): integer order %d, date order %d", d, other, got, wantCmp)
	}
}

func TestPackDayRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []Date{
		{}, {2016, time.June, 15}, {2024, time.February, 29}, {1899, time.December, 30}, {1900, time.March, 1},
		{9999, time.December, 31}, {1, time.January, 1}, {0, time.January, 1}, {-1, time.December, 31},
		{-4712, time.January, 1}, {100_000_000_000, time.December, 4}, {-100_000_000_000, time.January, 27},
		// not normalised: DayOf normalises as NewDate does
		{2016, 13, 40}, {2023, time.February, 29}, {2024, time.February, 30}, {2024, 0, 0}, {2024, time.April, 31},
		{2024, -3, 15}, {2024, time.May, -1}, {0, 0, 1}, {1 << 34, time.June, 1},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		y := 1900 + r.IntN(8100)
		if r.IntN(10) == 0 {
			y = r.IntN(2_000_000) - 1_000_000
		}
		m := time.Month(1 + r.IntN(12))
		tests = append(tests, Date{y, m, 1 + r.IntN(daysIn(y, m))})
	}
	for i, d := range tests {
		checkDay(t, d, tests[(i*7+3)%len(tests)])
		checkDay(t, d, Date{})
	}
}

func FuzzPackDay(f *testing.F) {
	f.Add(2016, 6, 15, 2024, 9, 30)
	f.Add(0, 0, 0, -1, 12, 31)
	f.Add(2024, 13, 40, 2024, 2, 29)
	f.Fuzz(func(t *testing.T, y, m, d, y2, m2, d2 int) {
		// within what time.Date normalises without overflowing
		for _, n := range []int{y, y2} {
			if n < -1<<34 || n > 1<<34 {
				return
			}
		}
		for _, n := range []int{m, d, m2, d2} {
			if n < -1<<20 || n > 1<<20 {
				return
			}
		}
		other := Date{y2, time.Month(m2), d2}
		if !other.IsZero() {
			other = NewDate(other.Year, other.Month, other.Day)
		}
		checkDay(t, Date{y, time.Month(m), d}, other)
	})
}

// ExcelSerial counts days without time.Time for a real date; it must give
// the day count through time.Time, its definition, for every day from
// 1899 to 9999 and for dates that are not real days and years far out.
func TestExcelSerial(t *testing.T) {
	t.Parallel()
	for d := NewDate(1899, 1, 1); d.Year < 10000; d = DateOf(d.Time().AddDate(0, 0, 1)) {
		if got, want := d.ExcelSerial(), excelEpoch.DaysUntil(d); got != want {
			t.Fatalf("ExcelSerial(%s) = %d, want %d", d, got, want)
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		d := Date{Year: r.IntN(30000) - 10000, Month: time.Month(r.IntN(15) - 1), Day: r.IntN(34) - 1}
		if got, want := d.ExcelSerial(), excelEpoch.DaysUntil(d); got != want {
			t.Fatalf("ExcelSerial(%+v) = %d, want %d", d, got, want)
		}
	}
}

// daysIn is the calendar's rule; time.Date's normalisation is the
// reference.
func TestDaysIn(t *testing.T) {
	t.Parallel()
	for y := -2000; y <= 10000; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}
