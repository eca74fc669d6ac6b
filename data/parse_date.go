package data

import (
	"fmt"
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
// 30.09.2024, 30.9.2024, 30/9/2024, 30-09-2024, 2024-09-30, 30. september
// 2024, 30. sep. 2024, and with a two-digit year 30.09.24 (see
// twoDigitYear). A year alone ("2017", as text or as the number 2017) is
// refused, never read as the Excel day 2017 (9 July 1905); so is a date
// that can only be English month/day/year ("06/15/2016").
func ParseDate(s string, date1904 bool) (Date, error) {
	if serial, ok := plainSerial(s); ok {
		return serialDay(serial, date1904)
	}
	return parseDateGeneral(s, date1904)
}

// plainSerial reads the form in which a date cell stores its day: five or
// six digits (10000 is 1927, 999999 far beyond any date), optionally with
// a time of day after a point, and returns the day's serial number. It
// reports false for anything else, which ParseDate's general rules read
// (TestPlainSerialMatchesGeneral, FuzzPlainSerial).
func plainSerial(s string) (int, bool) {
	n, i := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	if i < 5 || i > 6 {
		return 0, false
	}
	if i < len(s) {
		if s[i] != '.' || i+1 == len(s) {
			return 0, false
		}
		for _, c := range []byte(s[i+1:]) {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
	}
	return n, true
}

// parseDateGeneral is ParseDate for every form.
func parseDateGeneral(s string, date1904 bool) (Date, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Date{}, wrong("er ikke en dato")
	}
	if d, ok := parseDateText(t); ok {
		return d, nil
	}
	if y, ok := bareYear(t); ok {
		return Date{}, &ValueError{Code: KindBareYear,
			Reason: fmt.Sprintf("er bare et årstall; skriv hele datoen (for eksempel 15.06.%d)", y)}
	}
	if isEnglishDate(t) {
		return Date{}, &ValueError{Code: KindEnglishDate,
			Reason: "er en dato i engelsk rekkefølge (måned/dag/år); skriv den som dd.mm.åååå"}
	}
	if day, month, ok := strings.Cut(t, "."); ok && len(day) <= 2 && len(month) >= 1 && len(month) <= 2 && onlyDigits(day+month) {
		// "30.09" is a date without its year, not the serial number 30.09.
		return Date{}, wrong("er ikke en fullstendig dato: årstallet mangler (skriv for eksempel 30.09.2024)")
	}
	if strings.ContainsAny(t, "./-") && !looksLikeSerial(t) {
		return Date{}, wrong("er ikke en gyldig dato: skriv for eksempel 30.09.2024")
	}
	n, err := decimal.NewFromString(t)
	if err != nil || !looksLikeSerial(t) {
		return Date{}, wrong("er ikke en dato: skriv for eksempel 30.09.2024")
	}
	return serialDate(n, date1904)
}

// bareYear reports whether t is a year alone: four digits from 1900 to
// 2100, also as Excel stores a number ("2017.0" never occurs, but "2017"
// does for a number cell).
func bareYear(t string) (int, bool) {
	t = strings.TrimSuffix(t, ".0")
	if len(t) != 4 || !onlyDigits(t) {
		return 0, false
	}
	y := atoiDigits(t)
	return y, y >= 1900 && y <= 2100
}

// isEnglishDate reports whether t is a slash date that can only be
// month/day/year: the first number a month, the second a day above 12.
func isEnglishDate(t string) bool {
	parts := strings.Split(t, "/")
	if len(parts) != 3 || !onlyDigits(parts[0]+parts[1]+parts[2]) || len(parts[0]) < 1 || len(parts[0]) > 2 ||
		len(parts[1]) < 1 || len(parts[1]) > 2 || (len(parts[2]) != 4 && len(parts[2]) != 2) {
		return false
	}
	m, d := atoiDigits(parts[0]), atoiDigits(parts[1])
	return m >= 1 && m <= 12 && d > 12 && d <= 31
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
	return serialDay(int(day.IntPart()), date1904)
}

// serialDay converts the serial number of a day, in range, to the day.
func serialDay(serial int, date1904 bool) (Date, error) {
	if serial < 0 || serial > maxSerial || (!date1904 && serial == 0) {
		return Date{}, wrong("er ikke en gyldig dato")
	}
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
	if d, ok := parseNamedMonth(t); ok {
		return d, true
	}
	var parts []string
	var y, m, d string
	switch {
	case strings.Count(t, "-") == 2:
		parts = strings.Split(t, "-")
		if len(parts[0]) == 4 {
			y, m, d = parts[0], parts[1], parts[2]
		} else {
			d, m, y = parts[0], parts[1], parts[2]
		}
	case strings.Count(t, ".") == 2:
		parts = strings.Split(t, ".")
		d, m, y = parts[0], parts[1], parts[2]
	case strings.Count(t, "/") == 2:
		parts = strings.Split(t, "/")
		d, m, y = parts[0], parts[1], parts[2]
	default:
		return Date{}, false
	}
	if (len(y) != 4 && len(y) != 2) || len(m) < 1 || len(m) > 2 || len(d) < 1 || len(d) > 2 ||
		!onlyDigits(y) || !onlyDigits(m) || !onlyDigits(d) {
		return Date{}, false
	}
	yy, mm, dd := atoiDigits(y), atoiDigits(m), atoiDigits(d)
	if len(y) == 2 {
		yy = twoDigitYear(yy)
	}
	return validDate(yy, mm, dd)
}

func validDate(yy, mm, dd int) (Date, bool) {
	if yy < 1000 || mm < 1 || mm > 12 || dd < 1 || dd > daysIn(yy, time.Month(mm)) {
		return Date{}, false
	}
	return Date{yy, time.Month(mm), dd}, true
}

// clockYear is the year two-digit years are read against.
var clockYear = func() int { return time.Now().Year() }

// twoDigitYear reads a two-digit year: 00 up to this year's two digits is
// 20xx, anything above is 19xx (in 2026, "26" is 2026 and "27" is 1927,
// which the checks then refuse as too early).
func twoDigitYear(yy int) int {
	if yy <= clockYear()%100 {
		return 2000 + yy
	}
	return 1900 + yy
}

// norwegianMonths are the month names and their usual abbreviations.
var norwegianMonths = map[string]int{
	"januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
	"mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
	"desember": 12, "des": 12,
}

// parseNamedMonth reads "15. juni 2017", "15. jun. 2017", "15 juni 2017"
// and "15.juni 2017".
func parseNamedMonth(t string) (Date, bool) {
	if len(t) < 8 || len(t) > 30 || t[0] < '0' || t[0] > '9' {
		return Date{}, false
	}
	fields := strings.Fields(strings.ToLower(strings.ReplaceAll(t, ".", ". ")))
	var clean []string
	for _, f := range fields {
		if f = strings.Trim(f, ".,"); f != "" {
			clean = append(clean, f)
		}
	}
	if len(clean) != 3 || !onlyDigits(clean[0]) || !onlyDigits(clean[2]) || len(clean[0]) > 2 || len(clean[2]) != 4 {
		return Date{}, false
	}
	m, ok := norwegianMonths[clean[1]]
	if !ok {
		return Date{}, false
	}
	return validDate(atoiDigits(clean[2]), m, atoiDigits(clean[0]))
}

// daysIn is how many days month m (January to December) of year has.
func daysIn(year int, m time.Month) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
