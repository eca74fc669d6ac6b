package data

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Excel serial numbers that are valid dates: 1 is 1900-01-01 in the 1900
// date system, and 2958465 is 9999-12-31.
const (
	maxSerial     = 2958465
	leapBugSerial = 60 // 1900-02-29, a day that never was (Lotus 1-2-3's leap-year bug)
)

// ParseDate reads a date as Excel stores it (a serial number, in the 1900
// or the 1904 date system; a time of day is ignored) or as people type it:
// 30.09.2024, 30.9.2024, 30/9/2024 or 2024-09-30. Two-digit years are
// refused: "30.09.24" could be 1924 or 2024.
func ParseDate(s string, date1904 bool) (Date, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Date{}, wrong("er ikke en dato")
	}
	if d, ok := parseDateText(t); ok {
		return d, nil
	}
	if day, month, ok := strings.Cut(t, "."); ok && len(day) <= 2 && len(month) >= 1 && len(month) <= 2 && onlyDigits(day+month) {
		// "30.09" is a date without its year, not the serial number 30.09.
		return Date{}, wrong("er ikke en fullstendig dato: årstallet mangler (skriv for eksempel 30.09.2024)")
	}
	if strings.ContainsAny(t, "./-") && !looksLikeSerial(t) {
		return Date{}, wrong("er ikke en gyldig dato: skriv for eksempel 30.09.2024")
	}
	n, err := decimal.NewFromString(t)
	if err != nil {
		return Date{}, wrong("er ikke en dato: skriv for eksempel 30.09.2024")
	}
	return serialDate(n, date1904)
}

// looksLikeSerial reports whether t is Excel's stored number form, such as
// "45565" or "45565.5".
func looksLikeSerial(t string) bool {
	return strings.Count(t, ".") <= 1 && onlyDigits(strings.Replace(t, ".", "", 1)) && !strings.HasPrefix(t, ".")
}

// serialDate converts an Excel serial number to a day.
func serialDate(n decimal.Decimal, date1904 bool) (Date, error) {
	day := n.Floor()
	if day.IsNegative() || day.GreaterThan(decimal.NewFromInt(maxSerial)) || (!date1904 && day.IsZero()) {
		return Date{}, wrong("er ikke en gyldig dato")
	}
	serial := int(day.IntPart())
	if date1904 {
		return NewDate(1904, time.January, 1+serial), nil
	}
	switch {
	case serial == leapBugSerial:
		return Date{}, wrong("er 29.02.1900, en dato som ikke finnes")
	case serial < leapBugSerial:
		return NewDate(1899, time.December, 31+serial), nil
	default:
		// From 1900-03-01 on, Excel counts the phantom 29 February.
		return NewDate(1899, time.December, 30+serial), nil
	}
}

// parseDateText reads the text forms of a date. It also takes the ISO
// date-time form that some programs store in date cells ("2024-09-30T00:00:00").
func parseDateText(t string) (Date, bool) {
	t = strings.TrimSpace(t)
	if i := strings.IndexAny(t, "T "); i == 10 {
		t = t[:i]
	}
	var parts []string
	var y, m, d string
	switch {
	case strings.Count(t, "-") == 2:
		parts = strings.Split(t, "-")
		y, m, d = parts[0], parts[1], parts[2]
	case strings.Count(t, ".") == 2:
		parts = strings.Split(t, ".")
		d, m, y = parts[0], parts[1], parts[2]
	case strings.Count(t, "/") == 2:
		parts = strings.Split(t, "/")
		d, m, y = parts[0], parts[1], parts[2]
	default:
		return Date{}, false
	}
	if len(y) != 4 || len(m) < 1 || len(m) > 2 || len(d) < 1 || len(d) > 2 ||
		!onlyDigits(y) || !onlyDigits(m) || !onlyDigits(d) {
		return Date{}, false
	}
	yy, mm, dd := atoiDigits(y), atoiDigits(m), atoiDigits(d)
	if yy < 1000 || mm < 1 || mm > 12 || dd < 1 || dd > daysIn(yy, time.Month(mm)) {
		return Date{}, false
	}
	return Date{yy, time.Month(mm), dd}, true
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
