package data

import (
	"strconv"
	"time"

	"bobra/internal/norfmt"
)

// Date is a calendar day without time of day or zone. The zero value means
// "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalised as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// DaysUntil returns the number of days from d to e (negative if e is earlier).
// It counts in Unix days, not time.Duration, which saturates after 292 years.
func (d Date) DaysUntil(e Date) int {
	return int((e.Time().Unix() - d.Time().Unix()) / 86400)
}

// ExcelSerial is the day number of d in Excel's 1900 date system, right
// from 1 March 1900 (Excel counts a 29 February 1900 that never was).
func (d Date) ExcelSerial() int { return NewDate(1899, 12, 30).DaysUntil(d) }

// String returns the ISO form 2006-01-02, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// Norwegian returns the date as Norwegians write it, "30.09.2021", or ""
// for the zero date. Messages, warnings and reports all use it.
func (d Date) Norwegian() string { return norfmt.Date(d.Year, d.Month, d.Day) }

// NorwegianLong returns the date for prose, "30. september 2021", or ""
// for the zero date.
func (d Date) NorwegianLong() string { return norfmt.DateLong(d.Year, d.Month, d.Day) }

// MarshalText writes the ISO form, so dates are plain strings in JSON.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO form; an empty text gives the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return err
	}
	*d = DateOf(t)
	return nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func itoa(n int) string { return strconv.Itoa(n) }
