package data

import (
	"fmt"
	"testing"
)

// makeIdentityNumber builds an 11-digit number from a 6-digit date part and
// a 3-digit individual number, with check digits: k1 chosen so the first
// weighted sum leaves remainder rem1 (0 for the old rule; 1, 2 or 3 are
// valid only by the rule from 2032). It returns "" when no digit fits.
func makeIdentityNumber(date, individual string, rem1 int) string {
	base := date + individual
	sum := 0
	for i, w := range fnrWeights1[:9] {
		sum += w * int(base[i]-'0')
	}
	k1 := ((rem1-sum)%11 + 11) % 11
	if k1 > 9 {
		return ""
	}
	base += fmt.Sprint(k1)
	sum = 0
	for i, w := range fnrWeights2[:10] {
		sum += w * int(base[i]-'0')
	}
	k2 := (11 - sum%11) % 11
	if k2 > 9 {
		return ""
	}
	return base + fmt.Sprint(k2)
}

// findIdentityNumber returns a valid number for the date part, trying
// individual numbers from start.
func findIdentityNumber(t *testing.T, date string, start, rem1 int) string {
	t.Helper()
	for i := start; i < start+200; i++ {
		if n := makeIdentityNumber(date, fmt.Sprintf("%03d", i%1000), rem1); n != "" {
			return n
		}
	}
	t.Fatalf("no identity number for %s", date)
	return ""
}

func TestIsIdentityNumber(t *testing.T) {
	t.Parallel()
	ordinary := findIdentityNumber(t, "150385", 100, 0) // 15.03.1985
	dNumber := findIdentityNumber(t, "550385", 100, 0)  // D-number: day 15 + 40
	hNumber := findIdentityNumber(t, "154385", 100, 0)  // H-number: month 3 + 40
	leap := findIdentityNumber(t, "290216", 500, 0)     // 29.02.2016
	new2032 := findIdentityNumber(t, "010132", 500, 2)  // valid only by the 2032 rule
	new2032b := findIdentityNumber(t, "311233", 500, 3)
	valid := []string{ordinary, dNumber, hNumber, leap, new2032, new2032b, "01010101006"}
	for _, n := range valid {
		if !IsIdentityNumber(n) {
			t.Errorf("IsIdentityNumber(%s) = false; want true", n)
		}
	}
	flip := func(s string, i int) string { b := []byte(s); b[i] = '0' + (b[i]-'0'+1)%10; return string(b) }
	invalid := map[string]string{
		"second check digit wrong": flip(ordinary, 10),
		"first check digit wrong by both rules": func() string {
			for d := 0; d < 10; d++ {
				b := []byte(ordinary)
				b[9] = byte('0' + d)
				s := string(b)
				sum := 0
				for i, w := range fnrWeights1 {
					sum += w * int(s[i]-'0')
				}
				if sum%11 > 3 {
					return s[:10] + "0"
				}
			}
			return "x"
		}(),
		"day 32":          "32018500000",
		"month 13":        "01138500000",
		"month 53 (H+13)": "01538500000",
		"day 72 (D+32)":   "72018500000",
		"29.02 in 2015":   makeIdentityNumber("290215", "500", 0),
		"ten digits":      ordinary[:10],
		"twelve digits":   ordinary + "0",
		"letters":         "1503851234a",
		"all zeros":       "00000000000",
	}
	for why, n := range invalid {
		if n != "" && IsIdentityNumber(n) {
			t.Errorf("IsIdentityNumber(%s) = true for %s; want false", n, why)
		}
	}
}

func TestContainsIdentityNumber(t *testing.T) {
	t.Parallel()
	n := findIdentityNumber(t, "150385", 100, 0)
	zeroLed := findIdentityNumber(t, "010385", 100, 0) // starts with 0
	yes := []string{
		n,
		" " + n + " ",
		n[:6] + " " + n[6:],
		n[:6] + "-" + n[6:],
		n[:6] + "." + n[6:],
		n[:6] + "\u00a0" + n[6:],
		"fnr: " + n + " (mor)",
		"Familie " + n[:6] + " " + n[6:] + " flyttet",
		zeroLed[1:], // the leading zero lost in a number cell
		"1.50385" + n[6:] + "E+10",
	}
	for _, s := range yes {
		if !ContainsIdentityNumber(s) {
			t.Errorf("ContainsIdentityNumber(%q) = false; want true", s)
		}
	}
	no := []string{
		"", "F001", "3350000", "2016", "45565",
		n + "1",              // 12 digits: part of a longer number
		"9" + n,              // likewise
		n[:6] + "  " + n[6:], // two separators
		n[:5] + " " + n[5:],  // split 5 + 6
		"kr 3 350 000",
		n[:10] + "x",    // ten digits and a letter
		"1234.56.78903", // a bank account number: 12.34 is no date
	}
	for _, s := range no {
		if ContainsIdentityNumber(s) {
			t.Errorf("ContainsIdentityNumber(%q) = true; want false", s)
		}
	}
}

func FuzzContainsIdentityNumber(f *testing.F) {
	f.Add("01010101006")
	f.Add("fnr 010101 01006")
	f.Add("1.0101E+10")
	f.Fuzz(func(t *testing.T, s string) {
		_ = ContainsIdentityNumber(s)
	})
}
