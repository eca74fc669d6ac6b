package data

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// plainCases are number and date cells in the forms the fast paths read,
// and just beside them.
var plainCases = []string{
	"0", "5", "-5", "-0", "007", "3400000", "89.5", "0.5", "0.05", "-0.25", "12500", "1.685", "0.685", "10.685", "1685.5",
	"1.6850", "999.999", "-1.685", "-01.685", "1.5E-2", "1e3", "+5", "5.", ".5", "-", "", " 5", "5 ", "1.2.3", "1,5",
	"123456789012345678", "1234567890123456789", "12345678.9012345678", "1000000000", "999999999", "-999999999",
	"44281", "44281.5", "44281.", "44281.x", "2958465", "2958466", "99999", "999999", "00000", "000001", "10000",
	"2017", "2017.0", "60", "61", "4428", "442810", "4428100", "30.09.2024", "2024-09-30", "45565.000011574",
}

// randomPlain makes a text near the plain forms: digits, a point or two, a
// minus, a stray character.
func randomPlain(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(12); n >= 0; n-- {
		switch k := r.IntN(20); {
		case k < 15:
			b.WriteByte(byte('0' + r.IntN(10)))
		case k < 17:
			b.WriteByte('.')
		case k < 18:
			b.WriteByte('-')
		default:
			b.WriteByte(" ,eE+x"[r.IntN(6)])
		}
	}
	return b.String()
}

// plainInputs are the cases and random texts near them.
func plainInputs() []string {
	r := rand.New(rand.NewPCG(1, 2))
	out := append([]string(nil), plainCases...)
	for range 200_000 {
		out = append(out, randomPlain(r))
	}
	return out
}

// checkPlainNumber compares the number fast paths with the general rules
// on one text: where a fast path reads it, the general rules read the same
// value with the same exponent (so it prints alike).
func checkPlainNumber(t *testing.T, s string) {
	t.Helper()
	if d, ok := plainNumber(s); ok {
		for name, general := range map[string]func(string) (string, error){
			"ParseNumber": func(s string) (string, error) {
				g, err := parseNumberGeneral(s)
				return same(g.String(), g.Exponent()), err
			},
			"ParseMoney": func(s string) (string, error) {
				g, err := parseMoneyGeneral(s)
				return same(g.String(), g.Exponent()), err
			},
		} {
			want, err := general(s)
			if got := same(d.String(), d.Exponent()); err != nil || got != want {
				t.Fatalf("%s(%q): fast %s, general %s (%v)", name, s, got, want, err)
			}
		}
	}
	if n, ok := plainInt(s); ok {
		want, err := parseIntGeneral(s)
		if err != nil || n != want {
			t.Fatalf("ParseInt(%q): fast %d, general %d (%v)", s, n, want, err)
		}
	}
}

func same(s string, exp int32) string { return fmt.Sprintf("%s e%d", s, exp) }

// checkPlainSerial compares the date fast path with the general rules.
func checkPlainSerial(t *testing.T, s string, date1904 bool) {
	t.Helper()
	n, ok := plainSerial(s)
	if !ok {
		return
	}
	if typedForm(s) { // rowCtx.date takes a serial number as no typed form
		t.Fatalf("typedForm(%q) for a serial number", s)
	}
	got, gerr := serialDay(n, date1904)
	want, werr := parseDateGeneral(s, date1904)
	if got != want || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Fatalf("ParseDate(%q, %v): fast %v (%v), general %v (%v)", s, date1904, got, gerr, want, werr)
	}
}

func TestPlainNumberMatchesGeneral(t *testing.T) {
	read := 0
	for _, s := range plainInputs() {
		checkPlainNumber(t, s)
		if _, ok := plainNumber(s); ok {
			read++
		}
	}
	if read < 10_000 {
		t.Errorf("the fast path read only %d of the texts", read)
	}
}

func TestPlainSerialMatchesGeneral(t *testing.T) {
	for _, s := range plainInputs() {
		checkPlainSerial(t, s, false)
		checkPlainSerial(t, s, true)
	}
	for _, s := range []string{"44281", "44281.5", "10000", "999999"} {
		if _, ok := plainSerial(s); !ok {
			t.Errorf("plainSerial(%q) is left to the general rules", s)
		}
	}
}

func FuzzPlainNumber(f *testing.F) {
	for _, s := range plainCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkPlainNumber(t, s) })
}

func FuzzPlainSerial(f *testing.F) {
	for _, s := range plainCases {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, date1904 bool) { checkPlainSerial(t, s, date1904) })
}

// The quick answers of isTotalLabel agree with comparing every word, on
// the words in every case, with characters that fold to ASCII, and on
// random texts near them.
func TestTotalLabelFastReject(t *testing.T) {
	inputs := []string{"G000123", "gr", "Grand total", "ſum", "Sſm", "SUM", "sUm 2016", "i alt", "Ialt:", "DELSUM", "tOTALT ", "Kelvin", "\u212aalt"}
	for _, w := range append(append([]string(nil), totalWords...), totalPrefixes...) {
		inputs = append(inputs, w, strings.ToUpper(w), w+"x", w+" 2016", strings.ReplaceAll(w, "s", "ſ"), strings.ReplaceAll(w, "k", "\u212a"))
	}
	r := rand.New(rand.NewPCG(3, 4))
	letters := []string{"s", "S", "u", "U", "m", "t", "o", "a", "l", "i", " ", ":", "ſ", "\u212a", "G", "0", "d", "e", "g", "r"}
	inputs = append(inputs, randomTexts(r, letters, 10, 200_000)...)
	for _, s := range inputs {
		want := false
		if t := strings.TrimSpace(s); t != "" && len(t) <= 40 && strings.ContainsRune("sStTiIdDgG", rune(t[0])) {
			want = isTotalWord(t)
		}
		if got := isTotalLabel(s); got != want {
			t.Fatalf("isTotalLabel(%q) = %v, comparing every word %v", s, got, want)
		}
	}
}

// randomTexts makes n texts of one to most pieces each, drawn from pieces.
func randomTexts(r *rand.Rand, pieces []string, most, n int) []string {
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := r.IntN(most); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}

// foldText gives what lower-casing and folding the spaces gives.
func TestFoldText(t *testing.T) {
	inputs := []string{"", " ", "bor i boligen", "Bor i boligen", "bor  i boligen", " bor", "bor ", "to\tforeldre", "5+", "æøå", "ÆØÅ", "a\u00a0b", "x\x7fy", "K\u212a"}
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "B", " ", "  ", "\t", "\n", "\v", "\u00a0", "\u2009", "ø", "Ø", "\u212a", "1", "+", "\x00", "\x7f"}
	inputs = append(inputs, randomTexts(r, pieces, 8, 100_000)...)
	for _, s := range inputs {
		if got, want := foldText(s), strings.Join(strings.Fields(strings.ToLower(s)), " "); got != want {
			t.Fatalf("foldText(%q) = %q, want %q", s, got, want)
		}
	}
}

// moreRows estimates the rows left from the bytes read so far, and a part
// whose declared size is far beyond its zipped bytes reserves little.
func TestMoreRows(t *testing.T) {
	cases := []struct {
		n                    int
		offset, size, zipped int64
		want                 int
	}{
		{1024, 290_000, 27_800_000, 4_100_000, 97_138},
		{1024, 290_000, 290_000, 40_000, 0},          // read to the end already
		{1024, 0, 27_800_000, 4_100_000, 0},          // nothing read
		{1024, 290_000, 1 << 30, 1_000_000, 248_976}, // a declared size beyond belief: capped by the zipped bytes
		{1024, 100, 1 << 30, 1 << 30, 1<<20 - 1024},  // never beyond the last row
	}
	for _, c := range cases {
		if got := moreRows(c.n, c.offset, c.size, c.zipped); got != c.want {
			t.Errorf("moreRows(%d, %d, %d, %d) = %d, want %d", c.n, c.offset, c.size, c.zipped, got, c.want)
		}
	}
}

// matchAllowed takes a value typed exactly as an allowed one without
// folding it; that gives what folding gives only when each allowed value
// folds to its own lower case and no two of a list fold alike.
func TestAllowedValuesFoldToThemselves(t *testing.T) {
	lists := [][]string{SurveyChoices}
	for _, sheet := range append(Contract(), experienceSheets()...) {
		for _, c := range sheet.Columns {
			lists = append(lists, c.Allowed)
		}
	}
	for _, allowed := range lists {
		seen := map[string]bool{}
		for _, a := range allowed {
			if foldText(a) != strings.ToLower(a) {
				t.Errorf("the allowed value %q folds to %q, not %q", a, foldText(a), strings.ToLower(a))
			}
			if seen[foldText(a)] {
				t.Errorf("two allowed values of %v fold to %q", allowed, foldText(a))
			}
			seen[foldText(a)] = true
			if got, ok := matchAllowed(allowed, a); !ok || got != a {
				t.Errorf("matchAllowed(%v, %q) = %q, %v", allowed, a, got, ok)
			}
		}
	}
}

func checkTrimCell(t *testing.T, s string) {
	t.Helper()
	if got, want := trimCell(s), strings.TrimSpace(s); got != want {
		t.Fatalf("trimCell(%q) = %q, strings.TrimSpace gives %q", s, got, want)
	}
}

func TestTrimCellMatchesTrimSpace(t *testing.T) {
	pieces := []string{"a", "G000001", " ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u2009", "\u3000", "ø", "\x7f", "\x00", "1", "\xff", "\xc2"}
	r := rand.New(rand.NewPCG(17, 18))
	inputs := append([]string{""}, pieces...)
	for range 100_000 {
		var b strings.Builder
		for n := r.IntN(5); n >= 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		checkTrimCell(t, s)
	}
}

func FuzzTrimCell(f *testing.F) {
	for _, s := range []string{"", " a", "a ", "G000001", "\u00a0x", "x\u3000"} {
		f.Add(s)
	}
	f.Fuzz(checkTrimCell)
}
