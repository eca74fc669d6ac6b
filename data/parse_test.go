package data

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// parseCase is one input and either the expected value (as decimal text)
// or the expected problem kind.
type parseCase struct {
	in   string
	want string // decimal text; "" when an error is expected
	kind string // ValueError.Code when an error is expected
}

func checkParse(t *testing.T, name string, parse func(string) (decimal.Decimal, error), cases []parseCase) {
	t.Helper()
	for _, c := range cases {
		got, err := parse(c.in)
		if c.kind != "" {
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Code != c.kind {
				t.Errorf("%s(%q) = %v, %v; want error %s", name, c.in, got, err, c.kind)
			}
			continue
		}
		if err != nil || !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("%s(%q) = %v, %v; want %s", name, c.in, got, err, c.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	t.Parallel()
	checkParse(t, "ParseNumber", ParseNumber, []parseCase{
		{"3350000", "3350000", ""},
		{"3 350 000", "3350000", ""},
		{"3\u00a0350\u00a0000", "3350000", ""}, // non-breaking spaces
		{"3\u202f350\u202f000", "3350000", ""}, // narrow non-breaking spaces
		{"3.350.000", "3350000", ""},
		{"3,350,000", "3350000", ""},
		{"kr 3 350 000,-", "3350000", ""},
		{"kr. 3.260,-", "3260", ""}, // as in the seeds: ",-" says no decimals
		{"3 350 000 kr", "3350000", ""},
		{"3350000 NOK", "3350000", ""},
		{"21,5", "21.5", ""},
		{"21.5", "21.5", ""},
		{"0,05", "0.05", ""},
		{"0.05", "0.05", ""},
		{"1,234", "1.234", ""}, // one comma is a decimal comma
		{"0.125", "0.125", ""}, // leading zero: a decimal point
		{"1234.567", "1234.567", ""},
		{"1 234,5", "1234.5", ""},
		{"1.234,5", "1234.5", ""},
		{"1,234.5", "1234.5", ""},
		{"-1 200", "-1200", ""},
		{"−1 200", "-1200", ""}, // Unicode minus
		{"1.5E-2", "0.015", ""}, // Excel's stored form
		{"3.35E+6", "3350000", ""},
		{"3350000.0000000005", "3350000.0000000005", ""},
		{"  42  ", "42", ""},
		{"1.685", "", KindAmbiguousValue}, // 1 685 or 1.685?
		{"39.120", "", KindAmbiguousValue},
		{"", "", KindWrongValue},
		{"kr", "", KindWrongValue},
		{"abc", "", KindWrongValue},
		{"12a", "", KindWrongValue},
		{"3 35 000", "", KindWrongValue}, // wrong grouping
		{"3.35.0", "", KindWrongValue},
		{"1,2,3.4.5", "", KindWrongValue},
		{"1.234.5", "", KindWrongValue},
		{"--5", "", KindWrongValue},
		{"5-", "", KindWrongValue},
		{"#DIV/0!", "", KindWrongValue},
		{"#REF!", "", KindWrongValue},
		{".", "", KindWrongValue},
	})
}

func TestParseMoney(t *testing.T) {
	t.Parallel()
	checkParse(t, "ParseMoney", ParseMoney, []parseCase{
		{"kr 3 350 000,-", "3350000", ""},
		{"3350000", "3350000", ""},
		{"15 150,50", "15150.5", ""},
		{"1116666.6666666667", "1116666.6666666667", ""}, // a formula's cached result
		{"350,000", "", KindAmbiguousValue},              // English thousands or 350 kr?
		{"-500", "-500", ""},                             // sign kept: the checks report it
	})
}

func TestParseShare(t *testing.T) {
	t.Parallel()
	checkParse(t, "ParseShare", ParseShare, []parseCase{
		{"5 %", "0.05", ""},
		{"5%", "0.05", ""},
		{"0,05", "0.05", ""},
		{"0.05", "0.05", ""},
		{"12,5 %", "0.125", ""},
		{"100 %", "1", ""},
		{"0", "0", ""},
		{"1", "1", ""},
		{"5", "", KindWrongValue}, // 500 %? write 5 %
		{"150 %", "", KindWrongValue},
		{"-2 %", "", KindWrongValue},
		{"fem", "", KindWrongValue},
	})
}

func TestParseInt(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"3", 3, true}, {"0", 0, true}, {"1 200", 1200, true}, {"3,0", 3, true}, {"-2", -2, true},
		{"3,5", 0, false}, {"tre", 0, false}, {"", 0, false}, {"99999999999", 0, false},
	}
	for _, c := range cases {
		got, err := ParseInt(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseInt(%q) = %d, %v; want %d, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestParseYear(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"2016", 2016, true}, {" 2008 ", 2008, true},
		{"16", 0, false}, {"20161", 0, false}, {"2016.5", 0, false}, {"0216", 0, false}, {"år", 0, false}, {"39000", 0, false},
	}
	for _, c := range cases {
		got, err := ParseYear(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseYear(%q) = %d, %v; want %d, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestParseBool(t *testing.T) {
	t.Parallel()
	yes := []string{"ja", "Ja", "JA", "j", "x", "X", "yes", "true", "TRUE", "1", " ja ", "SANN"}
	no := []string{"nei", "Nei", "n", "no", "false", "FALSE", "0", "USANN"}
	for _, s := range yes {
		if b, err := ParseBool(s); err != nil || !b {
			t.Errorf("ParseBool(%q) = %v, %v; want true", s, b, err)
		}
	}
	for _, s := range no {
		if b, err := ParseBool(s); err != nil || b {
			t.Errorf("ParseBool(%q) = %v, %v; want false", s, b, err)
		}
	}
	for _, s := range []string{"kanskje", "2", "", "jaa"} {
		if _, err := ParseBool(s); err == nil {
			t.Errorf("ParseBool(%q) succeeded; want an error", s)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	d := func(y int, m time.Month, day int) Date { return Date{y, m, day} }
	cases := []struct {
		in       string
		date1904 bool
		want     Date // zero when an error is expected
	}{
		{"30.09.2024", false, d(2024, 9, 30)},
		{"30.9.2024", false, d(2024, 9, 30)},
		{"1.2.2016", false, d(2016, 2, 1)},
		{"2024-09-30", false, d(2024, 9, 30)},
		{"30/09/2024", false, d(2024, 9, 30)},
		{"2024-09-30T00:00:00Z", false, d(2024, 9, 30)}, // ISO date cells (t="d")
		{"2024-09-30 00:00:00", false, d(2024, 9, 30)},
		{"29.02.2024", false, d(2024, 2, 29)},
		// As Norwegians type them; two-digit years read against 2026.
		{"15. juni 2017", false, d(2017, 6, 15)},
		{"15. jun. 2017", false, d(2017, 6, 15)},
		{"15 juni 2017", false, d(2017, 6, 15)},
		{"1. Desember 2019", false, d(2019, 12, 1)},
		{"15.06.17", false, d(2017, 6, 15)},
		{"15.06.26", false, d(2026, 6, 15)},
		{"15.06.27", false, d(1927, 6, 15)},
		{"15.06.00", false, d(2000, 6, 15)},
		{"15-06-2017", false, d(2017, 6, 15)},
		{"15/06/2017", false, d(2017, 6, 15)},
		{"12/06/2017", false, d(2017, 6, 12)}, // day first, as in Norway
		// Serial numbers, 1900 system.
		{"45565", false, d(2024, 9, 30)},
		{"45565.75", false, d(2024, 9, 30)}, // the time of day is ignored
		{"1", false, d(1900, 1, 1)},
		{"59", false, d(1900, 2, 28)},
		{"61", false, d(1900, 3, 1)}, // after the phantom 29.02.1900
		{"42370", false, d(2016, 1, 1)},
		{"2958465", false, d(9999, 12, 31)},
		// 1904 system: serial 0 is 1904-01-01, 1462 days fewer than 1900.
		{"0", true, d(1904, 1, 1)},
		{"44103", true, d(2024, 9, 30)},
		{"40908", true, d(2016, 1, 1)},
		// Errors.
		{"60", false, Date{}}, // 29.02.1900 never was
		{"0", false, Date{}},
		{"-1", false, Date{}},
		{"2958466", false, Date{}},
		{"31.09.2024", false, Date{}},
		{"29.02.2023", false, Date{}},
		{"2017", false, Date{}},       // a year alone, never 9 July 1905
		{"1990", false, Date{}},       // the same as a number cell
		{"06/15/2016", false, Date{}}, // English month/day/year
		{"15. juni 2016x", false, Date{}},
		{"15. juno 2016", false, Date{}},
		{"31. juni 2016", false, Date{}},
		{"2024-9-31", false, Date{}},
		{"13.13.2024", false, Date{}},
		{"i går", false, Date{}},
		{"", false, Date{}},
		{"30.09", false, Date{}},
	}
	defer func(f func() int) { clockYear = f }(clockYear)
	clockYear = func() int { return 2026 }
	for _, c := range cases {
		got, err := ParseDate(c.in, c.date1904)
		if c.want.IsZero() {
			if err == nil {
				t.Errorf("ParseDate(%q, %v) = %v; want an error", c.in, c.date1904, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseDate(%q, %v) = %v, %v; want %v", c.in, c.date1904, got, err, c.want)
		}
	}
}

// TestParseDateReasons checks that a year alone and an English date get
// their own problem kinds, with a reason a person can act on.
func TestParseDateReasons(t *testing.T) {
	cases := []struct{ in, code, reason string }{
		{"2017", KindBareYear, "er bare et årstall; skriv hele datoen (for eksempel 15.06.2017)"},
		{"06/15/2016", KindEnglishDate, "er en dato i engelsk rekkefølge (måned/dag/år); skriv den som dd.mm.åååå"},
		{"30.09", KindWrongValue, "er ikke en fullstendig dato: årstallet mangler (skriv for eksempel 30.09.2024)"},
	}
	for _, c := range cases {
		_, err := ParseDate(c.in, false)
		var ve *ValueError
		if !errors.As(err, &ve) || ve.Code != c.code || ve.Reason != c.reason {
			t.Errorf("ParseDate(%q) = %v; want %s: %s", c.in, err, c.code, c.reason)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"3350000", "3 350 000", "kr 3 350 000,-", "1.685", "21,5", "1.5E-2", "1,234.5", "-1 200", "5 %"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseNumber(s)
		if err != nil {
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Reason == "" {
				t.Fatalf("ParseNumber(%q): error %v is not a ValueError", s, err)
			}
			return
		}
		// A number read once reads the same when written back plainly.
		again, err := ParseNumber(d.String())
		if err != nil && !isAmbiguous(err) {
			t.Fatalf("ParseNumber(%q) = %s, but %s does not parse: %v", s, d, d.String(), err)
		}
		if err == nil && !again.Equal(d) {
			t.Fatalf("ParseNumber(%q) = %s, read back as %s", s, d, again)
		}
		_, _ = ParseMoney(s)
		_, _ = ParseShare(s)
		_, _ = ParseInt(s)
	})
}

func isAmbiguous(err error) bool {
	var ve *ValueError
	return errors.As(err, &ve) && ve.Code == KindAmbiguousValue
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"30.09.2024", "2024-09-30", "45565", "60", "0", "29.02.2024", "2024-09-30T00:00:00Z",
		"15. juni 2017", "15. jun. 2017", "15.06.17", "15-06-2017", "15/06/2017", "06/15/2016", "2017", "31. feb 2020"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, date1904 bool) {
		d, err := ParseDate(s, date1904)
		if err != nil {
			return
		}
		if d.IsZero() || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			t.Fatalf("ParseDate(%q) = %+v, not a calendar day", s, d)
		}
		// The ISO form reads back as the same day.
		if back, err := ParseDate(d.String(), date1904); d.Year >= 1000 && (err != nil || back != d) {
			t.Fatalf("ParseDate(%q) = %v; ISO form reads back as %v, %v", s, d, back, err)
		}
		// So does the form messages show it in.
		if back, err := ParseDate(d.Norwegian(), date1904); d.Year >= 1000 && d.Year <= 9999 && (err != nil || back != d) {
			t.Fatalf("ParseDate(%q) = %v; %s reads back as %v, %v", s, d, d.Norwegian(), back, err)
		}
	})
}

func FuzzParseBoolShare(f *testing.F) {
	for _, s := range []string{"ja", "x", "5 %", "0,05", "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseShare(s); err == nil && (d.IsNegative() || d.GreaterThan(decimal.NewFromInt(1))) {
			t.Fatalf("ParseShare(%q) = %s, outside 0..1", s, d)
		}
		_, _ = ParseBool(s)
		_, _ = ParseYear(s)
	})
}
