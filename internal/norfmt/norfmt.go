// Package norfmt writes numbers, money, shares and dates as Norwegians
// write them, for every layer: the reports, the checks' messages, the
// computation's run record. Thousands are grouped with a non-breaking
// space (a plain one in messages), decimals follow a comma, negative
// numbers take a minus sign, and rounding is half away from zero
// (decimal.Round), as everywhere in bobra.
package norfmt

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// NBSP is the non-breaking space used between digit groups and before units.
const NBSP = "\u00a0"

// Number formats d with the given number of decimals: Number(4.85, 2) = "4,85".
func Number(d decimal.Decimal, places int32) string {
	s := d.Round(places).StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	out := groupThousands(intPart, NBSP)
	if frac != "" {
		out += "," + frac
	}
	if neg && strings.Trim(out, "0,"+NBSP) != "" {
		out = "−" + out // U+2212 MINUS SIGN reads better than a hyphen
	}
	return out
}

// Int formats a whole number: Int(1685) = "1 685".
func Int(n int) string { return Number(decimal.NewFromInt(int64(n)), 0) }

// Kroner formats an amount as whole kroner: "kr 3 350 000".
func Kroner(d decimal.Decimal) string { return "kr" + NBSP + Number(d, 0) }

// KronerShort formats large sums for prose: "79,5 mill. kr" from one
// million up, "1,2 mrd. kr" from one billion, otherwise as Kroner.
func KronerShort(d decimal.Decimal) string {
	abs := d.Abs()
	switch {
	case abs.GreaterThanOrEqual(decimal.New(1, 9)):
		return Number(d.Shift(-9), 1) + NBSP + "mrd." + NBSP + "kr"
	case abs.GreaterThanOrEqual(decimal.New(1, 6)):
		return Number(d.Shift(-6), 1) + NBSP + "mill." + NBSP + "kr"
	}
	return Kroner(d)
}

// Percent formats a share as a percentage with one decimal: 0.2152 → "21,5 %".
func Percent(share decimal.Decimal) string { return PercentPlaces(share, 1) }

// PercentPlaces formats a share as a percentage with the given decimals.
func PercentPlaces(share decimal.Decimal, places int32) string {
	return Number(share.Shift(2), places) + NBSP + "%"
}

// PercentTrim writes a share as a percentage with no more decimals than it
// has: 0.05 → "5 %", 0.025 → "2,5 %".
func PercentTrim(share decimal.Decimal) string {
	return NumberTrim(share.Shift(2), 2) + NBSP + "%"
}

// PercentPoints writes a change in a share in percentage points:
// 0.0140 → "+1,4 prosentpoeng".
func PercentPoints(change decimal.Decimal) string {
	return Signed(change, Number(change.Shift(2), 1)) + NBSP + "prosentpoeng"
}

// NumberTrim formats d with at most places decimals, leaving out trailing
// zeros: 1 → "1", 1.3908 → "1,39", 2.5 → "2,5".
func NumberTrim(d decimal.Decimal, places int32) string {
	r := d.Round(places)
	p := int32(0)
	for p < places && !r.Equal(r.Round(p)) {
		p++
	}
	return Number(r, p)
}

// Signed prefixes a formatted positive change with "+"; negative ones
// already carry "−".
func Signed(d decimal.Decimal, formatted string) string {
	if d.Round(4).IsPositive() {
		return "+" + formatted
	}
	return formatted
}

// Date formats a date as "30.09.2021"; year 0 (the zero date) gives "".
func Date(year int, month time.Month, day int) string {
	if year == 0 && month == 0 && day == 0 {
		return ""
	}
	return fmt.Sprintf("%02d.%02d.%04d", day, int(month), year)
}

// Norwegian month names, for prose ("september 2021").
var monthNames = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// DateLong formats a date as "30. september 2021"; the zero date gives "".
func DateLong(year int, month time.Month, day int) string {
	if year == 0 && month == 0 && day == 0 {
		return ""
	}
	return strconv.Itoa(day) + ". " + monthNames[month-1] + " " + strconv.Itoa(year)
}

// Message writes every digit of d for a message to the user: digit groups
// split by a plain space, a comma before the decimals, a hyphen for a
// negative number ("3 350 000", "-12,5"). Messages are read in terminals
// and logs, where a non-breaking space and U+2212 do not always show.
func Message(d decimal.Decimal) string {
	s := d.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	out := groupThousands(whole, " ")
	if hasFrac {
		out += "," + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// groupThousands puts sep between groups of three digits.
func groupThousands(digits, sep string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % 3
	if lead > 0 {
		b.WriteString(digits[:lead])
	}
	for i := lead; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
