package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/runenames"
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

// identityForm is one way a person may type an identity number.
type identityForm struct {
	name string
	text string
	// inName is false when the form cannot be a file or folder name (a
	// slash or a line break).
	inName bool
}

// identityForms returns every form the guard must recognise, built from
// n, a valid number that starts with 0 so the forms of a lost leading zero
// apply to it.
func identityForms(n string) []identityForm {
	d6, d5 := n[:6], n[6:]
	spaced := strings.Join(strings.Split(n, ""), " ")
	mapDigits := func(zero rune) string {
		return strings.Map(func(r rune) rune { return zero + (r - '0') }, n)
	}
	insert := func(c string) string { return n[:3] + c + n[3:7] + c + n[7:] }
	forms := []identityForm{
		{"plain", n, true},
		{"one space", d6 + " " + d5, true},
		{"two spaces", d6 + "  " + d5, true},
		{"space hyphen space", d6 + " - " + d5, true},
		{"dot", d6 + "." + d5, true},
		{"hyphen", d6 + "-" + d5, true},
		{"en dash", d6 + "\u2013" + d5, true},
		{"spaced em dash", d6 + " \u2014 " + d5, true},
		{"minus sign", d6 + "\u2212" + d5, true},
		{"slash", d6 + "/" + d5, false},
		{"underscore", d6 + "_" + d5, true},
		{"no-break space", d6 + "\u00a0" + d5, true},
		{"thin space", d6 + "\u2009" + d5, true},
		{"narrow no-break space", d6 + "\u202f" + d5, true},
		{"line break", d6 + "\n" + d5, false},
		{"CRLF and tab", d6 + "\r\n\t" + d5, false},
		{"dd.mm.åå nnnnn", n[0:2] + "." + n[2:4] + "." + n[4:6] + " " + d5, true},
		{"dd.mm.åå-nnnnn", n[0:2] + "." + n[2:4] + "." + n[4:6] + "-" + d5, true},
		{"ddmmåå nnn nn", d6 + " " + n[6:9] + " " + n[9:], true},
		{"5 + 6", n[:5] + " " + n[5:], true},
		{"single spaced digits", spaced, true},
		{"full-width digits", mapDigits('\uff10'), true},
		{"Arabic-Indic digits", mapDigits('\u0660'), true},
		{"Devanagari digits", mapDigits('\u0966'), true},
		{"mathematical bold digits", mapDigits('\U0001d7ce'), true},
		{"zero-width space inside", insert("\u200b"), true},
		{"soft hyphen inside", insert("\u00ad"), true},
		{"word joiner inside", insert("\u2060"), true},
		{"byte-order mark inside", insert("\ufeff"), true},
		{"zero-width space beside a space", d6 + "\u200b " + d5, true},
		{"leading zero lost", n[1:], true},
		{"float with leading zero lost", n[1:] + ".0", true},
		{"exponent form", n[1:2] + "." + n[2:] + "E9", true},
		{"exponent form with sign", n[1:2] + "." + n[2:] + "E+09", true},
		{"exponent form with comma", n[1:2] + "," + n[2:] + "E+09", true},
		{"full-width and mixed separators", mapDigits('\uff10')[:18] + " .\u2013 " + mapDigits('\uff10')[18:], true},
	}
	return forms
}

// zeroLedNumber is a valid identity number that starts with 0.
func zeroLedNumber(t testing.TB) string {
	n := findIdentityNumberTB(t, "010190", 500, 0)
	if n[0] != '0' {
		t.Fatal("want a number starting with 0")
	}
	return n
}

func findIdentityNumberTB(t testing.TB, date string, start, rem1 int) string {
	for i := start; i < start+200; i++ {
		if n := makeIdentityNumber(date, fmt.Sprintf("%03d", i%1000), rem1); n != "" {
			return n
		}
	}
	t.Fatalf("no identity number for %s", date)
	return ""
}

// Every form, alone and inside text, is an identity number.
func TestContainsIdentityNumberForms(t *testing.T) {
	t.Parallel()
	n := zeroLedNumber(t)
	for _, f := range identityForms(n) {
		for _, text := range []string{f.text, "fnr: " + f.text + " (mor)", "Hun sa «" + f.text + "», og gikk."} {
			if !ContainsIdentityNumber(text) {
				t.Errorf("%s: ContainsIdentityNumber(%q) = false; want true", f.name, text)
			}
		}
	}
}

// In text a program wrote, a 10-digit number is an amount, not a number
// whose leading zero was lost; every other form is still found.
func TestContainsIdentityNumberInText(t *testing.T) {
	t.Parallel()
	n := zeroLedNumber(t)
	for _, f := range identityForms(n) {
		lostZero := strings.Contains(f.name, "leading zero lost") || strings.HasPrefix(f.name, "exponent")
		if got := ContainsIdentityNumberInText(f.text); got == lostZero {
			t.Errorf("%s: ContainsIdentityNumberInText(%q) = %v", f.name, f.text, got)
		}
	}
	if ContainsIdentityNumberInText("2119320820") {
		t.Error("a 10-digit amount was taken for an identity number")
	}
}

// What must not be taken for an identity number, with the reason.
func TestContainsIdentityNumberNot(t *testing.T) {
	t.Parallel()
	n := zeroLedNumber(t)
	m := findIdentityNumber(t, "150385", 100, 0)
	cases := []struct{ why, text string }{
		{"empty", ""},
		{"a FamilieID", "F001"},
		{"money", "kr 3 350 000"},
		{"two amounts", "3 350 000 4 100 000"},
		{"a date serial", "45565"},
		{"dates with four-digit years", "01.01.2020 – 15.03.2021"},
		{"a list of short dates", "01.01.20 01.02.20 01.03.20"},
		{"12 digits: part of a longer number", m + "1"},
		{"12 digits, digit before", "9" + m},
		{"ten digits and a letter", m[:10] + "x"},
		{"a piece of a longer group", m[:6] + " " + m[6:] + "7"},
		{"a comma is no separator", m[:6] + "," + m[6:]},
		{"bank account number", "1234.56.78903"},
		{"bank account number with spaces", "1234 56 78903"},
		{"valid number written as an account number", m[:4] + "." + m[4:6] + "." + m[6:]},
		{"phone number", "912 34 567"},
		{"phone number with country code", "+47 912 34 567"},
		{"phone number with country code, unbroken", "4791234567"},
		{"a fraction is no whole number", n[1:] + ".5"},
		{"exponent form of another number", "1.5E+10"},
		{"the number with a letter inside", n[:6] + "a" + n[6:]},
		{"invalid UTF-8 inside", n[:6] + "\xff" + n[6:]},
		{"saksnummer and phone", "Saksnummer 2016/1234, tlf. 67 50 40 00"},
		{"valid number grouped as an amount", m[:2] + " " + m[2:5] + " " + m[5:8] + " " + m[8:]},
		{"valid number grouped as an amount with dots", m[:2] + "." + m[2:5] + "." + m[5:8] + "." + m[8:]},
	}
	for _, c := range cases {
		if ContainsIdentityNumber(c.text) {
			t.Errorf("%s: ContainsIdentityNumber(%q) = true; want false", c.why, c.text)
		}
	}
}

// Every range of Unicode decimal digits starts at a digit zero and holds
// whole blocks of ten, which digitValue relies on.
func TestDigitValueRanges(t *testing.T) {
	t.Parallel()
	check := func(lo, hi, stride uint32) {
		if stride != 1 || (hi-lo+1)%10 != 0 {
			t.Errorf("Nd range %U–%U (stride %d) is not whole blocks of ten", lo, hi, stride)
			return
		}
		for r := lo; r <= hi; r += 10 {
			if name := runenames.Name(rune(r)); !strings.Contains(name, "ZERO") {
				t.Errorf("%U (%s) starts a block of digits but is not a zero", r, name)
			}
			for k := uint32(0); k < 10; k++ {
				if v, ok := digitValue(rune(r + k)); !ok || uint32(v) != k {
					t.Errorf("digitValue(%U) = %d, %v; want %d", r+k, v, ok, k)
				}
			}
		}
	}
	for _, r := range unicode.Nd.R16 {
		check(uint32(r.Lo), uint32(r.Hi), uint32(r.Stride))
	}
	for _, r := range unicode.Nd.R32 {
		check(r.Lo, r.Hi, r.Stride)
	}
	for _, r := range "a²½\u2160" {
		if _, ok := digitValue(r); ok {
			t.Errorf("digitValue(%q) is a digit; want not", r)
		}
	}
}

// Each form is refused wherever it stands: in a cell, in a quote, in a
// comment, in a file name and in a folder name; no message repeats it.
func TestReadDirIdentityForms(t *testing.T) {
	n := zeroLedNumber(t)
	contains := func(p Problem, f identityForm) bool {
		all := p.File + p.Sheet + p.Cell + p.Value + p.Message
		return strings.Contains(all, f.text) || strings.Contains(plainDigits(all), n) || strings.Contains(all, n[1:])
	}
	for _, f := range identityForms(n) {
		places := []struct {
			name  string
			write func(t *testing.T, dir string) string // returns the folder to read
		}{
			{"cell", func(t *testing.T, dir string) string {
				s := goodSheets()
				s = append(s, testSheet{"Notater", [][]any{{"Notat"}, {"mor: " + f.text}}})
				writeBook(t, dir, "a.xlsx", s...)
				return dir
			}},
			{"quote", func(t *testing.T, dir string) string {
				s := goodSheets()
				s = append(s, testSheet{SheetQuotes, [][]any{{"Tema", "Sitat", "Hvem"}, {"familier", "Nummeret mitt er " + f.text + ", skrev jeg.", "mor"}}})
				writeBook(t, dir, "a.xlsx", s...)
				return dir
			}},
			{"comment", func(t *testing.T, dir string) string {
				path := writeBook(t, dir, "a.xlsx", goodSheets()...)
				wb, err := excelize.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				defer wb.Close()
				if err := wb.AddComment("Familier", excelize.Comment{Cell: "B3", Author: "NAV", Text: "mor: " + f.text}); err != nil {
					t.Fatal(err)
				}
				if err := wb.Save(); err != nil {
					t.Fatal(err)
				}
				return dir
			}},
			{"file name", func(t *testing.T, dir string) string {
				if !f.inName {
					t.Skip("not a possible file name")
				}
				writeBook(t, dir, "familie "+f.text+".xlsx", goodSheets()...)
				return dir
			}},
			{"folder name", func(t *testing.T, dir string) string {
				if !f.inName {
					t.Skip("not a possible folder name")
				}
				sub := filepath.Join(dir, "data "+f.text)
				if err := os.Mkdir(sub, 0o755); err != nil {
					t.Fatal(err)
				}
				writeBook(t, sub, "a.xlsx", goodSheets()...)
				return sub
			}},
		}
		for _, place := range places {
			t.Run(f.name+"/"+place.name, func(t *testing.T) {
				t.Parallel()
				dir := place.write(t, t.TempDir())
				_, ps, err := ReadDir(dir, ReadOptions{Today: testToday, Workers: 1})
				if place.name == "folder name" {
					var fe *FileError
					if !errors.As(err, &fe) || !strings.Contains(fe.Message, "fødselsnummer") {
						t.Fatalf("err = %v; want the folder refused", err)
					}
					if contains(Problem{File: fe.Path, Message: fe.Message}, f) {
						t.Errorf("the message repeats the number: %+v", fe)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, p := range ps {
					if p.Kind == KindIdentityNumber && p.Severity == Error {
						found = true
					}
					if contains(p, f) {
						t.Errorf("a problem repeats the number: %+v", p)
					}
				}
				if !found {
					t.Errorf("no identity-number problem; got:\n%s", dump(ps))
				}
			})
		}
	}
}

func FuzzContainsIdentityNumber(f *testing.F) {
	f.Add("01010101006")
	f.Add("fnr 010101 01006")
	f.Add("1.0101E+10")
	f.Add("01.01.01 010\u200b06")
	f.Add("\uff10\uff11 1234.56.78903")
	f.Fuzz(func(t *testing.T, s string) {
		got := ContainsIdentityNumber(s)
		// Invisible characters change nothing, and neither does the fast
		// path: the full scan gives the same answer.
		if full := scanIdentity(s, true); got != full && len(s) >= 10 {
			t.Errorf("ContainsIdentityNumber(%q) = %v, full scan %v", s, got, full)
		}
		if got && !ContainsIdentityNumber("x "+s+" x") {
			t.Errorf("%q is found alone but not between words", s)
		}
	})
}

var benchCells = []string{"F001", "2", "2016-06-15", "3350000", "bor i boligen", "Vi har fått et trygt hjem, og barna har fått venner i nabolaget.", "45565", "kr 3 350 000", "1234.56.78903", "Ærlig talt, det var tøft før vi fikk boligen."}

func BenchmarkContainsIdentityNumber(b *testing.B) {
	for b.Loop() {
		for _, c := range benchCells {
			ContainsIdentityNumber(c)
		}
	}
}
