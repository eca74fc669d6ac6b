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
//
// A real date (a day its month has) is counted by the proleptic Gregorian
// day count, without time.Time: the homes sheet and the generator write
// millions of dates. Any other date is normalised as time.Date does it.
func (d Date) ExcelSerial() int {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Day > 28 && d.Day > daysIn(d.Year, d.Month) {
		return excelEpoch.DaysUntil(d)
	}
	return civilDays(d.Year, int(d.Month), d.Day) - civilDays(1899, 12, 30)
}

// excelEpoch is day 0 of Excel's 1900 date system, as ExcelSerial counts.
var excelEpoch = NewDate(1899, 12, 30)

// civilDays is the number of days from 1 March of year 0 to the date
// (Howard Hinnant's days_from_civil, shifted).
func civilDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe
}

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

// Day is a Date packed in one word, for the records: a national dataset
// holds some two million dates, and a Date is three words. It holds
// year×512 + month×32 + day of the normalised date, so days order as
// their integers (two Days are compared with < and ==, not through
// Date), and 0 is the zero Date. Date gives the Date back.
type Day int64

// DayOf packs d; a date not normalised (as NewDate gives) is normalised
// first, so DayOf(d).Date() is NewDate(d.Year, d.Month, d.Day) for every
// date but the zero one.
func DayOf(d Date) Day {
	if d.IsZero() {
		return 0
	}
	if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Day > 28 && d.Day > daysIn(d.Year, d.Month) ||
		d.Year < minDayYear || d.Year > maxDayYear {
		d = NewDate(d.Year, d.Month, d.Day)
	}
	return Day(int64(d.Year)<<9 | int64(d.Month)<<5 | int64(d.Day))
}

// The years a Day holds: far beyond what time.Date gives.
const (
	minDayYear = -1 << 53
	maxDayYear = 1<<53 - 1
)

// Date returns the date.
func (d Day) Date() Date {
	if d == 0 {
		return Date{}
	}
	return Date{Year: int(d >> 9), Month: time.Month(d >> 5 & 15), Day: int(d & 31)}
}

// IsZero reports whether the date was not given.
func (d Day) IsZero() bool { return d == 0 }

// Year is the date's year.
func (d Day) Year() int { return d.Date().Year }

// Before reports whether the day is strictly before e.
func (d Day) Before(e Date) bool { return d.Date().Before(e) }

// After reports whether the day is strictly after e.
func (d Day) After(e Date) bool { return d.Date().After(e) }

// DaysUntil is Date.DaysUntil.
func (d Day) DaysUntil(e Date) int { return d.Date().DaysUntil(e) }

// String is Date.String.
func (d Day) String() string { return d.Date().String() }

// Norwegian is Date.Norwegian.
func (d Day) Norwegian() string { return d.Date().Norwegian() }
