// Package reports turns results.Results into the evaluation's outputs: one
// renderer per format (html, pdf, slides, xlsx, json), all reading the same
// Document so that no two outputs can disagree.
package reports

import (
	"strconv"
	"strings"

	"bobra/data"

	"github.com/shopspring/decimal"
)

// Norwegian number formatting, used by every renderer and by the templates.
// Thousands are separated by a non-breaking space, decimals by a comma, and
// rounding is half away from zero (decimal.Round), as everywhere in bobra.

// NBSP is the non-breaking space used between digit groups and before units.
const NBSP = "\u00a0"

// Undefined is written for a figure that has no value, such as a share
// whose denominator is zero.
const Undefined = "–"

// Withheld is written for a figure hidden by the small-number rule that is
// not itself small (it is hidden so that another cannot be worked out, and
// may be large); a small hidden count reads "færre enn N" instead.
const Withheld = "skjult"

// Number formats d with the given number of decimals: Number(4.85, 2) = "4,85".
func Number(d decimal.Decimal, places int32) string {
	s := d.Round(places).StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	out := groupThousands(intPart)
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

// Date formats a date as "30.09.2021"; the zero date gives "".
func Date(d data.Date) string { return d.Norwegian() }

// Norwegian month names, for prose ("september 2021").
var monthNames = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// DateLong formats a date as "30. september 2021".
func DateLong(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.Day) + ". " + monthNames[d.Month-1] + " " + strconv.Itoa(d.Year)
}

func groupThousands(digits string) string {
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
			b.WriteString(NBSP)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
