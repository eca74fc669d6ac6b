package data

import "strings"

// The national identity number guard. The workbooks must hold pseudonyms
// only; a fødselsnummer, D-number or H-number anywhere in them means the
// folder holds personal data it should not, and the run refuses it.
//
// A number is taken for an identity number when it has 11 digits and:
//   - the first six digits are a date DDMMYY, where a D-number adds 40 to
//     the day and an H-number adds 40 to the month (any year 00–99, with
//     29 February allowed when YY is divisible by 4: the century is not
//     checked, since from 2032 the individual number no longer tells it);
//   - the second check digit is right: the weighted sum with weights
//     5 4 3 2 7 6 5 4 3 2 1 is divisible by 11;
//   - the first check digit is right by the old rule (weights
//     3 7 6 1 8 9 4 5 2 1 give a sum divisible by 11) or by the rule for
//     numbers issued from 2032 (Skatteetaten: the same sum may leave the
//     remainder 0, 1, 2 or 3). The second set includes the first, so one
//     test catches numbers valid under either rule.
//
// The guard looks at every run of digits in a cell, so "fnr 010101 12345"
// inside a note is caught too. Digits may be split once into 6 + 5 by a
// space, dot or hyphen, as people write them. A cell that is only a
// 10-digit number is also tried with a leading zero, since a spreadsheet
// drops it when the number is typed into a number cell.

var (
	fnrWeights1 = [10]int{3, 7, 6, 1, 8, 9, 4, 5, 2, 1}
	fnrWeights2 = [11]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1}
)

// IsIdentityNumber reports whether the 11-digit string s is a valid
// Norwegian national identity number (fødselsnummer, D- or H-number) by the
// rules above.
func IsIdentityNumber(s string) bool {
	if len(s) != 11 || !onlyDigits(s) {
		return false
	}
	var d [11]int
	for i := range d {
		d[i] = int(s[i] - '0')
	}
	day, month, year := d[0]*10+d[1], d[2]*10+d[3], d[4]*10+d[5]
	if day > 40 {
		day -= 40 // D-number
	}
	if month > 40 {
		month -= 40 // H-number
	}
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	maxDay := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month]
	if month == 2 && year%4 != 0 {
		maxDay = 28
	}
	if day > maxDay {
		return false
	}
	sum1, sum2 := 0, 0
	for i, w := range fnrWeights1 {
		sum1 += w * d[i]
	}
	for i, w := range fnrWeights2 {
		sum2 += w * d[i]
	}
	return sum1%11 <= 3 && sum2%11 == 0
}

// ContainsIdentityNumber reports whether the cell text holds a national
// identity number anywhere in it.
func ContainsIdentityNumber(cell string) bool {
	if len(cell) < 10 {
		return false
	}
	t := strings.TrimSpace(cell)
	if len(t) == 10 && onlyDigits(t) && IsIdentityNumber("0"+t) {
		return true
	}
	if expanded, ok := expandExponent(t); ok {
		if (len(expanded) == 11 && IsIdentityNumber(expanded)) ||
			(len(expanded) == 10 && IsIdentityNumber("0"+expanded)) {
			return true
		}
	}
	for i := 0; i < len(cell); {
		if !isDigit(cell[i]) || (i > 0 && isDigit(cell[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(cell) && isDigit(cell[j]) {
			j++
		}
		run := cell[i:j]
		if len(run) == 11 && IsIdentityNumber(run) {
			return true
		}
		// 6 + separator + 5: "010101 12345".
		if sep := separatorLen(cell[j:]); len(run) == 6 && sep > 0 {
			rest := cell[j+sep:]
			k := 0
			for k < len(rest) && isDigit(rest[k]) {
				k++
			}
			if k == 5 && IsIdentityNumber(run+rest[:5]) {
				return true
			}
		}
		i = j
	}
	return false
}

// expandExponent turns Excel's stored form "1.0101123456E+10" into plain
// digits, for the guard only.
func expandExponent(t string) (string, bool) {
	i := strings.IndexAny(t, "eE")
	if i <= 0 || !isExponentForm(t) {
		return "", false
	}
	exp := 0
	e := strings.TrimPrefix(t[i+1:], "+")
	if strings.HasPrefix(e, "-") || len(e) > 2 {
		return "", false
	}
	exp = atoiDigits(e)
	mant := t[:i]
	intPart, frac, _ := strings.Cut(mant, ".")
	if len(frac) > exp {
		return "", false
	}
	digits := intPart + frac + strings.Repeat("0", exp-len(frac))
	return strings.TrimLeft(digits, "0"), true
}

// separatorLen returns the length in bytes of the separator s starts
// with, as people split an identity number (space, dot, hyphen or a
// non-breaking space, which is two bytes in UTF-8), or 0 for none.
func separatorLen(s string) int {
	switch {
	case s == "":
		return 0
	case strings.IndexByte(" .-", s[0]) >= 0:
		return 1
	case strings.HasPrefix(s, "\u00a0"):
		return len("\u00a0")
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
