package data

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

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
// How the guard finds the 11 digits in a text, whatever people typed:
//   - A digit is any Unicode decimal digit (category Nd: ASCII, full-width,
//     Arabic-Indic, Devanagari, …), read by its value.
//   - Format characters (category Cf: zero-width space and joiners, soft
//     hyphen, word joiner, byte-order mark, direction marks) are invisible:
//     they neither split nor join anything, as on the screen.
//   - A group is a run of digits. Groups joined by separators form a
//     sequence; a separator is any run of white space (ordinary, no-break,
//     thin, narrow, figure, line breaks, tabs), dots, hyphens and dashes
//     (Unicode category Pd plus the minus sign), slashes and underscores, in
//     any mix and any length. Anything else (a letter, a comma, a colon)
//     ends the sequence.
//   - Every run of whole, consecutive groups of a sequence that holds 11
//     digits in all is tried: "01019050188", "010190 50188",
//     "01.01.90 50188", "010190 501 88", "0 1 0 1 9 0 5 0 1 8 8",
//     "010190 – 50188". A group of more than 11 digits is part of some other,
//     longer number and never tried, nor is a piece of a group.
//   - A number a spreadsheet stored as a number has lost its leading zero
//     and may carry a float's tail: a word that is 10 digits, with or
//     without ".0", is tried with the zero put back ("1019050188",
//     "1019050188.0"), and an exponent form is expanded first
//     ("1.019050188E9", "1,019050188E+09").
//
// False positives are rare because a random 11-digit string passes about
// one time in 200 (a valid date, then two check digits). Two common
// numbers were looked at on purpose:
//   - A bank account number has its own mod-11 check with the very weights
//     of the second identity check digit, so every valid account number
//     passes that check, and about one in 20 passes the rest too. Written
//     the way account numbers are written, 4 + 2 + 5 digits with the same
//     dot or space twice ("1234.56.78903", "1503 85 12345"), it is taken
//     for an account number and not refused: no one writes an identity
//     number that way. Unbroken, the same 11 digits are tried like any
//     other and may be refused; the message asks for the number to be
//     removed, and an account number can be written in its usual form.
//   - An amount grouped in thousands, "21 193 208 200" (2 digits, then
//     groups of 3 after the same space or dot), is an amount: no one
//     writes an identity number so.
//   - A Norwegian phone number has 8 digits (10 with the country code 47),
//     never 11; grouped "912 34 567" or "+47 912 34 567" it is never tried
//     alone. A 10-digit "4791234567" with a zero put back would need a
//     month 79 and is never a match.
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
	var d [11]byte
	copy(d[:], s)
	for i := range d {
		d[i] -= '0'
	}
	return validIdentityDigits(&d)
}

// validIdentityDigits is IsIdentityNumber on digit values 0–9.
func validIdentityDigits(d *[11]byte) bool {
	day, month, year := int(d[0])*10+int(d[1]), int(d[2])*10+int(d[3]), int(d[4])*10+int(d[5])
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
		sum1 += w * int(d[i])
	}
	for i, w := range fnrWeights2 {
		sum2 += w * int(d[i])
	}
	return sum1%11 <= 3 && sum2%11 == 0
}

// ContainsIdentityNumber reports whether the text holds a national
// identity number anywhere in it, in any of the forms above. It runs on
// every cell of every workbook, so a text with fewer than ten digits is
// answered after one pass that only counts them.
func ContainsIdentityNumber(cell string) bool {
	if len(cell) < 10 {
		return false
	}
	digits, exp := 0, false
	for i := 0; i < len(cell); {
		c := cell[i]
		switch {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(cell[i:])
			i += size
			// Letters such as æ, ø, å and é come before the first
			// non-ASCII digit (U+0660), so Norwegian text stays on the
			// fast path.
			if r >= 0x0660 {
				if _, ok := digitValue(r); ok {
					digits++
				}
			}
			continue
		case c-'0' < 10:
			digits++
		case c|0x20 == 'e' && i > 0 && cell[i-1]-'0' < 10:
			exp = true
		}
		i++
	}
	if digits < 10 && !(exp && digits > 1) {
		return false
	}
	return scanIdentity(cell, true)
}

// ContainsIdentityNumberInText is ContainsIdentityNumber for text a
// program wrote, such as a report: every form but a 10-digit number taken
// for one whose leading zero was lost, which only a spreadsheet's number
// cell does to an identity number, while a report prints many 10-digit
// amounts.
func ContainsIdentityNumberInText(text string) bool {
	if len(text) < 10 {
		return false
	}
	return scanIdentity(text, false)
}

// The kinds of separator a group boundary records, for the account-number
// form.
const (
	sepOther byte = iota
	sepDot
	sepSpace
)

// identityScanner holds the recent groups of the current sequence: only
// the last 11 digits and the last 11 groups can be part of a candidate.
type identityScanner struct {
	last   [11]byte // the last digits of the sequence, oldest first
	nLast  int
	lens   [11]int  // lengths of the last groups, oldest first
	seps   [11]byte // the separator before each of those groups
	nGroup int
	found  bool
}

func (s *identityScanner) reset() { s.nLast, s.nGroup = 0, 0 }

// endGroup records a finished group of n digits (already pushed into last)
// preceded by separator sep, and tries every run of groups ending here.
func (s *identityScanner) endGroup(n int, sep byte) {
	if n > 11 {
		s.reset()
		return
	}
	if s.nGroup == len(s.lens) {
		copy(s.lens[:], s.lens[1:])
		copy(s.seps[:], s.seps[1:])
		s.nGroup--
	}
	s.lens[s.nGroup], s.seps[s.nGroup] = n, sep
	s.nGroup++
	total := 0
	for k := s.nGroup - 1; k >= 0; k-- {
		total += s.lens[k]
		if total > 11 {
			break
		}
		if total == 11 {
			groups := s.nGroup - k
			account := groups == 3 && s.lens[k] == 4 && s.lens[k+1] == 2 && s.lens[k+2] == 5 &&
				s.seps[k+1] != sepOther && s.seps[k+1] == s.seps[k+2]
			if !account && !s.thousands(k) && validIdentityDigits(&s.last) {
				s.found = true
			}
			break
		}
	}
}

// thousands reports whether the groups from k on are an amount grouped
// in thousands, "21 193 208 200": 2 digits, then groups of 3, each after
// the same single space or dot.
func (s *identityScanner) thousands(k int) bool {
	if s.nGroup-k != 4 || s.lens[k] != 2 {
		return false
	}
	for g := k + 1; g < s.nGroup; g++ {
		if s.lens[g] != 3 || s.seps[g] == sepOther || s.seps[g] != s.seps[k+1] {
			return false
		}
	}
	return true
}

func (s *identityScanner) pushDigit(d byte) {
	if s.nLast == len(s.last) {
		copy(s.last[:], s.last[1:])
		s.nLast--
	}
	s.last[s.nLast] = d
	s.nLast++
}

// scanIdentity is the full scan: groups and sequences, then the stored
// number forms.
func scanIdentity(text string, restoreZero bool) bool {
	var s identityScanner
	groupLen := 0            // digits in the current group
	sep := sepOther          // the separator run before the current group
	sepRun, sepKinds := 0, 0 // the separator run being read: characters, and its kind
	inSeq := false
	numberish := false // a group of 10 or 11 digits, or an exponent: try the stored forms
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		prevDigit := groupLen > 0
		if d, ok := digitValue(r); ok {
			if groupLen == 0 && inSeq {
				sep = sepOther
				if sepRun == 1 {
					sep = byte(sepKinds)
				}
			}
			s.pushDigit(d)
			groupLen++
			inSeq = true
			sepRun = 0
			continue
		}
		// An invalid byte is no character a person typed; it ends the
		// sequence like a letter.
		if !(r == utf8.RuneError && size == 1) && unicode.Is(unicode.Cf, r) {
			continue
		}
		if groupLen > 0 {
			if groupLen >= 10 {
				numberish = true
			}
			s.endGroup(groupLen, sep)
			if s.found {
				return true
			}
			groupLen = 0
		}
		if inSeq && isIdentitySeparator(r) {
			sepRun++
			switch {
			case r == '.':
				sepKinds = int(sepDot)
			case r == ' ':
				sepKinds = int(sepSpace)
			default:
				sepKinds = int(sepOther)
			}
			continue
		}
		if r|0x20 == 'e' && prevDigit {
			numberish = true
		}
		s.reset()
		inSeq, sepRun = false, 0
	}
	if groupLen > 0 {
		if groupLen >= 10 {
			numberish = true
		}
		s.endGroup(groupLen, sep)
		if s.found {
			return true
		}
	}
	return numberish && storedNumberForm(text, restoreZero)
}

// isIdentitySeparator reports whether r is something people put between
// the digits of a number: white space, dots, hyphens, dashes, slashes and
// underscores, with their full-width and typographic variants.
func isIdentitySeparator(r rune) bool {
	switch r {
	case '.', '-', '/', '_', '\u2212', '\u2024', '\u00b7', '\u2044', '\u2215',
		'\uff0e', '\uff0f', '\uff3f', '\uff65':
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)
}

// digitValue returns the value of a Unicode decimal digit. Every range of
// category Nd is one or more whole blocks of ten digits starting at a
// zero (checked by a test against the character names), so the value is
// the offset into the range modulo ten.
func digitValue(r rune) (byte, bool) {
	if r < utf8.RuneSelf {
		if r >= '0' && r <= '9' {
			return byte(r - '0'), true
		}
		return 0, false
	}
	t := unicode.Nd
	if r <= 0xffff {
		rs := t.R16
		i := sort.Search(len(rs), func(i int) bool { return rune(rs[i].Hi) >= r })
		if i < len(rs) && rune(rs[i].Lo) <= r && (r-rune(rs[i].Lo))%rune(rs[i].Stride) == 0 {
			return byte((r - rune(rs[i].Lo)) % 10), true
		}
		return 0, false
	}
	rs := t.R32
	i := sort.Search(len(rs), func(i int) bool { return rune(rs[i].Hi) >= r })
	if i < len(rs) && rune(rs[i].Lo) <= r && (r-rune(rs[i].Lo))%rune(rs[i].Stride) == 0 {
		return byte((r - rune(rs[i].Lo)) % 10), true
	}
	return 0, false
}

// storedNumberForm tries every word of the text as a number a spreadsheet
// stored: 10 digits with the leading zero lost, perhaps with a float's
// ".0" tail, or an exponent form.
func storedNumberForm(text string, restoreZero bool) bool {
	for _, w := range strings.FieldsFunc(plainDigits(text), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("()[]«»\"';:!?", r)
	}) {
		w = strings.TrimRight(w, ",.")
		w = strings.TrimPrefix(w, "+")
		if digits, ok := storedNumberDigits(w); ok {
			if len(digits) == 10 {
				if !restoreZero {
					continue
				}
				digits = "0" + digits
			}
			if IsIdentityNumber(digits) {
				return true
			}
		}
	}
	return false
}

// storedNumberDigits returns the integer digits of a word that is a whole
// number as a spreadsheet stores one: "1019050188", "1019050188.0",
// "1.019050188E9", "1,019050188E+09". A fraction that is not all zeros is
// not a whole number.
func storedNumberDigits(w string) (string, bool) {
	mant, exp := w, ""
	if i := strings.IndexAny(w, "eE"); i > 0 {
		mant, exp = w[:i], strings.TrimPrefix(w[i+1:], "+")
		if exp == "" || len(exp) > 2 || !onlyDigits(exp) {
			return "", false
		}
	}
	intPart, frac, _ := strings.Cut(strings.Replace(mant, ",", ".", 1), ".")
	if intPart == "" || !onlyDigits(intPart) || !onlyDigits(frac) {
		return "", false
	}
	e := atoiDigits(exp)
	if len(frac) > e {
		if strings.Trim(frac[e:], "0") != "" {
			return "", false
		}
		frac = frac[:e]
	}
	digits := strings.TrimLeft(intPart+frac+strings.Repeat("0", e-len(frac)), "0")
	return digits, len(digits) == 10 || len(digits) == 11
}

// plainDigits returns text with every decimal digit as ASCII and the
// invisible format characters removed.
func plainDigits(text string) string {
	var b strings.Builder
	for _, r := range text {
		if d, ok := digitValue(r); ok {
			b.WriteByte('0' + d)
		} else if !unicode.Is(unicode.Cf, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MaskDigits returns s with every decimal digit replaced by "#", so a
// message can name a file or folder whose name holds an identity number
// without repeating the number.
func MaskDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if _, ok := digitValue(r); ok {
			b.WriteByte('#')
		} else if !unicode.Is(unicode.Cf, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
