package data

import (
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// ValueError says why a cell's text is not a value of the expected kind.
// Code is a stable problem kind; Reason is a Norwegian clause that completes
// "«3.35.0» er ikke ..." style sentences on its own.
type ValueError struct {
	Code   string
	Reason string
}

func (e *ValueError) Error() string { return e.Reason }

// Problem kinds for values.
const (
	KindWrongValue     = "feil-verditype"
	KindAmbiguousValue = "tvetydig-tall"
)

func wrong(reason string) error { return &ValueError{Code: KindWrongValue, Reason: reason} }

// ParseNumber reads a number as people type it in Norwegian spreadsheets,
// or as Excel stores it. The rules, in order:
//
//   - spaces of every kind (also non-breaking and narrow non-breaking) are
//     thousands separators; "kr", "kr." and "NOK" before or after, and a
//     trailing ",-" or ".-", are dropped; a leading "-" or "−" is a minus;
//   - Excel's own form with an exponent ("1.5E-2") is read as is;
//   - with both "," and ".", the one that comes last is the decimal mark
//     and must appear once; the other separates thousands;
//   - several "," or several "." separate thousands ("3.350.000");
//   - one "," is a decimal comma ("1,234" is 1.234, "21,5" is 21.5);
//   - one "." is a decimal point ("21.5", "0.05"), except when exactly
//     three digits follow it and one to three digits not starting with 0
//     come before it ("1.685"): Norwegians write that for 1 685 and Excel
//     for 1.685, so it is refused as ambiguous rather than guessed;
//   - digits grouped by a thousands separator come in groups of three after
//     the first group of one to three digits.
func ParseNumber(s string) (decimal.Decimal, error) {
	if d, ok := plainNumber(s); ok {
		return d, nil
	}
	return parseNumberGeneral(s)
}

// parseNumberGeneral is ParseNumber for every form (plainNumber only
// takes the ones a number cell holds).
func parseNumberGeneral(s string) (decimal.Decimal, error) {
	body, neg, whole, err := numberBody(s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return parseBody(body, neg, whole)
}

// parseBody reads the number in body, the text numberBody left of a cell.
func parseBody(body string, neg, whole bool) (decimal.Decimal, error) {
	if isExponentForm(body) {
		d, err := decimal.NewFromString(body)
		if err != nil {
			return decimal.Decimal{}, wrong("er ikke et tall")
		}
		return signed(d, neg), nil
	}
	intPart, frac, err := splitNumber(body, whole)
	if err != nil {
		return decimal.Decimal{}, err
	}
	text := intPart
	if frac != "" {
		text += "." + frac
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return decimal.Decimal{}, wrong("er ikke et tall")
	}
	return signed(d, neg), nil
}

// ParseMoney reads an amount in kroner: a number as ParseNumber reads it,
// with at most two decimals after a decimal comma (so "350,000" is refused
// instead of read as 350 kr). The sign is kept; the checks report negative
// amounts.
func ParseMoney(s string) (decimal.Decimal, error) {
	// A number cell's form has no comma, so the rule for decimals is met.
	if d, ok := plainNumber(s); ok {
		return d, nil
	}
	return parseMoneyGeneral(s)
}

func parseMoneyGeneral(s string) (decimal.Decimal, error) {
	body, neg, whole, err := numberBody(s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if !whole && !isExponentForm(body) && strings.Count(body, ",") == 1 && !strings.Contains(body, ".") {
		if len(body)-strings.IndexByte(body, ',')-1 > 2 {
			return decimal.Decimal{}, &ValueError{Code: KindAmbiguousValue,
				Reason: "er tvetydig: et beløp har høyst to desimaler; skriv tusenskille med mellomrom (3 350 000)"}
		}
	}
	return parseBody(body, neg, whole)
}

// ParseShare reads a share: "5 %", "5%", "0,05" or "0.05" all give 0.05.
// Without a percent sign the number must be between 0 and 1, so that "5"
// is refused rather than read as 500 %.
func ParseShare(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	percent := strings.HasSuffix(t, "%")
	if percent {
		t = strings.TrimSuffix(t, "%")
	}
	d, err := ParseNumber(t)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if percent {
		d = d.Shift(-2)
	}
	if d.IsNegative() || d.GreaterThan(decimal.NewFromInt(1)) {
		if percent {
			return decimal.Decimal{}, wrong("er ikke en andel mellom 0 % og 100 %")
		}
		return decimal.Decimal{}, wrong("er ikke en andel: skriv for eksempel 5 % eller 0,05")
	}
	return d, nil
}

// ParseInt reads a whole number ("3", "1 200", "3,0").
func ParseInt(s string) (int, error) {
	if n, ok := plainInt(s); ok {
		return n, nil
	}
	return parseIntGeneral(s)
}

func parseIntGeneral(s string) (int, error) {
	d, err := parseNumberGeneral(s)
	if err != nil {
		return 0, err
	}
	if !d.IsInteger() {
		return 0, wrong("er ikke et heltall")
	}
	if d.Abs().GreaterThan(decimal.NewFromInt(1_000_000_000)) {
		return 0, wrong("er et urimelig stort tall")
	}
	return int(d.IntPart()), nil
}

// ParseYear reads a year written with four digits ("2016").
func ParseYear(s string) (int, error) {
	t := strings.TrimSpace(s)
	if len(t) != 4 || !onlyDigits(t) || t[0] == '0' {
		return 0, wrong("er ikke et årstall med fire sifre")
	}
	return atoiDigits(t), nil
}

// ParseBool reads ja/nei and the other ways people write yes and no:
// j/n, x (a ticked box), yes/no, true/false, 1/0, in any case.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ja", "j", "x", "yes", "y", "true", "sann", "1":
		return true, nil
	case "nei", "n", "no", "false", "usann", "0":
		return false, nil
	}
	return false, wrong("er ikke ja eller nei")
}

// numberBody strips currency words, spaces and the sign from s, leaving
// digits and separators. neg reports a leading minus; whole reports a
// trailing ",-", which says the amount has no decimals.
func numberBody(s string) (body string, neg, whole bool, err error) {
	t := strings.TrimSpace(s)
	lower := strings.ToLower(t)
	for _, p := range []string{"kr.", "kr", "nok"} {
		if strings.HasPrefix(lower, p) {
			t = t[len(p):]
			break
		}
	}
	t = strings.TrimSpace(t)
	lower = strings.ToLower(t)
	for _, suf := range []string{",-", ".-"} {
		if strings.HasSuffix(t, suf) {
			whole = true
			t = strings.TrimSpace(t[:len(t)-len(suf)])
			lower = strings.ToLower(t)
			break
		}
	}
	for _, suf := range []string{"kr.", "kr", "nok"} {
		if strings.HasSuffix(lower, suf) {
			t = strings.TrimSpace(t[:len(t)-len(suf)])
			break
		}
	}
	if strings.HasSuffix(t, ",-") || strings.HasSuffix(t, ".-") {
		whole, t = true, strings.TrimSpace(t[:len(t)-2])
	}
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "−"):
		neg, t = true, t[len("−"):]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	var b strings.Builder
	for _, r := range strings.TrimSpace(t) {
		switch {
		case r >= '0' && r <= '9', r == ',', r == '.', r == 'e', r == 'E', r == '+', r == '-':
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\'':
			b.WriteByte(' ')
		default:
			return "", false, false, wrong("er ikke et tall")
		}
	}
	body = b.String()
	if body == "" || strings.Trim(body, " ,.") == "" {
		return "", false, false, wrong("er ikke et tall")
	}
	return body, neg, whole, nil
}

// isExponentForm reports whether body is Excel's stored form with an
// exponent, such as "1.5E-2": digits, at most one point, then E and an
// optionally signed exponent.
func isExponentForm(body string) bool {
	i := strings.IndexAny(body, "eE")
	if i <= 0 {
		return false
	}
	mant, exp := body[:i], body[i+1:]
	exp = strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
	return exp != "" && onlyDigits(exp) && strings.Count(mant, ".") <= 1 &&
		onlyDigits(strings.Replace(mant, ".", "", 1)) && mant != "."
}

// splitNumber splits a number body (digits, spaces, "," and ".") into its
// integer digits and fraction digits by the rules of ParseNumber.
func splitNumber(body string, whole bool) (intPart, frac string, err error) {
	if strings.ContainsAny(body, "eE+-") {
		return "", "", wrong("er ikke et tall")
	}
	commas, dots := strings.Count(body, ","), strings.Count(body, ".")
	if whole && commas+dots > 0 && (commas == 0 || dots == 0) {
		// "kr 3.260,-": the ",-" says there are no decimals, so a lone
		// separator can only split thousands.
		if commas > 0 {
			body = strings.ReplaceAll(body, ",", ".")
		}
		commas, dots = 0, 2
	}
	var thousands byte // the thousands separator other than space, if any
	decimalAt := -1
	switch {
	case commas == 0 && dots == 0:
	case commas > 0 && dots > 0:
		last := strings.LastIndexAny(body, ",.")
		mark := body[last]
		if strings.Count(body, string(mark)) != 1 {
			return "", "", wrong("er ikke et tall")
		}
		decimalAt = last
		thousands = ','
		if mark == ',' {
			thousands = '.'
		}
	case commas > 1:
		thousands = ','
	case dots > 1:
		thousands = '.'
	case commas == 1:
		decimalAt = strings.IndexByte(body, ',')
	default: // one dot
		decimalAt = strings.IndexByte(body, '.')
		before := strings.TrimSpace(body[:decimalAt])
		after := strings.TrimSpace(body[decimalAt+1:])
		if len(after) == 3 && onlyDigits(after) && len(before) >= 1 && len(before) <= 3 &&
			onlyDigits(before) && before[0] != '0' {
			return "", "", &ValueError{Code: KindAmbiguousValue,
				Reason: "er tvetydig: det kan bety tusen eller desimaler; skriv tusenskille med mellomrom (1 685) og desimaler med komma (1,685)"}
		}
	}
	digits, fraction := body, ""
	if decimalAt >= 0 {
		digits, fraction = body[:decimalAt], body[decimalAt+1:]
	}
	fraction = strings.TrimSpace(fraction)
	if !onlyDigits(fraction) {
		return "", "", wrong("er ikke et tall")
	}
	digits = strings.TrimSpace(digits)
	if digits == "" {
		digits = "0"
	}
	groups := strings.FieldsFunc(digits, func(r rune) bool { return r == ' ' || (thousands != 0 && r == rune(thousands)) })
	grouped := len(groups) > 1
	if strings.Join(groups, "") == "" {
		return "", "", wrong("er ikke et tall")
	}
	for i, g := range groups {
		if !onlyDigits(g) || (grouped && i == 0 && len(g) > 3) || (grouped && i > 0 && len(g) != 3) {
			return "", "", wrong("er ikke et tall: tusenskille må stå foran hver tredje siffer")
		}
	}
	if grouped && strings.Count(digits, "  ")+strings.Count(digits, "..")+strings.Count(digits, ",,") > 0 {
		return "", "", wrong("er ikke et tall: tusenskille må stå foran hver tredje siffer")
	}
	if decimalAt >= 0 && fraction == "" && digits == "0" {
		return "", "", wrong("er ikke et tall")
	}
	return strings.Join(groups, ""), fraction, nil
}

func signed(d decimal.Decimal, neg bool) decimal.Decimal {
	if neg {
		return d.Neg()
	}
	return d
}

func onlyDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// plainNumber reads the form in which Excel, LibreOffice and excelize
// store a number cell, as ParseNumber does, without its general rules:
// an optional "-", one to 18 digits, and optionally "." and more digits,
// except the form ParseNumber refuses as ambiguous ("1.685"). It reports
// false for anything else, which the general rules then read
// (TestPlainNumberMatchesGeneral, FuzzPlainNumber).
func plainNumber(s string) (decimal.Decimal, bool) {
	n, exp, ok := plainCoef(s)
	if !ok {
		return decimal.Decimal{}, false
	}
	return decimal.New(n, exp), true
}

// plainCoef is plainNumber's value as its coefficient and exponent, for
// callers that keep it without a decimal.
func plainCoef(s string) (n int64, exp int32, ok bool) {
	start := 0
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		start = 1
	}
	digits, point, before := 0, -1, 0
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			digits++
		case c == '.' && point < 0:
			point, before = digits, digits
		default:
			return 0, 0, false
		}
	}
	if digits == 0 || digits > 18 || point == 0 || point == digits {
		return 0, 0, false
	}
	if point > 0 {
		after := digits - before
		if after == 3 && before <= 3 && s[start] != '0' {
			return 0, 0, false
		}
		exp = -int32(after)
	}
	if neg {
		n = -n
	}
	return n, exp, true
}

// plainInt reads a whole number in the form a number cell stores it, as
// ParseInt does: an optional "-" and one to nine digits.
func plainInt(s string) (int, bool) {
	if len(strings.TrimPrefix(s, "-")) > 9 {
		return 0, false
	}
	n, exp, ok := plainCoef(s)
	if !ok || exp != 0 {
		return 0, false
	}
	return int(n), true
}
